"""The last step, for an item the rules find nothing in: one alert from the item as a whole,
when a model fitted on the labelled items says it most likely reports one.

Most reports the rules miss raise no candidate at all: a site the vocabulary lacks ("ordena
bloquear provisoriamente Cuevana"), a verb too far from its object, a word order no rule
reads. Three of four of them hold one alert, mostly a site ("other") acted on in the item's
own country. So for an item with an action word in its headline, a country and no alert,
`propose` makes one candidate: the first action word's direction, the item's country
(`item_country`), the service named in the headline, else "other". `ItemModel` scores it by
a logistic regression over the item's words and the kinds of cue in it (fitted by
bench/fallback.py, held in bot/detect/vocab/fallback.toml). An alert made this way carries
the signal "fallback" and its score as its confidence: one under the review threshold waits
for a moderator.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import ConfigError
from bot.core.models import Action, Alert, Evidence
from bot.detect.confidence import logistic, pairs, prefixed
from bot.detect.item import ItemView, item_country
from bot.detect.lexicon import Vocab

DEFAULT_FILE = Path(__file__).resolve().parent / "vocab" / "fallback.toml"
FALLBACK_SIGNAL = "fallback"  # the signal of an alert the fallback made (moderators see it)
_MOST_ACTIONS = 5  # action words counted, at most


@dataclass(frozen=True, slots=True)
class Proposal:
    """The one alert an item may report as a whole, and what the model reads of it."""

    country: str
    service: str
    action: Action
    sentence: str  # the sentence of the first action word
    action_words: tuple[str, ...]
    features: Mapping[str, float]


def propose(view: ItemView, vocab: Vocab) -> Proposal | None:
    """The item's candidate: None when its headline has no action word or it names no
    country. (Items whose first action word is in the body are left out: they were a third
    of the candidates and most of the fallback's time, and at the threshold they added 14
    right alerts and 7 wrong in `python -m bench.fallback --batches`.)"""
    language = view.language
    if not any(scanned[0] for scanned in view.scans[: view.titles]):
        return None
    actions = [
        (index, hit)
        for index, (key, scanned) in enumerate(zip(view.keys, view.scans, strict=True))
        if scanned[0]
        for hit in language.actions.find(key, scanned[0])
    ]
    if not actions or actions[0][0] >= view.titles:
        return None
    country, source = item_country(view)
    if not country:
        return None
    index, first = actions[0]
    named, facts = _lead(view, vocab)
    service = named[0] if named else "other"
    facts |= {
        f"act={first.label.action}": 1.0,
        f"lang={language.code}": 1.0,
        f"src={source}": 1.0,
        f"svc={service}": 1.0,
        "weak": float(first.label.weak),
        "nacts": min(len(actions), _MOST_ACTIONS) / _MOST_ACTIONS,
    }
    features = facts | _word_features(view.item.title, view.item.summary)
    return Proposal(
        country, service, first.label.action, view.texts[index], (first.text,), features
    )


def _lead(view: ItemView, vocab: Vocab) -> tuple[list[str], dict[str, float]]:
    """The services the headline names, and the headline's and the lead's kinds of cue
    ("ct=threat", "cb=trap") and whether they name a kind of site ("kinds"). Only the lead
    of the body: what an item reports is told there, and reading the whole body for cues
    cost the detector a tenth of its speed for no better score."""
    named: list[str] = []
    facts = {"kinds": 0.0}
    lead = zip(view.keys[: view.titles + 1], view.scans[: view.titles + 1], strict=True)
    for position, (key, scanned) in enumerate(lead):
        place = "ct=" if position < view.titles else "cb="
        if scanned[1]:
            for cue in view.language.cues.find(key, scanned[1]):
                facts[place + cue.label] = 1.0
        for hit in vocab.services.find(key, scanned[2]) if scanned[2] else []:
            if hit.label.generic:
                facts["kinds"] = 1.0
            elif position < view.titles and hit.label.service:
                named.append(hit.label.service)
    return named, facts


def _word_features(title: str, summary: str) -> dict[str, float]:
    """The headline's words ("t=") and neighbouring pairs ("tb="), the body's words ("s=")."""
    found = dict.fromkeys(prefixed("t=", title), 1.0)
    found.update(dict.fromkeys(pairs("tb=", title), 1.0))
    found.update(dict.fromkeys(prefixed("s=", summary), 1.0))
    return found


@dataclass(frozen=True, slots=True)
class ItemModel:
    """The weights and the threshold from which a candidate is reported."""

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.5  # a candidate scoring this or more is reported

    def assess(self, features: Mapping[str, float]) -> tuple[float, tuple[str, ...]]:
        """The candidate's probability, and the features that moved it most, signed."""
        known = list(filter(self.weights.__contains__, features))  # in C: most words weigh nothing
        return logistic(self.bias, [(name, self.weights[name] * features[name]) for name in known])

    def alert(self, proposal: Proposal) -> Alert | None:
        """The proposal as an alert, if it scores the threshold or more."""
        score, shown = self.assess(proposal.features)
        if score < self.threshold:
            return None
        evidence = Evidence(
            sentence=proposal.sentence,
            country_words=(),
            service_words=(),
            action_words=proposal.action_words,
            confidence=round(score, 3),
            signals=(FALLBACK_SIGNAL,),
            words=shown,
        )
        return Alert(proposal.country, proposal.service, proposal.action, evidence)

    @classmethod
    def load(cls, path: Path | None = None) -> ItemModel | None:
        """The packaged model, or another file of the same shape; None if there is none."""
        path = path or DEFAULT_FILE
        if not path.is_file():
            return None
        try:
            data = tomllib.loads(path.read_text("utf-8"))
            return cls(
                bias=float(data.get("bias", 0.0)),
                weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
                threshold=float(data["threshold"]),
            )
        except (tomllib.TOMLDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"not a fallback model: {exc}", path=str(path)) from None
