"""Sites named by their domain ("gordonua.com", "tut.by"), and by the domain's name alone
elsewhere in the same item: a headline's "İncicaps kapatıldı" over a body that gives
"incicaps.com" names that site, which no vocabulary lists."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.detect.geometry import gap_words
from bot.detect.lexicon import ActionTag, ServiceTag
from bot.detect.patterns import Hit

# Domain endings sold to anyone, pirate and betting sites' favourites ("kinox.to"): they name
# a site but no country (bot.detect.item).
VANITY_ENDINGS = (
    "biz", "cc", "to", "ws", "is", "li", "ag", "sx", "pw", "la", "nu", "gg", "tk", "cx", "xyz",
    "top", "pro", "app", "club", "live", "stream", "bet", "xxx",
)  # fmt: skip
# A site named by its domain ("gordonua.com", "tut.by"): a service of its own, "other",
# unless a service's alias took it already ("vk.com").
# A first name of one letter is an abbreviation ("m.in." is Polish "among others") unless a
# longer name follows it ("n.czas.pl"); x.com and t.me are services' aliases.
DOMAIN = re.compile(
    # the Russian press writes some domains in Cyrillic, declined ("«Фергану.ру»")
    r"(?<![\w.@/])[а-яё0-9-]{2,}\.ру(?!\w|\.\w)|"
    r"(?<![\w.@/])(?:[a-z0-9-]{2,}\.|[a-z0-9-]\.(?=[a-z0-9-]+\.[a-z]))(?:[a-z0-9-]+\.)*(?:com|net|org|info|io|me|tv|news|online|media|site|co|"
    r"ru|by|ua|kz|uz|tm|kg|tj|az|am|ge|ir|tr|af|pk|in|bd|et|ng|ke|ug|tz|mm|vn|id|my|th|"
    r"eu|uk|de|fr|es|it|pl|ro|rs|ba|al|mk|bg|ve|cu|ni|br|cn|hk|su|рф|cz|sk|lt|lv|ee|fi|gr|il|"
    r"jo|lb|sa|ae|qa|kw|bh|om|iq|sy|eg|ma|dz|tn|ly|sd|zw|za|cm|sn|gh|np|lk|ph|kh|hu|hr|nl|ch|"
    r"at|se|dk|no|be|pt|mx|ar|cl|pe|uy|au|nz|ca|us|jp|kr|tw|sg|mn|" + "|".join(VANITY_ENDINGS) + ")"
    r"(?!\w|\.\w)"  # not glued to more of a name; a full stop ending the sentence may follow
)


# What every domain has: a dot before its ending. The test runs in C at a fraction of
# DOMAIN's cost, which tries its names at every letter of a sentence.
DOT_ENDING = re.compile(r"\.[a-zр]")


# A domain's name that is a common word names no site of its own ("news.com", "blog.xyz");
# the first names that are a host's, not the site's ("www.", "m.").
_NO_SITE = frozenset({
    "www", "www2", "m", "en", "ru", "mobile", "news", "blog", "blogs", "media", "online", "web",
    "site", "portal", "mail", "home", "info", "shop", "live", "radio", "tv", "video", "app",
    "apps", "store", "forum", "wiki", "press", "global", "world", "daily",
})  # fmt: skip
NAME_REACH = 2  # words between an action word and a domain's name it acts on


def item_site_names(text: str) -> frozenset[str]:
    """The names of the sites the item gives by their domain ("incicaps" of "incicaps.com"):
    four letters or more, not a common word."""
    if DOT_ENDING.search(text) is None:
        return frozenset()
    names = set()
    for match in DOMAIN.finditer(text):
        labels = [label for label in match.group().split(".")[:-1] if label not in _NO_SITE]
        if labels and len(labels[0]) >= 4 and not labels[0].isdigit():
            names.add(labels[0])
    return frozenset(names)


def named_sites(
    text: str,
    kept: list[Hit[ServiceTag]],
    actions: list[Hit[ActionTag]],
    names: frozenset[str],
) -> list[Hit[ServiceTag]]:
    """A site's name without its domain, where the item gives the domain elsewhere, and an
    action word acts on it (within NAME_REACH words); not inside a domain or a service found."""
    if not names:
        return []
    found = []
    for match in _name_pattern(names).finditer(text):
        hit = Hit(match.start(), match.end(), match.group(), ServiceTag("other", False, near=True))
        if any(other.start < hit.end and hit.start < other.end for other in kept):
            continue
        if any(gap_words(text, hit, action) <= NAME_REACH for action in actions):
            found.append(hit)
    return found


@lru_cache(maxsize=256)
def _name_pattern(names: frozenset[str]) -> re.Pattern[str]:
    # a whole word, not a domain's first name nor part of a longer name ("incicaps'in" is
    # the name with a Turkish suffix after its apostrophe)
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.@/])(?:{alternatives})(?![\w-]|\.\w)")
