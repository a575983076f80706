"""The detector the sentence tests share (loaded once per run) and what they ask of it."""

from __future__ import annotations

from bot.core.models import ItemText
from bot.detect import Detector

DETECTOR = Detector.load()
Triple = tuple[str, str, str]  # (country, service, action)


def found(summary: str, lang: str) -> set[Triple]:
    """The (country, service, action) alerts of an item with no title and this summary."""
    item = ItemText("t", "", summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}
