"""What one sentence says, as bot.detect.sentence hands it on: its findings (a service acted
on), its orphans (a live action word with no service) and the services it names.

Apart from the rules that make them because the item's steps read them too: coreference
(bot.detect.coref), groups (bot.detect.groups) and the item's own checks (bot.detect.item)
need the types, not the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import Action, Scope
from bot.detect.lexicon import ServiceTag
from bot.detect.patterns import Hit

WEAK_ACTION = "weak-action"  # a finding's signal: its action word is vague ("restricted")


@dataclass(frozen=True, slots=True)
class Finding:
    """A service acted on in one sentence (country None: the sentence names none)."""

    service: str
    action: Action
    country: str | None
    service_words: tuple[str, ...]
    action_words: tuple[str, ...]
    country_words: tuple[str, ...]
    scope: Scope = "full"
    # How the service was found when not named next to the action: "title" (named in the
    # headline, acted on in the body), "anaphor" ("the messenger"), "previous" (a sentence
    # that continues the one before: "... blocked. And immediately unblocked."); "" if named.
    inferred: str = ""
    # What the sentence showed around it, for the confidence (bot.detect.confidence):
    # "gap:3", "listed", "weak-action", "cue:threat", "quote"...
    signals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Orphan:
    """A live action word in a sentence that names no service: it may act on services named
    in the headline or the sentence before (bot.detect.coref decides)."""

    action: Action
    country: str | None
    action_words: tuple[str, ...]
    country_words: tuple[str, ...]
    scope: Scope
    anaphor: bool  # "the messenger", "the platform", "the ban on them" near it
    weak: bool  # a vague word ("restricted"): never alone for plain "internet"


@dataclass(frozen=True, slots=True)
class Reading:
    """What one sentence says: its findings, its action words with no service, and the
    services it names (a list: a headline's services may be acted on in the body)."""

    findings: tuple[Finding, ...] = ()
    orphans: tuple[Orphan, ...] = ()
    services: tuple[Hit[ServiceTag], ...] = ()
    acted: bool = False  # some action word in it is live (acted on or not)
    continues: bool = False  # it opens with a conjunction: "And immediately unblocked."
