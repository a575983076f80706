"""The site in a real browser: Debian's chromium, headless, driven by Selenium through Debian's
chromedriver, against the real app on loopback. What a visitor sees (the text, the page's own
style applied under its Content Security Policy), no console errors, and no request anywhere
but the site itself. Saves the screenshot of /status/TM in Russian that the README shows.

Skipped, saying why, where chromium or chromedriver is missing; never under CI (CI set), whose
.ci/run installs them. The browser cannot reach the internet: every host but 127.0.0.1 resolves
to nothing.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp.test_utils import TestServer

from storage.sqlite import SQLiteStorage
from tests.site.conftest import Seeded, site_app
from tests.support.paths import REPO

pytestmark = pytest.mark.slow
SCREENSHOT = REPO / "docs" / "status-tm-ru.png"
UPDATE = "BLOCKWATCH_UPDATE_SCREENSHOTS"  # =1: write the README's screenshot anew


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        reason = (
            "Debian's chromium and chromium-driver are not installed"
            " (apt-get install -y chromium chromium-driver)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: .ci/run installs them")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=900,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
async def origin(store: SQLiteStorage, seeded: Seeded) -> AsyncIterator[str]:
    server = TestServer(site_app(store), host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("")).rstrip("/")
    finally:
        await server.close()


def visit(driver: Any, url: str) -> dict[str, Any]:
    """Load `url` and report what the browser saw: its text, language, the requests it made and
    its console's errors. Blocking: run it in a thread while the server answers."""
    from selenium.webdriver.common.by import By

    driver.get_log("browser")  # drop what earlier pages left
    driver.get_log("performance")
    driver.get(url)
    blocked = driver.find_elements(By.CSS_SELECTOR, ".state.blocked")
    # What went to the network: the browser's own chrome:// pages (its first new tab) do not
    requests = [
        message["params"]["request"]["url"]
        for entry in driver.get_log("performance")
        if (message := json.loads(entry["message"])["message"])["method"]
        == "Network.requestWillBeSent"
        and urlsplit(message["params"]["request"]["url"]).scheme not in {"chrome", "data", "about"}
    ]
    return {
        "text": driver.find_element(By.TAG_NAME, "body").text,
        "lang": driver.find_element(By.TAG_NAME, "html").get_attribute("lang"),
        "title": driver.title,
        "requests": requests,
        "errors": [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"],
        "blocked_colour": blocked[0].value_of_css_property("color") if blocked else None,
    }


@pytest.mark.parametrize(
    ("path", "lang", "words"),
    [
        ("/status/TM?lang=ru", "ru", ["Туркменистан (TM)", "блокировка", "замедление", "Azatlyk"]),
        ("/status/?lang=kk", "kk", ["Қазір бұғатталған немесе баяулатылған", "IMO", "WhatsApp"]),
        ("/events/1?lang=tk", "tk", ["Habarlar (3)", "Azatlyk", "Tor Browser"]),
        ("/status/RU?lang=uz", "uz", ["Rossiya (RU)", "Telegram"]),
        ("/status/XX", "en", ["Nothing here"]),
    ],
)
async def test_a_visitor_sees_the_page_and_nothing_else_happens(
    driver: Any, origin: str, path: str, lang: str, words: list[str]
) -> None:
    seen = await asyncio.to_thread(visit, driver, f"{origin}{path}")
    assert seen["lang"] == lang and seen["title"].startswith("Blockwatch: ")
    for word in words:
        assert word in seen["text"], word
    # the 404 page: the browser's console notes the status itself, and nothing else
    expected = ["404"] if path == "/status/XX" else []
    assert [e for e in expected if not any(e in error for error in seen["errors"])] == []
    assert len(seen["errors"]) == len(expected), seen["errors"]
    assert seen["requests"] and all(url.startswith(origin) for url in seen["requests"])
    if "blocked" in seen["text"] or "блокировка" in seen["text"]:
        assert seen["blocked_colour"] == "rgba(170, 0, 0, 1)"  # the page's style applied


async def test_the_readmes_screenshot_of_turkmenistan_in_russian(
    driver: Any, origin: str, tmp_path: Path
) -> None:
    shot = tmp_path / "status-tm-ru.png"

    def take() -> None:
        driver.get(f"{origin}/status/TM?lang=ru")
        driver.save_screenshot(str(shot))

    await asyncio.to_thread(take)
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000  # not a blank page
    if os.environ.get(UPDATE) == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(png)
