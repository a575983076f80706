"""The confidence model's words (bot/detect/confidence.py): which features an alert's text
gives, how their weights move its score, and how the weights file is read.

The sentences are written for these tests; none comes from the labelled sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.detect.confidence import AlertText, Confidence, word_features


def text(sentence: str, title: str = "", summary: str = "") -> AlertText:
    return AlertText(sentence, title, summary, "en", "youtube", "block")


@pytest.mark.parametrize(
    ("alert", "present", "absent"),
    [
        # the sentence's words and their pairs, lower-cased
        (text("Sudan Blocks YouTube"), {"w=sudan", "w=blocks", "b=blocks_youtube"}, {"w=Sudan"}),
        # the headline's and the body's words, each in a namespace of its own
        (
            text("x", "Analysis: a year of bans", "Experts say"),
            {"t=analysis", "s=experts"},
            {"w=analysis"},
        ),
        # what the alert says and the language it was read in
        (text("x"), {"svc=youtube", "act=block", "lang=en"}, {"act=unblock"}),
        # punctuation is no word; a word counted once however often it comes
        (text("blocked, blocked!"), {"w=blocked", "b=blocked_blocked"}, {"w=,", "w=blocked!"}),
        # words of any script
        (text("Роскомнадзор заблокировал сайт"), {"w=заблокировал", "b=заблокировал_сайт"}, set()),
    ],
)
def test_an_alerts_text_gives_its_word_features(
    alert: AlertText, present: set[str], absent: set[str]
) -> None:
    features = word_features(alert)
    assert present <= set(features) and not absent & set(features)
    assert set(features.values()) == {1.0}


def test_words_move_the_score_and_the_strongest_are_shown() -> None:
    model = Confidence(words={"t=analysis": -2.0, "w=blocks": 0.5, "s=experts": -0.1})
    plain = text("Sudan blocks YouTube")
    piece = text("Sudan blocks YouTube", "Analysis: a year of bans", "Experts say")
    assert model.score((), plain) > model.score(()) == pytest.approx(0.5)
    assert model.score((), piece) < 0.5
    assert model.assess((), piece)[1] == ("-t=analysis", "+w=blocks", "-s=experts")
    # no words file: the signals alone decide, and nothing is shown
    assert Confidence().score((), piece) == pytest.approx(0.5)
    assert Confidence().assess((), piece)[1] == ()


def test_the_words_file_beside_the_model_is_read(tmp_path: Path) -> None:
    model = tmp_path / "confidence.toml"
    model.write_text('bias = 0.5\n[thresholds]\ndrop = 0.3\n[weights]\n"gap" = -0.1\n')
    assert Confidence.load(model).words == {}
    (tmp_path / "confidence_words.toml").write_text('[words]\n"w=blocks" = 0.25\n')
    loaded = Confidence.load(model)
    assert loaded.words == {"w=blocks": 0.25} and loaded.drop == 0.3


@pytest.mark.parametrize(
    "content", ['[words]\n"w=blocks" = "heavy"\n', "[words\n", 'words = "none"\n']
)
def test_a_broken_words_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    model = tmp_path / "confidence.toml"
    model.write_text("bias = 0.5\n")
    (tmp_path / "confidence_words.toml").write_text(content)
    with pytest.raises(ConfigError, match="not a confidence model"):
        Confidence.load(model)


def test_the_packaged_model_has_words() -> None:
    model = Confidence.load()
    assert len(model.words) > 1000 and 0.0 < model.drop < model.review < 1.0
