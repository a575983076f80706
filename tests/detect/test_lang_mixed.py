"""Detector vocabulary of Greek, Hebrew, Catalan, Tagalog and Pashto (issue 14).

Per language, hand-written sentences (our own, not from the labelled corpora, which measure),
in this order: a block, a list of two services, a slowdown, an unblock and a regional shutdown
(partial) that must alert; a threat, a denial, a blocked road, a platform blocking accounts
and an outage named in the title ("title || body") that must not. Last, one point of each
language's grammar: Greek headlines in capitals without accents, Hebrew one-letter words
glued to a country and a service ("לפייסבוק", "ברוסיה"), Catalan's elided article
("l'Iran"), a Tagalog "ay" sentence with the Tagalog name of Russia ("Rusya"), a Pashto
light verb after its object with the oblique "روسیې". No native speaker checked these
sentences; they follow the grammar notes in each vocabulary file.

Expected alerts: "COUNTRY service action" (and "partial" for a regional one), "; " between
several, "" for none.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts, assert_table_shape

CASES: dict[str, list[tuple[str, str]]] = {
    "el": [  # Greek
        ("Η Ρωσία μπλόκαρε το Telegram.", "RU telegram block"),
        (
            "Οι αρχές της Τουρκίας μπλόκαραν το Instagram και το YouTube μετά τις διαδηλώσεις.",
            "TR instagram block; TR youtube block",
        ),
        ("Η Ρωσία επιβράδυνε το YouTube σε όλη τη χώρα.", "RU youtube throttle"),
        ("Το Νεπάλ ήρε την απαγόρευση του TikTok.", "NP tiktok unblock"),
        (
            "Διακοπή του κινητού ίντερνετ στην περιφέρεια Τιγκράι της Αιθιοπίας.",
            "ET internet block partial",
        ),
        ("Η Ρωσία μπορεί να μπλοκάρει το WhatsApp τις επόμενες εβδομάδες.", ""),
        ("Η κυβέρνηση διαψεύδει ότι θα μπλοκάρει το TikTok στην Ελλάδα.", ""),
        ("Αγρότες έκλεισαν την εθνική οδό με τρακτέρ, βίντεο κυκλοφορεί στο Facebook.", ""),
        ("Το Facebook μπλόκαρε λογαριασμούς ρωσικών κρατικών μέσων.", ""),
        (
            "Βλάβη στο WhatsApp σε όλο τον κόσμο || "
            "Οι χρήστες στην Ελλάδα δεν μπορούσαν να στείλουν μηνύματα στο WhatsApp.",
            "",
        ),
        ("ΤΟ ΙΡΑΝ ΜΠΛΟΚΑΡΕ ΤΟ INSTAGRAM", "IR instagram block"),
    ],
    "he": [  # Hebrew
        ("רוסיה חסמה את טלגרם.", "RU telegram block"),
        (
            "השלטונות באיראן חסמו את אינסטגרם ו-וואטסאפ.",
            "IR instagram block; IR whatsapp block",
        ),
        ("רוסיה האטה את יוטיוב ברחבי המדינה.", "RU youtube throttle"),
        ("נפאל הסירה את החסימה על טיקטוק.", "NP tiktok unblock"),
        ("האינטרנט הסלולרי נותק במחוז אמהרה באתיופיה.", "ET internet block partial"),
        ("רוסיה עלולה לחסום את וואטסאפ בשבועות הקרובים.", ""),
        ("משרד התקשורת הכחיש כי בכוונתו לחסום את טיקטוק.", ""),
        ("מפגינים חסמו את כביש 1, והסרטונים הופצו בטיקטוק.", ""),
        ("פייסבוק חסמה חשבונות של כלי תקשורת רוסיים.", ""),
        (
            "תקלה עולמית בוואטסאפ || משתמשים בישראל לא הצליחו לשלוח הודעות בוואטסאפ הבוקר.",
            "",
        ),
        ("הגישה לפייסבוק נחסמה ברוסיה.", "RU facebook block"),
    ],
    "ca": [  # Catalan
        ("Rússia talla l'accés a Telegram.", "RU telegram block"),
        (
            "Turquia bloqueja Instagram i YouTube després de les protestes.",
            "TR instagram block; TR youtube block",
        ),
        ("Rússia alenteix YouTube a tot el país.", "RU youtube throttle"),
        ("El Nepal aixeca la prohibició de TikTok.", "NP tiktok unblock"),
        (
            "Tallen l'internet mòbil a la regió de Tigre, a Etiòpia.",
            "ET internet block partial",
        ),
        ("Rússia podria bloquejar WhatsApp les properes setmanes.", ""),
        ("El govern desmenteix que vulgui bloquejar TikTok a Espanya.", ""),
        ("Els pagesos bloquegen l'autopista AP-7, i els vídeos circulen per TikTok.", ""),
        ("Facebook ha bloquejat els comptes de diversos mitjans russos.", ""),
        (
            "Cau WhatsApp a tot el món || A Catalunya, WhatsApp no funcionava aquest matí.",
            "",
        ),
        ("L'Iran ha tancat l'accés a Instagram.", "IR instagram block"),
    ],
    "tl": [  # Tagalog
        ("Ipinag-utos ng NTC ang pag-block sa Telegram sa buong bansa.", "PH telegram block"),
        (
            "Hinarang ng Russia ang WhatsApp at Telegram.",
            "RU telegram block; RU whatsapp block",
        ),
        (
            "Pinabagal ng gobyerno ng Turkey ang Twitter at YouTube matapos ang kaguluhan.",
            "TR twitter throttle; TR youtube throttle",
        ),
        ("Inalis na ng Nepal ang ban sa TikTok.", "NP tiktok unblock"),
        (
            "Pinutol ang signal ng cellphone sa lungsod ng Cotabato dahil sa prusisyon.",
            "PH internet block partial",
        ),
        ("Maaaring i-block ng gobyerno ang TikTok kung hindi susunod ang kumpanya.", ""),
        ("Itinanggi ng DICT na iba-block nila ang Facebook.", ""),
        (
            "Hinarang ng mga nagpoprotesta ang kalsada sa Mendiola, ayon sa mga post sa Facebook.",
            "",
        ),
        ("Binlock ng Facebook ang mga account ng ilang pulitiko sa Pilipinas.", ""),
        (
            "Facebook, nag-down sa buong mundo || "
            "Hindi ma-access ng mga user sa Pilipinas ang Facebook ngayong umaga.",
            "",
        ),
        ("Ang Telegram ay ipinagbawal sa Rusya.", "RU telegram block"),
    ],
    "ps": [  # Pashto
        ("طالبانو په افغانستان کې فېسبوک بند کړ.", "AF facebook block"),
        ("پاکستان ټلګرام او واټساپ بند کړل.", "PK telegram block; PK whatsapp block"),
        ("په روسیه کې د یوټیوب سرعت کم شو.", "RU youtube throttle"),
        ("نیپال پر ټیک ټاک بندیز لرې کړ.", "NP tiktok unblock"),
        ("د ننګرهار ولایت کې ګرځنده انټرنېټ قطع شو.", "AF internet block partial"),
        ("ښايي طالبان فېسبوک بند کړي.", ""),
        ("طالبانو د فېسبوک د بندیدو خبر رد کړ.", ""),
        ("معترضینو سړک بند کړ او ویډیو یې په فېسبوک کې خپره شوه.", ""),
        ("فېسبوک د طالبانو حسابونه بند کړل.", ""),
        (
            "د واټساپ نړیواله ستونزه || په افغانستان کې کاروونکي واټساپ ته لاسرسی نه لري.",
            "",
        ),
        ("د روسیې حکومت ټلګرام بند کړ.", "RU telegram block"),
    ],
}
FLAT = [(lang, text, expected) for lang, cases in CASES.items() for text, expected in cases]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), FLAT, ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(FLAT)]
)
def test_sentence(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected


@pytest.mark.parametrize("lang", sorted(CASES))
def test_every_language_has_positives_and_traps(lang: str) -> None:
    assert_table_shape(CASES[lang])
