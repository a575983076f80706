"""The test suite's one allowance: its servers listen on loopback, which a Fetcher refuses unless
told otherwise (bot/feeds/hosts.py). Every test that fetches passes it explicitly: as
`allowed=LOOPBACK` to a Fetcher, `allow_hosts=LOOPBACK` to Settings, or LOOPBACK_HOSTS as
BLOCKWATCH_ALLOW_HOSTS to a child process.
"""

from __future__ import annotations

from bot.feeds.hosts import AllowedHosts

LOOPBACK_HOSTS = "127.0.0.0/8, ::1"
LOOPBACK = AllowedHosts.parse(LOOPBACK_HOSTS)
