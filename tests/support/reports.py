"""Event reports for the renderers' tests (Telegram, email, digests) and what Telegram would
make of the HTML rendered from them: its visible text, the tags used and the links."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

from bot.core.models import Action, Event, EventReport, EventSource
from bot.core.story import Story
from tests.support.manualclock import NOW

SEEN = NOW - timedelta(minutes=50)  # when the reports were seen: 08:10 UTC
FIVE_SENTENCES = "One is here. Two is here! Three is here? Four is here. Five is here."


def source(
    name: str = "Azatlyk",
    title: str = "IMO blocked",
    link: str | None = None,
    text: str = FIVE_SENTENCES,
) -> EventSource:
    return EventSource(
        name, title, link if link is not None else f"https://{name}.test/1", text, SEEN, "en"
    )


def report(
    *sources: EventSource,
    country: str = "TM",
    service: str = "imo",
    action: Action = "block",
    count: int | None = None,
) -> EventReport:
    event = Event(7, country, service, action, SEEN, SEEN, count or len(sources))
    return EventReport(event, sources)


def alone(reports: Iterable[EventReport]) -> list[Story]:
    """Each report a story of its own, as a digest renderer takes them."""
    return [Story.of(made) for made in reports]


@dataclass
class Parsed(HTMLParser):
    """What Telegram would make of our HTML: visible text, tags used, links."""

    text: str = ""
    tags: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)
    _href: str | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "a":
            self._href = dict(attrs)["href"]
            self.links.append((self._href or "", ""))

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None


def parse(html_text: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html_text)
    parsed.close()
    return parsed
