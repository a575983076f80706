"""Commands by mail: the service's mailbox read, each mail judged (robots, loops, forged senders,
its size), its command understood in the person's language, acted on, and answered once,
within the reply limits.

May import: bot.core, bot.ports and the rest of bot.mail. Storage only as bot.ports'
MailStorage; the SMTP sender only as bot.ports' Sender.
"""
