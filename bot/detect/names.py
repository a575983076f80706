"""Names the vocabulary lacks, told by their capital letter: "a Caracas court orders
DolarToday blocked", "the government has switched off Bainu", "votes to ban Fortnite". A word
the item writes with a capital in mid-sentence, and never in lower case, is a name. Right after
a strong action word or its "access to" (before it where the verb comes last, or before a
passive verb: "Grooveshark ordered blocked in Denmark") it is what was acted on, a site or app
of its own, "other".

Only the item's running text tells a name: its first word and a headline in title case
("Iran Blocks Line And Tango") capitalise common words; German capitalises every noun. A
place is a name too ("internet suspended in Nalanda"), but a preposition stands between; and
only items that name some service or site word are read at all (bot.detect.detector), for
places reopened are written as names too ("Pakistan reopens Torkham crossing").
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from bot.detect.geometry import gap_words
from bot.detect.lexicon import ActionTag, Language, ServiceTag
from bot.detect.patterns import Hit

_WORD = re.compile(r"(?<![\w.@/-])[^\W\d_][\w'’-]*")
# Languages that capitalise every noun: a capital tells no name there.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
# After a colon or an opening quote a capital opens a clause, not a name (Armenian ends its
# sentences with a colon-like "։" that feeds type as ":").
_CLAUSE_OPENING = re.compile(r"[:;«“„\"]")
_POSSESSIVE = re.compile(r"['’]s$")  # "Meta's" is Meta
_TITLE_CASE = 0.6  # share of capitalised words above which a sentence is in title case
# Capitalised words that name no site acted on: the owners of services, those who report
# blocks, and the calendar.
_NOT_SITES = frozenset({
    "meta", "apple", "microsoft", "amazon", "alphabet", "bytedance", "tencent", "huawei",
    "samsung", "android", "ios", "iphone", "netblocks", "ooni", "reuters", "afp",
    "internet", "web", "online", "mobile", "app", "apps", "inc", "ltd", "llc",
    # the means, not a site: "suspended SMS, internet", "WiFi of BSNL"
    "sms", "mms", "isp", "isps", "gsm", "dns", "vpn", "vpns", "wifi", "wi-fi", "lte", "voip",
    "messenger", "url", "urls",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})  # fmt: skip
OTHER_NAME = ServiceTag("other", False)
# A number beside a capitalised word makes it a month's name ("Enero 19", "10th of Muharram").
_DATED = re.compile(r"\d")


class ItemNames:
    """The words (key form) an item writes as names: capitalised in mid-sentence, never in
    lower case, and no word of the language's vocabulary (an action, a cue, a service or a
    place). `texts`: the item's sentences as written (cleaned, not folded). Worked out only
    when asked: most items have no word right after a strong action word to ask about."""

    def __init__(self, language: Language, texts: Sequence[str]) -> None:
        self._language, self._texts = language, texts
        self._capitalised: frozenset[str] | None = None
        self._known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self._capitalised is None:
            self._capitalised = _capitalised(self._language, self._texts)
        if word not in self._capitalised:
            return False
        if word not in self._known:
            self._known[word] = not _in_vocabulary(self._language, word)
        return self._known[word]


def _capitalised(language: Language, texts: Sequence[str]) -> frozenset[str]:
    """The words capitalised in mid-sentence and never in lower case, three letters or more."""
    if language.code in _NOUNS_CAPITALISED:
        return frozenset()
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in (part for sentence in texts for part in _CLAUSE_OPENING.split(sentence)):
        words = [match.group() for match in _WORD.finditer(text)]
        capitals = [word for word in words[1:] if word[0].isupper() and not word.isupper()]
        if len(capitals) > _TITLE_CASE * max(1, len(words) - 1):
            continue
        capitalised.update(word.casefold() for word in _single(words))
        lower.update(word for word in words if word[0].islower())
    return frozenset(
        name
        for name in capitalised - lower
        if len(name) >= 3 and _POSSESSIVE.sub("", name) not in _NOT_SITES
    )


def _single(words: list[str]) -> list[str]:
    """The capitalised words in mid-sentence that stand alone: two in a row are a person's
    name or a place's ("Mahmoud Khosravi", "Yaya Dillo") more often than a site's."""
    capital = [word[0].isupper() for word in words]
    return [
        word
        for i, word in enumerate(words)
        if i > 0
        and capital[i]
        and not capital[i - 1]
        # ...but an acronym after a name is part of it: "Magis TV", "Pirlo TV"
        and not (i + 1 < len(words) and capital[i + 1] and not words[i + 1].isupper())
        # an acronym names a means or a body: "SMS", "VSAT", "KRG", "MPs"
        and not word.removesuffix("s").isupper()
        and "vpn" not in word.casefold()  # "VyprVPN": a VPN, not another site
    ]


def _in_vocabulary(language: Language, word: str) -> bool:
    """Whether a word is one of the language's words: an action, a cue, a service, a place."""
    actions, cues, services, countries = language.scanner.scan(word)
    return bool(
        (actions and language.actions.find(word, actions))
        or (cues and language.cues.find(word, cues))
        or (services and language.services.find(word, services))
        or (countries and language.countries.find(word, countries))
    )


