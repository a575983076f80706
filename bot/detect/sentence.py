"""One sentence: which services it says were blocked, throttled or unblocked, and where.

The decisions, in order:
1. a question, or a `sentence` or `trap` cue anywhere (a denial, a road, a fine) voids it;
2. service mentions are kept unless masked, weak without context, part of an object phrase
   ("Telegram channel", "account on Facebook"), where a statement was posted ("wrote on
   Telegram"), or listed after "after" ("after Facebook and Twitter, Instagram is now
   blocked": only Instagram is news);
3. an action word is dead when it is denied, threatened or history: bot.detect.live;
4. each service takes the nearest action word (within 10 words, clause boundaries counting
   extra, the verb before it winning ties; in verb-final languages the nearest one after it
   if there is one: "Telegram bloklandi"); a dead one silences it, and so does a cue
   between them or right after a service named later ("blocked Viber; WhatsApp could
   follow"). A weak block word ("restricted") yields to a throttle word in the sentence, a
   block named after an unblock word is the ban being lifted ("restored access after they
   were banned"); plain "internet" needs a strong action word ("switched off", not
   "restrictions");
5. the country is the acting body named (Roskomnadzor), else the nearest place named that
   is not a service's origin ("Russian network VK"); the scope: bot.detect.scope.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace
from typing import Any

from bot.core.models import Action, Scope
from bot.detect.foreign import foreign_names
from bot.detect.geometry import any_between, between, follows, gap_words
from bot.detect.lexicon import ActionTag, CountryTag, Language, ServiceTag, Vocab
from bot.detect.live import PUNCTUATION, is_live, old_years
from bot.detect.patterns import Hit, words_between
from bot.detect.scan import Words
from bot.detect.scope import scope_of, with_features

SERVICE_WINDOW = 10  # words between a service and its action word: farther is another clause
LIST_GAP = 3  # other words between two listed services ("the Telegram messenger, Facebook")
_SEPARATOR = re.compile(r"[,/&+،、]")  # between listed services, in every language
_LIST_STOP = re.compile(r"[;:()]| - |[.!?]\s")  # a list never runs across these
# A number of three or more digits just before a site word: a tally ("11 000 sites blocked
# this year"), where a small count is one decision ("blocked 21 websites", "încă 7 site-uri").
_COUNTED = re.compile(
    r"(?:\d[\d\s.,]*\d[\d\s.,]*\d|\d+\s*(?:тыс|млн|миллион|million|мың|мин|ming|thousand|mil\b|mille|tausend|bin\b|"
    r"هزار|ألف|آلاف|हज़ार|हजार|হাজার|ribu|nghìn|ngàn|tysi|хиляд|хиљад|хазор)\w*)(?:\s*\w+){0,2}\s*$"
)
NEAR = 2  # words between an action word and a name that is often a report's source
INCLUDING_REACH = 15  # words from an action word to the "including" that details its object
GENERIC_REACH = 3  # words between a strong action word and a site word ("сайт") it blocks
CLAUSE_PENALTY = 2  # a comma or "while" between service and action counts as two more words
ENDING_REACH = 3  # words between a verb of ending and the ban word it ends ("lifts the ban")


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


NOTHING = Reading()


def analyse(
    text: str,
    vocab: Vocab,
    language: Language,
    ref_year: int | None,
    contexts: Container[str],
    scanned: tuple[Words, ...] | None = None,
) -> Reading:
    """What one sentence in key form (see bot.detect.text.key) reports. `contexts`: services
    whose weak aliases count in this item (their context words occur in it); `scanned`: the
    sentence's candidate words (language.scanner.scan), when the caller has them already."""
    if is_question(text):
        return NOTHING  # a question ("Will Telegram be blocked too?") reports nothing
    action_words, cue_words, service_words, country_words = (
        scanned if scanned is not None else language.scanner.scan(text)
    )
    cues = language.cues.find(text, cue_words) if cue_words else []
    if any(cue.label in ("sentence", "trap", "topic") for cue in cues):
        return NOTHING
    actions = language.actions.find(text, action_words) if action_words else []
    actions = _ended(text, with_features(text, actions, cues), cues, language.verb_final)
    mentions = _mentions(
        text, service_words, vocab, cues, actions, contexts, postpositions=language.verb_final
    )
    if not actions:
        return Reading(services=tuple(mentions))
    years = old_years(text, ref_year)
    clauses = [cue for cue in cues if cue.label == "clause"]
    boundaries: list[Hit[Any]] = [*actions, *clauses]
    live = [
        is_live(text, action, cues, years, boundaries, language.cues_after) for action in actions
    ]
    kinds = {action.label.action for action, ok in zip(actions, live, strict=True) if ok}
    unblocks = [
        a.end for a, ok in zip(actions, live, strict=True) if ok and a.label.action == "unblock"
    ]
    lifted = _Lifted(unblocks, [mention.start for mention in mentions])
    countries = language.countries.find(text, country_words)
    places = _places(text, countries, mentions, actions, cues)
    if not mentions:
        orphans = _orphans(text, actions, live, kinds, lifted, cues, places, countries)
        opening = text.lstrip("\"' -")
        continues = any(
            cue.label == "conjunction" and cue.start == len(text) - len(opening) for cue in cues
        )
        return Reading(orphans=orphans, acted=any(live), continues=continues)
    findings: list[Finding] = []
    lists = _lists(text, mentions, actions, cues)
    for mention, span in zip(mentions, lists, strict=True):
        index: int | None = _nearest(text, span, actions, clauses, language.verb_final)
        if index is not None and gap_words(text, span, actions[index]) > SERVICE_WINDOW:
            index = _included(text, span, actions, cues)
        if index is None or not live[index]:
            continue
        action = actions[index]
        if not language.verb_final:
            action = _undone(text, span, action, actions, mentions, cues)
        if _needs_strong(mention.label, contexts) and action.label.weak:
            continue  # "internet restrictions", "restricting internet use": too vague
        if _cue_between(mention, span, action, cues):
            continue  # "blocked Viber, adding that WhatsApp could follow"
        country = _country(action, places)
        resolved, scope = _resolve(action, kinds, lifted), scope_of(text, action, cues, countries)
        if resolved == "block" and _high_speed(text, mention, cues):
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
        then = _then_lifted(text, action, resolved, actions, live, mentions)
        if then is not None:  # "Facebook interrompu puis rétabli": both are the news
            findings.append(replace(findings[-1], action="unblock", action_words=(then.text,)))
    return Reading(tuple(findings), (), tuple(mentions), any(live))


