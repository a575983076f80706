"""The site over HTTP: the real aiohttp app, the real SQLite store with a few events."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from bot.service.web import make_app
from storage.sqlite import SQLiteStorage
from tests.site.conftest import Client, Seeded

PAGES = ["/status/", "/status/TM", "/status/RU", "/status/KZ", "/events/1"]


class Outline(HTMLParser):
    """What a page's HTML says about itself: lang, title, headings, and every URL it loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.headings: list[str] = []
        self.loads: list[str] = []  # src=, and href= of <link> other than the data: icon
        self.text = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag in {"title", "h1", "h2", "h3"}:
            self._in = tag
        if tag == "link" and found.get("rel") != "alternate":
            self.loads.append(found.get("href") or "")
        if "src" in found or tag in {"script", "iframe", "img"}:
            self.loads.append(found.get("src") or tag)

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._in == "title":
            self.title += data
        elif self._in:
            self.headings.append(f"{self._in}:{data.strip()}")


def outline(page: str) -> Outline:
    parsed = Outline()
    parsed.feed(page)
    return parsed


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_is_small_strict_and_well_formed(client: Client, path: str) -> None:
    response = await client.get(path)
    page = await response.text()
    assert response.status == 200 and response.content_type == "text/html"
    assert len(page.encode()) < 30_000
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe" not in csp and "script-src" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert page.startswith("<!doctype html>")
    found = outline(page)
    assert found.lang == "en" and found.title.startswith("Blockwatch: ")
    assert [h for h in found.headings if h.startswith("h1:")] == found.headings[:1]  # one h1, first
    assert found.loads == ["data:,"]  # the empty icon; nothing else is fetched, nothing runs
    assert "<script" not in page and " style=" not in page and "@" not in page  # no addresses


async def test_blocked_now_lists_countries_not_restored_nor_held(client: Client) -> None:
    found = outline(await (await client.get("/status/")).text())
    assert "Turkmenistan (TM): IMO (blocked), WhatsApp (throttled)" in found.text
    assert "Russia" not in found.text.split("Latest events")[0]  # restored: not "blocked now"
    assert "Kazakhstan" not in found.text  # held for a moderator


async def test_a_countrys_board_with_sources_mirrors_and_marks(client: Client) -> None:
    page = await (await client.get("/status/TM")).text()
    found = outline(page)
    assert found.headings[:3] == ["h1:Turkmenistan (TM)", "h2:IMO", "h2:WhatsApp"]
    assert "blocked (since Nov 21, 2026; sources: 3)" in found.text
    assert "Azatlyk: IMO petiklendi (Nov 21, 2026, Turkmen) (site blocked in Turkmenistan)" in (
        found.text
    )
    assert ".onion/a/imo/1.html" in page and "mirror for Tor Browser" in page  # rferl.org's
    assert "IMO, &quot;the last messenger&quot; &amp; more" in page  # a title is text, not markup
    assert 'href="https://example.org/imo?a=1&amp;b=2"' in page
    assert '<span lang="tk">IMO petiklendi</span>' in page
    restored = outline(await (await client.get("/status/RU")).text())
    assert "Telegram" in restored.headings[1] and "restored" in restored.text


async def test_an_event_with_every_report_and_language(client: Client, seeded: Seeded) -> None:
    found = outline(await (await client.get(f"/events/{seeded.imo}?lang=ru")).text())
    assert found.lang == "ru" and found.headings[0] == "h1:Туркменистан: IMO — блокировка"
    assert "Языки сообщений: английский, русский и туркменский." in found.text
    assert "Сообщения (3)" in found.headings[1]
    assert "The second sentence of the report." in found.text  # the excerpts too


@pytest.mark.parametrize(
    "path", ["/status/XX", "/status/ZZ", "/events/999", "/events/4", "/feeds/XX.atom"]
)
async def test_what_is_not_public_is_not_found(client: Client, path: str) -> None:
    """Unassigned codes, no such event, and the KZ event held for a moderator (id 4)."""
    response = await client.get(path)
    assert response.status == 404 and "Content-Security-Policy" in response.headers
    assert "youtube" not in (await response.text()).lower()


@pytest.mark.parametrize(
    ("query", "accept", "lang", "word"),
    [
        ("", "ru-RU,ru;q=0.9", "ru", "Сейчас заблокировано или замедлено"),
        ("?lang=tk", "ru", "tk", "Häzir petiklenen"),
        ("?lang=uz", None, "uz", "Hozir bloklangan"),
        ("?lang=uz_Cyrl", None, "uz-Cyrl", "Ҳозир блокланган"),
        ("", "kk", "kk", "Қазір бұғатталған"),
        ("?lang=de", "de", "en", "Blocked or throttled now"),
    ],
)
async def test_pages_in_the_visitors_language(
    client: Client, query: str, accept: str | None, lang: str, word: str
) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    response = await client.get(f"/status/{query}", headers=headers)
    found = outline(await response.text())
    assert found.lang == lang and word in found.headings[0]
    assert response.headers["Vary"] == "Accept-Language"


async def test_a_chosen_language_stays_on_the_sites_links(client: Client) -> None:
    page = await (await client.get("/status/?lang=kk")).text()
    assert 'href="/status/TM?lang=kk"' in page and 'href="/events/1?lang=kk"' in page
    plain = await (await client.get("/status/", headers={"Accept-Language": "kk"})).text()
    assert 'href="/status/TM"' in plain  # chosen by the browser: links stay plain
    unknown = await (await client.get("/status/?lang=xx")).text()
    assert 'href="/status/TM"' in unknown  # a switch we cannot honour is no choice


async def test_a_page_the_client_has_is_304(client: Client) -> None:
    first = await client.get("/status/TM")
    etag = first.headers["ETag"]
    again = await client.get("/status/TM", headers={"If-None-Match": etag})
    assert again.status == 304 and await again.read() == b""
    other = await client.get("/status/TM?lang=ru", headers={"If-None-Match": etag})
    assert other.status == 200  # another language is another page


async def test_bare_status_redirects(client: Client) -> None:
    response = await client.get("/status?lang=ru", allow_redirects=False)
    assert response.status == 301 and response.headers["Location"] == "/status/?lang=ru"


async def test_the_service_app_mounts_the_site(store: SQLiteStorage, seeded: Seeded) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    app = make_app(store, b"k" * 32, public_url="https://bw.example")
    async with TestClient(TestServer(app)) as client:
        assert (await client.get("/status/")).status == 200
        feed = await (await client.get("/feeds/events.atom")).text()
        assert "<id>https://bw.example/events/1</id>" in feed
        assert (await client.get("/health")).status == 200  # still there beside it
