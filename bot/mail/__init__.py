"""Email: alerts out by SMTP and commands in by IMAP, for people on slow links. Settings
(SMTP_URL, IMAP_URL), TLS for SMTP (tls.py: the CA file, the pinned certificate), the MIME
message we write, format=flowed text, rendering of alerts and
digests, links, headers and signed unsubscribe tokens, blocked sites and their mirrors, email's
own words per language, the one-click unsubscribe routes, an article as a light mail (ARTICLE),
and the commands by mail as the subpackage inbox/.

May import: bot.core, bot.detect, bot.ports. Never bot.telegram (independent siblings), nor
bot.delivery or bot.feeds, nor anything above.
"""
