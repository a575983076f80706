"""Persistence: the storage protocols (protocol.py, feed_protocol.py, moderation_protocol.py) and
their SQLite implementation, SQLiteStorage (sqlite.py), mixed from one module per concern
(entries, outbox, subscribers, mail, feeds, held events, moderation, retention). Numbered
migrations in schema/, applied through PRAGMA user_version (migrate.py); one running instance
per database (instance.py).

May import: bot.core only (the records it stores and returns are bot/core's), the standard
library and aiosqlite. Code elsewhere meets storage through bot.ports.
"""
