"""The service's answers to commands by mail, in plain words and the person's language. Pure.

Every answer ends with the commands, so a person with only a mailbox never needs a web page.
The confirmation asks for a plain reply: its subject carries the tag "[confirm:TOKEN]" that the
reply quotes back (bot/mail/inbox/commands.py), so no link has to be opened; a STOP that could not
be
trusted is confirmed the same way, with "[stop:TOKEN]". Each answer is in one language
(bot/mail/i18n.py); the step a newcomer must understand is repeated in every other one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core.models import Event, OutgoingMessage, Subscriber
from bot.core.ooni import OoniFigure, explorer_url
from bot.mail.flowed import body, fixed, flowed
from bot.mail.i18n import LANGUAGES, N_, MailWords
from bot.mail.inbox.commands import confirm_tag, stop_tag
from bot.mail.measured import ooni_sentence

PREFIX = "Blockwatch:"

COMMANDS = (
    N_("SUBSCRIBE TM RU - alerts for these countries (ПОДПИСАТЬСЯ, agza bol)"),
    N_(
        "INSTANT / DAILY / WEEKLY - each alert at once, or a digest "
        "(СРАЗУ / ЕЖЕДНЕВНО / ЕЖЕНЕДЕЛЬНО, derrew / gündelik / hepdelik)"
    ),
    N_("STATUS TM - the latest events (СТАТУС, ýagdaý)"),
    N_("STOP - no more mail; your address is deleted (СТОП, bes)"),
    N_("HELP - this list (ПОМОЩЬ, kömek)"),
)

# The one step a newcomer must understand, said in every language.
_CONFIRM_STEP = N_(
    "To confirm your Blockwatch subscription, just reply to this mail: you "
    "need not write anything. If it was not you, do nothing."
)


def commands_block(_: MailWords) -> list[str]:
    """The command list, one flowed item each: write the word in the subject or the body."""
    lines = flowed(
        _("Write one of these in the subject or the first line of a mail to this address:")
    )
    for command in COMMANDS:
        lines += flowed(_(command), "  ", "    ")
    return [
        *lines,
        "",
        *flowed(
            _(
                "Commands work in English, Russian, Turkmen, Uzbek and "
                "Kazakh; the answer comes in the language you write in."
            )
        ),
    ]


def help_reply(language: str) -> OutgoingMessage:
    _ = MailWords.of(language)
    intro = flowed(
        _(
            "Blockwatch tells you by email when a country blocks, slows down or "
            "unblocks a messenger, a social network or the internet. Each alert "
            "says what happened in a few sentences, so you need no link."
        )
    )
    return _message(_, _("how to use it"), [intro, commands_block(_)])


def confirm_request(countries: Sequence[str], token: str, language: str) -> OutgoingMessage:
    """Double opt-in: a plain reply (Reply, Send) confirms; doing nothing subscribes nobody."""
    _ = MailWords.of(language)
    text = flowed(
        _(
            "Someone, probably you, asked for Blockwatch alerts about {countries} at "
            "this address. To confirm, just reply to this mail; you need not write "
            "anything. If it was not you, ignore this mail: nothing will be sent.",
            countries=_.countries(countries),
        )
    )
    others = [
        flowed(MailWords.of(other)(_CONFIRM_STEP)) for other in LANGUAGES if other != _.language
    ]
    asked = _("please confirm by replying")
    subject = f"{PREFIX} {asked} {confirm_tag(token)}"
    return OutgoingMessage(text=body([text, *others, commands_block(_)]), subject=subject)


def stop_request(countries: Sequence[str], token: str, language: str) -> OutgoingMessage:
    """A STOP we could not trust (its sender may be forged): the address's owner confirms."""
    _ = MailWords.of(language)
    if countries:
        asked = _(
            "Someone asked by mail to stop the Blockwatch alerts about {countries} for "
            "this address.",
            countries=_.countries(countries),
        )
    else:
        asked = _(
            "Someone asked by mail to stop all Blockwatch mail to this address and to delete it."
        )
    text = flowed(
        asked
        + " "
        + _(
            "If it was you, just reply to this mail; you need not "
            "write anything. If it was not you, do nothing: your alerts "
            "go on."
        )
    )
    tip = flowed(_("Next time, reply STOP to one of our alerts: that works at once."))
    what = _("confirm STOP by replying")
    subject = f"{PREFIX} {what} {stop_tag(token, tuple(countries))}"
    return OutgoingMessage(text=body([text, tip]), subject=subject)


def confirmed(subscriber: Subscriber) -> OutgoingMessage:
    _ = MailWords.of(subscriber.language)
    text = flowed(
        _(
            "Confirmed. You will get alerts about {countries}, {frequency}.",
            countries=_.countries(subscriber.countries),
            frequency=_frequency(_, subscriber),
        )
    )
    return _message(_, _("subscription confirmed"), [text, commands_block(_)])