def _then_lifted(
    text: str,
    action: Hit[ActionTag],
    resolved: Action,
    actions: list[Hit[ActionTag]],
    live: list[bool],
    mentions: list[Hit[ServiceTag]],
) -> Hit[ActionTag] | None:
    """The unblock word that follows a service's block in its sentence, when the block was
    lifted there too: "Facebook was blocked on Tuesday and restored on Wednesday", "coupé
    dimanche, puis rétabli". No other service is named between them (that would be news of
    its own) and no semicolon; a ban named after the unblock is _Lifted's, not this."""
    if resolved != "block":
        return None
    for other, ok in zip(actions, live, strict=True):
        if not ok or other.label.action != "unblock" or other.start < action.end:
            continue
        if gap_words(text, action, other) > SERVICE_WINDOW or ";" in text[action.end : other.start]:
            return None
        if any(action.end <= mention.start < other.start for mention in mentions):
            return None
        return other
    return None


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
    found += ["weak-action"] if action.label.weak else []
    found += ["weak-alias"] if mention.label.weak else []
    found += ["near-name"] if mention.label.near else []
    found += [KIND_WORD] if mention.label.generic else []
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
    lifted: _Lifted,
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
        country = _country(action, places)
        found.append(
            Orphan(
                action=_resolve(action, kinds, lifted),
                country=country.label.country if country else None,
                action_words=(action.text,),
                country_words=(country.text,) if country else (),
                scope=scope_of(text, action, cues, countries),
                anaphor=any(gap_words(text, cue, action) <= SERVICE_WINDOW for cue in anaphors),
                weak=action.label.weak,
            )
        )
    return tuple(found)


