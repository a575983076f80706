"""The status site's fixtures: a real store holding a few public events (and one held for a
moderator, which must never show), and the service's real aiohttp app on a test server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.core.models import Action, Alert, Entry, Evidence
from bot.core.records import NewEntry, Placement
from bot.site.routes import add_site
from storage.sqlite import SQLiteStorage
from tests.support.manualclock import NOW, ManualClock

Client = TestClient[web.Request, web.Application]
PUBLIC_URL = "https://blockwatch.example"


@dataclass(frozen=True, slots=True)
class Seeded:
    imo: int  # TM: IMO blocked, three reports in three languages, two on blocked sites
    whatsapp: int  # TM: WhatsApp throttled
    telegram: int  # RU: Telegram unblocked (restored: on the board, not "blocked now")
    held: int  # KZ: a block held for a moderator: nowhere on the site


def entry(key: str, title: str, link: str, language: str, when: datetime, source: str) -> Entry:
    return Entry(
        feed_url=f"https://{source.lower()}.test/feed",
        key=key,
        title=title,
        summary=f"{title}. The second sentence of the report.",
        link=link,
        published=when,
        language=language,
        source=source,
    )


def alert(country: str, service: str, action: Action) -> Alert:
    return Alert(country, service, action, Evidence("evidence", (country,)))


async def seed(store: SQLiteStorage) -> Seeded:
    day = NOW - timedelta(days=2)
    imo = alert("TM", "imo", "block")
    first = await store.record_entries(
        [
            NewEntry(
                entry(
                    "1",
                    "IMO petiklendi",
                    "https://www.azathabar.com/a/imo.html",
                    "tk",
                    day,
                    "Azatlyk",
                ),
                (Placement(imo, None),),
            )
        ],
        now=day,
    )
    imo_id = first.new_events[0].id
    for key, title, link, language, source in (
        (
            "2",
            "В Туркменистане заблокировали IMO",
            "https://www.rferl.org/a/imo/1.html",
            "ru",
            "Радио Свобода",
        ),
        (
            "3",
            'Turkmenistan blocks IMO, "the last messenger" & more',
            "https://example.org/imo?a=1&b=2",
            "en",
            "Example",
        ),
    ):
        later = day + timedelta(hours=int(key))
        await store.record_entries(
            [NewEntry(entry(key, title, link, language, later, source), (Placement(imo, imo_id),))],
            now=later,
        )
    ids = []
    for key, country, service, action, title, review in (
        ("4", "TM", "whatsapp", "throttle", "WhatsApp calls slowed to a crawl", ()),
        ("5", "RU", "telegram", "unblock", "Roskomnadzor lifts its Telegram ban", ()),
        ("6", "KZ", "youtube", "block", "YouTube down in Kazakhstan?", ("one source only",)),
    ):
        made = await store.record_entries(
            [
                NewEntry(
                    entry(key, title, f"https://news.test/{key}", "en", day, "Newswire"),
                    (Placement(alert(country, service, action), None, review),),  # type: ignore[arg-type]
                )
            ],
            now=day,
        )
        ids.append(made.new_events[0].id)
    return Seeded(imo_id, *ids)


@pytest.fixture
async def seeded(store: SQLiteStorage) -> Seeded:
    return await seed(store)


def site_app(store: SQLiteStorage) -> web.Application:
    """The site alone on an app, its clock standing at NOW (bot/service/web.py mounts it the
    same way; tests/site/test_routes.py checks that it does)."""
    app = web.Application()
    add_site(app, store, public_url=PUBLIC_URL, clock=ManualClock(NOW))
    return app


@pytest.fixture
async def client(store: SQLiteStorage, seeded: Seeded) -> AsyncIterator[Client]:
    async with TestClient(TestServer(site_app(store))) as made:
        yield made
