"""Email alerts and digests: the story itself, readable with no link opened. Pure.

    EmailRenderer(identity, mirrors).alert(story, subscriber)   -> OutgoingMessage
    EmailRenderer(identity, mirrors).digest(stories, subscriber) -> [(OutgoingMessage, ids)]

A story (bot/core/story.py) is one mail, or one section of a digest: a headline and subject that
name every service, the report's excerpt (two to four sentences) once, every source once, so the
reader learns what happened on a 0.5 Mb/s link without opening anything, and pays for it once.
A link to a site blocked in one of the subscriber's countries is marked so, and a known mirror
given instead (bot/mail/mirrors.toml). Headings, labels and the footer are in the subscriber's
language (bot/mail/i18n.py); the reports' own words stay as written. Text is format=flowed at
72 columns (bot/mail/flowed.py); only a URL longer than that stands alone on a longer line,
since a broken URL is lost. Headers come from bot/mail/links.py: a mail's Message-ID is its
story's lead event, and an alert that continues a story replies to the mail that told its start.
A digest is cut into several mails, between stories, so that none passes DIGEST_BYTES: slow
links, small mailboxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.models import EventSource, OutgoingMessage, Subscriber
from bot.core.ooni import explorer_url
from bot.core.story import Story
from bot.core.textcut import clip, excerpt, web_url
from bot.mail.flowed import body, fixed, flowed
from bot.mail.i18n import MailWords
from bot.mail.links import MailIdentity, alert_headers, digest_headers
from bot.mail.measured import ooni_sentence
from bot.mail.mirrors import Mirrors

__all__ = ["DIGEST_BYTES", "EmailRenderer"]

DIGEST_BYTES = 28 * 1024  # body bytes per digest mail: 20 events fit, headers stay under 30 KB
_EXCERPT = (4, 900)  # sentences, characters: an alert tells the whole story
_DIGEST_EXCERPT = (3, 500)  # a digest's twenty stories must stay small
_SOURCES, _DIGEST_SOURCES = 5, 2
_TITLE, _NAME, _URL = 200, 60, 900  # characters; URLs under SMTP's 998-octet lines
_HEADLINE = 160  # one event's headline; a story's names up to twelve services (stories.py)
_STORY_HEADLINE = 700
_OONI_LINES = 3  # events of a story whose OONI figure is told


@dataclass(frozen=True, slots=True)
class EmailRenderer:
    identity: MailIdentity
    mirrors: Mirrors

    def alert(self, story: Story, subscriber: Subscriber) -> OutgoingMessage:
        """One story as one mail, named by its lead event, threaded under what it continues."""
        _ = MailWords.of(subscriber.language)
        blocks = self._story_blocks(_, story, subscriber, _EXCERPT, _SOURCES)
        return OutgoingMessage(
            text=body(blocks, self._footer(_, subscriber)),
            subject=f"[Blockwatch] {_headline(_, story)}",
            headers=alert_headers(
                self.identity, story.lead.event.id, subscriber, story.thread_roots()
            ),
        )

    def digest(
        self, stories: Sequence[Story], subscriber: Subscriber
    ) -> list[tuple[OutgoingMessage, list[int]]]:
        """Every story in as few mails as DIGEST_BYTES allows, newest last, with their events'
        ids; a story is never cut between two mails."""
        _ = MailWords.of(subscriber.language)
        footer = self._footer(_, subscriber)
        groups: list[list[tuple[Story, list[list[str]]]]] = [[]]
        for story in sorted(stories, key=lambda s: (s.first_seen, s.lead.event.id)):
            blocks = self._story_blocks(_, story, subscriber, _DIGEST_EXCERPT, _DIGEST_SOURCES)
            candidate = [*groups[-1], (story, blocks)]
            if groups[-1] and _size(_, candidate, footer) > DIGEST_BYTES:
                groups.append([(story, blocks)])
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
        group: list[tuple[Story, list[list[str]]]],
        footer: list[str],
        subscriber: Subscriber,
        part: int,
        parts: int,
    ) -> tuple[OutgoingMessage, list[int]]:
        ids = [event_id for story, _blocks in group for event_id in story.event_ids]
        contents = _contents(_, group)
        blocks = [contents, *(block for _story, story_blocks in group for block in story_blocks)]
        numbered = f" ({part}/{parts})" if parts > 1 else ""
        what = _.plural("digest: {n} event", "digest: {n} events", len(ids), n=len(ids))
        message = OutgoingMessage(
            text=body(blocks, footer),
            subject=f"[Blockwatch] {what}{numbered}",
            headers=digest_headers(self.identity, ids, subscriber),
        )
        return message, ids

    def _story_blocks(
        self,
        _: MailWords,
        story: Story,
        subscriber: Subscriber,
        size: tuple[int, int],
        sources: int,
    ) -> list[list[str]]:
        """Headline and date, the first report's title and excerpt, then the sources."""
        blocks = [
            [
                *flowed(f"== {_headline(_, story)} =="),  # a story's names may run long
                *flowed(_("First reported {when}.", when=_.moment(story.first_seen))),
            ]
        ]
        if story.sources:
            first = story.sources[0]
            text = excerpt(first.excerpt, *size)
            blocks.append(flowed(clip(first.title, _TITLE)) + (flowed(text) if text else []))
        blocks.append(self._sources(_, story, subscriber, sources))
        measured = _measured(_, story)
        if measured:
            blocks.append(measured)
        return blocks

    def _sources(self, _: MailWords, story: Story, subscriber: Subscriber, limit: int) -> list[str]:
        names = list(dict.fromkeys(_name(source) for source in story.sources))
        lines = [fixed(_("Sources:"))] if story.sources else []
        for source in _one_per_outlet(story.sources)[:limit]:
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