def _mentions(
    text: str,
    words: list[tuple[int, str]],
    vocab: Vocab,
    cues: list[Hit[str]],
    actions: list[Hit[ActionTag]],
    contexts: Container[str],
    postpositions: bool = False,
) -> list[Hit[ServiceTag]]:
    """Service mentions that name the service itself, not a channel on it, the place a
    statement was posted, or a maritime body. A weak alias without its context words stays
    only when it is listed with a service named outright ("X, Instagram ve TikTok")."""
    kept: list[Hit[ServiceTag]] = []
    unsure: set[int] = set()  # starts of weak aliases that need a listed companion
    objects = [cue for cue in cues if cue.label == "object"]
    afters = [cue for cue in cues if cue.label == "after"]
    # "calls via WhatsApp" is the feature's medium, not where a statement was posted.
    features = [cue for cue in cues if cue.label == "feature"]
    sources = [
        cue
        for cue in cues
        if cue.label == "source" and not any(follows(text, feature, cue, 3) for feature in features)
    ]
    found = vocab.services.find(text, words)
    # A sentence that names a service, even only as where a statement was posted, is about it:
    # its site words ("portal", "сайт") are no site of their own.
    named = [hit for hit in found if hit.label.service and not hit.label.generic]
    listing = _ListMates(text, named, actions, cues)
    for hit in found:
        if hit.label.generic and named and not listing.beside(hit):
            continue
        service = hit.label.service
        if not service:
            continue
        if hit.label.weak and not hit.label.strong_action and service not in contexts:
            unsure.add(hit.start)
        if any(follows(text, hit, obj, 0) or follows(text, obj, hit, 2) for obj in objects):
            continue
        if any(_after(text, after, hit, actions, postpositions) for after in afters):
            continue
        if any(follows(text, source, hit, 0) for source in sources):
            continue
        kept.append(hit)
    kept += _domains(text, kept)
    kept += [
        name
        for name in foreign_names(text, kept)
        if _acted_on(name, actions, verb_final=postpositions)
    ]
    reporting = [cue for cue in cues if cue.label == "reporting"]
    kinds = [hit for hit in found if hit.label.generic]
    kept = [
        hit
        for hit in kept
        if not hit.label.near
        or _subject(text, hit, actions, reporting)
        or (hit.label.generic and listing.beside(hit))
        or _named_by_kind(text, hit, kinds, actions, reporting)
    ]
    if not unsure:
        return kept
    spans = _lists(text, kept, actions, cues)
    sure = [span for hit, span in zip(kept, spans, strict=True) if hit.start not in unsure]
    return [
        hit
        for hit, span in zip(kept, spans, strict=True)
        if hit.start not in unsure or any(other.start == span.start for other in sure)
    ]


class _ListMates:
    """Whether a site word is listed beside a named service ("Facebook and news sites",
    "к соцсетям, сайтам и YouTube"): then it is a site of its own, not the service's."""

    def __init__(
        self,
        text: str,
        named: list[Hit[ServiceTag]],
        actions: list[Hit[ActionTag]],
        cues: list[Hit[str]],
    ) -> None:
        self._text, self._named = text, named
        # A statement's source ("пишуть у Telegram") lists nothing beside it either.
        self._joins, self._stops = _list_cues(actions, cues, "source")

    def beside(self, site: Hit[ServiceTag]) -> bool:
        return any(
            _listed(self._text, first, second, self._joins, self._stops)
            for name in self._named
            for first, second in ((name, site), (site, name))
        )


def _acted_on(name: Hit[ServiceTag], actions: list[Hit[ActionTag]], *, verb_final: bool) -> bool:
    """Whether a foreign name stands where an action's object does: after the action word, or
    before it where the verb comes last ("ProtonMail ... бұғатталды"). Before the verb of an
    SVO sentence it is mostly the one acting ("Visa и Mastercard приостановили работу")."""
    if verb_final:
        return any(name.end <= action.start for action in actions)
    return any(action.end <= name.start for action in actions)


def _after(
    text: str,
    after: Hit[str],
    hit: Hit[ServiceTag],
    actions: list[Hit[ActionTag]],
    postpositions: bool,
) -> bool:
    """Whether a service is named as what came before ("after Facebook and Twitter,
    Instagram..."); in languages with postpositions the word follows it ("Facebook'tan
    sonra")."""
    if postpositions:  # "Instagram'a erişimin engellenmesinin ardından": the action noun is in it
        return follows(text, hit, after, 3)
    return follows(text, after, hit, 3) and not any_between(after, hit, actions)


def _subject(
    text: str, hit: Hit[ServiceTag], actions: list[Hit[ActionTag]], reporting: list[Hit[str]]
) -> bool:
    """Whether a name that is often a report's source is what was acted on: right next to an
    action word, and not itself next to a reporting word ("as Tochka.by reports")."""
    if any(gap_words(text, hit, verb) <= 1 for verb in reporting):
        return False
    # "сайт", "portal": a strong action word within three words ("заблокировал сайт",
    # "ограничил доступ к нескольким интернет-ресурсам", "blocked access to the website")
    if hit.label.generic:
        if _COUNTED.search(text, max(0, hit.start - 24), hit.start):
            return False  # "11 000 sites blocked": a count of sites, no site named
        return any(
            gap_words(text, hit, a) <= GENERIC_REACH
            and not a.label.weak
            and not PUNCTUATION.search(text, *between(hit, a))
            for a in actions
        )
    return any(gap_words(text, hit, action) <= NEAR for action in actions)


