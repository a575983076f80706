"""The fallback: one alert from an item as a whole, where the rules find nothing
(bot/detect/fallback.py).

The candidate (`Detector.proposal`) is the first action word's direction, the item's country
and the service its headline names, else "other"; none for an item with no action word, no
country, an off-topic headline, or an alert from the rules. A model then scores it: here a
hand-written one, so that what is tested is the mechanism, not the fitted weights.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.fallback import ItemModel
from tests.detect.support import DETECTOR

# (language, headline, body, the candidate as "CC service action", or "" for none)
PROPOSALS: list[tuple[str, str, str, str]] = [
    # a site the vocabulary lacks, in an item that names no service word: the rules read none
    ("en", "Kenya blocks Zorbanet", "The regulator acted on Friday.", "KE other block"),
    ("en", "Zorbanet unblocked in Kenya", "It works again.", "KE other unblock"),
    ("es", "La Justicia ordena bloquear provisoriamente Zorbanet", "En Chile.", "CL other block"),
    # the country from the body when the headline names none
    ("en", "Regulator blocks Zorbanet", "Users in Ghana could not open it.", "GH other block"),
    # no action word, no country, or an alert from the rules: no candidate
    ("en", "Kenya's election results announced", "Turnout was high.", ""),
    ("en", "Officials block Zorbanet", "The order came on Friday.", ""),
    ("en", "Kenya blocks Telegram", "The regulator acted on Friday.", ""),
    # a headline that surveys blocks reports none
    ("en", "How Kenya blocks Zorbanet", "An explainer.", ""),
]


@pytest.mark.parametrize(("lang", "title", "summary", "expected"), PROPOSALS)
def test_proposal(lang: str, title: str, summary: str, expected: str) -> None:
    proposal = DETECTOR.proposal(ItemText("x", title, summary, lang))
    got = f"{proposal.country} {proposal.service} {proposal.action}" if proposal else ""
    assert got == expected


def _detector(model: ItemModel | None) -> Detector:
    detector = Detector(DETECTOR.vocab, DETECTOR.confidence)
    detector.fallback = model
    return detector


KNOWS_ZORBANET = ItemModel(bias=-5.0, weights={"t=zorbanet": 10.0}, threshold=0.5)


# (model, headline, the alerts as "CC service action")
ALERTS: list[tuple[ItemModel | None, str, str]] = [
    (KNOWS_ZORBANET, "Kenya blocks Zorbanet", "KE other block"),
    # a model that does not weigh the candidate high enough, or none: the rules alone
    (ItemModel(bias=-5.0, weights={"t=other": 10.0}, threshold=0.5), "Kenya blocks Zorbanet", ""),
    (None, "Kenya blocks Zorbanet", ""),
    # where the rules report, the fallback adds nothing
    (KNOWS_ZORBANET, "Kenya blocks Telegram over Zorbanet", "KE telegram block"),
]


@pytest.mark.parametrize(("model", "title", "expected"), ALERTS)
def test_fallback_alerts(model: ItemModel | None, title: str, expected: str) -> None:
    found = _detector(model).detect(ItemText("x", title, "The regulator acted.", "en"))
    assert "; ".join(sorted(f"{a.country} {a.service} {a.action}" for a in found)) == expected


def test_fallback_evidence_shows_its_score_and_words() -> None:
    (alert,) = _detector(KNOWS_ZORBANET).detect(ItemText("x", "Kenya blocks Zorbanet", "", "en"))
    assert alert.evidence is not None
    assert alert.evidence.signals == ("fallback",)
    assert alert.evidence.confidence == round(1 / (1 + 2.718281828459045**-5), 3)
    assert alert.evidence.words[0] == "+t=zorbanet"
    assert alert.evidence.action_words == ("blocks",)


def test_model_files(tmp_path: Path) -> None:
    packaged = ItemModel.load()
    assert packaged is not None and 0 < packaged.threshold < 1 and packaged.weights
    assert ItemModel.load(tmp_path / "none.toml") is None  # no file: the rules alone
    broken = tmp_path / "fallback.toml"
    broken.write_text("bias = 'high'\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        ItemModel.load(broken)
