"""What the tests and the benchmarks share: real servers on loopback and the helpers around them.

Imported as `tests.support.<module>` from the repository root (pytest; `python -m bench.x`),
never through sys.path (ruff's TID251 refuses it). It may import bot/ and storage/, and nothing
of tests/ outside this package.

Servers: `feedserver` (feeds over HTTP with ETag/Last-Modified and misbehaviour), `botapi` (a
Bot API stand-in for aiogram's real client; `floodlimits`, `tgjson` behind it), `smtpserver`
(aiosmtpd), `imapserver` (a dovecot of its own). Around them: `command` (the `blockwatch`
command in a child process), `feedbuilder` (RSS and feeds.toml), `chatter` and `modkit` (a
subscriber and moderators talking to the bot), `mailchat` (a person writing by mail),
`manualclock` (NOW and a clock that stands still), `reports` (event reports to render, and
what Telegram makes of HTML), `loopback` (the hosts a Fetcher may reach here), `paths` (the
repository and ../shared), `schema` (sqlite_master, for current.sql).
"""
