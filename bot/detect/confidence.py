"""How sure an alert is: a small logistic model over the circumstances of its evidence.

The rules decide what may be an alert; this weighs how each one was found. Every alert carries
`signals` (bot.detect.sentence, bot.detect.coref and the detector add them): how far the
action word stood from the service, whether the service was in a list, named only in the
headline or by "the messenger", where the country came from, which cues stood around it...
Each signal has a weight, learned from the labelled items (`python -m bench.confidence`
fits them and writes bot/detect/vocab/confidence.toml); the confidence is the logistic of
their sum. Numeric signals ("gap:3") weigh their number: `gap` times the weight of "gap".

Two thresholds in the same file use it: below `drop` an alert is not reported at all; below
`review` it waits for a moderator (bot/core/review.py) instead of going out at once.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import ConfigError

DEFAULT_FILE = Path(__file__).resolve().parent / "vocab" / "confidence.toml"


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
class Confidence:
    """The weights and thresholds; `score` turns an alert's signals into a probability."""

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=dict)
    drop: float = 0.0  # below this an alert is not reported
    review: float = 0.0  # below this an alert waits for a moderator

    def score(self, signals: Iterable[str]) -> float:
        total = self.bias + sum(
            self.weights.get(name, 0.0) * value for name, value in features(signals).items()
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    @classmethod
    def load(cls, path: Path | None = None) -> Confidence:
        """The packaged model, or another file of the same shape; no file: every alert 0.5."""
        path = path or DEFAULT_FILE
        if not path.is_file():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
            limits = data.get("thresholds", {})
            return cls(
                bias=float(data.get("bias", 0.0)),
                weights=weights,
                drop=float(limits.get("drop", 0.0)),
                review=float(limits.get("review", 0.0)),
            )
        except (tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
            raise ConfigError(f"not a confidence model: {exc}", path=str(path)) from None
