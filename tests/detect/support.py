"""The detector the sentence tests share (loaded once per run), what they ask of it, and a
tiny vocabulary directory for the tests that load their own."""

from __future__ import annotations

from pathlib import Path

from bot.core.models import ItemText
from bot.detect import Detector

DETECTOR = Detector.load()
Triple = tuple[str, str, str]  # (country, service, action)


def found(summary: str, lang: str) -> set[Triple]:
    """The (country, service, action) alerts of an item with no title and this summary."""
    item = ItemText("t", "", summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}


def tiny_vocabulary(directory: Path, services: str, english: str) -> Path:
    """A vocabulary directory of its own: `services` as services.toml, `english` as
    lang/en.toml, Turkmenistan as the one country, no boilerplate."""
    (directory / "services.toml").write_text(services, "utf-8")
    (directory / "countries.toml").write_text('[countries.TM]\nnames = ["turkmen*"]\n', "utf-8")
    (directory / "boilerplate.toml").write_text("", "utf-8")
    (directory / "lang").mkdir()
    (directory / "lang" / "en.toml").write_text(english, "utf-8")
    return directory
