"""parse_command: commands by mail in five languages, with replies' noise around."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.mail.inbox.commands import (
    MailCommand,
    confirm_tag,
    load_vocabulary,
    new_token,
    parse_command,
    stop_tag,
)
from tests.support.paths import REPO

# (subject, body, kind, countries, language of the command word)
CASES = [
    # English, as the README will show it
    ("SUBSCRIBE TM RU", "", "subscribe", ("TM", "RU"), "en"),
    ("subscribe tm ru", "", "subscribe", ("TM", "RU"), "en"),
    ("", "Subscribe me to Turkmenistan please", "subscribe", ("TM",), "en"),
    ("", "/subscribe TM", "subscribe", ("TM",), "en"),
    ("DAILY", "", "daily", (), "en"),
    ("", "weekly", "weekly", (), "en"),
    ("INSTANT", "", "instant", (), "en"),
    ("STATUS TM", "", "status", ("TM",), "en"),
    ("STOP", "", "stop", (), "en"),
    ("unsubscribe RU", "", "stop", ("RU",), "en"),
    ("HELP", "", "help", (), "en"),
    ("", "", "unknown", (), None),
    ("Hello", "How are you?", "unknown", (), None),
    # Russian
    ("ПОДПИСАТЬСЯ TM", "", "subscribe", ("TM",), "ru"),
    ("", "подписка на Туркменистан и Узбекистан", "subscribe", ("TM", "UZ"), "ru"),
    ("", "Подписаться на РФ", "subscribe", ("RU",), "ru"),
    ("СТОП", "", "stop", (), "ru"),
    ("", "Отписаться", "stop", (), "ru"),
    ("ЕЖЕДНЕВНО", "", "daily", (), "ru"),
    ("еженедельно", "", "weekly", (), "ru"),
    ("", "сразу", "instant", (), "ru"),
    ("МГНОВЕННО", "", "instant", (), "ru"),
    ("", "Подписаться Туркменистану", "subscribe", ("TM",), "ru"),
    ("СТАТУС ТМ", "", "status", ("TM",), "ru"),  # Cyrillic Т and М
    ("ПОМОЩЬ", "", "help", (), "ru"),
    # Turkmen, with and without its letters, verb first or last
    ("AGZA BOL TM", "", "subscribe", ("TM",), "tk"),
    ("", "Türkmenistan agza bol", "subscribe", ("TM",), "tk"),
    ("", "TM-e ýazyl", "subscribe", ("TM",), "tk"),
    ("yazyl TM RU", "", "subscribe", ("TM", "RU"), "tk"),
    ("BES", "", "stop", (), "tk"),
    ("", "ýatyr", "stop", (), "tk"),
    ("DUR", "", "stop", (), "tk"),
    ("GÜNDELIK", "", "daily", (), "tk"),
    ("gundelik", "", "daily", (), "tk"),
    ("HEPDELIK", "", "weekly", (), "tk"),
    ("", "derrew", "instant", (), "tk"),
    ("ÝAGDAÝ TM", "", "status", ("TM",), "tk"),
    ("yagday Türkmenistan", "", "status", ("TM",), "tk"),
    ("KÖMEK", "", "help", (), "tk"),
    ("", "Türkmenistana ýazyl", "subscribe", ("TM",), "tk"),  # a name with a case ending
    ("", "komek", "help", (), "tk"),
    # Uzbek: Latin with any of its apostrophes, or Cyrillic; the verb first or last
    ("OBUNA TM", "", "subscribe", ("TM",), "uz"),
    ("", "O‘zbekiston obuna", "subscribe", ("UZ",), "uz"),
    ("TO‘XTAT", "", "stop", (), "uz"),
    ("", "toʻxtatish", "stop", (), "uz"),
    ("", "to'xtat RU", "stop", ("RU",), "uz"),
    ("HAR KUNI", "", "daily", (), "uz"),
    ("haftalik", "", "weekly", (), "uz"),
    ("DARHOL", "", "instant", (), "uz"),
    ("HOLAT TM", "", "status", ("TM",), "uz"),
    ("YORDAM", "", "help", (), "uz"),
    # ... typed without the apostrophe, and the wording our own mails use (issue 19)
    ("", "toxtat", "stop", (), "uz"),
    ("MALUMOT", "", "help", (), "uz"),
    ("", "Obunadan chiqish", "stop", (), "uz"),
    ("", "O‘zbekistonga obuna", "subscribe", ("UZ",), "uz"),  # a case ending on the name
    # Uzbek Cyrillic words are answered from the Uzbek Cyrillic catalogue, with or without
    # its own letters (ў ҳ typed as у х on a Russian layout)
    ("ҲОЛАТ ТМ", "", "status", ("TM",), "uz_Cyrl"),
    ("", "тухтат", "stop", (), "uz_Cyrl"),
    ("ТЎХТАТ", "", "stop", (), "uz_Cyrl"),
    ("", "Туркманистонга обуна", "subscribe", ("TM",), "uz_Cyrl"),
    # Kazakh
    ("ЖАЗЫЛУ TM", "", "subscribe", ("TM",), "kk"),
    ("", "Қазақстан жазылу", "subscribe", ("KZ",), "kk"),
    ("ТОҚТАТУ", "", "stop", (), "kk"),
    ("КҮН САЙЫН", "", "daily", (), "kk"),
    ("апта сайын", "", "weekly", (), "kk"),
    ("БІРДЕН", "", "instant", (), "kk"),
    ("ЖАҒДАЙ TM", "", "status", ("TM",), "kk"),
    ("КӨМЕК", "", "help", (), "kk"),
    # ... typed on a Russian keyboard, or with a Latin "i" for і (issue 19)
    ("ТОКТАТУ", "", "stop", (), "kk"),
    ("", "КОМЕК", "help", (), "kk"),
    ("", "кунделiктi", "daily", (), "kk"),
    ("", "Қазақстанға жазылу", "subscribe", ("KZ",), "kk"),
    # countries: codes, names in three languages, repeats once, lower-case codes with care
    ("SUBSCRIBE Туркменистан Türkmenistan TM", "", "subscribe", ("TM",), "en"),
    (
        "subscribe kz kg tj az by ua ir",
        "",
        "subscribe",
        ("KZ", "KG", "TJ", "AZ", "BY", "UA", "IR"),
        "en",
    ),
    ("", "Subscribe by email to TM", "subscribe", ("TM",), "en"),  # "by" is not Belarus here
    ("", "stop it", "stop", (), "en"),
    ("", "STATUS Беларусь Eýran", "status", ("BY", "IR"), "en"),
    # prose that only ends with a command word is not one
    ("", "Thanks for the digest", "unknown", (), None),
]


@pytest.mark.parametrize(("subject", "body", "kind", "countries", "language"), CASES)
def test_parse_command(
    subject: str, body: str, kind: str, countries: tuple[str, ...], language: str | None
) -> None:
    assert parse_command(subject, body) == MailCommand(kind, countries, language=language)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        # the first command line wins: the subject, then the body
        ("DAILY", "STOP", MailCommand("daily", language="en")),
        ("Hi", "\nPlease:\nSTATUS TM\nSTOP\n", MailCommand("status", ("TM",), language="en")),
        # reply prefixes are stripped
        ("Re: STOP", "", MailCommand("stop", language="en")),
        ("RE: Fwd: Ответ: HELP", "", MailCommand("help", language="en")),
        ("Re[2]: status tm", "", MailCommand("status", ("TM",), language="en")),
        # a reply's subject is ours: the person's own words come first
        ("Re: Blockwatch help", "СТОП\n", MailCommand("stop", language="ru")),
        # quoted text, attributions, forwards and signatures are not the person's words
        ("Re: Blockwatch", "Thanks!\n> SUBSCRIBE TM\n", MailCommand("unknown")),
        (
            "Re: Blockwatch",
            "On Mon, 23 Nov 2026, Blockwatch <alerts@b.example> wrote:\nHELP\n",
            MailCommand("unknown"),
        ),
        ("Re: x", "23.11.2026 10:00, Blockwatch пишет:\nСТОП\n", MailCommand("unknown")),
        ("x", "hi\n-----Original Message-----\nFrom: x\nSTOP\n", MailCommand("unknown")),
        ("x", "hi\n-- \nAman\nSTOP at nothing\n", MailCommand("unknown")),
        ("x", "> HELP\nweekly\n", MailCommand("weekly", language="en")),  # bottom-posting
        ("x", "DAILY\r\n\r\n> STOP\r\n", MailCommand("daily", language="en")),
        # our own alert's subject, in a bare reply, is no command
        ("Re: [Blockwatch] Туркменистан: IMO — блокировка", "", MailCommand("unknown")),
        ("Re: [Blockwatch] digest: 2 events", "", MailCommand("unknown")),
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
        "confirm", token=token
    )
    assert parse_command("yes", f"{confirm_tag(token)}\n") == MailCommand("confirm", token=token)


def test_a_token_in_quoted_text_does_not_confirm() -> None:
    quoted = f"STOP\n> Blockwatch wrote {confirm_tag(new_token())}\n"
    assert parse_command("Re: hello", quoted) == MailCommand("stop", language="en")


@pytest.mark.parametrize("tag", ["[confirm:short]", "[confirm:has space in it!!]", "confirm:x"])
def test_malformed_tokens_are_not_confirmations(tag: str) -> None:
    assert parse_command(tag, "").kind == "unknown"


@pytest.mark.parametrize("apostrophe", ["'", "ʻ", "‘", "’", "ʼ", "`", ""])
def test_every_uzbek_apostrophe_or_none(apostrophe: str) -> None:
    assert parse_command(f"to{apostrophe}xtat", "") == MailCommand("stop", language="uz")


def test_letters_fold_to_the_russian_and_latin_keyboards(tmp_path: Path) -> None:
    """Each letter of issue 19's list, in a word a moderator adds, matches its folded twin."""
    packaged = REPO / "bot" / "mail" / "inbox" / "commands.toml"
    text = packaged.read_text(encoding="utf-8").replace(
        'help = ["help",', 'help = ["қғңөұүіәһўҳ", "ñūïýňž", "help",'
    )
    custom = tmp_path / "mail_commands.toml"
    custom.write_text(text, encoding="utf-8")
    vocabulary = load_vocabulary(custom)
    assert parse_command("кгноууиахух", "", vocabulary).kind == "help"
    assert parse_command("КГНОУУИАХУХ", "", vocabulary).kind == "help"
    assert parse_command("nuiynz", "", vocabulary).kind == "help"


