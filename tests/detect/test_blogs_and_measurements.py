"""Blogs, measurements and complaints (after fresh-44 and 45 were scored).

- Blogs blocked are sites blocked: "blog", "blogs" (and ru "блоги", fa "وبلاگ") are
  site words (services.toml `generic`), acted on only right beside a strong
  action word, like "site"; ar "موقعي", "موقعين" ("the two sites of") too.
- A block's stated reason is no denial and no lawsuit: ar "بدعوى ... نشر أخبار كاذبة" (on
  the pretext of publishing false news) is `ignore`d, while a lawsuit ("بدعوى قضائية") is
  still a trap and a rumour called false still voids the sentence.
- "Data show that" is a measurement, not an opinion poll: en "show(s) that" no longer voids
  the sentence ("NetBlocks data show that CANTV cut access to Twitter").
- A slow network complained of is no slowdown ordered: fa "شکایت دارند", "گلایه دارند"
  (they complain) are `trap`s, as kk "шағым" and ru "жалоба на" tell the same.
- Demands and petitions: en "pressing (the government) to" (unblock) is a `threat`, "filed
  a petition" a court's `procedure`.
- Faults and agendas: es "corte de fibra óptica" and fa "برطرف شد" (fixed) tell an outage;
  ur "نوٹس لے لیا" (took notice of slow internet) a regulator's comment; fa "در دستور کار",
  "از دستور خارج" (on, or not off, the agenda) a threat.
- Counts and promises: en "days since" (a shutdown) counts from an old cut (`background`);
  "hopes", "no timeline", "will lift", "will be lifted" tell a lifting not yet done (`threat`).
- Pleas and readiness: de "zieht gegen", "klagt gegen" (a ban before a court) and fr
  "devant le juge", "contestent" are `procedure`; ru "готова отключать" (ready to cut) a
  threat; pt "bloquear R$ ..." freezes money (`trap`); fa "امید داریم" (we hope) a lifting
  not yet done (`threat`).
- Bans not yet made, and bans on officials' phones: en "drops ... ban", "preparing to",
  "will block", "will be banned" are `threat`s; "official devices", "government phones" a
  `trap` (an app barred from officials' phones blocks nothing for the public).
- Liftings by their verb: en "stays (the) order banning", "stays ... ban" (a court), ar
  "تلغي حجب", "ألغت ... حجب" (cancels the block), and ro "deblochează site-urile de fake
  news", whose "fake news" describes the sites and denies nothing (`ignore`); fr
  "restrictions sur ... levées", en "internet returns", ta "மீண்டும் இயக்கம்" (running
  again).
- "4G internet" banned is the fast network cut and the slow one left, a slowdown: a `speed`
  cue inside the service's own name counts as one beside it (bot/detect/direction.py).
- After fresh-46 to 49 were scored: an attack on a site or network ("nach Cyberangriff
  wieder erreichbar", "ataques de hackers", "кибератака", "cyberattack", "ciberataque") is
  an outage's cause, no state action (`topic`, de, pt, ru, en, es); a Russian city left
  "без мобильного интернета" (without mobile internet) is a block, where "без интернета"
  alone is as often a fire or a landslide; ar "عودة حجب", "إعادة حجب" (the block back) is a
  block and "تنهي ... حجب" (ends the block) a lifting; Indian cities and states as the
  Kolkata press writes them, with their case endings ("দিল্লির", "মুর্শিদাবাদে"), are India,
  where a Bengali item that names no place is Bangladesh's.
- bn "ব্লক রয়েছে", "বন্ধ রয়েছে" (is blocked, stays shut) and the loan word "ব্লক" alone in
  a headline are block words.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

BLOGS: list[tuple[str, str, str]] = [
    ("en", "The Ethiopian government has blocked opposition blogs again.", "ET other block"),
    ("en", "Kazakhtelecom blocks blogs after a court ruling in Astana.", "KZ other block"),
    ("ar", "السعودية حجبت موقعي وكالة الأناضول.", "SA other block"),
    ("ar", "الجزائر تحجب موقعين إخباريين مستقلين.", "DZ other block"),
]
# the guards: a blog that reports is no site blocked; a service named beside it wins
BLOGS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "A Kenyan blog says the rally went ahead peacefully.", ""),
    ("en", "Pakistan blocked YouTube, a popular blog reported.", "PK youtube block"),
]
REASONS: list[tuple[str, str, str]] = [
    (
        "ar",
        "قرر المجلس الأعلى لتنظيم الإعلام في مصر حجب موقع «الميدان» ستة أشهر بدعوى نشر أخبار"
        " كاذبة.",
        "EG other block",
    ),
]
# the guards: a rumour called false still voids its sentence; a lawsuit is still a trap
REASONS_GUARDS: list[tuple[str, str, str]] = [
    ("ar", "نفت الحكومة المصرية أخبار كاذبة عن حجب فيسبوك.", ""),
    ("ar", "رفع محامون بدعوى قضائية لحجب يوتيوب في مصر.", ""),
]
MEASUREMENTS: list[tuple[str, str, str]] = [
    (
        "en",
        "NetBlocks data show that the state provider CANTV cut access to Twitter and Instagram"
        " in Venezuela on Sunday.",
        "VE instagram block; VE twitter block",
    ),
]
# the guards: an opinion poll still voids its sentence
MEASUREMENTS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "A poll shows that most Kenyans would accept a block of TikTok.", ""),
]
COMPLAINTS: list[tuple[str, str, str]] = [
    ("fa", "شهروندان هرات از کندی انترنت و قیمت بالای بسته‌ها شکایت دارند.", ""),
    ("fa", "کاربران تهرانی از کندی اینترنت گلایه دارند.", ""),
]
# the guards: a slowdown the authorities made still reports
COMPLAINTS_GUARDS: list[tuple[str, str, str]] = [
    ("fa", "مقامات ایران سرعت اینترنت را کند کردند.", "IR internet throttle"),
]
DEMANDS: list[tuple[str, str, str]] = [
    (
        "en",
        "Tunisian bloggers launched a campaign pressing the government to unblock YouTube.",
        "",
    ),
    (
        "en",
        "A group of lawyers in Chad has filed a petition against the two main mobile operators,"
        " Airtel and Tigo, accusing them of blocking WhatsApp and Viber for five months.",
        "",
    ),
]
# the guards: an unblock done and a block a court ordered still report
DEMANDS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Tunisia unblocked YouTube on Monday.", "TN youtube unblock"),
    ("en", "A court in Chad ordered Airtel to block WhatsApp.", "TD whatsapp block"),
]
FAULTS: list[tuple[str, str, str]] = [
    (
        "es",
        "ETECSA atribuyó a un corte de fibra óptica la lentitud de internet en Cuba.",
        "",
    ),
    ("fa", "قطعی اینترنت همراه در ایران برطرف شد.", ""),
    ("ur", "پی ٹی اے نے انٹرنیٹ کی سست روی کا نوٹس لے لیا۔", ""),
    ("fa", "فیلتر تلگرام در دستور کار کارگروه قرار دارد.", ""),
]
# the guards: a shutdown ordered and a ban lifted still report
FAULTS_GUARDS: list[tuple[str, str, str]] = [
    ("es", "El gobierno de Cuba cortó el acceso a internet.", "CU internet block"),
    ("fa", "تلگرام در ایران فیلتر شد.", "IR telegram block"),
]
PROMISES: list[tuple[str, str, str]] = [
    ("en", "100 days since internet shutdown in Duraz, Bahrain.", ""),
    ("en", "The Indonesian minister hopes Vimeo can be unblocked soon.", ""),
    ("en", "There is no timeline for restoring internet access in Tigray, Ethiopia.", ""),
    (
        "en",
        "Uganda's government says it will lift its ban on Facebook after talks.",
        "",
    ),
]
# the guards: a lifting done still reports
PROMISES_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Uganda lifted its ban on Facebook on Monday.", "UG facebook unblock"),
]
PLEAS: list[tuple[str, str, str]] = [
    ("de", "Türkei: Ekşi Sözlük zieht gegen Sperre vor das Verfassungsgericht", ""),
    ("fr", "Devant le juge, les FAI contestent le blocage des sites de paris en France.", ""),
    ("ru", "Башкирия готова отключать мобильный интернет при угрозе атаки дронов.", ""),
    ("pt", "Justiça de Rondônia manda bloquear R$ 22,5 milhões do Facebook.", ""),
    ("fa", "فیروزآبادی: امید داریم فیلتر تلگرام تا پایان ماه برداشته شود", ""),
]
# the guards: a block a court or a region ordered still reports
PLEAS_GUARDS: list[tuple[str, str, str]] = [
    ("de", "Die Türkei sperrt Ekşi Sözlük.", "TR other block"),
    ("fr", "Le tribunal ordonne le blocage du site Sci-Hub en France.", "FR other block"),
    ("ru", "Башкирия отключила мобильный интернет.", "RU internet block partial"),
    ("pt", "Justiça manda bloquear o WhatsApp no Brasil.", "BR whatsapp block"),
]
NOT_YET: list[tuple[str, str, str]] = [
    ("en", "Samoa's government drops Facebook ban.", ""),
    ("en", "Irish ISP Eircom will block illegal file-sharing sites.", ""),
    ("en", "Ukraine bans Telegram on official devices, citing national security.", ""),
    ("en", "Britain bans TikTok on government phones.", ""),
]
# the guards: a ban made still reports
NOT_YET_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Samoa's government bans Facebook.", "WS facebook block"),
    ("en", "Irish ISP Eircom blocked The Pirate Bay.", "IE other block"),
]
LIFTINGS: list[tuple[str, str, str]] = [
    (
        "en",
        "Nepal Supreme Court stays government order banning PUBG Mobile.",
        "NP other unblock",
    ),
    ("ar", "الإمارات تلغي حجب مواقع إخبارية قطرية.", "AE other unblock"),
    (
        "ro",
        "ANCOM deblochează site-urile de fake news închise în România.",
        "RO other unblock",
    ),
    ("fr", "Guinée : les restrictions sur WhatsApp levées.", "GN whatsapp unblock"),
    (
        "en",
        "Snapped twice in two weeks, internet returns to Saharanpur, India.",
        "IN internet unblock partial",
    ),
    ("ta", "தூத்துக்குடியில் நிறுத்தப்பட்ட இணைய சேவை மீண்டும் இயக்கம்", "IN internet unblock partial"),
]
# the guards: mobile data kept at 2G by an order is a slowdown, no lifting; a rumour called
# fake news still voids its sentence
LIFTINGS_GUARDS: list[tuple[str, str, str]] = [
    (
        "en",
        "In Kashmir mobile data stays at 2G under the order of the Home department.",
        "IN internet throttle",
    ),
    ("ro", "ANCOM: blocarea TikTok în România este fake news.", ""),
]
FAST_PART: list[tuple[str, str, str]] = [
    (
        "en",
        "Jammu and Kashmir govt extends 4G internet ban till October 21, India.",
        "IN internet throttle partial",
    ),
]
# the guards: the whole internet banned is a block
FAST_PART_GUARDS: list[tuple[str, str, str]] = [
    (
        "en",
        "Jammu and Kashmir govt extends internet ban till October 21, India.",
        "IN internet block partial",
    ),
]
ATTACKS: list[tuple[str, str, str]] = [
    ("bn", "দিল্লির একাধিক এলাকায় ইন্টারনেট বন্ধ।", "IN internet block partial"),
    ("bn", "ছ'দিন পর মুর্শিদাবাদে ফিরল ইন্টারনেট, পরিষেবা ফের চালু হয়েছে।", "IN internet unblock partial"),
    ("ar", "عودة حجب مواقع التواصل في العراق: فيسبوك محجوب من جديد.", "IQ facebook block"),
    ("ar", "الاتصالات اليمنية تنهي حجب موقع المصدر أونلاين.", "YE other unblock"),
    ("ru", "Волгоград снова остался без мобильного интернета.", "RU internet block partial"),
    ("de", "Landesportal berlin.de nach Cyberangriff wieder erreichbar", ""),
    ("pt", "Site da Anatel volta ao ar depois de ataques de hackers", ""),
    ("en", "Kenya's e-Citizen portal back online after a cyberattack", ""),
]
# the guards: a site restored by the state's own decision still reports; a fire that leaves
# a country without internet is still an outage
ATTACKS_GUARDS: list[tuple[str, str, str]] = [
    ("bn", "সারাদেশে মোবাইল ইন্টারনেট বন্ধ করে দেওয়া হয়েছে।", "BD internet block"),
    ("ar", "عودة فيسبوك في العراق بعد حجب تجاوز أسبوعين.", "IQ facebook unblock"),
    ("ru", "Из-за пожара на подстанции весь Азербайджан остался без интернета.", ""),
    ("de", "Russland hebt die Sperre von berlin.de auf.", "RU other unblock"),
]
BENGALI: list[tuple[str, str, str]] = [
    ("bn", "বাংলাদেশে ব্লক সংবাদ ওয়েবসাইট!", "BD other block"),
    ("bn", "চার দিন ধরে বাংলাদেশে একটি সংবাদ ওয়েবসাইট বন্ধ রয়েছে।", "BD other block"),
]
# the guards: a shop that stays open is no block
BENGALI_GUARDS: list[tuple[str, str, str]] = [
    ("bn", "ঢাকার দোকানগুলো খোলা রয়েছে।", ""),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    BLOGS
    + BLOGS_GUARDS
    + REASONS
    + REASONS_GUARDS
    + MEASUREMENTS
    + MEASUREMENTS_GUARDS
    + COMPLAINTS
    + COMPLAINTS_GUARDS
    + DEMANDS
    + DEMANDS_GUARDS
    + FAULTS
    + FAULTS_GUARDS
    + PROMISES
    + PROMISES_GUARDS
    + PLEAS
    + PLEAS_GUARDS
    + NOT_YET
    + NOT_YET_GUARDS
    + LIFTINGS
    + LIFTINGS_GUARDS
    + FAST_PART
    + FAST_PART_GUARDS
    + ATTACKS
    + ATTACKS_GUARDS
    + BENGALI
    + BENGALI_GUARDS,
)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