def subscribed(subscriber: Subscriber, language: str) -> OutgoingMessage:
    """An already confirmed subscriber added countries."""
    _ = MailWords.of(language)
    return _message(
        _, _("subscription changed"), [_your_subscription(_, subscriber), commands_block(_)]
    )


def frequency_changed(subscriber: Subscriber, language: str) -> OutgoingMessage:
    _ = MailWords.of(language)
    return _message(
        _, _("delivery changed"), [_your_subscription(_, subscriber), commands_block(_)]
    )


def stopped(remaining: Subscriber | None, language: str) -> OutgoingMessage:
    _ = MailWords.of(language)
    if remaining is None:
        text = flowed(
            _(
                "You will get no more mail from Blockwatch, and your address has been "
                "deleted. Write SUBSCRIBE TM to start again."
            )
        )
    else:
        text = flowed(
            _(
                "Removed. You still get alerts about {countries}; write STOP alone to "
                "stop everything.",
                countries=_.countries(remaining.countries),
            )
        )
    return _message(_, _("unsubscribed"), [text])


def not_subscribed(language: str) -> OutgoingMessage:
    _ = MailWords.of(language)
    text = flowed(
        _(
            "This address is not subscribed. Write SUBSCRIBE and the country codes, "
            "for example SUBSCRIBE TM RU."
        )
    )
    return _message(_, _("not subscribed"), [text, commands_block(_)])


def need_countries(language: str) -> OutgoingMessage:
    _ = MailWords.of(language)
    text = flowed(
        _(
            "Which countries? Write SUBSCRIBE and their codes, for example "
            "SUBSCRIBE TM RU (TM Turkmenistan, RU Russia, UZ Uzbekistan)."
        )
    )
    return _message(_, _("which countries?"), [text, commands_block(_)])


def invalid_confirmation(language: str) -> OutgoingMessage:
    _ = MailWords.of(language)
    text = flowed(
        _(
            "This confirmation is no longer valid. Write SUBSCRIBE TM (with your "
            "countries) to get a new one."
        )
    )
    return _message(_, _("confirmation not valid"), [text])


def status(
    subscriber: Subscriber | None,
    events: Mapping[str, Sequence[Event]],
    language: str,
    figures: Mapping[tuple[str, str], OoniFigure] | None = None,
) -> OutgoingMessage:
    """The latest events per asked country, and what this address receives; OONI's figure of
    each service under its newest event, when `figures` has one."""
    _ = MailWords.of(language)
    nothing = _("nothing recorded")
    blocks = []
    for country, found in events.items():
        lines = [fixed(f"{_.country(country)}:")]
        lines += _event_lines(_, found, figures or {}) or [fixed(f"- {nothing}")]
        blocks.append(lines)
    blocks.append(_your_subscription(_, subscriber))
    return _message(_, _("status"), [*blocks, commands_block(_)])


def _your_subscription(_: MailWords, subscriber: Subscriber | None) -> list[str]:
    if subscriber is None:
        return flowed(_("This address is not subscribed."))
    if not subscriber.confirmed:
        return flowed(_("Your subscription waits for your reply to the confirmation mail."))
    return flowed(
        _(
            "You get alerts about {countries}, {frequency}.",
            countries=_.countries(subscriber.countries),
            frequency=_frequency(_, subscriber),
        )
    )


def _event_lines(
    _: MailWords, events: Sequence[Event], figures: Mapping[tuple[str, str], OoniFigure]
) -> list[str]:
    """A line an event, newest first; a service's figure once, under its newest event, and
    the country's page on OONI Explorer after them all."""
    lines: list[str] = []
    told: set[str] = set()
    for event in events:
        lines.append(fixed(f"- {_event_line(_, event)}"))
        figure = figures.get((event.country, event.service))
        said = ooni_sentence(_, figure, event.action) if event.service not in told else ""
        if said:
            told.add(event.service)
            lines += flowed(said, "  ", "  ")
    if told:
        lines.append(fixed(f"  {explorer_url(events[0].country)}"))
    return lines


def _event_line(_: MailWords, event: Event) -> str:
    return f"{event.last_seen:%Y-%m-%d} {_.headline(event.country, event.service, event.action)}"


def _frequency(_: MailWords, subscriber: Subscriber) -> str:
    prefs = subscriber.prefs
    if prefs.frequency == "instant":
        return _("each one as soon as it is found")
    hour, zone = f"{prefs.digest_hour:02d}:00", prefs.timezone
    if prefs.frequency == "daily":
        return _("in one digest every day at {hour} ({zone})", hour=hour, zone=zone)
    return _(
        "in one digest every week, on {weekday} at {hour} ({zone})",
        weekday=_.weekday(prefs.digest_weekday),
        hour=hour,
        zone=zone,
    )


def _message(_: MailWords, what: str, blocks: list[list[str]]) -> OutgoingMessage:
    return OutgoingMessage(text=body(blocks), subject=f"{PREFIX} {what}")