def test_a_moderator_adds_a_word(tmp_path: Path) -> None:
    packaged = REPO / "bot" / "mail" / "inbox" / "commands.toml"
    text = packaged.read_text(encoding="utf-8").replace(
        'help = ["help",', 'help = ["yardım", "help",'
    )
    custom = tmp_path / "mail_commands.toml"
    custom.write_text(text, encoding="utf-8")
    assert parse_command("YARDIM", "").kind == "unknown"
    assert parse_command("YARDIM", "", load_vocabulary(custom)) == MailCommand(
        "help", language="en"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[commands]\nhelp = 'help'\n",
        "not toml =",
        "[commands]\n",
        "[commands.en]\nsubscribe=[]\nstop=[]\ndaily=[]\nweekly=[]\ninstant=[]\nstatus=[]\n"
        "help=[]\n[fillers]\nwords=[]\n[countries]\nXX=['nowhere']\n[quotes]\nline_endings=[]\n"
        "separators=[]\n",
        # one word, two meanings in two languages
        "[commands.en]\nsubscribe=[]\nstop=['dur']\ndaily=[]\nweekly=[]\ninstant=[]\nstatus=[]\n"
        "help=[]\n[commands.tk]\nsubscribe=[]\nstop=[]\ndaily=[]\nweekly=[]\ninstant=[]\n"
        "status=[]\nhelp=['dur']\n[fillers]\nwords=[]\n[countries]\n[quotes]\nline_endings=[]\n"
        "separators=[]\n",
        # a language must be an ISO 639-1 code
        "[commands.english]\nsubscribe=[]\nstop=[]\ndaily=[]\nweekly=[]\ninstant=[]\nstatus=[]\n"
        "help=[]\n[fillers]\nwords=[]\n[countries]\n[quotes]\nline_endings=[]\n"
        "separators=[]\n",
    ],
)
def test_a_broken_vocabulary_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mail_commands.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_vocabulary(path)
    assert caught.value.path == str(path)


def test_a_reply_to_a_stop_confirmation_confirms_the_stop() -> None:
    token = new_token()
    subject = f"Re: Blockwatch: confirm STOP by replying {stop_tag(token, ('TM', 'RU'))}"
    assert parse_command(subject, "") == MailCommand("confirm_stop", ("TM", "RU"), token=token)
    # stop everything; the tag wins over the STOP word of the subject
    assert parse_command(f"Re: STOP {stop_tag(token)}", "") == MailCommand(
        "confirm_stop", token=token
    )
    # only as the person's own words: quoted, it is nothing
    assert parse_command("Re: hi", f"> {stop_tag(token)}\n").kind == "unknown"