def _named_by_kind(
    text: str,
    hit: Hit[ServiceTag],
    kinds: list[Hit[ServiceTag]],
    actions: list[Hit[ActionTag]],
    reporting: list[Hit[str]],
) -> bool:
    """Whether a name stands right after its kind, which is what was acted on: "blocked the
    news website Kloop", "le site Mediapart", "сайт «Азия-Плюс»". The name is the kind's
    apposition, so it is as near the action word as the kind is."""
    return any(
        follows(text, kind, hit, 0) and _subject(text, kind, actions, reporting) for kind in kinds
    )


# A site named by its domain ("gordonua.com", "tut.by"): a service of its own, "other",
# unless a service's alias took it already ("vk.com").
DOMAIN = re.compile(
    r"(?<![\w.@/])(?:[a-z0-9-]+\.)+(?:com|net|org|info|io|me|tv|news|online|media|site|co|"
    r"ru|by|ua|kz|uz|tm|kg|tj|az|am|ge|ir|tr|af|pk|in|bd|et|ng|ke|ug|tz|mm|vn|id|my|th|"
    r"eu|uk|de|fr|es|it|pl|ro|rs|ba|al|mk|bg|ve|cu|ni|br|cn|hk|su|рф)(?![\w.])"
)


def _domains(text: str, kept: list[Hit[ServiceTag]]) -> list[Hit[ServiceTag]]:
    return [
        Hit(match.start(), match.end(), match.group(), ServiceTag("other", False, near=True))
        for match in DOMAIN.finditer(text)
        if not any(hit.start < match.end() and match.start() < hit.end for hit in kept)
    ]


def _nearest(
    text: str,
    mention: Hit[ServiceTag],
    actions: list[Hit[ActionTag]],
    clauses: list[Hit[str]],
    verb_final: bool,
) -> int:
    """Index of the action word closest to a service mention: words between them, plus a
    penalty for each clause boundary crossed (punctuation, "while", "but"). In a verb-final
    language an action word after the mention and in reach wins over any before it."""

    def distance(action: Hit[ActionTag]) -> tuple[bool, int, bool, int]:
        start, end = between(mention, action)
        crossed = len(PUNCTUATION.findall(text, start, end))
        crossed += sum(1 for cue in clauses if start <= cue.start < end)
        chars = max(action.start - mention.end, mention.start - action.end, 0)
        words = gap_words(text, mention, action)
        # On a tie the verb before wins: "blocked X and Y in 2022 and throttled Z".
        after = action.start > mention.start
        late = verb_final and not (after and words <= SERVICE_WINDOW)
        return late, words + CLAUSE_PENALTY * crossed, after, chars

    return min(range(len(actions)), key=lambda i: distance(actions[i]))


def _included(
    text: str, span: Hit[ServiceTag], actions: list[Hit[ActionTag]], cues: list[Hit[str]]
) -> int | None:
    """The action word whose object a list opened by "including" details: "ordered providers
    to block 131 sites, mostly music and video, including VKontakte, Odnoklassniki and
    Twitter" (`including` cues: "в том числе", "включая", "dont", "darunter"). The cue stands
    right before the list; the action word is the last one before the cue, in reach of it."""
    cue = next(
        (
            cue
            for cue in cues
            if cue.label == "including"
            and cue.end <= span.start
            and gap_words(text, cue, span) <= 2
        ),
        None,
    )
    if cue is None:
        return None
    before = [i for i, action in enumerate(actions) if action.end <= cue.start]
    if not before or gap_words(text, actions[before[-1]], cue) > INCLUDING_REACH:
        return None
    return before[-1]


