"""What a kind of site ("news site", "streaming sites", "sites d'informations") does to the
cue words beside it: they describe the sites, so they neither void the sentence nor make an
object of what it blocks."""

from __future__ import annotations

from bot.detect.geometry import follows
from bot.detect.lexicon import ServiceTag, Vocab
from bot.detect.patterns import Hit
from bot.detect.scan import Words


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
        if cue.label != "object" or not any(follows(text, kind, cue, 1) for kind in kinds)
    ]


def trapped(text: str, cues: list[Hit[str]], vocab: Vocab, service_words: Words) -> bool:
    """Whether a `trap` cue gives the sentence another meaning (a road, a match, a wallet
    blocked). One that tells the topic of the sites named right after it does not:
    "football streaming site", "Bitcoin news site", "scam websites" are sites blocked."""
    traps = [cue for cue in cues if cue.label == "trap"]
    if not traps:
        return False
    kinds = [hit for hit in vocab.services.find(text, service_words) if hit.label.generic]
    return any(not any(follows(text, trap, kind, 0) for kind in kinds) for trap in traps)
