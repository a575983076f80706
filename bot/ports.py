"""The ports: the protocols the layers meet at, each defined once. Code names these, not the
adapters that implement them (`SQLiteStorage`, `TelegramSender`, the aiohttp `Fetcher`): only
the composition root (bot/app.py) and the CLI's wiring (bot/cli/) pick the implementations.

    Clock, utc_now       the time, as a parameter (tests pass a manual clock)
    Fetcher              one conditional GET of a feed (bot/feeds/fetch.py)
    Sender, BatchSender  a delivery channel's adapter (bot/telegram/sender.py, bot/mail/smtp.py)
    Renderer, DigestRenderer, DeliveryChannel   how a channel renders a story, a digest
    Notify               one HTML message to every moderator (bot/moderation/feeds/alarm.py)
    FigureLookup         OONI's figure of a (country, service), without I/O (bot/ooni/book.py)
    OoniAnswers          OONI's answers, cached in the database (storage/ooni_answers.py)
    Storage, MailStorage, FeedRegistryStorage, ModerationStorage, OpsStorage   the database

Imports bot.core and storage's protocols only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from bot.core.article import Article
from bot.core.models import (
    Channel,
    FeedState,
    FetchResult,
    OutgoingMessage,
    Subscriber,
)
from bot.core.ooni import Bucket, OoniFigure
from bot.core.story import Story
from storage.article_protocol import ArticleStorage
from storage.feed_protocol import FeedRegistryStorage
from storage.moderation_protocol import ModerationStorage
from storage.ops_protocol import OpsStorage
from storage.protocol import MailStorage, Storage

__all__ = [
    "ArticleReader",
    "ArticleStorage",
    "BatchSender",
    "Clock",
    "DeliveryChannel",
    "DigestRenderer",
    "FeedRegistryStorage",
    "Fetcher",
    "FigureLookup",
    "MailStorage",
    "ModerationStorage",
    "Notify",
    "OoniAnswers",
    "OpsStorage",
    "Renderer",
    "Sender",
    "Storage",
    "utc_now",
]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The production clock: aware UTC."""
    return datetime.now(UTC)


class Fetcher(Protocol):
    """Polls feeds over HTTP; failures raise FetchError (bot/core/errors.py)."""

    async def fetch(self, url: str, state: FeedState | None = None) -> FetchResult:
        """One conditional GET of `url`, with the validators `state` remembers."""
        ...

    async def close(self) -> None: ...


class ArticleReader(Protocol):
    """An article by its page's URL (bot/feeds/articles.ArticleDesk): cached, or fetched through
    the feeds' guarded Fetcher; FetchError when there is none to give."""

    async def article(self, url: str) -> Article: ...


class BatchSender(Protocol):
    async def send(self, address: str, message: OutgoingMessage) -> None:
        """Return once the server accepted the message; raise a DeliveryError otherwise."""
        ...


class Sender(Protocol):
    """A channel adapter (Telegram, email): `batch()` holds one connection for many sends."""

    @property
    def channel(self) -> Channel: ...

    @property
    def connections(self) -> int:
        """Batches a delivery run holds open at once (bot/delivery/lanes.py); Telegram: 1."""
        ...

    def batch(self) -> AbstractAsyncContextManager[BatchSender]: ...


# One story (one event or several told together, bot/core/story.py) as one message.
Renderer = Callable[[Story, Subscriber], OutgoingMessage]
# Each part of a digest with the ids of the events it carries; every event in exactly one part,
# a story's events in the same part.
DigestRenderer = Callable[[Sequence[Story], Subscriber], list[tuple[OutgoingMessage, list[int]]]]

Notify = Callable[[str], Awaitable[None]]  # one HTML message to every moderator

# OONI's latest figure of (country, service), None when there is none; never does I/O, so
# nothing that sends waits for OONI (bot/ooni/book.py keeps them, a job refreshes them).
FigureLookup = Callable[[str, str], OoniFigure | None]


class OoniAnswers(Protocol):
    """OONI's answers kept across restarts, per (country, test, domains, UTC day)."""

    async def ooni_answer(
        self, country: str, test_name: str, domains: str, day: date | None = None
    ) -> tuple[datetime, list[Bucket]] | None:
        """(fetched_at, buckets) of the answer asked on `day` (None: the newest)."""
        ...

    async def save_ooni_answer(
        self,
        country: str,
        test_name: str,
        domains: str,
        fetched_at: datetime,
        buckets: list[Bucket],
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class DeliveryChannel:
    """A configured delivery channel: its adapter and how it renders a story, and a digest.

    Without `render_digest`, daily and weekly subscribers get each story as its own message.
    """

    sender: Sender
    render: Renderer
    render_digest: DigestRenderer | None = None
