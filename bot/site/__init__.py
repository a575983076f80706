"""The public status site and the feeds of events: who reads Blockwatch without subscribing
(journalists, researchers, other bots). Pages rendered on the server with no script, in the
visitor's language; Atom and JSON Feed 1.1. Rendering is pure (data in, a string out; pages.py,
feeds.py); the aiohttp routes (routes.py) read the store and answer, and bot/service/web.py
mounts them beside /unsubscribe with `add_site`.

May import: bot.telegram's pure parts (the board, wording, catalogues: never aiogram), bot.mail's
mirrors, bot.ports, bot.core. Not bot.pipeline or bot.moderation (siblings), nor anything above.
"""