def _measured(_: MailWords, story: Story) -> list[str]:
    """OONI's figure of each event that has one (a story's name their service), then the
    country's page on OONI Explorer once."""
    lines: list[str] = []
    several = len(story.reports) > 1
    for report in story.reports[:_OONI_LINES]:
        said = ooni_sentence(_, report.ooni, report.event.action)
        if said and several:
            lines += _item(f"{_.service(report.event.service)}: {said}")
        elif said:
            lines += flowed(said)
    if not lines:
        return []
    return [*lines, fixed(explorer_url(story.country))]


def _item(text: str) -> list[str]:
    """A list item, "- " then text flowed at 72 columns under its own indent."""
    return flowed(text, "- ", "  ")


def _size(_: MailWords, group: list[tuple[Story, list[list[str]]]], footer: list[str]) -> int:
    """Body bytes of a digest of these stories: what the slow link pays."""
    blocks = [
        _contents(_, group),
        *(block for _story, story_blocks in group for block in story_blocks),
    ]
    return len(body(blocks, footer).encode("utf-8"))


def _one_per_outlet(sources: Sequence[EventSource]) -> list[EventSource]:
    """Two stories from one outlet are one voice: keep its first."""
    first: dict[str, EventSource] = {}
    for source in sources:
        first.setdefault(_name(source), source)
    return list(first.values())


def _contents(_: MailWords, group: list[tuple[Story, list[list[str]]]]) -> list[str]:
    """A digest's numbered headlines, a long one flowed under its number."""
    return [
        line
        for n, (story, _blocks) in enumerate(group, 1)
        for line in flowed(_headline(_, story), f"{n}. ", " " * len(f"{n}. "))
    ]


def _headline(_: MailWords, story: Story) -> str:
    """Every service of the story named; one event's headline as it always was."""
    if len(story.reports) == 1:
        event = story.lead.event
        return clip(_.headline(event.country, event.service, event.action), _HEADLINE)
    return clip(_.story_headline(story.country, story.by_action()), _STORY_HEADLINE)


def _name(source: EventSource) -> str:
    return clip(source.source, _NAME) or "unnamed source"
