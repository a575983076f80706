"""The subscriber's conversation with the bot: commands (/start, /status, /latest, /stop...),
the buttons of the settings pages and what each does, channels managed from a private chat,
and the views that change nothing.

May import: bot.core, bot.ports and the rest of bot.telegram. Storage only as bot.ports'
Storage, which handlers get as aiogram workflow data (`store`).
"""
