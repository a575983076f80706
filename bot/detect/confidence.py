"""How sure an alert is: a small logistic model over the circumstances of its evidence.

The rules decide what may be an alert; this weighs how each one was found. Every alert carries
`signals` (bot.detect.sentence, bot.detect.coref and the detector add them): how far the
action word stood from the service, whether the service was in a list, named only in the
headline or by "the messenger", where the country came from, which cues stood around it...
Each signal has a weight, learned from the labelled items (`python -m bench.confidence`
fits them and writes bot/detect/vocab/confidence.toml); the confidence is the logistic of
their sum. Numeric signals ("gap:3") weigh their number: `gap` times the weight of "gap".

The words around the alert weigh too (`AlertText`): those of its sentence (and their pairs),
of the item's headline and of its body, with the service, the action and the language. Rules
read one sentence at a time; the words say what kind of piece it is ("analysis", "rumour",
"accidentally", "study"). Their weights, learned the same way, live in a file of their own
(vocab/confidence_words.toml), and the few that weighed most on an alert go with its evidence.

Two thresholds in the same file use it: below `drop` an alert is not reported at all; below
`review` it waits for a moderator (bot/core/review.py) instead of going out at once.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError

DEFAULT_FILE = Path(__file__).resolve().parent / "vocab" / "confidence.toml"
WORDS_FILE = "confidence_words.toml"  # beside it: the weights of the words
TOKEN = re.compile(r"\w+")
SHOWN = 3  # words that weighed most, kept with the evidence for moderators


def features(signals: Iterable[str]) -> dict[str, float]:
    """Signals as model features: "gap:3" → {"gap": 3.0}; "listed" → {"listed": 1.0}."""
    found: dict[str, float] = {}
    for signal in signals:
        name, _, value = signal.partition(":")
        if value.isdigit():
            found[name] = float(value)
        else:
            found[signal] = 1.0
    return found


@dataclass(frozen=True, slots=True)
class AlertText:
    """What the words part of the model reads for one alert."""

    sentence: str  # the sentence that told it
    title: str  # the item's headline and body
    summary: str
    language: str
    service: str
    action: str


def word_features(text: AlertText) -> dict[str, float]:
    """Words as model features: the sentence's words ("w=") and neighbouring pairs ("b="),
    the headline's ("t=") and the body's ("s="), lower-cased, each counted once."""
    found = dict.fromkeys(
        (f"svc={text.service}", f"act={text.action}", f"lang={text.language}"), 1.0
    )
    found.update(dict.fromkeys(prefixed("w=", text.sentence), 1.0))
    found.update(dict.fromkeys(pairs("b=", text.sentence), 1.0))
    found.update(dict.fromkeys(prefixed("t=", text.title), 1.0))
    found.update(dict.fromkeys(prefixed("s=", text.summary), 1.0))
    return found


# An item's headline and body are read once for all its alerts and for the fallback
# (bot/detect/fallback.py), which reads them under the same names.
@lru_cache(maxsize=512)
def prefixed(prefix: str, text: str) -> tuple[str, ...]:
    """The text's words, each lower-cased on its own, as features: "t=blocked"."""
    return tuple(prefix + word for word in _words(text))


@lru_cache(maxsize=512)
def pairs(prefix: str, text: str) -> tuple[str, ...]:
    """The text's neighbouring words as features: "b=blocked_telegram"."""
    return tuple(f"{prefix}{a}_{b}" for a, b in pairwise(_words(text)))


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    # each word lower-cased on its own: "İ" lower-cased in a whole text splits into "i" and a
    # combining dot, which no word holds
    return tuple(word.lower() for word in TOKEN.findall(text))


def logistic(total: float, weighed: list[tuple[str, float]]) -> tuple[float, tuple[str, ...]]:
    """The probability of `total` plus the weighed features, and the SHOWN features that moved
    it most, signed ("-s=rumour", "+w=blocked"): for moderators. The fallback's model
    (bot/detect/fallback.py) scores its candidates the same way."""
    total += sum(weight for _, weight in weighed)
    strongest = sorted(weighed, key=lambda pair: -abs(pair[1]))[:SHOWN]
    shown = tuple(f"{'+' if weight > 0 else '-'}{name}" for name, weight in strongest)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total)))), shown


@dataclass(frozen=True, slots=True)
class Confidence:
    """The weights and thresholds; `score` turns an alert's signals into a probability."""

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=dict)
    drop: float = 0.0  # below this an alert is not reported
    review: float = 0.0  # below this an alert waits for a moderator
    words: Mapping[str, float] = field(default_factory=dict)  # weights of word_features

    def score(self, signals: Iterable[str], text: AlertText | None = None) -> float:
        return self.assess(signals, text)[0]

    def assess(
        self, signals: Iterable[str], text: AlertText | None = None
    ) -> tuple[float, tuple[str, ...]]:
        """The alert's confidence, and the words that moved it most, signed ("-s=rumour",
        "+w=blocked"): the words are read once for both."""
        weighed = self._weighed(text)
        total = self.bias + sum(
            self.weights.get(name, 0.0) * value for name, value in features(signals).items()
        )
        return logistic(total, weighed)

    def _weighed(self, text: AlertText | None) -> list[tuple[str, float]]:
        if text is None or not self.words:
            return []
        # filter and map run in C: this runs for every candidate alert
        known = list(filter(self.words.__contains__, word_features(text)))
        return list(zip(known, map(self.words.__getitem__, known), strict=True))

    @classmethod
    def load(cls, path: Path | None = None) -> Confidence:
        """The packaged model, or another file of the same shape, with the words' weights from
        the file beside it (none there: the signals alone); no file: every alert 0.5."""
        path = path or DEFAULT_FILE
        if not path.is_file():
            return cls()
        data = _read(path)
        words_path = path.with_name(WORDS_FILE)
        words = _read(words_path).get("words", {}) if words_path.is_file() else {}
        try:
            limits = data.get("thresholds", {})
            return cls(
                bias=float(data.get("bias", 0.0)),
                weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
                drop=float(limits.get("drop", 0.0)),
                review=float(limits.get("review", 0.0)),
                words={str(k): float(v) for k, v in words.items()},
            )
        except (AttributeError, TypeError, ValueError) as exc:
            raise ConfigError(f"not a confidence model: {exc}", path=str(path)) from None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not a confidence model: {exc}", path=str(path)) from None
