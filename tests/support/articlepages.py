"""News pages as outlets serve them, for the ARTICLE tests: the report inside a site's
navigation, a banner, a comment section and scripts, which extraction must leave out.

Every word that must not reach the reader is marked with a tag in capitals (NAVWORD,
COMMENTWORD, SCRIPTWORD, ADWORD, FOOTERWORD), so a test asserts their absence by name.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.core.models import FeedSpec
from bot.detect import Detector
from bot.feeds.fetch import Fetcher
from bot.pipeline import Pipeline
from bot.ports import Clock
from storage.sqlite import SQLiteStorage
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer

HTML = "text/html; charset=utf-8"
LEFT_OUT = ("NAVWORD", "COMMENTWORD", "SCRIPTWORD", "ADWORD", "FOOTERWORD")

IMO_PARAGRAPHS = (
    "Authorities in Turkmenistan have blocked the IMO messenger, the last one that still "
    "worked in the country, readers in Ashgabat told our correspondent on Monday.",
    "Earlier this year WhatsApp, Viber and Telegram were blocked, together with most VPN "
    "services; people had moved to IMO to call relatives abroad.",
    'A report by <a href="https://www.rferl.org/a/turkmenistan-vpn/123.html">our colleagues '
    'at RFE/RL</a> describes how the blocks spread, and <a href="/a/2.html">an earlier '
    "story</a> counted the services cut off.",
    "Residents say that without IMO only expensive international calls are left to reach "
    "family members who work in Turkey and Russia.",
)


def news_page(
    title: str = "Turkmenistan blocks IMO messenger",
    paragraphs: tuple[str, ...] = IMO_PARAGRAPHS,
    *,
    author: str = "Soltan Achilova",
    date: str = "2026-11-23T08:30:00Z",
    lang: str = "en",
) -> str:
    """A whole page: head with metadata and scripts, navigation, the article, comments."""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(title)} | Azatlyk</title>
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{date}">
<script>window.tracker = "SCRIPTWORD";</script>
<style>.ad {{ color: red }}</style>
</head><body>
<header><nav><ul>
<li><a href="/">Home NAVWORD</a></li><li><a href="/news">News NAVWORD</a></li>
<li><a href="/video">Video NAVWORD</a></li><li><a href="/about">About us NAVWORD</a></li>
</ul></nav></header>
<div class="ad banner">Buy a VPN today ADWORD</div>
<main><article>
<h1>{escape(title)}</h1>
<div class="byline">By {escape(author)}</div>
{body}
</article></main>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>COMMENTWORD This is terrible, what will we do now without calls?</p></div>
<div class="comment"><p>COMMENTWORD Same in Mary, nothing works since the morning.</p></div>
</section>
<footer><p>© 2026 Azatlyk FOOTERWORD. All rights reserved.</p></footer>
<script>document.write("SCRIPTWORD");</script>
</body></html>"""


def long_paragraphs(count: int, words: int = 120) -> tuple[str, ...]:
    """`count` distinct paragraphs of about `words` words each (roughly 7 bytes a word)."""
    return tuple(
        f"Paragraph {n} begins here. "
        + " ".join(f"word{n}x{i}" for i in range(words))
        + f" Paragraph {n} ends here."
        for n in range(1, count + 1)
    )


IMO_SUMMARY = (
    "Authorities in Turkmenistan have blocked the IMO messenger. Calls fail since Monday. "
    "Nobody explained why. Users turn to expensive calls. A fifth sentence."
)


async def outlets_report(
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    clock: Clock,
    outlets: dict[str, bool],
    page: str | None = None,
) -> None:
    """Each outlet's feed (name: its full_text) reports IMO blocked in Turkmenistan, its item
    linking to its article page on `feed_server`; the pipeline polls each feed once, so the
    subscribers of TM have an alert due."""
    specs = []
    for n, (name, full_text) in enumerate(outlets.items(), 1):
        link = feed_server.feed(f"/{n}/imo.html", page or news_page(), content_type=HTML)
        item = Item(
            f"imo-{n}",
            "Turkmenistan blocks IMO messenger",
            IMO_SUMMARY,
            clock() - timedelta(hours=1),
            link=link,
        )
        url = feed_server.feed(f"/{n}/rss", rss(name, [item]))
        specs.append(FeedSpec(name, url, "en", full_text=full_text))
    await store.seed_feeds(specs, clock())
    pipeline = Pipeline(store, fetcher, detector, [], clock)
    for spec in specs:
        await pipeline.poll_feed(spec)
