"""The service's answers to commands by mail, in plain words. Pure: data in, messages out.

Every answer ends with the commands, so a person with only a mailbox never needs a web page.
The confirmation asks for a plain reply: its subject carries the tag "[confirm:TOKEN]" that the
reply quotes back (bot/mail_commands.py), so no link has to be opened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.display import country_name, headline
from bot.mail_commands import confirm_tag
from bot.mail_flowed import body, fixed, flowed
from bot.models import Event, OutgoingMessage, Subscriber

PREFIX = "Blockwatch:"

COMMANDS = (
    "SUBSCRIBE TM RU - alerts for these countries (ПОДПИСАТЬСЯ, agza bol)",
    "INSTANT / DAILY / WEEKLY - each alert at once, or a digest "
    "(СРАЗУ / ЕЖЕДНЕВНО / ЕЖЕНЕДЕЛЬНО, derrew / gündelik / hepdelik)",
    "STATUS TM - the latest events (СТАТУС, ýagdaý)",
    "STOP - no more mail; your address is deleted (СТОП, bes)",
    "HELP - this list (ПОМОЩЬ, kömek)",
)


# The one step a newcomer must understand, also in Russian and Turkmen.
_CONFIRM_TRANSLATED = (
    flowed("Чтобы подтвердить подписку на Blockwatch, просто ответьте на это письмо: писать "
           "ничего не нужно. Если это были не вы, ничего не делайте."),
    flowed("Blockwatch-a ýazylmagy tassyklamak üçin bu hata jogap beriň: hiç zat ýazmak "
           "hökman däl. Eger bu siz däl bolsaňyz, hiç zat etmäň."),
)


def commands_block() -> list[str]:
    """The command list, one flowed item each: write the word in the subject or the body."""
    lines = flowed("Write one of these in the subject or the first line of a mail "
                   "to this address:")
    for command in COMMANDS:
        lines += flowed(command, "  ", "    ")
    return lines


def help_reply() -> OutgoingMessage:
    intro = flowed("Blockwatch tells you by email when a country blocks, slows down or "
                   "unblocks a messenger, a social network or the internet. Each alert "
                   "says what happened in a few sentences, so you need no link.")
    return _message("how to use it", [intro, commands_block()])


def confirm_request(countries: Sequence[str], token: str) -> OutgoingMessage:
    """Double opt-in: a plain reply (Reply, Send) confirms; doing nothing subscribes nobody."""
    text = flowed(f"Someone, probably you, asked for Blockwatch alerts about "
                  f"{_names(countries)} at this address. To confirm, just reply to this "
                  "mail; you need not write anything. If it was not you, ignore this mail: "
                  "nothing will be sent.")
    subject = f"{PREFIX} please confirm by replying {confirm_tag(token)}"
    return OutgoingMessage(text=body([text, *_CONFIRM_TRANSLATED, commands_block()]),
                           subject=subject)


def confirmed(subscriber: Subscriber) -> OutgoingMessage:
    text = flowed(f"Confirmed. You will get alerts about {_names(subscriber.countries)}, "
                  f"{_frequency(subscriber)}.")
    return _message("subscription confirmed", [text, commands_block()])


def subscribed(subscriber: Subscriber) -> OutgoingMessage:
    """An already confirmed subscriber added countries."""
    text = flowed(f"You now get alerts about {_names(subscriber.countries)}, "
                  f"{_frequency(subscriber)}.")
    return _message("subscription changed", [text, commands_block()])


def frequency_changed(subscriber: Subscriber) -> OutgoingMessage:
    text = flowed(f"Done: you get alerts about {_names(subscriber.countries)} "
                  f"{_frequency(subscriber)}.")
    return _message("delivery changed", [text, commands_block()])


def stopped(remaining: Subscriber | None) -> OutgoingMessage:
    if remaining is None:
        text = flowed("You will get no more mail from Blockwatch, and your address has been "
                      "deleted. Write SUBSCRIBE TM to start again.")
    else:
        text = flowed(f"Removed. You still get alerts about {_names(remaining.countries)}; "
                      "write STOP alone to stop everything.")
    return _message("unsubscribed", [text])


def not_subscribed() -> OutgoingMessage:
    text = flowed("This address is not subscribed. Write SUBSCRIBE and the country codes, "
                  "for example SUBSCRIBE TM RU.")
    return _message("not subscribed", [text, commands_block()])


def need_countries() -> OutgoingMessage:
    text = flowed("Which countries? Write SUBSCRIBE and their codes, for example "
                  "SUBSCRIBE TM RU (TM Turkmenistan, RU Russia, UZ Uzbekistan).")
    return _message("which countries?", [text, commands_block()])


def invalid_confirmation() -> OutgoingMessage:
    text = flowed("This confirmation is no longer valid. Write SUBSCRIBE TM (with your "
                  "countries) to get a new one.")
    return _message("confirmation not valid", [text])


def status(
    subscriber: Subscriber | None, events: Mapping[str, Sequence[Event]]
) -> OutgoingMessage:
    """The latest events per asked country, and what this address receives."""
    blocks = []
    for country, found in events.items():
        lines = [f"{country_name(country)}:"]
        lines += [fixed(f"- {_event_line(event)}") for event in found] or ["- nothing recorded"]
        blocks.append(lines)
    blocks.append(_your_subscription(subscriber))
    return _message("status", [*blocks, commands_block()])


def _your_subscription(subscriber: Subscriber | None) -> list[str]:
    if subscriber is None:
        return flowed("This address is not subscribed.")
    if not subscriber.confirmed:
        return flowed("Your subscription waits for your reply to the confirmation mail.")
    return flowed(f"You get alerts about {_names(subscriber.countries)}, "
                  f"{_frequency(subscriber)}.")


def _event_line(event: Event) -> str:
    when = event.last_seen.strftime("%Y-%m-%d")
    return f"{when} {headline(event.country, event.service, event.action)}"


def _frequency(subscriber: Subscriber) -> str:
    prefs = subscriber.prefs
    if prefs.frequency == "instant":
        return "each one as soon as it is found"
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    when = "every day" if prefs.frequency == "daily" else f"every {days[prefs.digest_weekday]}"
    return f"in one digest {when} at {prefs.digest_hour:02d}:00 ({prefs.timezone})"


def _names(countries: Sequence[str] | frozenset[str]) -> str:
    names = [f"{country_name(code)} ({code})" for code in sorted(countries)]
    return ", ".join(names) if names else "no country"


def _message(what: str, blocks: list[list[str]]) -> OutgoingMessage:
    return OutgoingMessage(text=body(blocks), subject=f"{PREFIX} {what}")