def _ended(
    text: str, actions: list[Hit[ActionTag]], cues: list[Hit[str]], verb_final: bool
) -> list[Hit[ActionTag]]:
    """A ban word governed by a verb of ending is the ban lifted: "Manipur withdraws mobile
    internet ban", "a levé la suspension", "отменили блокировку", and where the verb comes
    last "পাবন্দী খত্ম" after it. The verb (an `ending` cue, or an `undo` one standing before
    the ban word) is within ENDING_REACH words, with no punctuation, conjunction or other
    action word between: "removed the posts and blocked the site" is two acts."""
    endings = [cue for cue in cues if cue.label in ("ending", "undo")]
    if not endings:
        return actions
    joins = [cue for cue in cues if cue.label == "conjunction"]

    def governs(cue: Hit[str], action: Hit[ActionTag]) -> bool:
        first, second = (action, cue) if verb_final and action.end <= cue.start else (cue, action)
        if cue.label == "undo" and first is action and not verb_final:
            return False  # after the ban word an undo cue is _undone's: the services between
        return (
            follows(text, first, second, ENDING_REACH)
            and not PUNCTUATION.search(text, first.end, second.start)
            and not any_between(first, second, [*actions, *joins])
        )

    return [
        Hit(action.start, action.end, action.text, ActionTag("unblock", False))
        if action.label.action == "block"
        and not action.label.negated
        and any(governs(cue, action) for cue in endings)
        else action
        for action in actions
    ]


def _undone(
    text: str,
    span: Hit[ServiceTag],
    action: Hit[ActionTag],
    actions: list[Hit[ActionTag]],
    mentions: list[Hit[ServiceTag]],
    cues: list[Hit[str]],
) -> Hit[ActionTag]:
    """An `undo` word ("was lifted", "сняли") that undoes a ban named before the services:
    "the ban imposed on Facebook, WhatsApp and Viber after the attacks was lifted today",
    "restrictions on Facebook introduced after the election were lifted". The ban is its
    subject when it follows the list with no clause word, semicolon or other action word
    between (commas may set off a clause: "restrictions imposed on internet access,
    officially for security, were lifted"), and no service after it (that would be its own
    object). Returns the unblock it makes, else `action` itself."""
    if action.label.action != "block" or action.start >= span.start:
        return action
    undo = next((cue for cue in cues if cue.label == "undo" and cue.start >= span.end), None)
    if undo is None or any(span.end <= hit.start < undo.end for hit in actions):
        return action
    stops = (cue for cue in cues if cue.label == "clause" and span.end <= cue.start < undo.start)
    if any(stops) or ";" in text[span.end : undo.start]:
        return action
    if any(mention.start >= undo.start for mention in mentions):
        return action
    return Hit(undo.start, undo.end, undo.text, ActionTag("unblock", False))


def _cue_between(
    mention: Hit[ServiceTag], span: Hit[ServiceTag], action: Hit[ActionTag], cues: list[Hit[str]]
) -> bool:
    """Whether a negation, threat or background cue separates a service (or the list it is
    in: `span`) from its action, or directly follows a service named after the action
    ("blocked Viber; WhatsApp could follow")."""
    before = mention.end <= action.start
    start, end = between(span, action)
    for cue in cues:
        if cue.label not in ("negation", "threat", "background", "past"):
            continue
        if start <= cue.start and cue.end <= end:
            return True
        if not before and 0 <= cue.start - mention.end <= 2:  # the service's own modal
            return True
    return False


def _lists(
    text: str, mentions: list[Hit[ServiceTag]], actions: list[Hit[ActionTag]], cues: list[Hit[str]]
) -> list[Hit[ServiceTag]]:
    """For each mention, the span of the list it stands in ("Twitter, WeChat and VKontakte"):
    an action word near any member reaches every member. Two mentions are listed together
    when only a separator stands between them (a comma, a slash, a conjunction cue), with at
    most LIST_GAP other words ("the Telegram messenger, Facebook and Odnoklassniki social
    networks") and no action word, clause word or other punctuation."""
    joins, stops = _list_cues(actions, cues)
    spans: list[tuple[int, int]] = []
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        if previous is not None and _listed(text, previous, mention, joins, stops):
            spans[-1] = (spans[-1][0], mention.end)
        else:
            spans.append((mention.start, mention.end))
    members: list[Hit[ServiceTag]] = []
    index = 0
    for mention in mentions:
        while not spans[index][0] <= mention.start < spans[index][1]:
            index += 1
        start, end = spans[index]
        members.append(Hit(start, end, text[start:end], mention.label))
    return members


def _list_cues(
    actions: list[Hit[ActionTag]], cues: list[Hit[str]], *more_stops: str
) -> tuple[list[Hit[str]], list[Hit[Any]]]:
    """The words that join a list (conjunctions) and those it never runs across: action
    words, clause words, negations and threats, and any `more_stops` cue kinds."""
    joins = [cue for cue in cues if cue.label == "conjunction"]
    kinds = ("clause", "negation", "threat", *more_stops)
    stops: list[Hit[Any]] = [*actions, *(cue for cue in cues if cue.label in kinds)]
    return joins, stops