# The word right after an action word ("blocked IMDb"), or after access and its preposition
# ("blocked access to IMDb", where the action word may hold "access" already); spaces only
# between: after a bare preposition stands a place ("cut in Diamniadio", "returns to Hodeidah").
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_ACCESS_WORDS = ("access", "l'accès", "l’accès", "acceso", "acesso", "accesso", "доступ")
_TO = r"\s+(?:to|à|a|ao|к|до)"
_TO_NAME = re.compile(_TO + _NEXT_WORD.pattern)
# A ban told as a noun names what it is on: "the block on Elaph", "the ban on Orkut".
_BAN_NOUNS = ("block", "ban", "blockade")
_ON_NAME = re.compile(r"\s+on" + _NEXT_WORD.pattern)
_ACCESS_TO_NAME = re.compile(
    r"\s+(?:access|l'accès|l’accès|el acceso|o acesso|l'accesso|доступ)" + _TO + _NEXT_WORD.pattern
)
# ...and the word right before it, where the verb comes last or is passive: a place, the
# agent or the sentence's end after the verb ("Grooveshark ordered blocked in Denmark",
# "The961 blocked.", "MagisTV será bloqueado por los proveedores"), an auxiliary between.
_PASSIVE_END = re.compile(
    r"\s*(?:[.!?;]|$)|\s+(?:in|en|em|across|nationwide|by|por|pelo|pela|par)\b"
)
_LAST_WORD = re.compile(
    r"(?<![\w.@/-])([^\W\d_][\w'’-]*)\s+"
    r"(?:(?:was|were|is|are|will be|has been|have been|had been|fue|fueron|será|serán|"
    r"ha sido|han sido|está|están|foi|foram|serão|est|sont|a été|ont été|sera|seront)\s+)?$"
)


def acted_names(
    text: str,
    kept: list[Hit[ServiceTag]],
    names: Container[str],
    actions: list[Hit[ActionTag]],
    cues: list[Hit[str]],
    found: list[Hit[ServiceTag]],
    verb_final: bool,
) -> list[Hit[ServiceTag]]:
    """The item's `names` that a strong action word acts on in this sentence (key form), and
    that no service `kept` or `found` in it covers: "forcing BT to block Newzbin2"."""
    result = []
    for action in actions:
        if action.label.weak:
            continue
        if verb_final or _PASSIVE_END.match(text, action.end):
            match = _LAST_WORD.search(text, max(0, action.start - 40), action.start)
        else:
            match = _object_after(text, action)
        if match is None or match.group(1) not in names:
            continue
        hit = Hit(match.start(1), match.end(1), match.group(1), OTHER_NAME)
        if _site_name(text, hit, [*kept, *found], cues):
            result.append(hit)
    return result


def _site_name(
    text: str, hit: Hit[ServiceTag], services: list[Hit[ServiceTag]], cues: list[Hit[str]]
) -> bool:
    """Whether a name acted on is a site's: not inside a service's name nor its first word
    ("Opera VPN"; a kind after it is no name: "Ilta-Sanomien verkkosivustolle", to the site of
    Ilta-Sanomat), not a month's name beside a number, and not a report's source."""
    if any(other.start < hit.end and hit.start < other.end for other in services):
        return False
    if any(0 <= other.start - hit.end <= 1 and not other.label.generic for other in services):
        return False
    if _DATED.search(text, max(0, hit.start - 8), hit.end + 8):
        return False
    # a source cue introduces what follows it ("via Tochka", "over Telegram"), not what it
    # follows ("bans access to Rudaw over propaganda")
    return not any(
        gap_words(text, hit, cue) <= 1
        and (cue.label == "reporting" or (cue.label == "source" and cue.end <= hit.start))
        for cue in cues
    )


def _object_after(text: str, action: Hit[ActionTag]) -> re.Match[str] | None:
    """The word an action word acts on, right after it, after "access to", or after a ban's
    "on" ("lifts its two-year block on Elaph")."""
    if action.text.endswith(_ACCESS_WORDS):
        return _TO_NAME.match(text, action.end)
    on_name = _ON_NAME.match(text, action.end) if action.text.endswith(_BAN_NOUNS) else None
    return on_name or _ACCESS_TO_NAME.match(text, action.end) or _NEXT_WORD.match(text, action.end)
