"""Email alerts and digests: the story itself, readable with no link opened. Pure.

    EmailRenderer(identity, mirrors).alert(report, subscriber)  -> OutgoingMessage
    EmailRenderer(identity, mirrors).digest(reports, subscriber) -> [(OutgoingMessage, ids)]

Each event carries its excerpt (two to four sentences) so the reader learns what happened on
a 0.5 Mb/s link without opening anything. A link to a site blocked in one of the subscriber's
countries is marked so, and a known mirror given instead (bot/mail/mirrors.toml). Headings,
labels and the footer are in the subscriber's language (bot/mail/i18n.py); the reports' own
words stay as written. Text is format=flowed at 72 columns (bot/mail/flowed.py); only a URL
longer than that stands alone on a longer line, since a broken URL is lost. Headers come from
bot/mail/links.py: an alert that continues a story replies to the story's first alert. A
digest is cut into several mails so that none passes DIGEST_BYTES: slow links, small mailboxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.models import EventReport, EventSource, OutgoingMessage, Subscriber
from bot.core.textcut import clip, excerpt, web_url
from bot.mail.flowed import body, fixed, flowed
from bot.mail.i18n import MailWords
from bot.mail.links import MailIdentity, alert_headers, digest_headers
from bot.mail.mirrors import Mirrors

__all__ = ["DIGEST_BYTES", "EmailRenderer"]

DIGEST_BYTES = 28 * 1024  # body bytes per digest mail: 20 events fit, headers stay under 30 KB
_EXCERPT = (4, 900)  # sentences, characters: an alert tells the whole story
_DIGEST_EXCERPT = (3, 500)  # a digest's twenty stories must stay small
_SOURCES, _DIGEST_SOURCES = 5, 2
_TITLE, _NAME, _URL = 200, 60, 900  # characters; URLs under SMTP's 998-octet lines


@dataclass(frozen=True, slots=True)
class EmailRenderer:
    identity: MailIdentity
    mirrors: Mirrors

    def alert(self, report: EventReport, subscriber: Subscriber) -> OutgoingMessage:
        """One event as one mail, threaded under the story's first alert."""
        _ = MailWords.of(subscriber.language)
        blocks = self._event_blocks(_, report, subscriber, _EXCERPT, _SOURCES)
        return OutgoingMessage(
            text=body(blocks, self._footer(_, subscriber)),
            subject=f"[Blockwatch] {_headline(_, report)}",
            headers=alert_headers(self.identity, report.event, subscriber, report.story_id),
        )

    def digest(
        self, reports: Sequence[EventReport], subscriber: Subscriber
    ) -> list[tuple[OutgoingMessage, list[int]]]:
        """Every event in as few mails as DIGEST_BYTES allows, newest last, with their ids."""
        _ = MailWords.of(subscriber.language)
        footer = self._footer(_, subscriber)
        groups: list[list[tuple[EventReport, list[list[str]]]]] = [[]]
        for report in sorted(reports, key=lambda r: (r.event.first_seen, r.event.id)):
            blocks = self._event_blocks(_, report, subscriber, _DIGEST_EXCERPT, _DIGEST_SOURCES)
            candidate = [*groups[-1], (report, blocks)]
            if groups[-1] and _size(_, candidate, footer) > DIGEST_BYTES:
                groups.append([(report, blocks)])
            else:
                groups[-1] = candidate
        return [
            self._digest_mail(_, group, footer, subscriber, index + 1, len(groups))
            for index, group in enumerate(groups)
            if group
        ]

    def _digest_mail(
        self,
        _: MailWords,
        group: list[tuple[EventReport, list[list[str]]]],
        footer: list[str],
        subscriber: Subscriber,
        part: int,
        parts: int,
    ) -> tuple[OutgoingMessage, list[int]]:
        ids = [report.event.id for report, _blocks in group]
        contents = [
            fixed(f"{n}. {_headline(_, report)}") for n, (report, _blocks) in enumerate(group, 1)
        ]
        blocks = [contents, *(block for _report, event_blocks in group for block in event_blocks)]
        numbered = f" ({part}/{parts})" if parts > 1 else ""
        what = _.plural("digest: {n} event", "digest: {n} events", len(group), n=len(group))
        message = OutgoingMessage(
            text=body(blocks, footer),
            subject=f"[Blockwatch] {what}{numbered}",
            headers=digest_headers(self.identity, ids, subscriber),
        )
        return message, ids

    def _event_blocks(
        self,
        _: MailWords,
        report: EventReport,
        subscriber: Subscriber,
        size: tuple[int, int],
        sources: int,
    ) -> list[list[str]]:
        """Headline and date, the first report's title and excerpt, then the sources."""
        blocks = [
            [
                fixed(f"== {_headline(_, report)} =="),
                *flowed(_("First reported {when}.", when=_.moment(report.event.first_seen))),
            ]
        ]
        if report.sources:
            first = report.sources[0]
            story = excerpt(first.excerpt, *size)
            blocks.append(flowed(clip(first.title, _TITLE)) + (flowed(story) if story else []))
        blocks.append(self._sources(_, report, subscriber, sources))
        return blocks

    def _sources(
        self, _: MailWords, report: EventReport, subscriber: Subscriber, limit: int
    ) -> list[str]:
        names = list(dict.fromkeys(_name(source) for source in report.sources))
        lines = [fixed(_("Sources:"))] if report.sources else []
        for source in _one_per_outlet(report.sources)[:limit]:
            lines += self._source_lines(_, source, subscriber)
        if len(names) > limit:
            lines.append(fixed(_("and {count} more.", count=len(names) - limit)))
        return lines

    def _source_lines(self, _: MailWords, source: EventSource, subscriber: Subscriber) -> list[str]:
        """ "- Name" and its URL; a blocked site's URL marked, or its mirror given instead."""
        url = web_url(source.link, _URL)
        site = self.mirrors.site_of(url) if url else None
        blocked = sorted(site.blocked_in & subscriber.countries) if site else []
        name = _name(source)
        if url is None or site is None or not blocked:
            return [fixed(f"- {name}"), *([fixed(f"  {url}")] if url else [])]
        where = ", ".join(_.country(code) for code in blocked)
        mirror = self.mirrors.mirror_url(site, url)
        marked = [
            *_item(_("{name} (site blocked in {where}):", name=name, where=where)),
            fixed(f"  {url}"),
        ]
        if mirror is None or len(mirror) > _URL:
            return marked
        if site.mirror_on_tor:  # the outlet's onion service; the original may work over a VPN
            in_tor = _("in Tor Browser:")
            return [*marked, fixed(f"  {in_tor}"), fixed(f"  {mirror}")]
        label = _("{name} (blocked in {where}; a mirror that works there):", name=name, where=where)
        return [*_item(label), fixed(f"  {mirror}")]

    def _footer(self, _: MailWords, subscriber: Subscriber) -> list[str]:
        lines = flowed(
            _(
                "Reply with STOP to end these alerts; DAILY, WEEKLY or INSTANT to "
                "change how often; STATUS TM for the latest; HELP for more."
            )
        )
        url = self.identity.unsubscribe_url(subscriber)
        if url is not None:
            lines += [fixed(_("Unsubscribe at once:")), fixed(url)]
        return lines


def _item(text: str) -> list[str]:
    """A list item, "- " then text flowed at 72 columns under its own indent."""
    return flowed(text, "- ", "  ")


def _size(_: MailWords, group: list[tuple[EventReport, list[list[str]]]], footer: list[str]) -> int:
    """Body bytes of a digest of these events: what the slow link pays."""
    blocks = [
        [fixed(f"00. {_headline(_, report)}") for report, _blocks in group],
        *(block for _report, event_blocks in group for block in event_blocks),
    ]
    return len(body(blocks, footer).encode("utf-8"))


def _one_per_outlet(sources: Sequence[EventSource]) -> list[EventSource]:
    """Two stories from one outlet are one voice: keep its first."""
    first: dict[str, EventSource] = {}
    for source in sources:
        first.setdefault(_name(source), source)
    return list(first.values())


def _headline(_: MailWords, report: EventReport) -> str:
    event = report.event
    return clip(_.headline(event.country, event.service, event.action), 160)


def _name(source: EventSource) -> str:
    return clip(source.source, _NAME) or "unnamed source"
