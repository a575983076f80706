"""The compiled vocabulary the detector consults: the tags its lists' patterns carry
(ServiceTag, CountryTag, ActionTag), each language's lists (Language) and the whole (Vocab).

Reading them from bot/detect/vocab/*.toml is bot.detect.vocab_files; kept apart so that the
many modules that only read tags do not depend on the file loading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.core.models import Action
from bot.detect.pattern_index import Lexicon
from bot.detect.places import Places
from bot.detect.scan import Scanner, Words
from bot.detect.segment import Segmenter
from bot.detect.text import latin_in_other_script

_DOMAIN_DOT = re.compile(r"\w\.[a-zр]{2,6}\b")  # a domain may name a site (bot.detect.mentions)


@dataclass(frozen=True, slots=True)
class ServiceTag:
    service: str  # "" for a mask: a phrase that contains a service word but is no service
    weak: bool  # ambiguous alias ("imo", "signal"): counts only with the service's context
    # ...or, for a service with `weak_with_strong_action` ("internet"), next to a strong action
    # word: "internet was switched off" counts, "internet restrictions" does not.
    strong_action: bool = False
    # A name that is often the source of a report, not its subject ("Radio Svoboda", a
    # domain like "tut.by"): it counts only right next to an action word ("blocked tut.by",
    # "Радио Свобода заблокировано"), never in "reports Tochka.by" or "araz.az xəbər verir".
    near: bool = False
    # A word for a kind of site, not a name ("сайт", "website", "portal"): next to a strong
    # action word, in a sentence naming no service, it is a site blocked ("other").
    generic: bool = False


@dataclass(frozen=True, slots=True)
class CountryTag:
    country: str
    actor: bool  # a regulator or government body: the one acting, preferred over places
    region: bool = False  # a region or city, not the whole country: the action is partial


@dataclass(frozen=True, slots=True)
class ActionTag:
    action: Action
    weak: bool  # "restricted", "limited": yields to a throttle or unblock word in the sentence
    partial: bool = False  # it governs one feature ("calls"): see bot.detect.scope
    negated: bool = False  # a negative form ("bloklanmadi": was not blocked): never live
    # The pattern itself says "not" ("no longer works", "больше не работает"): a negation
    # inside its words is part of it, not a denial of it.
    says_not: bool = False


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    actions: Lexicon[ActionTag]
    cues: Lexicon[str]
    countries: Places[CountryTag]  # ours, and CLDR's names in this language
    services: Lexicon[ServiceTag]  # every language's names of services (shared)
    # One pass over a sentence for actions, cues, services and countries, in that order.
    scanner: Scanner
    # Word order ([language] in the file): in verb-final languages (Turkic, Persian) a
    # service's verb comes after it, so the action word after a service is preferred.
    verb_final: bool = False
    # Words after an action word within which a negation, threat or background cue still
    # governs it, in its clause ("bloklashni taklif qildi", "mit der Sperrung gedroht").
    cues_after: int = 0
    # The country of an item of this language that names none (and has no feed default).
    country: str | None = None
    # Cuts text written without spaces into words first (Chinese, Thai...); None: spaced.
    segmenter: Segmenter | None = None
    # A number with a full stop is an ordinal ("10. Sulh Ceza"), no sentence's end.
    ordinals: bool = False

    def words(self, text: str) -> str:
        """`text` (cleaned) with its words apart: as given, or cut by the segmenter."""
        return text if self.segmenter is None else self.segmenter.split(text)

    def may_report(self, text: str) -> bool:
        """Whether a text (key form) has an action word and a word that may start a service
        name: what every alert needs (bot.detect.sentence). False rules out all of its
        sentences at once, and in most news there is no action word at all."""
        return self.may_report_in([text], [self.scanner.scan(text)])

    def may_report_in(self, keys: Sequence[str], scans: Sequence[tuple[Words, ...]]) -> bool:
        """`may_report` for an item's sentences (key form), given each one's scan: the
        detector scans every sentence once and asks this before anything else."""
        named = any(
            words and self.services.find(text, words, first=True)
            for text, (_, _, words, _) in zip(keys, scans, strict=True)
        )
        whole = "\n".join(keys)
        acted = any(
            words and self.actions.find(text, words, first=True)
            for text, (words, _, _, _) in zip(keys, scans, strict=True)
        )
        if named or _DOMAIN_DOT.search(whole) is not None:
            return acted
        # A foreign name in another script (bot.detect.foreign), sought only where an action
        # word stands: the costlier test, and most news has no action word.
        return acted and latin_in_other_script(whole)


@dataclass(frozen=True, slots=True)
class Vocab:
    services: Lexicon[ServiceTag]
    context: dict[str, Lexicon[bool]]
    countries: Lexicon[CountryTag]
    boilerplate: tuple[re.Pattern[str], ...]
    boilerplate_triggers: tuple[str, ...]  # boilerplate is only sought in texts with one of these
    languages: dict[str, Language]
    # A group word's service id → the services it stands for (services.toml [groups])
    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
