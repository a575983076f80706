"""What a kind of site ("news site", "streaming sites", "sites d'informations") does to the
cue words beside it: they describe the sites, so they neither void the sentence nor make an
object of what it blocks."""

from __future__ import annotations

from bot.detect.geometry import follows
from bot.detect.lexicon import ServiceTag, Vocab
from bot.detect.patterns import Hit
from bot.detect.scan import Words

KIND_REACH = 3  # words between a kind of site and the object word that tells its kind


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
    blocked). One that tells the topic of the sites named right after it does not:
    "football streaming site", "Bitcoin news site", "scam websites" are sites blocked."""
    traps = [cue for cue in cues if cue.label == "trap"]
    if not traps:
        return False
    kinds = [hit for hit in vocab.services.find(text, service_words) if hit.label.generic]
    return any(not any(follows(text, trap, kind, 0) for kind in kinds) for trap in traps)
