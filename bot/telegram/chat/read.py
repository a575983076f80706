"""The alert's "Read here" button: the first report's text, sent into the chat.

Its callback data names a stored feed item (bot/telegram/article.ReadPress); only an item that
is a source of one of our events is answered (storage: source_entry), so the button cannot be
made to fetch anything else. The whole text goes only for feeds marked full_text (the outlet's
terms); otherwise, or when the page cannot be fetched, its opening sentences and the link. Logs
name the item, never the chat.
"""

from __future__ import annotations

import html
import logging

from aiogram.enums import ParseMode
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, LinkPreviewOptions, Message

from bot.core.errors import FetchError
from bot.ports import ArticleReader, ArticleStorage
from bot.telegram.article import READ_PREFIX, article_messages, opening_messages
from bot.telegram.catalogues import translate
from bot.telegram.i18n import current_language

__all__ = ["ReadPress", "on_read"]

log = logging.getLogger(__name__)


class ReadPress(CallbackData, prefix=READ_PREFIX):
    """ "Read here" on an alert: the stored feed item (entries.id) of its first source
    (bot/telegram/article.read_data makes the same data for the renderer)."""

    entry: int


async def on_read(
    query: CallbackQuery,
    callback_data: ReadPress,
    store: ArticleStorage,
    articles: ArticleReader | None = None,
) -> None:
    await query.answer()
    message = query.message
    if not isinstance(message, Message):
        return
    language = current_language()
    asked = await store.source_entry(callback_data.entry)
    if asked is None:
        texts = opening_messages_gone(language)
    elif not asked.full_text:
        log.info("read here: item %d, opening only (terms)", asked.entry_id)
        texts = opening_messages(asked, language, "terms")
    elif asked.link is None or articles is None:
        texts = opening_messages(asked, language, "unavailable")
    else:
        try:
            article = await articles.article(asked.link)
        except FetchError as exc:
            log.info("read here: item %d, opening only: %s", asked.entry_id, exc.reason)
            texts = opening_messages(asked, language, "unavailable")
        else:
            log.info("read here: item %d, the whole text", asked.entry_id)
            texts = article_messages(article, asked, language)
    for text in texts:
        await message.answer(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )


def opening_messages_gone(language: str) -> list[str]:
    """An item no longer kept (pruned after the retention period), or never ours."""
    return [html.escape(translate(language, "That report is no longer kept."))]
