"""One sentence: which services it says were blocked, throttled or unblocked, and where.

The decisions, in order:
1. a question, or a `sentence` or `trap` cue anywhere (a denial, a road, a fine) voids it;
2. service mentions are kept unless masked, weak without context, part of an object phrase
   ("Telegram channel", "account on Facebook"), where a statement was posted ("wrote on
   Telegram"), or listed after "after" ("after Facebook and Twitter, Instagram is now
   blocked": only Instagram is news);
3. an action word is dead when a negation (3 words), threat or background cue (6 words)
   comes before it, a past cue follows it ("last year"), an object word sits next to it
   ("blocked 7 million channels"), or an older year stands next to it ("blocked in 2019"
   reported in 2022);
4. each service takes the nearest action word (within 10 words, clause boundaries counting
   extra, the verb before it winning ties); a dead one silences it, and so does a cue
   between them or right after a service named later ("blocked Viber; WhatsApp could
   follow"). A weak block word ("restricted") yields to a throttle word in the sentence, a
   block named after an unblock word is the ban being lifted ("restored access after they
   were banned"); plain "internet" needs a strong action word ("switched off", not
   "restrictions");
5. the country is the acting body named (Roskomnadzor), else the nearest place named that
   is not a service's origin ("Russian network VK"); the scope: bot.match.scope.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from bot.match.geometry import any_between, between, follows, gap_words
from bot.match.patterns import Hit, tokens, words_between
from bot.match.scope import scope_of, with_features
from bot.match.text import full_date_years, years
from bot.match.vocab import ActionTag, CountryTag, Language, ServiceTag, Vocab
from bot.models import Action, Scope

NEGATION_WINDOW = 3  # words between "not" and the action word it negates
CUE_WINDOW = 6  # words between "could"/"remains" and the action word it governs
OBJECT_AFTER, OBJECT_BEFORE = 5, 2  # "blocked 7.4 million channels" / "channel was blocked"
YEAR_AFTER, YEAR_BEFORE = 6, 3
PAST_WINDOW = 4  # words between an action word and a "last year" after it
SERVICE_WINDOW = 10  # words between a service and its action word: farther is another clause
CLAUSE_PENALTY = 2  # a comma or "while" between service and action counts as two more words
_PUNCTUATION = re.compile(r"[,;:()]| - ")


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


def analyse(
    text: str, vocab: Vocab, language: Language, ref_year: int | None, contexts: Container[str]
) -> list[Finding]:
    """Findings of one sentence in key form (see bot.match.text.key). `contexts`: services
    whose weak aliases count in this item (their context words occur in it)."""
    if text.rstrip("\"') ").endswith("?"):
        return []  # a question ("Will Telegram be blocked too?") reports nothing
    words = tokens(text)
    actions = language.actions.find(text, words)
    if not actions:
        return []
    cues = language.cues.find(text, words)
    if any(cue.label in ("sentence", "trap") for cue in cues):
        return []
    actions = with_features(text, actions, cues)
    mentions = _mentions(text, words, vocab, cues, actions, contexts)
    if not mentions:
        return []
    old_years = _old_years(text, ref_year)
    live = [_is_live(text, action, cues, old_years) for action in actions]
    kinds = {action.label.action for action, ok in zip(actions, live, strict=True) if ok}
    first_unblock = min((a.start for a, ok in zip(actions, live, strict=True)
                         if ok and a.label.action == "unblock"), default=len(text))
    countries = vocab.countries.find(text, words)
    clauses = [cue for cue in cues if cue.label == "clause"]
    places = _places(text, countries, mentions, actions)
    findings: list[Finding] = []
    for mention in mentions:
        index = _nearest(text, mention, actions, clauses)
        if not live[index] or gap_words(text, mention, actions[index]) > SERVICE_WINDOW:
            continue
        action = actions[index]
        if _needs_strong(mention.label, contexts) and action.label.weak:
            continue  # "internet restrictions", "restricting internet use": too vague
        if _cue_between(mention, action, cues):
            continue  # "blocked Viber, adding that WhatsApp could follow"
        country = _country(action, places)
        findings.append(Finding(
            service=mention.label.service,
            action=_resolve(action, kinds, first_unblock),
            country=country.label.country if country else None,
            service_words=(mention.text,),
            action_words=(action.text,),
            country_words=(country.text,) if country else (),
            scope=scope_of(text, action, cues, countries),
        ))
    return findings


def _mentions(
    text: str, words: list[tuple[int, str]], vocab: Vocab, cues: list[Hit[str]],
    actions: list[Hit[ActionTag]], contexts: Container[str],
) -> list[Hit[ServiceTag]]:
    """Service mentions that name the service itself, not a channel on it, the place a
    statement was posted, or a maritime body."""
    kept: list[Hit[ServiceTag]] = []
    objects = [cue for cue in cues if cue.label == "object"]
    afters = [cue for cue in cues if cue.label == "after"]
    # "calls via WhatsApp" is the feature's medium, not where a statement was posted.
    features = [cue for cue in cues if cue.label == "feature"]
    sources = [cue for cue in cues if cue.label == "source"
               and not any(follows(text, feature, cue, 3) for feature in features)]
    for hit in vocab.services.find(text, words):
        service = hit.label.service
        if not service or (hit.label.weak and not hit.label.strong_action
                           and service not in contexts):
            continue
        if any(follows(text, hit, obj, 0) or follows(text, obj, hit, 2) for obj in objects):
            continue
        if any(follows(text, after, hit, 3) and not any_between(after, hit, actions)
               for after in afters):
            continue
        if any(follows(text, source, hit, 0) for source in sources):
            continue
        kept.append(hit)
    return kept


def _is_live(
    text: str, action: Hit[ActionTag], cues: list[Hit[str]], old_years: list[int]
) -> bool:
    """Whether an action word is reported as happening now (not denied, threatened, past)."""
    for cue in cues:
        if cue.label in ("negation", "threat") and action.start < cue.start < action.end:
            return False  # inside a gapped phrase: "speeds ... may drop", "доступ не ограничен"
        if cue.label == "background" and cue.start <= action.start and action.end <= cue.end:
            return False  # the cue names the action itself: "despite the ban"
        if cue.label == "negation" and follows(text, cue, action, NEGATION_WINDOW):
            return False
        if cue.label in ("threat", "background", "past") and follows(
            text, cue, action, CUE_WINDOW
        ):
            return False
        if cue.label == "past" and follows(text, action, cue, PAST_WINDOW):
            return False  # "blocked Telegram last year"
        if cue.label == "object" and (
            follows(text, action, cue, OBJECT_AFTER) or follows(text, cue, action, OBJECT_BEFORE)
        ):
            return False
    for position in old_years:
        after = action.end <= position and words_between(text, action.end, position) <= YEAR_AFTER
        before = position < action.start and (
            words_between(text, position, action.start) <= YEAR_BEFORE
        )
        if after or before:
            return False
    return True


def _old_years(text: str, ref_year: int | None) -> list[int]:
    """Positions of background years: before the reference year ("was blocked in 2019"), or,
    for an undated item (None), any year but a full date's, which is the news' own day."""
    if ref_year is None:
        return [text.find(str(year)) for year in years(text) if year not in full_date_years(text)]
    return [text.find(str(year)) for year in years(text) if year < ref_year]


def _nearest(
    text: str, mention: Hit[ServiceTag], actions: list[Hit[ActionTag]], clauses: list[Hit[str]]
) -> int:
    """Index of the action word closest to a service mention: words between them, plus a
    penalty for each clause boundary crossed (punctuation, "while", "but")."""
    def distance(action: Hit[ActionTag]) -> tuple[int, bool, int]:
        start, end = between(mention, action)
        boundaries = len(_PUNCTUATION.findall(text, start, end))
        boundaries += sum(1 for cue in clauses if start <= cue.start < end)
        chars = max(action.start - mention.end, mention.start - action.end, 0)
        # On a tie the verb before wins: "blocked X and Y in 2022 and throttled Z".
        after = action.start > mention.start
        return gap_words(text, mention, action) + CLAUSE_PENALTY * boundaries, after, chars
    return min(range(len(actions)), key=lambda i: distance(actions[i]))


def _cue_between(mention: Hit[ServiceTag], action: Hit[ActionTag], cues: list[Hit[str]]) -> bool:
    """Whether a negation, threat or background cue separates a service from its action, or
    directly follows a service named after the action ("blocked Viber; WhatsApp could follow")."""
    before = mention.end <= action.start
    start, end = between(mention, action)
    for cue in cues:
        if cue.label not in ("negation", "threat", "background", "past"):
            continue
        if start <= cue.start and cue.end <= end:
            return True
        if not before and 0 <= cue.start - mention.end <= 2:  # the service's own modal
            return True
    return False


def _needs_strong(tag: ServiceTag, contexts: Container[str]) -> bool:
    """A weak alias allowed by a strong action word only (not by context words)."""
    return tag.weak and tag.strong_action and tag.service not in contexts


def _resolve(action: Hit[ActionTag], kinds: set[Action], first_unblock: int) -> Action:
    """The action a service gets, given every live action kind of the sentence: a block
    named after an unblock is the ban being lifted ("restored X, banned in 2022"); a vague
    restriction next to a slowdown is the slowdown ("restricting X by slowing it")."""
    tag = action.label
    if tag.action == "block" and first_unblock < action.start:
        return "unblock"
    if tag.weak and "throttle" in kinds:
        return "throttle"
    return tag.action


def _places(
    text: str, countries: list[Hit[CountryTag]], mentions: list[Hit[ServiceTag]],
    actions: list[Hit[ActionTag]],
) -> list[Hit[CountryTag]]:
    """The places that can be where the action happened: a place right before a service
    names its origin ("Russian social network VK, WeChat"), so it yields to any other."""
    origin = [hit for hit in countries if not hit.label.actor and any(
        follows(text, hit, other, 2) and not any_between(hit, other, actions)
        for other in mentions)]
    rest = [hit for hit in countries if hit not in origin]
    return rest if rest and origin else countries


def _country(
    action: Hit[ActionTag], countries: list[Hit[CountryTag]]
) -> Hit[CountryTag] | None:
    """The acting body if one is named, else the place named closest to the action word."""
    actors = [hit for hit in countries if hit.label.actor]
    if actors:
        return actors[0]
    if not countries:
        return None
    return min(countries, key=lambda hit: max(hit.start - action.end, action.start - hit.end, 0))
