"""Packing HTML pieces into as few Telegram messages as the limits allow. Pure.

Telegram refuses a message over 4096 UTF-16 units of visible text (counted after HTML parsing)
and ignores formatting entities beyond 100. Long answers (a /status of many services, a digest)
are built from sections of whole lines, split only between lines: a country's board that runs
over continues in the next message under its header again, so no message starts mid-list
without saying which country it is.

Lengths add up piece by piece: every piece is balanced HTML of our own making, all data escaped,
so no tag or entity spans two pieces.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

TELEGRAM_LIMIT = 4096  # UTF-16 code units of the text left after HTML parsing
MAX_ENTITIES = 100  # Telegram's cap on formatting entities (bold, links) in one message
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Section:
    """Lines that belong together (a country's board), under an optional header."""

    lines: tuple[str, ...]
    header: str = ""  # first line; repeated atop each further message the section runs into


def telegram_length(html_text: str) -> int:
    """Visible length of our own HTML as Telegram counts it (tags dropped, entities decoded).

    Valid only for HTML built here: all data is escaped, so every < starts a tag of ours.
    """
    return len(html.unescape(_TAG.sub("", html_text)).encode("utf-16-le")) // 2


def entities(html_text: str) -> int:
    """Formatting entities in our HTML: each is one <b>…</b> or <a …>…</a>, so count closings."""
    return html_text.count("</")


@dataclass(slots=True)
class _Message:
    pieces: list[str]
    length: int = 0
    entities: int = 0

    def fits(self, piece: str, separator: str) -> bool:
        joint = telegram_length(separator) if self.pieces else 0
        return (
            self.length + joint + telegram_length(piece) <= TELEGRAM_LIMIT
            and self.entities + entities(piece) <= MAX_ENTITIES
        )

    def add(self, piece: str, separator: str) -> None:
        if self.pieces:
            self.pieces.append(separator)
            self.length += telegram_length(separator)
        self.pieces.append(piece)
        self.length += telegram_length(piece)
        self.entities += entities(piece)

    def text(self) -> str:
        return "".join(self.pieces)

    @classmethod
    def under(cls, header: str) -> _Message:
        """A new message, starting with `header` when there is one."""
        message = cls([])
        if header:
            message.add(header, "")
        return message


def pack(sections: Sequence[Section], separator: str = "\n\n") -> list[str]:
    """The sections as message texts in order, each within Telegram's limits.

    A section that fits in the current message joins it; one that fits in a message of its own
    starts the next; only a section larger than a whole message is split, between its lines.
    A single line over the limit would be refused by Telegram: our lines are bounded far below.
    """
    messages = [_Message([])]
    for section in sections:
        whole = "\n".join([section.header, *section.lines] if section.header else section.lines)
        if messages[-1].fits(whole, separator):
            messages[-1].add(whole, separator)
            continue
        if messages[-1].pieces:
            messages.append(_Message([]))
        if messages[-1].fits(whole, separator):
            messages[-1].add(whole, separator)
            continue
        _split(section, messages)
    return [message.text() for message in messages if message.pieces]


def _split(section: Section, messages: list[_Message]) -> None:
    """A section too long for one message, line by line; its header atop every part."""
    lines = [section.header, *section.lines] if section.header else list(section.lines)
    for line in lines:
        if not messages[-1].fits(line, "\n"):
            messages.append(_Message.under(section.header))
        messages[-1].add(line, "\n")
