"""Telegram: alerts out through the Bot API, and what subscribers see there. The sender (aiogram)
and its pacing under flood limits, rendering of alerts, digests and status boards, inline
keyboards and callback data, an article as chat messages ("Read here"), the command menu,
time zones, and the bot's languages
(bot/locales/ via i18n.py). The subscriber conversation is the subpackage chat/.

May import: bot.core, bot.detect, bot.ports. Never bot.mail (mail and Telegram are independent
siblings), nor bot.delivery or bot.feeds, nor anything above. aiogram is imported only by the
modules that need it: catalogues, wording and rendering work without it.
"""
