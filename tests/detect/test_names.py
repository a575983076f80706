"""A site or app the vocabulary lacks, told by its capital letter right after a strong action
word (bot/detect/names.py; written from the errors of batches already scored: fresh-34 to 67).

"A Caracas court orders DolarToday blocked" names no service the vocabulary knows, but the
item writes "DolarToday" as a name: capitalised in mid-sentence and never in lower case.
Right after a strong action word it is what was acted on, "other". Places are names too, but
a preposition stands between them and the action ("internet suspended in Nalanda"); a
headline in title case, German nouns, acronyms and two names in a row (a person) tell no
site.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from bot.detect.names import ItemNames
from tests.detect.support import DETECTOR, alerts

# Each item names a site or service word somewhere ("the site", "app"): an item with none is
# never read for names, where crossings and airports reopened are written as names too.
ALERTS: list[tuple[str, str, str]] = [
    # a name right after the action word
    (
        "en",
        "A court in Caracas ordered providers to block Zorbanet. The site printed dollar rates.",
        "VE other block",
    ),
    (
        "en",
        "The Chinese government has switched off Mongolbook, the only such app.",
        "CN other block",
    ),
    ("en", "Iraq's parliament voted to ban Quickfort. The game had a large following.", ""),
    (
        "es",
        "Un tribunal de Caracas ordena bloquear Zorbanet. El sitio publicaba el dólar.",
        "VE other block",
    ),
    (
        "en",
        "Pakistan restores Blogzilla after nationwide block || The PTA ordered providers to "
        "restore Blogzilla, a blogging platform.",
        "PK other unblock",
    ),
    # ...or after "access to"
    (
        "en",
        "Turkey blocked access to Zorbanet on Friday. The site had reported on the army.",
        "TR other block",
    ),
    # ...with a reason after it: "over" introduces a source ("via", "over Telegram") only
    # when it comes before the name
    (
        "en",
        "Turkey bans access to Zorbanet over propaganda. The site had reported on the army.",
        "TR other block",
    ),
    ("en", "Turkey bans access to sites shared over Zorbanet, a messenger.", "TR other block"),
    # ...and "over" before a number is "more than" (after fresh-107)
    ("en", "Thailand blocks over 2,800 websites.", "TH other block"),
    # ...but a preposition alone tells a place ("coupée à Diamniadio")
    ("fr", "La route nationale coupée à Zorbaville ; le site de la mairie l'annonce.", ""),
    # the subject of a passive verb, a place or the sentence's end after it
    ("en", "Users say Zorbanet blocked in Lebanon. The site is popular.", "LB other block"),
    ("en", "Users in Lebanon say Ogero blocked them. The sites had run ads.", ""),
    # ...with an auxiliary between, or its agent after it (after fresh-74)
    (
        "es",
        "Dice Subtel que Zorbanet será bloqueado por los proveedores de Chile. El sitio es pirata.",
        "CL other block",
    ),
    (
        "en",
        "Users say Zorbanet was blocked by Ogero in Lebanon. The site is popular.",
        "LB other block",
    ),
    ("en", "Users say Zorbanet was blocked in Lebanon. The site is popular.", "LB other block"),
    # a name with an acronym after it ("Magis TV")
    ("es", "En Chile, Subtel ordena bloquear Zorba TV. El sitio era popular.", "CL other block"),
    # ...but not the first word of a service's name, nor the owner of one ("Meta's")
    ("en", "Russia blocked Zorba VPN and other sites.", "RU vpn block"),
    ("en", "Russia has blocked Meta's WhatsApp, the site says.", "RU whatsapp block"),
    # ...where the verb comes last, right before it
    ("tr", "Mahkeme kararıyla Zorbanet engellendi. Site haber yayımlıyordu.", "TR other block"),
    # guards: a place after a preposition, a person, an acronym, a word also in lower case
    (
        "en",
        "Mobile internet was suspended in Nalanda after clashes. The site of the clashes is calm.",
        "",
    ),
    ("en", "Kazakhstan blocked Mahmoud Khosravi's app, officials said.", ""),
    ("en", "Tajikistan suspended NGOs for a day. The site said so.", ""),
    ("en", "Pakistan blocked Progress. The site said progress was slow.", ""),
    # a headline in title case capitalises every word
    ("en", "Russia Blocks Access To Popular Tools || The sites are many.", ""),
    # no site or service word at all: places are names too ("reopens Torkham crossing")
    ("en", "Pakistan reopens Torkham crossing after border clashes.", ""),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS)
def test_named_site(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected


NAMES: list[tuple[str, list[str], set[str]]] = [
    ("en", ["A court ordered providers to block Zorbanet."], {"zorbanet"}),
    # the first word, title case, a pair of names, an acronym, a word also in lower case
    ("en", ["Zorbanet was blocked."], set()),
    ("en", ["Court Orders Providers To Block Zorbanet"], set()),
    ("en", ["Officials met Mahmoud Khosravi."], set()),
    ("en", ["They cut SMS and MPs complained."], set()),
    ("en", ["They blocked Zorbanet.", "They blocked zorbanet again."], set()),
    # after a colon or an opening quote a capital opens a clause
    ("en", ["The order said: Providers must comply.", 'They wrote "Enough" on it.'], set()),
    # words of the vocabulary (a country, a service) are no unknown names
    ("en", ["They blocked Facebook in Turkey."], set()),
    # German capitalises every noun
    ("de", ["Die Behörde sperrte Webseiten."], set()),
]


@pytest.mark.parametrize(("lang", "texts", "expected"), NAMES)
def test_item_names(lang: str, texts: list[str], expected: set[str]) -> None:
    names = ItemNames(DETECTOR.vocab.languages[lang], texts)
    words = {word.casefold() for text in texts for word in text.strip(".").split()}
    assert {word for word in words if word in names} == expected
