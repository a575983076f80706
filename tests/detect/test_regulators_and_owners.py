"""Regulators that name their country, and words that describe a site rather than replace it
(written from the errors of fresh-108 to 115, after they were scored untuned).

The bodies that order sites blocked for gambling, piracy or child abuse name their country
as a ministry does: Italy's ADM, Switzerland's ESBK, Belgium's Kansspelcommissie, Australia's
operators in a Federal Court order (countries.toml `actors`). A ministry or commission "of
information" is an authority, not information blocked (en `ignore`). An object word after a
site's kind tells what the site carried ("websites over blasphemous content"), and one
before it with "'s" tells whose it is ("the rights group's website"): the site is blocked
either way (bot/detect/kinds.py). Dutch and German compound kinds ("goksites",
"Glücksspielanbieter") and blacklists, Japanese "ブロッキング", Arabic "online newspaper" and
English "behind the Great Firewall" are words the vocabulary lacked. A service told to
block sites is their blocker ("ordonne aux VPN de bloquer 300 sites"), not blocked itself.
A licence to operate granted lifts a ban ("Tonga grants Starlink a permit").

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

ALERTS: list[tuple[str, str, str]] = [
    # an information minister orders, no information is blocked
    ("en", "Gambia's information minister orders internet shut down.", "GM internet block"),
    (
        "en",
        "The Ministry of Information ordered providers to block Facebook in Sudan.",
        "SD facebook block",
    ),
    # ...while information blocked is still no service blocked
    ("en", "Russia blocked information about the protests on Telegram.", ""),
    # regulators by their names
    ("it", "L'ADM oscura altri 62 siti di gioco illegali.", "IT other block"),
    ("nl", "De Kansspelcommissie zet 14 goksites op de zwarte lijst.", "BE other block"),
    ("de", "Die ESBK erweitert die Sperrliste um 35 Online-Glücksspielanbieter.", "CH other block"),
    ("en", "The court made site-blocking orders against Telstra and Optus.", "AU other block"),
    ("es", "Transportes ordena bloquear las apps de mototaxi, dice el MTC.", "PE other block"),
    # a ban an app faces, a shutdown a judge vows: threats, not blocks
    ("en", "WhatsApp and Viber face ban in Saudi Arabia.", ""),
    ("en", "An Iranian judge vows to shut down the reformist website.", ""),
    ("en", "Poland blocked 300 internet domains.", "PL other block"),
    # what a site carried, and whose it is, are no object blocked instead of it
    ("en", "Pakistan blocks 17 websites over blasphemous content.", "PK other block"),
    ("en", "The rights group's website was blocked in Russia.", "RU other block"),
    ("en", "Russia blocked Telegram channels over extremist content.", ""),
    ("en", "Russia blocked the group's Telegram channel.", ""),
    # a site's kind after a count and its adjectives is still what was blocked...
    ("en", "Somalia blocks 14 alleged al-Shabaab propaganda websites.", "SO other block"),
    # ...but an accident site is a place
    ("en", "Trains resume at the West Bengal accident site.", ""),
    # a service told to block sites blocks them: the sites are blocked, not the service
    ("fr", "L'Arcom ordonne aux VPN de bloquer près de 300 sites.", "FR other block"),
    ("en", "Russia orders Google to block 300 piracy websites.", "RU other block"),
    ("en", "Russia orders providers to block Google and 300 websites.", "RU google block"),
    # a licence to operate granted lifts a ban (the labels of three batches agree)
    ("en", "Ghana's regulator approves Starlink to operate in the country.", "GH other unblock"),
    ("en", "Tonga grants Starlink a six-month permit.", "TO other unblock"),
    ("fr", "Le Sénégal accorde une licence à Starlink.", "SN other unblock"),
    ("en", "Ghana's cabinet approves new schools to operate in Accra.", ""),
    ("en", "Tonga issues Starlink a six-month provisional permit.", "TO other unblock"),
    # a court that rejects blocking orders lifts them
    ("en", "A Swiss court rejects the canton's website blocking orders.", "CH other unblock"),
    # Gaza is Palestine's, though GeoNames names a province of Mozambique so too
    ("en", "Telecom blackout hits central and southern Gaza.", "PS internet block partial"),
    ("en", "Internet restored in Nuh after a week.", "IN internet unblock partial"),
    # words the vocabulary lacked
    ("en", "Reddit falls behind China's Great Firewall.", "CN other block"),
    ("en", "The Flipboard app stops working in China.", "CN other block"),
    ("ja", "日本のプロバイダー9社が児童ポルノサイトのブロッキングを開始した。", "JP other block"),
    ("ar", "حجب صحيفة إلكترونية معارضة في سوريا.", "SY other block"),
    ("fa", "وبگاه «چشم انداز» در ایران فیلتر شد.", "IR other block"),
    ("en", "Jordan blocks the LGBTQ online magazine.", "JO other block"),
    ("en", "Estonia blocks foreign online gambling operators.", "EE other block"),
    ("it", "Oman: le autorità bloccano l'accesso alla rivista online Mowatin.", "OM other block"),
    (
        "hr",
        "Ministarstvo financija u Hrvatskoj blokira ilegalne internetske kladionice.",
        "HR other block",
    ),
    ("pl", "Radio Ozodi znów zablokowane w Tadżykistanie.", "TJ other block"),
    # a trap word telling the topic of the sites after it, two words away
    (
        "en",
        "Nepal's regulator orders ISPs to block cryptocurrency and gambling sites.",
        "NP other block",
    ),
    # a party congress is no Congress blocking a bill
    ("en", "Blogspot blocked again in China after the party congress.", "CN other block"),
    ("en", "Replika suspended in Italy by the data regulator.", "IT other block"),
    # fake sites blocked are sites blocked, not a block called fake
    ("en", "Singapore blocks ten fake websites linked to foreign forces.", "SG other block"),
    ("en", "Reports that Singapore blocked the websites are fake.", ""),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS)
def test_regulators_and_owners(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
