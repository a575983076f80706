"""Names in another script: a site or app the vocabulary does not know, told by its letters.

Russian, Kazakh, Arabic or Persian news writes most foreign names in their own Latin letters:
"Роскомнадзор заблокировал Pornhub", "Ресейде ProtonMail пошта сервисі бұғатталды". In a
sentence written mostly in another script, a Latin word that no service or country list took is
a name, and right next to an action word (bot.detect.mentions's `near` rule) it is what was
acted on: a service of its own, "other". Latin-script sentences have no such tell.
"""

from __future__ import annotations

from bot.detect.lexicon import ServiceTag
from bot.detect.patterns import Hit
from bot.detect.text import LATIN_WORD, latin_in_other_script

# Latin words such sentences carry that name nothing acted on.
_COMMON = frozenset(
    {
        "http", "https", "www", "html", "online", "news", "media", "live", "smart", "mobile",
        "android", "apple", "iphone", "ceo", "unix", "linux", "windows", "email", "mail", "wifi",
        "internet", "web", "app", "apps", "store", "play", "digital", "group", "telecom",
        "what", "netblocks", "ooni", "reuters", "shutdown", "blocked", "block", "access",
    }
)  # fmt: skip
FOREIGN = ServiceTag("other", False, near=True)


def foreign_names(text: str, kept: list[Hit[ServiceTag]]) -> list[Hit[ServiceTag]]:
    """Latin words in a sentence (key form) written mostly in another script, that no known
    name covers: each a possible name of a site or app (`near`: it counts only beside an
    action word)."""
    if not latin_in_other_script(text):
        return []
    return [
        Hit(match.start(), match.end(), match.group(), FOREIGN)
        for match in LATIN_WORD.finditer(text)
        if match.group() not in _COMMON
        and not _glossed(text, match.start())
        and not any(hit.start < match.end() and match.start() < hit.end for hit in kept)
    ]


def _glossed(text: str, start: int) -> bool:
    """Whether a word stands inside parentheses: a gloss in English ("(internet shutdown)"),
    not a name."""
    opened = text.rfind("(", 0, start)
    return opened >= 0 and text.find(")", opened, start) < 0
