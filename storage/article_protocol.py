"""What full articles by mail need of storage (storage/articles.py): the numbered sources of
the mails we sent, and the cache of extracted articles (bot/feeds/articles.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.core.article import Article, AskedSource


class ArticleStorage(Protocol):
    async def cached_article(self, url: str) -> Article | None: ...

    async def source_entry(self, entry_id: int) -> AskedSource | None:
        """The stored feed item `entry_id` as a source (number 1), if it is a source of one of
        our events; None otherwise: nothing else may be asked for."""
        ...

    async def save_article(self, article: Article) -> None:
        """Store or replace the cached article of `article.url`."""
        ...


class MailSourceStorage(Protocol):
    async def record_mail_sources(
        self,
        subscriber_id: int,
        message_id: str,
        entry_ids: Sequence[int | None],
        now: datetime,
    ) -> None:
        """The mail `message_id` numbered these entries 1, 2, ... (None: a source not stored,
        which keeps its number but cannot be asked for); drop this subscriber's numbers older
        than MAIL_SOURCES_KEPT."""
        ...

    async def mail_sources(
        self, subscriber_id: int, message_ids: Sequence[str]
    ) -> tuple[str, tuple[AskedSource, ...]] | None:
        """The numbered sources of the first of `message_ids` that we sent this subscriber,
        with its Message-ID; with no ids, of the latest such mail. None: no such mail."""
        ...
