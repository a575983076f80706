"""Blocks lifted by their own words, and sites named by their kind (written from the errors of
fresh-68 to 75, after they were scored untuned).

A court that voids the order that blocked a site lifts the block ("Court voids NTC memo that
blocked ...", ko "접속차단 처분이 위법하다며 취소했다"); so does a reopening (fr "réouverture")
and id "buka kembali blokir". Spanish names blocked sites by their kind "webs" and "dominios",
and Peru's copyright authority, Indecopi, orders the blocks. A provider that blocks a site (ar
"الشركات المزودة لخدمة الإنترنت") blocks no internet, and a fibre fault repaired is an outage.
An object word right after a site's kind tells its kind
("sites d'informations bloqués"), not what was blocked instead of the sites.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

ALERTS: list[tuple[str, str, str]] = [
    # a ban removed is lifted; the providers of "internet and mobile" service are no
    # internet (after fresh-83)
    (
        "en",
        "Nepal's regulator directs internet and mobile service providers to remove the ban "
        "on TikTok.",
        "NP tiktok unblock",
    ),
    (
        "en",
        "Court voids regulator memo that blocked Kestrel and 12 other websites || A court in "
        "Manila ruled the memo had no legal basis.",
        "PH other unblock",
    ),
    (
        "en",
        "A Philippine court strikes down the order blocking Kestrel and 12 other websites.",
        "PH other unblock",
    ),
    ("fr", "Guinée : réouverture de TikTok après deux semaines.", "GN tiktok unblock"),
    ("id", "Kominfo buka kembali blokir Reddit setelah protes warganet.", "ID other unblock"),
    (
        "ko",
        "서울행정법원은 방송통신심의위원회의 웹사이트 접속차단 처분이 위법하다며 취소했다.",
        "KR other unblock",
    ),
    ("es", "En Argentina la Justicia ordena bloquear las webs de Pirafin.", "AR other block"),
    ("es", "En Argentina la Justicia ordena bloquear los dominios de Pirafin.", "AR other block"),
    ("es", "Indecopi ordena bloquear 40 sitios de música pirata.", "PE other block"),
    # a provider that blocks a site is no internet blocked; a fault repaired is an outage
    (
        "ar",
        "يشكو صاحب موقع كويتي من أن إحدى الشركات المزودة لخدمة الإنترنت حجبت موقعه.",
        "KW other block",
    ),
    (
        "en",
        "Internet returns to Aleppo after fibre fault fixed || Crews repaired a fault on the "
        "optical fibre cables that cut internet in Aleppo on Sunday.",
        "",
    ),
    # sites by what they offer ("illegal betting platforms")
    ("en", "Uruguay blocks 40 illegal betting platforms.", "UY other block"),
    # more words for a lifting and for sites, and Persian's name of Saudi Arabia
    ("fa", "عربستان فیلتر سایت روزنامه را برداشت.", "SA other unblock"),
    ("sk", "Na Slovensku sú štyri weby opäť dostupné.", "SK other unblock"),
    ("lv", "Latvijā NEPLP ierobežo piekļuvi propagandas tīmekļvietnēm.", "LV other block"),
    ("zh", "中国封锁了这个独立博客。", "CN other block"),
    ("zh", "中国封锁日本域名。", "CN other block"),
    # the kind's complement is no object blocked: "sites d'informations bloqués"
    ("fr", "Au Kirghizstan, plusieurs sites d'informations bloqués lundi.", "KG other block"),
    ("fr", "Au Kirghizstan, des informations bloquées sur Facebook.", ""),
    # Korea's portals by name, and a block undone: reachable again without a VPN
    ("ko", "중국에서 네이버 카페와 블로그 접속이 막혔다.", "CN other block"),
    ("ko", "中, 다음 블로그 서비스 접속 차단", "CN other block"),
    ("ko", "중국 베이징에서 카카오톡이 VPN 없이 접속된다.", "CN other unblock"),
    ("ko", "11년 만에 풀린 카카오톡 차단… 中 주요 도시서 접속", "CN other unblock"),
    ("ko", "다음 주에 네이버가 새 서비스를 연다.", ""),
    # guards: a block told without its voiding, a page of a service, a domain's mere mention
    ("en", "The memo blocked Kestrel and 12 other websites in the Philippines.", "PH other block"),
    ("es", "En Argentina bloquearon páginas de Facebook de la oposición.", ""),
    ("es", "En Argentina los dominios .ar crecieron un 5 % este año.", ""),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS)
def test_reopened_and_voided(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
