"""The services a sentence names, and the lists they stand in (bot.detect.sentence).

A service word counts unless it names a channel on the service ("Telegram channel"), where a
statement was posted ("wrote on Telegram"), what came before ("after Facebook and Twitter,
Instagram..."), or is a report's source ("as Kloop reports"); sites named by their domain, a
foreign name in another script or a capitalised name (bot.detect.names) count where an
action word acts on them; a weak alias needs its context words or a listed companion named
outright. Listed services ("Twitter, WeChat and VKontakte") share the action word near any
of them.
"""

from __future__ import annotations

from collections.abc import Container

from bot.detect.domains import DOMAIN, DOT_ENDING, named_sites
from bot.detect.foreign import foreign_names
from bot.detect.geometry import any_between, between, follows, gap_words
from bot.detect.kinds import agents, complement_words, on_the_service
from bot.detect.lexicon import ActionTag, ServiceTag, Vocab
from bot.detect.lists import list_cues, list_spans, listed
from bot.detect.live import PUNCTUATION
from bot.detect.names import acted_names
from bot.detect.patterns import Hit

NEAR = 2  # words between an action word and a name that is often a report's source
VERB_FINAL_REACH = 6  # ...and between such a name and its clause's final verb


# words between a strong action word and a site word ("сайт") it blocks: counts and adjectives
# stand between ("blocks 14 alleged al-Shabaab propaganda websites"; 5 beat 3 on every
# labelled item)
GENERIC_REACH = 5


def service_mentions(
    text: str,
    words: list[tuple[int, str]],
    vocab: Vocab,
    cues: list[Hit[str]],
    actions: list[Hit[ActionTag]],
    contexts: Container[str],
    postpositions: bool = False,
    site_names: frozenset[str] = frozenset(),
    names: Container[str] = frozenset(),
) -> list[Hit[ServiceTag]]:
    """Service mentions that name the service itself, not a channel on it, the place a
    statement was posted, or a maritime body. A weak alias without its context words stays
    only when it is listed with a service named outright ("X, Instagram ve TikTok").
    `site_names`: sites the item names by their domain, whose names alone count too;
    `names`: words the item writes as names, which count right after a strong action word."""
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
    # "orders the VPNs to block 300 sites": the VPNs block, the sites are blocked
    blockers = agents(text, found, actions)
    found = [hit for hit in found if hit.start not in blockers]
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
        if any(on_the_service(text, obj, hit) for obj in objects):
            continue
        if any(_after(text, after, hit, actions, postpositions) for after in afters):
            continue
        if any(follows(text, source, hit, 0) for source in sources):
            continue
        kept.append(hit)
    if actions:  # a domain or foreign name counts only beside an action word (`near`)
        kept += _domains(text, kept)
        kept += named_sites(text, kept, actions, site_names)
        kept += [
            name
            for name in foreign_names(text, kept)
            if _acted_on(name, actions, verb_final=postpositions)
        ]
        kept += acted_names(text, kept, names, actions, cues, found, postpositions)
    reporting = [cue for cue in cues if cue.label == "reporting"]
    kinds = [hit for hit in found if hit.label.generic]
    kept = [
        hit
        for hit in kept
        if not hit.label.near
        or _subject(text, hit, actions, reporting, verb_final=postpositions)
        or (hit.label.generic and listing.beside(hit))
        or _named_by_kind(text, hit, kinds, actions, reporting)
    ]
    if not unsure:
        return kept
    spans = list_spans(text, kept, actions, cues)
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
        self._joins, self._stops = list_cues(actions, cues, "source")

    def beside(self, site: Hit[ServiceTag]) -> bool:
        return any(
            listed(self._text, first, second, self._joins, self._stops)
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
    return (
        follows(text, after, hit, 3)
        and not any_between(after, hit, actions)
        # a date between names no service: "حجبت بعد 25 أكتوبر فيسبوك" (after 25 October)
        and not any(char.isdigit() for char in text[after.end : hit.start])
    )


def _subject(
    text: str,
    hit: Hit[ServiceTag],
    actions: list[Hit[ActionTag]],
    reporting: list[Hit[str]],
    *,
    verb_final: bool = False,
) -> bool:
    """Whether a name that is often a report's source is what was acted on: right next to an
    action word, and not itself next to a reporting word ("as Tochka.by reports")."""
    if any(gap_words(text, hit, verb) <= 1 for verb in reporting):
        return False
    # "сайт", "portal": a strong action word within five words ("заблокировал сайт",
    # "ограничил доступ к нескольким интернет-ресурсам", "blocked access to the website")
    if hit.label.generic:
        reach_after = GENERIC_REACH + complement_words(text, hit)
        return any(
            gap_words(text, hit, a) <= (reach_after if hit.end <= a.start else GENERIC_REACH)
            and not a.label.weak
            and not PUNCTUATION.search(text, *between(hit, a))
            for a in actions
        )
    if any(gap_words(text, hit, action) <= NEAR for action in actions):
        return True
    # A site's domain, where the verb ends its clause: the object stands before it,
    # adverbials between ("sendika.org'a iki hafta içinde beşinci kez erişim engeli").
    return (
        verb_final
        and DOMAIN.fullmatch(hit.text) is not None
        and any(
            hit.end <= action.start
            and gap_words(text, hit, action) <= VERB_FINAL_REACH
            and not PUNCTUATION.search(text, hit.end, action.start)
            for action in actions
        )
    )


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


def _domains(text: str, kept: list[Hit[ServiceTag]]) -> list[Hit[ServiceTag]]:
    if DOT_ENDING.search(text) is None:
        return []
    return [
        Hit(match.start(), match.end(), match.group(), ServiceTag("other", False, near=True))
        for match in DOMAIN.finditer(text)
        if not any(hit.start < match.end() and match.start() < hit.end for hit in kept)
    ]
