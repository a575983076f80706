"""parse_command: commands by mail in English, Russian and Turkmen, with replies' noise around."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.mail_commands import (
    MailCommand,
    confirm_tag,
    load_vocabulary,
    new_token,
    parse_command,
)

# (subject, body, kind, countries)
CASES = [
    # English, as the README will show it
    ("SUBSCRIBE TM RU", "", "subscribe", ("TM", "RU")),
    ("subscribe tm ru", "", "subscribe", ("TM", "RU")),
    ("", "Subscribe me to Turkmenistan please", "subscribe", ("TM",)),
    ("", "/subscribe TM", "subscribe", ("TM",)),
    ("DAILY", "", "daily", ()),
    ("", "weekly", "weekly", ()),
    ("INSTANT", "", "instant", ()),
    ("STATUS TM", "", "status", ("TM",)),
    ("STOP", "", "stop", ()),
    ("unsubscribe RU", "", "stop", ("RU",)),
    ("HELP", "", "help", ()),
    ("", "", "unknown", ()),
    ("Hello", "How are you?", "unknown", ()),
    # Russian
    ("ПОДПИСАТЬСЯ TM", "", "subscribe", ("TM",)),
    ("", "подписка на Туркменистан и Узбекистан", "subscribe", ("TM", "UZ")),
    ("", "Подписаться на РФ", "subscribe", ("RU",)),
    ("СТОП", "", "stop", ()),
    ("", "Отписаться", "stop", ()),
    ("ЕЖЕДНЕВНО", "", "daily", ()),
    ("еженедельно", "", "weekly", ()),
    ("", "сразу", "instant", ()),
    ("МГНОВЕННО", "", "instant", ()),
    ("СТАТУС ТМ", "", "status", ("TM",)),  # Cyrillic Т and М
    ("ПОМОЩЬ", "", "help", ()),
    # Turkmen, with and without its letters, verb first or last
    ("AGZA BOL TM", "", "subscribe", ("TM",)),
    ("", "Türkmenistan agza bol", "subscribe", ("TM",)),
    ("", "TM-e ýazyl", "subscribe", ("TM",)),
    ("yazyl TM RU", "", "subscribe", ("TM", "RU")),
    ("BES", "", "stop", ()),
    ("", "ýatyr", "stop", ()),
    ("DUR", "", "stop", ()),
    ("GÜNDELIK", "", "daily", ()),
    ("gundelik", "", "daily", ()),
    ("HEPDELIK", "", "weekly", ()),
    ("", "derrew", "instant", ()),
    ("ÝAGDAÝ TM", "", "status", ("TM",)),
    ("yagday Türkmenistan", "", "status", ("TM",)),
    ("KÖMEK", "", "help", ()),
    ("", "komek", "help", ()),
    # countries: codes, names in three languages, repeats once, lower-case codes with care
    ("SUBSCRIBE Туркменистан Türkmenistan TM", "", "subscribe", ("TM",)),
    ("subscribe kz kg tj az by ua ir", "", "subscribe", ("KZ", "KG", "TJ", "AZ", "BY", "UA",
                                                         "IR")),
    ("", "Subscribe by email to TM", "subscribe", ("TM",)),  # "by" is not Belarus here
    ("", "stop it", "stop", ()),
    ("", "STATUS Беларусь Eýran", "status", ("BY", "IR")),
    # prose that only ends with a command word is not one
    ("", "Thanks for the digest", "unknown", ()),
]


@pytest.mark.parametrize(("subject", "body", "kind", "countries"), CASES)
def test_parse_command(subject: str, body: str, kind: str, countries: tuple[str, ...]) -> None:
    assert parse_command(subject, body) == MailCommand(kind, countries)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        # the first command line wins: the subject, then the body
        ("DAILY", "STOP", MailCommand("daily")),
        ("Hi", "\nPlease:\nSTATUS TM\nSTOP\n", MailCommand("status", ("TM",))),
        # reply prefixes are stripped
        ("Re: STOP", "", MailCommand("stop")),
        ("RE: Fwd: Ответ: HELP", "", MailCommand("help")),
        ("Re[2]: status tm", "", MailCommand("status", ("TM",))),
        # a reply's subject is ours: the person's own words come first
        ("Re: Blockwatch help", "STOP\n", MailCommand("stop")),
        # quoted text, attributions, forwards and signatures are not the person's words
        ("Re: Blockwatch", "Thanks!\n> SUBSCRIBE TM\n", MailCommand("unknown")),
        ("Re: Blockwatch", "On Mon, 23 Nov 2026, Blockwatch <alerts@b.example> wrote:\nHELP\n",
         MailCommand("unknown")),
        ("Re: x", "23.11.2026 10:00, Blockwatch пишет:\nСТОП\n", MailCommand("unknown")),
        ("x", "hi\n-----Original Message-----\nFrom: x\nSTOP\n", MailCommand("unknown")),
        ("x", "hi\n-- \nAman\nSTOP at nothing\n", MailCommand("unknown")),
        ("x", "> HELP\nweekly\n", MailCommand("weekly")),  # bottom-posting
        ("x", "DAILY\r\n\r\n> STOP\r\n", MailCommand("daily")),
    ],
)
def test_which_line_counts(subject: str, body: str, expected: MailCommand) -> None:
    assert parse_command(subject, body) == expected


def test_a_reply_to_the_confirmation_confirms() -> None:
    token = new_token()
    assert re.fullmatch(r"[A-Za-z0-9_-]{16}", token) and token != new_token()
    subject = f"Re: Blockwatch: reply to confirm {confirm_tag(token)}"
    assert parse_command(subject, "") == MailCommand("confirm", token=token)
    # the token wins over any command word, and keeps its case
    assert parse_command(f"AW: STOP {confirm_tag(token)}", "HELP") == MailCommand(
        "confirm", token=token)
    assert parse_command("yes", f"{confirm_tag(token)}\n") == MailCommand("confirm", token=token)


def test_a_token_in_quoted_text_does_not_confirm() -> None:
    quoted = f"STOP\n> Blockwatch wrote {confirm_tag(new_token())}\n"
    assert parse_command("Re: hello", quoted) == MailCommand("stop")


@pytest.mark.parametrize("tag", ["[confirm:short]", "[confirm:has space in it!!]", "confirm:x"])
def test_malformed_tokens_are_not_confirmations(tag: str) -> None:
    assert parse_command(tag, "").kind == "unknown"


def test_a_moderator_adds_a_word(tmp_path: Path) -> None:
    packaged = Path(__file__).parent.parent / "bot" / "vocab" / "mail_commands.toml"
    text = packaged.read_text(encoding="utf-8").replace(
        'help = ["help",', 'help = ["yardım", "help",')
    custom = tmp_path / "mail_commands.toml"
    custom.write_text(text, encoding="utf-8")
    assert parse_command("YARDIM", "").kind == "unknown"
    assert parse_command("YARDIM", "", load_vocabulary(custom)) == MailCommand("help")


@pytest.mark.parametrize(
    "text",
    ["[commands]\nhelp = 'help'\n", "not toml =", "[commands]\n",
     "[commands]\nsubscribe=[]\nstop=[]\ndaily=[]\nweekly=[]\ninstant=[]\nstatus=[]\nhelp=[]\n"
     "[fillers]\nwords=[]\n[countries]\nXX=['nowhere']\n[quotes]\nline_endings=[]\n"
     "separators=[]\n"],
)
def test_a_broken_vocabulary_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mail_commands.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_vocabulary(path)
    assert caught.value.path == str(path)
