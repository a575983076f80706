"""Email alerts and digests: the story itself, readable with no link opened. Pure.

    EmailRenderer(identity, mirrors).alert(report, subscriber)  -> OutgoingMessage
    EmailRenderer(identity, mirrors).digest(reports, subscriber) -> [(OutgoingMessage, ids)]

Each event carries its excerpt (two to four sentences) so the reader learns what happened on
a 0.5 Mb/s link without opening anything. A link to a site blocked in one of the subscriber's
countries is marked so, and a known mirror given instead (bot/vocab/mirrors.toml). Text is
format=flowed at 72 columns (bot/mail_flowed.py); headers come from bot/mail_links.py. A digest
is cut into several mails so that none passes DIGEST_BYTES: slow links and small mailboxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from bot.display import country_name, headline
from bot.mail_flowed import body, fixed, flowed
from bot.mail_links import MailIdentity, alert_headers, digest_headers
from bot.mirrors import Mirrors
from bot.models import EventReport, EventSource, OutgoingMessage, Subscriber
from bot.textcut import clip, excerpt, web_url

__all__ = ["DIGEST_BYTES", "EmailRenderer"]

DIGEST_BYTES = 28 * 1024  # body bytes per digest mail: 20 events fit, headers stay under 30 KB
_EXCERPT = (4, 900)  # sentences, characters: an alert tells the whole story
_DIGEST_EXCERPT = (3, 500)  # a digest's twenty stories must stay small
_SOURCES, _DIGEST_SOURCES = 5, 2
_TITLE, _NAME, _URL = 200, 60, 900  # characters; URLs under SMTP's 998-octet lines
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class EmailRenderer:
    identity: MailIdentity
    mirrors: Mirrors

    def alert(self, report: EventReport, subscriber: Subscriber) -> OutgoingMessage:
        """One event as one mail, threaded with the story's other alerts."""
        blocks = self._event_blocks(report, subscriber, _EXCERPT, _SOURCES)
        return OutgoingMessage(
            text=body(blocks, self._footer(subscriber)),
            subject=f"[Blockwatch] {_headline(report)}",
            headers=alert_headers(self.identity, report.event, subscriber),
        )

    def digest(
        self, reports: Sequence[EventReport], subscriber: Subscriber
    ) -> list[tuple[OutgoingMessage, list[int]]]:
        """Every event in as few mails as DIGEST_BYTES allows, newest last, with their ids."""
        footer = self._footer(subscriber)
        groups: list[list[tuple[EventReport, list[list[str]]]]] = [[]]
        for report in sorted(reports, key=lambda r: (r.event.first_seen, r.event.id)):
            blocks = self._event_blocks(report, subscriber, _DIGEST_EXCERPT, _DIGEST_SOURCES)
            candidate = [*groups[-1], (report, blocks)]
            if groups[-1] and _size(candidate, footer) > DIGEST_BYTES:
                groups.append([(report, blocks)])
            else:
                groups[-1] = candidate
        return [self._digest_mail(group, footer, subscriber, index + 1, len(groups))
                for index, group in enumerate(groups) if group]

    def _digest_mail(
        self, group: list[tuple[EventReport, list[list[str]]]], footer: list[str],
        subscriber: Subscriber, part: int, parts: int,
    ) -> tuple[OutgoingMessage, list[int]]:
        ids = [report.event.id for report, _ in group]
        contents = [fixed(f"{n}. {_headline(report)}") for n, (report, _) in
                    enumerate(group, 1)]
        blocks = [contents, *(block for _, event_blocks in group for block in event_blocks)]
        numbered = f" ({part}/{parts})" if parts > 1 else ""
        subject = f"[Blockwatch] digest: {len(group)} event{'s' * (len(group) != 1)}{numbered}"
        message = OutgoingMessage(text=body(blocks, footer), subject=subject,
                                  headers=digest_headers(self.identity, ids, subscriber))
        return message, ids

    def _event_blocks(
        self, report: EventReport, subscriber: Subscriber, size: tuple[int, int], sources: int
    ) -> list[list[str]]:
        """Headline and date, the first report's title and excerpt, then the sources."""
        event = report.event
        seen = event.first_seen.astimezone(UTC)
        when = f"{seen.day} {_MONTHS[seen.month - 1]} {seen.year}, {seen:%H:%M} UTC"
        blocks = [[fixed(f"== {_headline(report)} =="), fixed(f"First reported {when}.")]]
        if report.sources:
            first = report.sources[0]
            story = excerpt(first.excerpt, *size)
            blocks.append(flowed(clip(first.title, _TITLE)) + (flowed(story) if story else []))
        blocks.append(self._sources(report, subscriber, sources))
        return blocks

    def _sources(self, report: EventReport, subscriber: Subscriber, limit: int) -> list[str]:
        names = list(dict.fromkeys(_name(source) for source in report.sources))
        lines: list[str] = []
        for source in _one_per_outlet(report.sources)[:limit]:
            lines += self._source_lines(source, subscriber)
        if len(names) > limit:
            lines.append(fixed(f"and {len(names) - limit} more."))
        return lines

    def _source_lines(self, source: EventSource, subscriber: Subscriber) -> list[str]:
        """ "- Name" and its URL; a blocked site's URL marked, or its mirror given instead."""
        url = web_url(source.link, _URL)
        site = self.mirrors.site_of(url) if url else None
        blocked = sorted(site.blocked_in & subscriber.countries) if site else []
        if url is None or site is None or not blocked:
            return [fixed(f"- {_name(source)}"), *([fixed(f"  {url}")] if url else [])]
        where = ", ".join(country_name(code) for code in blocked)
        mirror = self.mirrors.mirror_url(site, url)
        if mirror is not None and len(mirror) <= _URL:
            return [fixed(f"- {_name(source)} (blocked in {where}; a mirror that works there):"),
                    fixed(f"  {mirror}")]
        return [fixed(f"- {_name(source)} (site blocked in {where}):"), fixed(f"  {url}")]

    def _footer(self, subscriber: Subscriber) -> list[str]:
        lines = flowed("Reply with STOP to end these alerts; DAILY, WEEKLY or INSTANT to "
                       "change how often; STATUS TM for the latest; HELP for more.")
        url = self.identity.unsubscribe_url(subscriber)
        if url is not None:
            lines += [fixed("Unsubscribe at once:"), fixed(url)]
        return lines


def _size(group: list[tuple[EventReport, list[list[str]]]], footer: list[str]) -> int:
    """Body bytes of a digest of these events: what the slow link pays."""
    blocks = [[fixed(f"00. {_headline(report)}") for report, _ in group],
              *(block for _, event_blocks in group for block in event_blocks)]
    return len(body(blocks, footer).encode("utf-8"))


def _one_per_outlet(sources: Sequence[EventSource]) -> list[EventSource]:
    """Two stories from one outlet are one voice: keep its first."""
    first: dict[str, EventSource] = {}
    for source in sources:
        first.setdefault(_name(source), source)
    return list(first.values())


def _headline(report: EventReport) -> str:
    event = report.event
    return clip(headline(event.country, event.service, event.action), 160)


def _name(source: EventSource) -> str:
    return clip(source.source, _NAME) or "unnamed source"
