"""The internet as a modifier (after fresh-50 and 51 were scored).

"Internet" names the network cut only where it is what was acted on. The network's owner
("the state internet monopoly Omantel"), its cables, capacity, suppliers and researchers, a
filtering policy ("Internet Access Management policy") and "internet websites" are no
service: they are masked (services.toml `[mask]`), and "internet websites" are sites
(`generic`). A site
word then counts in a sentence whose only other "service" was such a modifier. So is ru
"в интернете", uk "в інтернеті" (on the internet): where a thing is watched or said.

After fresh-52 to 55 were scored (their two ordinary false alarms): a domain's first name
of one letter is an abbreviation (pl "m.in.", among others) unless a longer name follows
("n.czas.pl"); Discord's names are its own forms, not "discord*", which took pt "discorda"
(disagrees).

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

MODIFIERS: list[tuple[str, str, str]] = [
    ("en", "Belarus blocks internet websites again.", "BY other block"),
    ("en", "Oman's state internet monopoly Omantel has blocked Skype.", "OM skype block"),
    (
        "en",
        "Etisalat blocked Flickr under the TRA's internet access management policy in the UAE.",
        "AE other block",
    ),
    (
        "en",
        "Beltelecom buys internet capacity from Russian operators, and blocked sites in Belarus.",
        "BY other block",
    ),
    # its researchers (after fresh-52 to 55)
    ("en", "Internet researchers said Iran blocked the site on Monday.", "IR other block"),
    (
        "fa",
        "سایت فکت‌نامه در ایران فیلتر شد؛ به گفته چند پژوهشگر اینترنت، دسترسی مسدود شده است.",
        "IR other block",
    ),
]
# the guards: the internet itself cut or restored
MODIFIERS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Oman cut the internet on Friday.", "OM internet block"),
    ("en", "The internet was cut in Oman on Friday.", "OM internet block"),
    ("en", "Belarus restored internet access in Minsk.", "BY internet unblock"),
    ("fa", "اینترنت در ایران قطع شد.", "IR internet block"),
]
ON_THE_INTERNET: list[tuple[str, str, str]] = [
    (
        "ru",
        "Эстония заблокировала 53 домена, позволявших смотреть в интернете российские телеканалы.",
        "EE other block",
    ),
    ("uk", "Латвія заблокувала сайти, які поширювали в інтернеті пропаганду.", "LV other block"),
]
# the guards: the internet itself cut, in a region
ON_THE_INTERNET_GUARDS: list[tuple[str, str, str]] = [
    ("ru", "В Дагестане отключили мобильный интернет.", "RU internet block partial"),
    ("ru", "В Ингушетии отключили интернет.", "RU internet block partial"),
]


LOOKALIKES: list[tuple[str, str, str]] = [
    ("pl", "Zakaz obejmuje m.in. zwierzęta i produkty mięsne z Niemiec.", ""),
    ("pl", "Polska wprowadza zakaz, który obejmuje m.in. drób z Węgier.", ""),
    (
        "pt",
        "O ministério discorda da autoridade chinesa e apresentará dados para reverter a"
        " suspensão.",
        "",
    ),
    ("pt", "A China bloqueou as exportações; o ministério discorda.", ""),
]
# the guards: real domains and Discord in its case forms
LOOKALIKES_GUARDS: list[tuple[str, str, str]] = [
    ("pl", "Portal n.czas.pl został zablokowany w Polsce.", "PL other block"),
    ("ru", "Роскомнадзор заблокировал gordonua.com в России.", "RU other block"),
    ("tr", "Türkiye Discord'a erişim engeli getirdi.", "TR discord block"),
    ("pt", "O governo do Brasil bloqueou o Discord.", "BR discord block"),
]

PROSECUTORS: list[tuple[str, str, str]] = [
    (
        "ru",
        "В Беларуси по постановлению прокурора ограничен доступ к сайтам kyiv.info и"
        " lviv.press, сообщила Генпрокуратура.",
        "BY other block",
    ),
    (
        "ru",
        "В Казахстане заблокировали сайт kaz.news по требованию Генпрокуратуры.",
        "KZ other block",
    ),
]
# the guards: Russia's own, by name
PROSECUTORS_GUARDS: list[tuple[str, str, str]] = [
    ("ru", "По требованию Генпрокуратуры РФ заблокирован сайт mir.news.", "RU other block"),
    ("ru", "Генпрокуратура России добилась блокировки сайта mir.news.", "RU other block"),
]

LIBRARIES: list[tuple[str, str, str]] = [
    (
        "fr",
        "Le tribunal de Paris ordonne aux fournisseurs d'accès de bloquer Sci-Hub et LibGen en"
        " France.",
        "FR other block",
    ),
    ("en", "Russia blocked Z-Library.", "RU other block"),
]
# the guard: named, not acted on
LIBRARIES_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Sci-Hub founder Alexandra Elbakyan spoke in Almaty.", ""),
]
EXCHANGES: list[tuple[str, str, str]] = [
    (
        "en",
        "Nigeria's regulator had telecom operators block Binance and Coinbase.",
        "NG other block",
    ),
    ("en", "Singapore blocked Polymarket on Friday.", "SG other block"),
]
# the guards: named, not acted on
EXCHANGES_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Binance opened an office in Dubai.", ""),
    ("en", "Temu launched in Vietnam in October.", ""),
]

PLACES: list[tuple[str, str, str]] = [
    ("en", "Internet services suspended in Bengal's Sandeshkhali.", "IN internet block partial"),
    (
        "en",
        "Mobile internet was cut in Bengal's Murshidabad district.",
        "IN internet block partial",
    ),
    ("de", "Wiener Provider sperren kino.to.", "AT other block"),
    ("de", "Die Sperre von kino.to für Wiener Kunden tritt in Kraft.", "AT other block"),
    (
        "es",
        "La Justicia porteña ordena el bloqueo del dominio uber.com en todo el país.",
        "AR other block",
    ),
]
# the guards: Bangladesh by its name; Vienna's orchestra blocks nothing
PLACES_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Bangladesh shut down the internet.", "BD internet block"),
    ("de", "Die Wiener Philharmoniker spielten in Berlin.", ""),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    MODIFIERS
    + MODIFIERS_GUARDS
    + ON_THE_INTERNET
    + ON_THE_INTERNET_GUARDS
    + LOOKALIKES
    + LOOKALIKES_GUARDS
    + PROSECUTORS
    + PROSECUTORS_GUARDS
    + LIBRARIES
    + LIBRARIES_GUARDS
    + EXCHANGES
    + EXCHANGES_GUARDS
    + PLACES
    + PLACES_GUARDS,
)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
