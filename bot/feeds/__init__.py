"""Feeds: getting news in. Fetching (aiohttp, conditional GET, the public-address guard), parsing
(feedparser) to plain text, feeds.toml and OPML, discovery and the /addfeed preview, the feed
desk through which every registry change goes, the scheduler's feed jobs, the daily health
watch and the prune of stored entries; the articles readers ask for (trafilatura's extraction,
fetched through the same guarded fetcher, cached by URL).

May import: bot.core, bot.detect, bot.ports (storage through its protocols). Not bot.mail,
bot.telegram or bot.delivery, its siblings, nor anything above.
"""
