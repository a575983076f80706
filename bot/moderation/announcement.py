"""A moderator's announcement as each channel shows it. Pure: an EventReport in, a message out.

An announcement travels through the outbox as an event whose service is ANNOUNCEMENT and
whose one source holds the moderators' text (storage/moderation.py). It is never part of a
story with other events (bot/delivery/stories.py). `with_announcements` wraps a channel's
renderers so such an event is shown as what it is, never as "blocked", and is sent as a message
of its own even to a digest subscriber.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.core.display import country_name, flag
from bot.core.models import EventReport, OutgoingMessage, Subscriber
from bot.core.records import ANNOUNCEMENT
from bot.core.story import Story
from bot.mail.flowed import body, fixed, flowed
from bot.mail.links import MailIdentity, alert_headers
from bot.ports import DeliveryChannel

Announcement = Callable[[EventReport, Subscriber], OutgoingMessage]  # one announcement event

SIGNED = "From the Blockwatch moderators."
MAX_TEXT = 3000  # characters of the moderators' text: the whole message stays under 4096


def is_announcement(report: EventReport) -> bool:
    return report.event.service == ANNOUNCEMENT


def announcement_text(report: EventReport) -> str:
    return report.sources[0].excerpt if report.sources else ""


def telegram_announcement(report: EventReport, subscriber: Subscriber) -> OutgoingMessage:
    country = report.event.country
    header = f"📢 <b>Announcement</b> · {flag(country)} {html.escape(country_name(country))}"
    text = html.escape(announcement_text(report)[:MAX_TEXT])
    return OutgoingMessage(text=f"{header}\n\n{text}\n\n<i>{SIGNED}</i>")


def email_announcement(identity: MailIdentity) -> Announcement:
    """Plain text, format=flowed, with the same headers and unsubscribe link as an alert."""

    def render(report: EventReport, subscriber: Subscriber) -> OutgoingMessage:
        country = country_name(report.event.country)
        paragraphs = [
            flowed(line) for line in announcement_text(report).splitlines() if line.strip()
        ]
        footer = flowed("Reply with STOP to end these alerts; HELP for more.")
        url = identity.unsubscribe_url(subscriber)
        if url is not None:
            footer += [fixed("Unsubscribe at once:"), fixed(url)]
        return OutgoingMessage(
            text=body(
                [[fixed(f"== Announcement: {country} ==")], *paragraphs, [fixed(SIGNED)]], footer
            ),
            subject=f"[Blockwatch] Announcement: {country}",
            headers=alert_headers(identity, report.event.id, subscriber),
        )

    return render


def with_announcements(channel: DeliveryChannel, announcement: Announcement) -> DeliveryChannel:
    """The channel, its renderers showing announcements with `announcement`."""
    plain, digest = channel.render, channel.render_digest

    def render(story: Story, subscriber: Subscriber) -> OutgoingMessage:
        if is_announcement(story.lead):  # always a story of its own
            return announcement(story.lead, subscriber)
        return plain(story, subscriber)

    if digest is None:  # deliver sends each story alone through `render`
        return replace(channel, render=render)

    def render_digest(
        stories: Sequence[Story], subscriber: Subscriber
    ) -> list[tuple[OutgoingMessage, list[int]]]:
        # Announcements first and alone: they are why the moderators wrote, not news to skim.
        told = [
            (announcement(s.lead, subscriber), s.event_ids)
            for s in stories
            if is_announcement(s.lead)
        ]
        news = [s for s in stories if not is_announcement(s.lead)]
        return told + (digest(news, subscriber) if news else [])

    return replace(channel, render=render, render_digest=render_digest)