def _listed(
    text: str,
    first: Hit[ServiceTag],
    second: Hit[ServiceTag],
    joins: list[Hit[str]],
    stops: list[Hit[Any]],
) -> bool:
    start, end = first.end, second.start
    if end < start or words_between(text, start, end) > LIST_GAP:
        return False
    if _LIST_STOP.search(text, start, end) or any(start <= hit.start < end for hit in stops):
        return False
    return _SEPARATOR.search(text, start, end) is not None or any(
        start <= join.start and join.end <= end for join in joins
    )


def _needs_strong(tag: ServiceTag, contexts: Container[str]) -> bool:
    """A weak alias allowed by a strong action word only (not by context words)."""
    return tag.weak and tag.strong_action and tag.service not in contexts


@dataclass(frozen=True, slots=True)
class _Lifted:
    """Where a sentence's live unblock words end: a block word after one is the ban being
    lifted ("restored access after they were banned", "decided to abolish the measures,
    introduced a year ago, for blocking TikTok"), unless another service is named between
    them: that is news of its own ("mobile service restored, data service shut")."""

    ends: list[int]
    services: list[int]  # where the sentence's service mentions start

    def before(self, action: Hit[ActionTag]) -> bool:
        return any(
            end <= action.start and not any(end <= start < action.start for start in self.services)
            for end in self.ends
        )


def _resolve(action: Hit[ActionTag], kinds: set[Action], lifted: _Lifted) -> Action:
    """The action a service gets, given every live action kind of the sentence: a block
    named after an unblock, in its clause, is the ban being lifted; a vague restriction next
    to a slowdown is the slowdown ("restricting X by slowing it")."""
    tag = action.label
    if tag.action == "block" and lifted.before(action):
        return "unblock"
    if tag.weak and "throttle" in kinds:
        return "throttle"
    return tag.action


def _high_speed(text: str, mention: Hit[ServiceTag], cues: list[Hit[str]]) -> bool:
    """Whether the internet named is its fast part only ("high-speed internet suspended",
    "দ্রুতগতির ইন্টারনেট বন্ধ"): a `speed` cue right before or after the service's name."""
    return mention.label.service == "internet" and any(
        cue.label == "speed" and (follows(text, cue, mention, 1) or follows(text, mention, cue, 1))
        for cue in cues
    )


def is_question(text: str) -> bool:
    """A sentence that asks ("Will Telegram be blocked too?", "کیا ایکس بند ہے؟۔")."""
    return text.rstrip("\"') ۔.").endswith(("?", "؟"))


def _places(
    text: str,
    countries: list[Hit[CountryTag]],
    mentions: list[Hit[ServiceTag]],
    actions: list[Hit[ActionTag]],
    cues: list[Hit[str]],
) -> list[Hit[CountryTag]]:
    """The places that can be where the action happened: a place right before a service
    names its origin ("Russian social network VK, WeChat"), and one right after "against"
    is a target ("sanctions against Russia that block VKontakte"): either yields to any other."""
    against = [cue for cue in cues if cue.label == "against"]
    origin = [
        hit
        for hit in countries
        if not hit.label.actor
        and (
            any(
                follows(text, hit, other, 2) and not any_between(hit, other, actions)
                for other in mentions
            )
            or any(follows(text, cue, hit, 1) for cue in against)
        )
    ]
    # A place's name in quotes names an outlet or a site ("сайт «Фергана.Ru»"), not where
    # the action happened: it yields to any place named outside quotes.
    origin += [hit for hit in countries if _quoted(text, hit) and hit not in origin]
    rest = [hit for hit in countries if hit not in origin]
    return rest if rest and origin else countries


def _quoted(text: str, hit: Hit[CountryTag]) -> bool:
    """Whether a hit opens a quoted name: a quote right before it, and its closing quote
    within a few words after."""
    if hit.start == 0 or text[hit.start - 1] != '"':
        return False
    closing = text.find('"', hit.end)
    return closing != -1 and words_between(text, hit.end, closing) <= 3


def _country(action: Hit[ActionTag], countries: list[Hit[CountryTag]]) -> Hit[CountryTag] | None:
    """The acting body if one is named, else the place named closest to the action word."""
    actors = [hit for hit in countries if hit.label.actor]
    if actors:
        return actors[0]
    if not countries:
        return None
    return min(countries, key=lambda hit: max(hit.start - action.end, action.start - hit.end, 0))
