"""OPML in and out: round trips, what readers write, and the XML that is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.errors import ConfigError
from bot.core.models import FeedSpec
from bot.core.registry import FeedStatus, RegisteredFeed
from bot.feeds.opml import MAX_OPML_BYTES, OpmlFeed, from_opml, to_opml
from tests.support.manualclock import NOW

A = FeedSpec(
    "Eurasianet & co <TM>", "https://a.example/rss?x=1&y=2", "en", "TM", timedelta(minutes=15)
)
B = FeedSpec("Радио Азатлык", "https://b.example/feed", "ru")


def registered(spec: FeedSpec, feed_id: int, status: FeedStatus = "active") -> RegisteredFeed:
    return RegisteredFeed(feed_id, spec, status, "seed", False, NOW, NOW)


def opml(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head/><body>{body}'
        "</body></opml>"
    ).encode()


def test_export_then_import_gives_the_same_feeds() -> None:
    text = to_opml(
        [
            registered(A, 1),
            registered(B, 2, "paused"),
            registered(FeedSpec("Gone", "https://c.example/", "en"), 3, "removed"),
        ],
        NOW,
    )
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert "Gone" not in text
    found = from_opml(text.encode())
    assert found.feeds == (OpmlFeed(A), OpmlFeed(B, paused=True))
    assert found.skipped == ()


def test_outlines_as_readers_write_them() -> None:
    data = opml(
        '<outline text="Folder"><outline text="Nested" type="rss" xmlURL="https://n.example/rss"'
        ' language="ru-RU"/></outline>'
        '<outline title="Only a title" xmlurl="https://t.example/atom"/>'
        '<outline xmlUrl="https://bare.example/feed"/>'
        '<outline text="A site, no feed" htmlUrl="https://s.example/"/>'
    )
    found = from_opml(data, default_language="tk")
    assert [(f.spec.name, f.spec.url, f.spec.language) for f in found.feeds] == [
        ("Nested", "https://n.example/rss", "ru"),
        ("Only a title", "https://t.example/atom", "tk"),
        ("bare.example", "https://bare.example/feed", "tk"),
    ]
    assert all(f.spec.interval == timedelta(minutes=30) for f in found.feeds)


def test_bad_outlines_are_skipped_with_the_reason() -> None:
    ns = 'xmlns:bw="https://blockwatch.invalid/opml/1"'
    data = (
        f'<opml version="2.0" {ns}><body>'
        '<outline text="No language" xmlUrl="https://a.example/rss"/>'
        '<outline text="FTP" xmlUrl="ftp://b.example/rss" language="en"/>'
        '<outline text="Bad country" xmlUrl="https://c.example/rss" language="en" '
        'bw:country="XX"/>'
        '<outline text="Bad interval" xmlUrl="https://d.example/rss" language="en" '
        'bw:interval="often"/>'
        '<outline text="Too often" xmlUrl="https://e.example/rss" language="en" '
        'bw:interval="1"/>'
        '<outline text="Twin 1" xmlUrl="https://f.example/rss" language="en"/>'
        '<outline text="Twin 2" xmlUrl="http://www.f.example/rss/" language="en"/>'
        "</body></opml>"
    ).encode()
    found = from_opml(data)
    assert [f.spec.name for f in found.feeds] == ["Twin 1"]
    reasons = dict(found.skipped)
    assert "no language" in reasons["https://a.example/rss"]
    assert "http(s) URL" in reasons["ftp://b.example/rss"]
    assert "ISO 3166-1" in reasons["https://c.example/rss"]
    assert "minutes" in reasons["https://d.example/rss"]
    assert "5..1440" in reasons["https://e.example/rss"]
    assert reasons["http://www.f.example/rss/"] == "listed twice"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://a.example/" language="en"/>
</body></opml>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://a.example/"/></body></opml>"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BILLION_LAUGHS, "DOCTYPE"),
        (EXTERNAL, "DOCTYPE"),
        (b'<?xml version="1.0"?><!DOCTYPE opml><opml/>', "DOCTYPE"),
        (b"<opml><body><outline></body>", "not well-formed"),
        (b"", "not well-formed"),
        (b"<opml>" + b" " * MAX_OPML_BYTES + b"</opml>", "larger than"),
    ],
)
def test_unsafe_or_broken_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ConfigError, match=reason):
        from_opml(data)
