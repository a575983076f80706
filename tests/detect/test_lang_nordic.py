"""Detector vocabulary of Swedish, Danish, Norwegian and Icelandic (sv, da, no, is).

Per language, hand-written sentences (our own, not from the labelled corpora, which measure),
in this order: a block, a list of two services, a slowdown, an unblock, a regional shutdown
(partial) and a site named by its domain that must alert; a threat, a denial, a blocked road,
a platform blocking accounts, an outage named in the title ("title || body") and a block told
as background that must not. Last, one point of each language's grammar: a name in the
genitive ("Rysslands", "Ruslands", "Russlands") or, in Icelandic, the dative ("Rússlandi")
and an injunction ("lögbann") of the sheriff. No native speaker checked these sentences; they
follow the grammar notes in each vocabulary file.

Each "must not" sentence holds an action word its language's file knows: it is silent for a
cue's sake (and fails, like the others, without the file). Expected alerts: "COUNTRY service
action" (and "partial" for a regional one), "; " between several, "" for none.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts, language_table_tests

CASES: dict[str, list[tuple[str, str]]] = {
    "sv": [  # Swedish
        ("Ryssland blockerade på fredagen åtkomsten till WhatsApp.", "RU whatsapp block"),
        (
            "Iranska myndigheter har spärrat Instagram och WhatsApp inför valet.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Roskomnadzor har strypt YouTube i Ryssland.", "RU youtube throttle"),
        ("Nepal hävde på onsdagen förbudet mot TikTok.", "NP tiktok unblock"),
        (
            "Mobilt internet stängdes av i Amhararegionen i Etiopien.",
            "ET internet block partial",
        ),
        ("Turkiets telemyndighet spärrade webbplatsen bianet.org.", "TR other block"),
        ("Ryssland kan komma att blockera Telegram om plattformen inte tar bort innehållet.", ""),
        ("Departementet förnekade att man planerar att blockera Telegram i Sverige.", ""),
        ("Bönderna blockerade vägen utanför Uppsala, videor spreds på TikTok.", ""),
        ("Facebook blockerade konton som tillhör ryska statliga medier.", ""),
        (
            "Globalt avbrott hos WhatsApp || WhatsApp har slutat fungera i hela Sverige.",
            "",
        ),
        ("Telegram har varit blockerat i Iran sedan länge.", ""),
        ("Rysslands regering blockerade Telegram.", "RU telegram block"),
    ],
    "da": [  # Danish
        ("Rusland har blokeret adgangen til WhatsApp.", "RU whatsapp block"),
        (
            "De iranske myndigheder har spærret Instagram og WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Roskomnadzor har droslet YouTube i Rusland.", "RU youtube throttle"),
        ("Nepal har ophævet forbuddet mod TikTok.", "NP tiktok unblock"),
        (
            "Myndighederne lukkede for mobilt internet i Amhara-regionen i Etiopien.",
            "ET internet block partial",
        ),
        ("En tyrkisk domstol har blokeret hjemmesiden bianet.org.", "TR other block"),
        ("Rusland kan blokere Telegram, hvis platformen ikke fjerner indholdet.", ""),
        ("Ministeriet benægtede, at man planlægger at blokere Telegram i Danmark.", ""),
        ("Landmænd blokerede motorvejen ved Aarhus, og videoer spredtes på TikTok.", ""),
        ("Facebook har blokeret konti tilknyttet russiske statsmedier.", ""),
        (
            "Globalt nedbrud hos WhatsApp || WhatsApp er ikke længere tilgængelig i Danmark.",
            "",
        ),
        ("Telegram har været blokeret i Iran i flere år.", ""),
        ("Ruslands regering har blokeret Telegram.", "RU telegram block"),
    ],
    "no": [  # Norwegian
        ("Russland har blokkert tilgangen til WhatsApp.", "RU whatsapp block"),
        (
            "Iranske myndigheter har sperret Instagram og WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Roskomnadzor har strupet YouTube i Russland.", "RU youtube throttle"),
        ("Nepal har opphevet forbudet mot TikTok.", "NP tiktok unblock"),
        ("Mobilnettet ble stengt i Amhara-regionen i Etiopia.", "ET internet block partial"),
        ("Tyrkiske myndigheter blokkerte nettstedet bianet.org.", "TR other block"),
        ("Russland kan blokkere Telegram dersom plattformen ikke fjerner innholdet.", ""),
        ("Departementet benekter at det planlegger å blokkere Telegram i Norge.", ""),
        ("Bønder blokkerte veien utenfor Hamar, og videoer spredte seg på TikTok.", ""),
        ("Facebook blokkerte kontoer knyttet til russiske statsmedier.", ""),
        (
            "Global driftsforstyrrelse hos WhatsApp || WhatsApp er ikke tilgjengelig i Norge.",
            "",
        ),
        ("Telegram har vært blokkert i Iran i flere år.", ""),
        ("Russlands regjering har blokkert Telegram.", "RU telegram block"),
    ],
    "is": [  # Icelandic
        ("Rússland lokaði fyrir aðgang að WhatsApp.", "RU whatsapp block"),
        (
            "Írönsk yfirvöld lokuðu á Instagram og WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Roskomnadzor hefur hægt á YouTube í Rússlandi.", "RU youtube throttle"),
        ("Nepal hefur aflétt banni við TikTok.", "NP tiktok unblock"),
        (
            "Slökkt var á farsímanetinu í Amhara-héraði í Eþíópíu.",
            "ET internet block partial",
        ),
        ("Tyrknesk yfirvöld lokuðu á vefsíðuna bianet.org.", "TR other block"),
        ("Rússland gæti lokað á Telegram ef miðillinn fjarlægir ekki efnið.", ""),
        ("Ráðuneytið neitaði því að til stæði að banna Telegram á Íslandi.", ""),
        ("Bændur lokuðu veginum við Selfoss og myndbönd fóru um TikTok.", ""),
        ("Facebook lokaði reikningum rússneskra ríkismiðla.", ""),
        ("Bilun hjá WhatsApp um allan heim || Lokað er fyrir WhatsApp á Íslandi.", ""),
        ("Telegram hefur verið bannað í Íran árum saman.", ""),
        ("Lokað var fyrir Telegram í Rússlandi.", "RU telegram block"),
        ("Sýslumaður setti lögbann á vefsíðuna deildu.net.", "IS other block"),
    ],
}
(
    test_sentence,
    test_every_language_has_positives_and_traps,
    test_the_language_has_its_own_file,
) = language_table_tests(CASES)


@pytest.mark.parametrize("code", ["nb", "nn", "no"])
def test_bokmal_and_nynorsk_read_with_the_norwegian_file(code: str) -> None:
    assert alerts(code, "Russland har blokkert tilgangen til WhatsApp.") == "RU whatsapp block"
