"""Detector vocabulary of Czech, Slovak, Finnish, Estonian, Latvian and Lithuanian (issue 14).

Per language, hand-written sentences (our own, not from the labelled corpora, which measure),
in this order: a block, a list of two services, a slowdown, an unblock and a regional shutdown
(partial) that must alert; a threat, a denial, a blocked road, a platform blocking accounts
and an outage named in the title ("title || body") that must not. Last, one point of each
language's grammar: a short name in a case ending CLDR does not write ("v Íránu", "v Iráne",
"Irane": Lithuanian masculine names), an Estonian and a Finnish verbal noun governed by a cue
after it ("blokeerimist kaalutakse", "estämistä harkitaan"), Latvian's feminine "Ķīnā". No
native speaker checked these sentences; they follow the grammar notes in each vocabulary file.

Each "must not" sentence holds an action word its language's file knows: it is silent for a
cue's sake (and fails, like the others, without the file). Expected alerts: "COUNTRY service
action" (and "partial" for a regional one), "; " between several, "" for none.
"""

from __future__ import annotations

from tests.detect.support import language_table_tests

CASES: dict[str, list[tuple[str, str]]] = {
    "cs": [  # Czech
        ("Rusko zablokovalo přístup k WhatsAppu.", "RU whatsapp block"),
        (
            "Íránské úřady zablokovaly Instagram a WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Ruský regulátor zpomalil YouTube v Rusku.", "RU youtube throttle"),
        ("Nepál zrušil zákaz TikToku.", "NP tiktok unblock"),
        (
            "V regionu Amhara v Etiopii byl vypnut mobilní internet.",
            "ET internet block partial",
        ),
        ("Ruská vláda může zablokovat Telegram, pokud platforma neodstraní obsah.", ""),
        ("Ministerstvo popřelo, že plánuje zablokovat Telegram v Česku.", ""),
        ("Zemědělci zablokovali silnice po celé zemi, videa se šíří na TikToku.", ""),
        ("Facebook zablokoval účty ruských státních médií.", ""),
        (
            "Výpadek WhatsAppu po celém světě || WhatsApp v Česku od rána nefunguje.",
            "",
        ),
        ("V Íránu byl zablokován Telegram.", "IR telegram block"),
    ],
    "sk": [  # Slovak
        ("Rusko zablokovalo prístup k WhatsAppu.", "RU whatsapp block"),
        (
            "Iránske úrady zablokovali Instagram a WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Ruský regulátor spomalil YouTube v Rusku.", "RU youtube throttle"),
        ("Nepál zrušil zákaz TikToku.", "NP tiktok unblock"),
        ("V regióne Amhara v Etiópii vypli mobilný internet.", "ET internet block partial"),
        ("Ruská vláda môže zablokovať Telegram, ak platforma neodstráni obsah.", ""),
        ("Ministerstvo poprelo, že plánuje zablokovať Telegram na Slovensku.", ""),
        ("Farmári zablokovali cesty po celej krajine, videá sa šíria na TikToku.", ""),
        ("Facebook zablokoval účty ruských štátnych médií.", ""),
        (
            "Výpadok WhatsAppu na celom svete || WhatsApp na Slovensku od rána nefunguje.",
            "",
        ),
        ("V Iráne zablokovali Telegram.", "IR telegram block"),
    ],
    "fi": [  # Finnish
        ("Venäjä esti pääsyn WhatsAppiin.", "RU whatsapp block"),
        (
            "Iranin viranomaiset estivät Instagramin ja WhatsAppin.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Roskomnadzor on hidastanut YouTuben toimintaa Venäjällä.", "RU youtube throttle"),
        ("Nepal poisti TikTokin eston.", "NP tiktok unblock"),
        ("Mobiilidata katkaistiin Etiopian Amharan alueella.", "ET internet block partial"),
        ("Venäjä voi estää Telegramin, jos alusta ei poista sisältöä.", ""),
        ("Ministeriö kiisti suunnittelevansa Telegramin estämistä Suomessa.", ""),
        ("Mielenosoittajat estivät tien Helsingissä, video levisi TikTokissa.", ""),
        ("Facebook esti venäläisten valtiomedioiden tilit.", ""),
        (
            "WhatsAppissa maailmanlaajuinen häiriö || WhatsApp ei toimi Suomessa aamusta asti.",
            "",
        ),
        ("Telegramin estämistä harkitaan Venäjällä.", ""),
        ("Kiinassa estettiin Telegram.", "CN telegram block"),
    ],
    "et": [  # Estonian
        ("Venemaa blokeeris ligipääsu WhatsAppile.", "RU whatsapp block"),
        (
            "Iraani võimud blokeerisid Instagrami ja WhatsAppi.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Venemaa aeglustas YouTube'i.", "RU youtube throttle"),
        ("Nepal tühistas TikToki keelu.", "NP tiktok unblock"),
        (
            "Etioopia Amhara piirkonnas lülitati välja mobiilne internet.",
            "ET internet block partial",
        ),
        ("Venemaa võib blokeerida Telegrami, kui platvorm sisu ei eemalda.", ""),
        ("Ministeerium eitas, et kavatseb Telegrami Eestis blokeerida.", ""),
        ("Põllumehed blokeerisid maantee Tallinnas, video levis TikTokis.", ""),
        ("Facebook blokeeris Vene riigimeedia kontod.", ""),
        (
            "WhatsAppis ülemaailmne rike || WhatsApp ei tööta Eestis hommikust saati.",
            "",
        ),
        ("Telegrami blokeerimist kaalutakse Venemaal.", ""),
        ("Hiinas blokeeriti Telegram.", "CN telegram block"),
    ],
    "lv": [  # Latvian
        ("Krievija bloķēja piekļuvi WhatsApp.", "RU whatsapp block"),
        (
            "Irānas varas iestādes bloķēja Instagram un WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Krievija palēnināja YouTube darbību.", "RU youtube throttle"),
        ("Nepāla atcēla TikTok aizliegumu.", "NP tiktok unblock"),
        (
            "Etiopijas Amharas reģionā tika atslēgts mobilais internets.",
            "ET internet block partial",
        ),
        ("Krievija varētu bloķēt Telegram, ja platforma neizdzēsīs saturu.", ""),
        ("Ministrija noliedza, ka plāno bloķēt Telegram Latvijā.", ""),
        ("Zemnieki bloķēja ceļus Rīgā, video izplatījās TikTok.", ""),
        ("Facebook bloķēja Krievijas valsts mediju kontus.", ""),
        (
            "WhatsApp globāli traucējumi || WhatsApp Latvijā kopš rīta nedarbojas.",
            "",
        ),
        ("Ķīnā bloķēts Telegram.", "CN telegram block"),
    ],
    "lt": [  # Lithuanian
        ("Rusija užblokavo prieigą prie WhatsApp.", "RU whatsapp block"),
        (
            "Irano valdžia užblokavo Instagram ir WhatsApp.",
            "IR instagram block; IR whatsapp block",
        ),
        ("Rusija sulėtino YouTube veikimą.", "RU youtube throttle"),
        ("Nepalas panaikino TikTok draudimą.", "NP tiktok unblock"),
        (
            "Etiopijos Amharos regione buvo išjungtas mobilusis internetas.",
            "ET internet block partial",
        ),
        ("Rusija gali užblokuoti Telegram, jei platforma nepašalins turinio.", ""),
        ("Ministerija paneigė, kad planuoja užblokuoti Telegram Lietuvoje.", ""),
        ("Ūkininkai užblokavo kelius Vilniuje, vaizdo įrašai pasklido TikTok.", ""),
        ("Facebook užblokavo Rusijos valstybinės žiniasklaidos paskyras.", ""),
        (
            "WhatsApp pasaulinis sutrikimas || WhatsApp Lietuvoje nuo ryto neveikia.",
            "",
        ),
        ("Irane užblokuotas Telegram.", "IR telegram block"),
    ],
}
(
    test_sentence,
    test_every_language_has_positives_and_traps,
    test_the_language_has_its_own_file,
) = language_table_tests(CASES)
