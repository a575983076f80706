"""Outlets and apps by their kind, courts that refuse, and places that qualify (written from
the errors of fresh-140 to 147, after they were scored untuned).

Ride-hailing and coach apps are suspended as Uber is, news media online are named by their
kind ("media platforms", "online media") and an outlet is blocked when ordered to close or to
stop publishing; a service ordered to cease operations is blocked too (Starlink's orders).
A court refusing the request to block blocks nothing, nor does a platform stopping its own
uploads. A place right before a kind of media is the outlets' origin (`media` cues:
bot/detect/where.py). The phone network is told by its lines and links, and phones that
"lose their signal" lose no Signal app. A court overturning a ban ends it; a title marked as
opinion, a claim retracted and vi "ready to block" report none. Roskomnadzor misspelt,
Netflix in Arabic letters, Thai online channels and Cyrillic domains are read.

Some rows follow the headlines of labelled items, shortened or with a body written for them.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

ALERTS: list[tuple[str, str, str]] = [
    # ride-hailing apps are sites, suspended like Uber; the one court refusing to is no block
    (
        "fr",
        "Togo : le gouvernement suspend les activités de Yango || Le ministère togolais des"
        " Transports a suspendu jeudi la plateforme Yango.",
        "TG other block",
    ),
    (
        "pt",
        "Justiça Federal proíbe o aplicativo Buser || O juiz federal determinou que a Buser"
        " suspenda a oferta de fretamentos no Brasil.",
        "BR other block",
    ),
    (
        "pt",
        "Fachin nega pedido para suspender o aplicativo Buser || O ministro do STF negou o"
        " pedido de suspender a Buser no Brasil.",
        "",
    ),
    # a court refusing the request to block blocks nothing
    (
        "es",
        "Juzgado niega la tutela de taxistas que buscaba bloquear las apps de transporte en"
        " Colombia || El juez desestimó la tutela que pedía bloquear Uber en Colombia.",
        "",
    ),
    (
        "es",
        "Juzgado ordena bloquear las apps de transporte en Colombia || El juez ordenó bloquear"
        " Uber en Colombia.",
        "CO other block",
    ),
    ("en", "Norwegian court refuses to order Telenor to block The Pirate Bay", ""),
    ("en", "Norwegian court orders Telenor to block The Pirate Bay", "NO other block"),
    # a platform stopping uploads in a country is its own act, no block of it
    (
        "en",
        "TikTok suspends new video uploads in Russia || TikTok has stopped users in Russia from"
        " posting new videos.",
        "",
    ),
    (
        "en",
        "Russia suspends TikTok || Roskomnadzor suspended TikTok in Russia on Monday.",
        "RU tiktok block",
    ),
    # a place right before a kind of media is the outlets' origin, not where they are blocked
    (
        "en",
        "Moldova's Information and Security Service blocked access to the websites of 22"
        " Russian TV and radio outlets.",
        "MD other block",
    ),
    (
        "en",
        "Lithuania's media watchdog blocks IP addresses used to access banned Russian channels",
        "LT other block",
    ),
    # a court overturning a ban ends it, as "lifts" does
    ("en", "Russian court overturns bitcoin site ban", "RU other unblock"),
    # Roskomnadzor as some English press spells it names Russia, over the place it is about
    (
        "en",
        "Chess.com banned || Roscomnadzor banned Chess.com in order to block two pages about"
        " the invasion of Ukraine.",
        "RU other block",
    ),
    # Netflix and Disney's platform in Arabic letters
    (
        "ar",
        "حجب منصتي ديزني ونتفليكس في مصر || قرر المجلس الأعلى لتنظيم الإعلام حجب منصتي «ديزني»"
        " و«نتفليكس» في مصر.",
        "EG other block",
    ),
    # th online channels are sites: a court cancelling the order to shut them lifts it
    ("th", "ศาลอาญายกเลิกคำสั่งปิดช่องทางออนไลน์ Voice TV", "TH other unblock"),
    # the phone network told by its lines: cut by the state a shutdown, by a storm none
    (
        "en",
        "Military switches off phone lines in Borno || Phone users in Borno State, Nigeria, found"
        " no service on Wednesday after the military shut down telephone lines.",
        "NG internet block partial",
    ),
    (
        "en",
        "Storm brings down phone lines in Borno || Heavy winds in Borno State, Nigeria, brought"
        " down telephone lines on Wednesday.",
        "",
    ),
    # news media online, by their kind, are sites
    (
        "en",
        "Benin suspends four media platforms || The regulator suspended four media platforms in"
        " Benin on Monday.",
        "BJ other block",
    ),
    # an outlet ordered to close or to stop publishing is blocked; schools ordered to close are not
    (
        "en",
        "Benin regulator orders online media outlets to close || The regulator ordered online media"
        " in Benin to cease all publication.",
        "BJ other block",
    ),
    (
        "en",
        "Benin orders schools to close || The ministry ordered schools in Benin to close for the"
        " holidays.",
        "",
    ),
    # vi ready to block is a threat
    ("vi", "Sẵn sàng chặn tên miền, khóa ứng dụng Temu, Shein", ""),
    (
        "vi",
        "Việt Nam chặn ứng dụng Temu || Bộ Công Thương đã chặn tên miền và ứng dụng Temu tại"
        " Việt Nam.",
        "VN other block",
    ),
    # a title marked as opinion argues; it reports no block
    (
        "en",
        "Opinion: Juba should lift its ban on blocked news websites || South Sudan blocked Sudan"
        " Tribune and Radio Tamazuj in July 2017; the ban is still in force.",
        "",
    ),
    (
        "ar",
        "رأي: قطع الإنترنت بسبب الامتحانات ظلم للمواطنين || يرى الكاتب أن قطع الإنترنت عن"
        " الموريتانيين بسبب الامتحانات ظلم.",
        "",
    ),
    # a claim retracted, with an apology, is a denial
    (
        "en",
        "Blogger retracts claim that Timor Telecom censored her site || The blogger apologised,"
        " saying a local server in Timor-Leste had been blocking her site, not the operator.",
        "",
    ),
    # a service ordered to stop operating is blocked; ISPs freed of such an order are not
    (
        "en",
        "Starlink ordered to cease operations in Namibia || The regulator CRAN ordered Starlink to"
        " cease all operations in Namibia for lack of a licence.",
        "NA other block",
    ),
    (
        "en",
        "ZICTA withdraws order for five Zambian ISPs to stop operating || Zambia's regulator"
        " withdrew its order after the firms paid their licence fees.",
        "",
    ),
    # phones that lost their signal lost no Signal app; Signal blocked by name is one
    (
        "en",
        "Thailand cuts unregistered mobiles || Since Monday unregistered mobile phones in Thailand"
        " have lost their signal.",
        "TH internet block",
    ),
    (
        "en",
        "Russia blocks Signal || Roskomnadzor blocked Signal in Russia on Friday.",
        "RU signal block",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS)
def test_outlets_refusals_and_places(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
