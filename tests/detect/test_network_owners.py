"""The internet as a modifier (after fresh-50 and 51 were scored).

"Internet" names the network cut only where it is what was acted on. The network's owner
("the state internet monopoly Omantel"), its cables, capacity and suppliers, a filtering
policy ("Internet Access Management policy") and "internet websites" are no service: they
are masked (services.toml `[mask]`), and "internet websites" are sites (`generic`). A site
word then counts in a sentence whose only other "service" was such a modifier. So is ru
"в интернете", uk "в інтернеті" (on the internet): where a thing is watched or said.

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
]
# the guards: the internet itself cut or restored
MODIFIERS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Oman cut the internet on Friday.", "OM internet block"),
    ("en", "The internet was cut in Oman on Friday.", "OM internet block"),
    ("en", "Belarus restored internet access in Minsk.", "BY internet unblock"),
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


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    MODIFIERS + MODIFIERS_GUARDS + ON_THE_INTERNET + ON_THE_INTERNET_GUARDS,
)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
