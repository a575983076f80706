"""A kind of site ("news site", "streaming sites", "sites d'informations") and the words
around it: the cue words that describe the sites neither void the sentence nor make an
object of what it blocks; a complement after it tells its kind ("sites de apostas"); a large
count before it tells a tally; and a service told to block such sites is their blocker."""

from __future__ import annotations

import re

from bot.detect.geometry import follows
from bot.detect.lexicon import ActionTag, ServiceTag, Vocab
from bot.detect.live import PUNCTUATION
from bot.detect.patterns import Hit
from bot.detect.scan import Words

# A number of three or more digits just before a site word: often a tally ("11 000 sites
# blocked this year"), where a small count is one decision ("blocked 21 websites", "încă 7
# site-uri"); but regulators block hundreds at once too ("blocks 175 gambling sites"). The
# confidence model weighs it, with the sentence's words (signal "tally").
_COUNTED = re.compile(
    r"(?:\d[\d\s.,]*\d[\d\s.,]*\d|\d+\s*(?:тыс|млн|миллион|million|мың|мин|ming|thousand|mil\b|mille|tausend|bin\b|"
    r"هزار|ألف|آلاف|हज़ार|हजार|হাজার|ribu|nghìn|ngàn|tysi|хиляд|хиљад|хазор)\w*)(?:\s*\w+){0,2}\s*$"
)
KIND_REACH = 3  # words between a kind of site and the object word that tells its kind
AGENT_REACH = (2, 5)  # words from a service to the action word, and from it to the sites
TOPIC_REACH = 2  # words between a trap word and the kind of site whose topic it tells
TOPIC_AFTER = 3  # ...and between the kind and a trap word in its complement


def kinds_complements_kept(
    text: str, cues: list[Hit[str]], mentions: list[Hit[ServiceTag]]
) -> list[Hit[str]]:
    """The cues without the object words that tell a site's kind ("sites d'informations
    bloqués"): the action acts on the sites, not on the information."""
    kinds = [mention for mention in mentions if mention.label.generic]
    if not kinds:
        return cues
    return [
        cue
        for cue in cues
        if cue.label != "object" or not any(_describes(text, cue, kind) for kind in kinds)
    ]


def _describes(text: str, cue: Hit[str], kind: Hit[ServiceTag]) -> bool:
    """An object word tells a site's kind or owner, not what was blocked instead: just after
    it ("websites over blasphemous content", "sites d'informations"), or as its owner just
    before it ("the rights group's website")."""
    return follows(text, kind, cue, KIND_REACH) or owns(text, cue, kind)


def on_the_service(text: str, cue: Hit[str], hit: Hit[ServiceTag]) -> bool:
    """Whether an object word makes a service mention the place of what was blocked:
    "Telegram channels", "channels on Telegram" are no Telegram blocked. A site's kind keeps
    the object words after it ("sites d'informations") and its owner before it."""
    if follows(text, hit, cue, 0):
        return not hit.label.generic
    return follows(text, cue, hit, 2) and not owns(text, cue, hit)


def owns(text: str, cue: Hit[str], kind: Hit[ServiceTag]) -> bool:
    """Whether an object word is the owner of a site named by its kind ("the group's
    website"): the site is blocked, not a group."""
    return (
        kind.label.generic
        and follows(text, cue, kind, 1)
        and text.startswith(("'s", "’s"), cue.end)
    )


def trapped(text: str, cues: list[Hit[str]], vocab: Vocab, service_words: Words) -> bool:
    """Whether a `trap` cue gives the sentence another meaning (a road, a match, a wallet
    blocked). One that tells the topic of the sites named just after it does not:
    "football streaming site", "Bitcoin news site", "scam websites", "cryptocurrency and
    gambling sites" are sites blocked."""
    traps = [cue for cue in cues if cue.label == "trap"]
    if not traps:
        return False
    kinds = [hit for hit in vocab.services.find(text, service_words) if hit.label.generic]
    return any(not any(_tells_topic(text, trap, kind) for kind in kinds) for trap in traps)


def _tells_topic(text: str, trap: Hit[str], kind: Hit[ServiceTag]) -> bool:
    """Whether a trap word tells the topic of a kind of site: just before it ("football
    streaming site") or in its complement ("illegal streams of Premier League matches")."""
    return follows(text, trap, kind, TOPIC_REACH) or (
        follows(text, kind, trap, TOPIC_AFTER)
        and not PUNCTUATION.search(text, kind.end, trap.start)
    )


def agents(
    text: str, mentions: list[Hit[ServiceTag]], actions: list[Hit[ActionTag]]
) -> frozenset[int]:
    """The starts of the services that do the blocking rather than suffer it: named just
    before an action word whose object is a kind of site ("l'Arcom ordonne aux VPN de bloquer
    300 sites", "orders Google to block 300 piracy websites")."""
    kinds = [mention for mention in mentions if mention.label.generic]
    blocks = [action for action in actions if action.label.action == "block"]
    return frozenset(
        mention.start
        for mention in mentions
        if not mention.label.generic
        and any(_blocker(text, mention, action, kind) for action in blocks for kind in kinds)
    )


def _blocker(
    text: str, mention: Hit[ServiceTag], action: Hit[ActionTag], kind: Hit[ServiceTag]
) -> bool:
    """Whether the service, the action word and the sites stand in that order, near, in one
    clause: the service is told to block the sites."""
    before, after = AGENT_REACH
    return (
        follows(text, mention, action, before)
        and follows(text, action, kind, after)
        and not PUNCTUATION.search(text, mention.end, kind.start)
    )


# A kind word's complement ("sites de apostas esportivas do RJ", "websites of opposition
# parties"): up to two prepositional phrases of up to three words, which tell what kind.
_PREPOSITION = r"(?:de|do|da|dos|das|des|du|di|del|dei|della|degli|of)"
_COMPLEMENT = re.compile(
    rf"(?:\s+{_PREPOSITION}\s+(?!{_PREPOSITION}\b)[^\W\d_]+(?:\s+(?!{_PREPOSITION}\b)[^\W\d_]+){{0,2}}){{1,2}}"
)


def counted(text: str, hit: Hit[ServiceTag]) -> bool:
    """Whether a site word follows a count of a hundred or more ("11 000 sites")."""
    return _COUNTED.search(text, max(0, hit.start - 24), hit.start) is not None


def complement_words(text: str, hit: Hit[ServiceTag]) -> int:
    """The words of a kind word's complement right after it: the action word may stand
    after them ("sites de apostas esportivas do RJ começam a ser bloqueados")."""
    match = _COMPLEMENT.match(text, hit.end)
    return len(match.group().split()) if match else 0
