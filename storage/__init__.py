"""Persistence: the storage protocols (protocol.py, feed_protocol.py, moderation_protocol.py) and
two implementations of them sharing one set of queries (store.py, mixed from one module per
concern: entries, outbox, subscribers, mail, feeds, held events, moderation, retention):
SQLiteStorage (sqlite.py, aiosqlite) and PostgresStorage (postgres.py, psycopg 3; pg_sql.py
rewrites SQLite's spellings, pg_connection.py is the pool). open.py picks one from
BLOCKWATCH_DB. Numbered migrations in schema/, applied through PRAGMA user_version on SQLite
(migrate.py) and a version table on PostgreSQL (pg_migrate.py). One running instance per SQLite
database (instance.py); several share a PostgreSQL database (shared.py). copy.py moves a SQLite
database into PostgreSQL.

May import: bot.core only (the records it stores and returns are bot/core's), the standard
library, aiosqlite and psycopg. Code elsewhere meets storage through bot.ports.
"""
