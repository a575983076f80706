"""One sentence: which services it says were blocked, throttled or unblocked, and where.

The decisions, in order:
1. a question, or a `sentence`, `trap`, `topic` or `procedure` cue anywhere (a denial, a
   road, a fine, an outage, a court hearing) voids it; a trap word that tells the topic of
   the sites named right after it does not ("football streaming site"): bot.detect.kinds;
2. service mentions are kept unless masked, weak without context, part of an object phrase
   ("Telegram channel", "account on Facebook"), where a statement was posted ("wrote on
   Telegram"), or listed after "after" ("after Facebook and Twitter, Instagram is now
   blocked": only Instagram is news): bot.detect.mentions;
3. an action word is dead when it is denied, threatened or history: bot.detect.live;
4. each service takes the nearest action word (within 10 words, clause boundaries counting
   extra; on a tie the one in its own clause, then the verb before it; in verb-final
   languages the nearest one after it if there is one: "Telegram bloklandi"); a dead one
   silences it, and so does a cue between them or right after a service named later
   ("blocked Viber; WhatsApp could follow"): bot.detect.pairing. A weak block word
   ("restricted") yields to a throttle word in the sentence, a block named after an unblock
   word is the ban being lifted ("restored access after they were banned"), and so is one
   governed by a verb of ending ("withdraws the ban"): bot.detect.direction; plain
   "internet" needs a strong action word ("switched off", not "restrictions");
5. the country is the acting body named (Roskomnadzor), else the nearest place named that
   is not a service's origin ("Russian network VK"): bot.detect.where; the scope:
   bot.detect.scope. Listed services share an action word: bot.detect.lists.

What it hands on (Finding, Orphan, Reading) is bot.detect.reading.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from typing import Any

from bot.core.models import Action
from bot.detect.direction import (
    Lifted,
    ended,
    high_speed,
    joined,
    resolve,
    then_lifted,
    undone,
)
from bot.detect.geometry import gap_words
from bot.detect.kinds import counted, kinds_complements_kept, trapped
from bot.detect.lexicon import ActionTag, CountryTag, Language, ServiceTag, Vocab
from bot.detect.lists import list_spans
from bot.detect.live import came_before, is_live, old_years
from bot.detect.mentions import service_mentions
from bot.detect.pairing import SERVICE_WINDOW, cue_between, included, nearest, needs_strong
from bot.detect.patterns import Hit
from bot.detect.reading import WEAK_ACTION, Finding, Orphan, Reading
from bot.detect.scan import Words
from bot.detect.scope import scope_of, with_features
from bot.detect.where import acting_places, country_of, governing

NOTHING = Reading()


def analyse(
    text: str,
    vocab: Vocab,
    language: Language,
    ref_year: int | None,
    contexts: Container[str],
    scanned: tuple[Words, ...] | None = None,
    site_names: frozenset[str] = frozenset(),
    names: Container[str] = frozenset(),
) -> Reading:
    """What one sentence in key form (see bot.detect.text.key) reports. `contexts`: services
    whose weak aliases count in this item (their context words occur in it); `scanned`: the
    sentence's candidate words (language.scanner.scan), when the caller has them already;
    `site_names`: the names of the sites the item gives by their domain."""
    if is_question(text):
        return NOTHING  # a question ("Will Telegram be blocked too?") reports nothing
    action_words, cue_words, service_words, country_words = (
        scanned if scanned is not None else language.scanner.scan(text)
    )
    cues = language.cues.find(text, cue_words) if cue_words else []
    if any(cue.label in ("sentence", "topic", "procedure") for cue in cues):
        return NOTHING
    if trapped(text, cues, vocab, service_words):
        return NOTHING
    actions = language.actions.find(text, action_words) if action_words else []
    actions = ended(text, with_features(text, actions, cues), cues, language.verb_final)
    mentions = service_mentions(
        text,
        service_words,
        vocab,
        cues,
        actions,
        contexts,
        postpositions=language.verb_final,
        site_names=site_names,
        names=names,
    )
    if not actions:
        return Reading(services=tuple(mentions))
    cues = kinds_complements_kept(text, cues, mentions)
    years = old_years(text, ref_year)
    clauses = [cue for cue in cues if cue.label == "clause"]
    boundaries: list[Hit[Any]] = [*actions, *clauses]
    countries = language.countries.find(text, country_words)
    live = [
        is_live(text, action, cues, years, boundaries, language.cues_after)
        and (bool(language.cues_after) or not came_before(text, action, cues, countries))
        for action in actions
    ]
    kinds = {action.label.action for action, ok in zip(actions, live, strict=True) if ok}
    unblocks = [
        a.end for a, ok in zip(actions, live, strict=True) if ok and a.label.action == "unblock"
    ]
    lifted = Lifted(unblocks, [mention.start for mention in mentions])
    places = governing(text, acting_places(text, countries, mentions, actions, cues), cues)
    if not mentions:
        orphans = _orphans(text, actions, live, kinds, lifted, cues, places, countries)
        opening = text.lstrip("\"' -")
        continues = any(
            cue.label == "conjunction" and cue.start == len(text) - len(opening) for cue in cues
        )
        return Reading(orphans=orphans, acted=any(live), continues=continues)
    findings: list[Finding] = []
    lists = list_spans(text, mentions, actions, cues)
    for mention, span in zip(mentions, lists, strict=True):
        index: int | None = nearest(text, span, actions, clauses, language.verb_final)
        if index is not None and gap_words(text, span, actions[index]) > SERVICE_WINDOW:
            index = included(text, span, actions, cues)
        if index is None or not live[index]:
            continue
        action = actions[index]
        if not language.verb_final:
            action = undone(text, span, action, actions, mentions, cues)
        if needs_strong(mention.label, contexts) and action.label.weak:
            continue  # "internet restrictions", "restricting internet use": too vague
        if cue_between(mention, span, action, cues):
            continue  # "blocked Viber, adding that WhatsApp could follow"
        country = country_of(action, places)
        resolved, scope = resolve(action, kinds, lifted), scope_of(text, action, cues, countries)
        if resolved == "block" and high_speed(text, mention, cues):
            resolved, scope = "throttle", "partial"  # the slow network is left: a slowdown
        findings.append(
            Finding(
                service=mention.label.service,
                action=resolved,
                country=country.label.country if country else None,
                service_words=(mention.text,),
                action_words=(action.text,),
                country_words=(country.text,) if country else (),
                scope=scope,
                signals=_signals(text, mention, span, action, cues, country),
            )
        )
        then = then_lifted(text, action, resolved, actions, live, mentions)
        if then is not None:  # "Facebook interrompu puis rétabli": both are the news...
            lifted_finding = replace(findings[-1], action="unblock", action_words=(then.text,))
            # ...unless the block word only describes the service the sentence lifts
            # ("internet snapped on August 4 was restored", "site-urile blocate ... pot fi
            # accesate din nou"): nothing joins the two words.
            if mention.start < action.start and not joined(text, action, then, cues):
                findings.pop()
            findings.append(lifted_finding)
    return Reading(tuple(findings), (), tuple(mentions), any(live))


# Cues that leave an action word live yet make a report less sure.
_TELLING_CUES = (
    "threat",
    "background",
    "past",
    "negation",
    "clause",
    "object",
    "reporting",
    "source",
    "feature",
    "region",
    "anaphor",
    "after",
)


# The signal of a service named only by its kind ("the app", "сайт"): bot.detect.item.
KIND_WORD = "kind-word"
TALLY = "tally"  # ...after a count of a hundred or more ("blocked 175 gambling sites")


def _signals(
    text: str,
    mention: Hit[ServiceTag],
    span: Hit[ServiceTag],
    action: Hit[ActionTag],
    cues: list[Hit[str]],
    country: Hit[CountryTag] | None,
) -> tuple[str, ...]:
    """The circumstances of one finding that bear on how sure it is."""
    found = [f"gap:{min(gap_words(text, span, action), SERVICE_WINDOW)}"]
    found += ["listed"] if (span.start, span.end) != (mention.start, mention.end) else []
    found += [WEAK_ACTION] if action.label.weak else []
    found += ["weak-alias"] if mention.label.weak else []
    found += ["near-name"] if mention.label.near else []
    found += [KIND_WORD] if mention.label.generic else []
    found += [TALLY] if mention.label.generic and counted(text, mention) else []
    found += ["service-first"] if mention.start < action.start else []
    found += ["actor"] if country is not None and country.label.actor else []
    found += ["quote"] if '"' in text else []
    found += sorted({f"cue:{cue.label}" for cue in cues if cue.label in _TELLING_CUES})
    return tuple(found)


def _orphans(
    text: str,
    actions: list[Hit[ActionTag]],
    live: list[bool],
    kinds: set[Action],
    lifted: Lifted,
    cues: list[Hit[str]],
    places: list[Hit[CountryTag]],
    countries: list[Hit[CountryTag]],
) -> tuple[Orphan, ...]:
    """The live action words of a sentence that names no service."""
    anaphors = [cue for cue in cues if cue.label == "anaphor"]
    found: list[Orphan] = []
    for action, ok in zip(actions, live, strict=True):
        if not ok:
            continue
        country = country_of(action, places)
        found.append(
            Orphan(
                action=resolve(action, kinds, lifted),
                country=country.label.country if country else None,
                action_words=(action.text,),
                country_words=(country.text,) if country else (),
                scope=scope_of(text, action, cues, countries),
                anaphor=any(gap_words(text, cue, action) <= SERVICE_WINDOW for cue in anaphors),
                weak=action.label.weak,
            )
        )
    return tuple(found)


def is_question(text: str) -> bool:
    """A sentence that asks ("Will Telegram be blocked too?", "کیا ایکس بند ہے؟۔")."""
    return text.rstrip("\"') ۔.").endswith(("?", "؟"))
