"""The detector the sentence tests share (loaded once per run), what they ask of it (alerts
as the language tables write them, and the shape every table must have), and a tiny
vocabulary directory for the tests that load their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.text import key

DETECTOR = Detector.load()
Triple = tuple[str, str, str]  # (country, service, action)


def found(summary: str, lang: str) -> set[Triple]:
    """The (country, service, action) alerts of an item with no title and this summary."""
    item = ItemText("t", "", summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}


def alerts(lang: str, text: str) -> str:
    """The alerts of a "title || body" text, written as the language tables write them:
    "COUNTRY service action" (" partial" for a regional one), "; " between several."""
    title, _, body = text.rpartition(" || ")
    item = ItemText(id=lang, title=title, summary=body, language=lang)
    return "; ".join(
        sorted(
            f"{a.country} {a.service} {a.action}" + (" partial" if a.scope == "partial" else "")
            for a in DETECTOR.detect(item)
        )
    )


def assert_sentence(lang: str, text: str, expected: str) -> None:
    """A language table's row: the text gives the expected alerts, and a silent one is
    silent for a cue's sake, not for want of the action word (the file knows one)."""
    assert alerts(lang, text) == expected
    if not expected:
        assert DETECTOR.vocab.languages[lang].actions.find(key(text))


def assert_table_shape(cases: list[tuple[str, str]]) -> None:
    """A language's table holds what every table must: at least eight sentences, five that
    alert (a regional shutdown and a list of two among them) and five that must not."""
    expected = [alert for _, alert in cases]
    assert len(expected) >= 8
    assert sum(1 for alert in expected if alert) >= 5
    assert sum(1 for alert in expected if not alert) >= 5
    assert any("partial" in alert for alert in expected)  # a regional shutdown
    assert any(";" in alert for alert in expected)  # a list of two services


def language_table_tests(
    cases: dict[str, list[tuple[str, str]]],
) -> tuple[Callable[..., None], Callable[..., None], Callable[..., None]]:
    """The three tests a language table module declares for pytest, over its `cases` (language
    → rows): each row as `assert_sentence` reads it, each language's table shape, and each
    language's own vocabulary file. Assign them to module names that start with "test_"."""
    flat = [(lang, text, expected) for lang, rows in cases.items() for text, expected in rows]

    @pytest.mark.parametrize(
        ("lang", "text", "expected"), flat, ids=[f"{lang}-{text[:30]}" for lang, text, _ in flat]
    )
    def sentence(lang: str, text: str, expected: str) -> None:
        assert_sentence(lang, text, expected)

    @pytest.mark.parametrize("lang", sorted(cases))
    def shape(lang: str) -> None:
        assert_table_shape(cases[lang])

    @pytest.mark.parametrize("lang", sorted(cases))
    def own_file(lang: str) -> None:
        assert lang in DETECTOR.vocab.languages

    return sentence, shape, own_file


def tiny_vocabulary(directory: Path, services: str, english: str) -> Path:
    """A vocabulary directory of its own: `services` as services.toml, `english` as
    lang/en.toml, Turkmenistan as the one country, no boilerplate."""
    (directory / "services.toml").write_text(services, "utf-8")
    (directory / "countries.toml").write_text('[countries.TM]\nnames = ["turkmen*"]\n', "utf-8")
    (directory / "boilerplate.toml").write_text("", "utf-8")
    (directory / "lang").mkdir()
    (directory / "lang" / "en.toml").write_text(english, "utf-8")
    return directory
