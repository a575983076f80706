"""What a person asks for by email: "SUBSCRIBE TM RU", "СТОП", "Türkmenistan agza bol". Pure.

    parse_command(subject, body) -> MailCommand(kind, countries, token, language)

The words are data (bot/mail/inbox/commands.toml), per language, so a moderator can add one;
the command remembers the language of the word used, for the answer. A confirmation is
recognised by its tag "[confirm:TOKEN]" in the subject (or the person's own text): the
confirmation mail carries it in its subject, so a plain reply confirms. "[stop:TOKEN:TM]" does
the same for a STOP that had to be confirmed (bot/mail/inbox/acts.py). Otherwise the first line that
holds a command decides: the subject (without "Re:", "Fwd:", "Ответ:"...), then the body above
any quoted text or signature. Anything else is "unknown", answered with help.
"""

from __future__ import annotations

import re
import secrets
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, get_args

from bot.core.countries import is_country
from bot.core.errors import ConfigError

__all__ = [
    "CommandKind",
    "MailCommand",
    "MailVocabulary",
    "confirm_tag",
    "load_vocabulary",
    "new_token",
    "parse_command",
    "stop_tag",
]

WordKind = Literal["subscribe", "stop", "daily", "weekly", "instant", "status", "help", "article"]
CommandKind = WordKind | Literal["confirm", "confirm_stop", "unknown"]
_WORD_KINDS: tuple[WordKind, ...] = get_args(WordKind)

_CONFIRM = re.compile(r"\[confirm:([A-Za-z0-9_-]{16,64})\]", re.IGNORECASE)
_STOP = re.compile(r"\[stop:([A-Za-z0-9_-]{16,64})((?::[A-Za-z]{2})*)\]", re.IGNORECASE)
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|fw|aw|wg|sv|vs|rv|ynt|ответ|отв|пересл|jogap)\s*(?:\[\d+\])?\s*:\s*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# One form for both keyboards of every language: Turkmen, Turkish/Azeri and Kazakh Latin
# letters to plain Latin (ý ü ö ä ç ş ň ž ı ə ñ ū ï), Kazakh and Uzbek Cyrillic letters to the
# Russian layout's (қ ғ ң ө ұ ү і ә һ ў ҳ: "КОМЕК" is "көмек"), Russian ё to е; the
# apostrophes of Uzbek oʻ gʻ and its tutuq belgisi are dropped ("toxtat" is "toʻxtat").
_FOLD = str.maketrans(
    "ýüöäçşňžıəñūï" + "қғңөұүіәһўҳё",
    "yuoacsnzienui" + "кгноууиахухе",
    "'’‘ʻʼ`",
)
# Cyrillic letters that look Latin: "ТМ" typed on a Russian layout is TM.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")
# A Latin letter typed inside a Cyrillic word (Kazakh "і" is often Latin "i": "күнделiктi").
_MIXED = re.compile(r"\w*[а-я]\w*")
_TO_CYRILLIC = str.maketrans("aceiopxy", "асеиорху")
_CYRILLIC = re.compile(r"[а-яёқғңөұүіәһўҳ]", re.IGNORECASE)
_MAX_LINES = 40  # a command is near the top; a long letter is not scanned to its end


@dataclass(frozen=True, slots=True)
class MailCommand:
    kind: CommandKind
    countries: tuple[str, ...] = ()  # ISO alpha-2, upper case, in the order written, no repeats
    token: str | None = None  # set for "confirm" and "confirm_stop"
    # ISO 639-1 of the command word, or its catalogue's name when the language is written in
    # two alphabets and the word was Cyrillic ("uz_Cyrl"); None without one
    language: str | None = None
    number: int | None = None  # "article": the source asked for ("ARTICLE 2"); None: not said


@dataclass(frozen=True, slots=True)
class MailVocabulary:
    """The folded word lists of mail_commands.toml."""

    # (phrase, kind, language), longest phrase first
    commands: tuple[tuple[tuple[str, ...], WordKind, str], ...]
    fillers: frozenset[str]
    countries: dict[str, str]  # folded name -> code
    quote_endings: tuple[str, ...]
    separators: tuple[str, ...]
    endings: tuple[str, ...] = ()  # folded case endings a country name may carry, longest first
    cyrillic: dict[str, str] | None = None  # language -> its catalogue for Cyrillic words


def new_token() -> str:
    """A confirmation token: 16 URL-safe characters, 96 random bits."""
    return secrets.token_urlsafe(12)


def confirm_tag(token: str) -> str:
    """What the confirmation mail puts in its subject, e.g. "[confirm:Zx3...]"."""
    return f"[confirm:{token}]"


def stop_tag(token: str, countries: tuple[str, ...] = ()) -> str:
    """What a STOP's confirmation puts in its subject: "[stop:Zx3...]", "[stop:Zx3...:TM:RU]"."""
    return f"[stop:{token}{''.join(':' + code for code in countries)}]"


def parse_command(subject: str, body: str, vocabulary: MailVocabulary | None = None) -> MailCommand:
    """The one command this mail asks for; "unknown" when there is none."""
    vocab = vocabulary or load_vocabulary()
    own_text = _own_lines(body, vocab)
    for line in (subject, *own_text):
        found = _CONFIRM.search(line)
        if found:
            return MailCommand("confirm", token=found.group(1))
        stop = _STOP.search(line)
        if stop:
            codes = (code.upper() for code in stop.group(2).split(":")[1:] if is_country(code))
            return MailCommand("confirm_stop", tuple(dict.fromkeys(codes)), token=stop.group(1))
    stripped = _SUBJECT_PREFIX.sub("", subject)
    # A reply's subject is our own ("Re: Blockwatch help"): the person speaks in the body.
    lines = [*own_text, stripped] if stripped != subject else [stripped, *own_text]
    for line in lines:
        command = _command_in(line, vocab)
        if command is not None:
            return command
    return MailCommand("unknown")


def _own_lines(body: str, vocab: MailVocabulary) -> list[str]:
    """The lines the person wrote: up to quoted text, a forwarded mail or a signature."""
    lines = []
    for line in body.splitlines()[:_MAX_LINES]:
        folded = _fold(line).strip()
        if (
            line.rstrip("\r") == "-- "
            or folded.endswith(vocab.quote_endings)
            or any(separator in folded for separator in vocab.separators)
        ):
            break
        if not line.lstrip().startswith(">"):
            lines.append(line)
    return lines


def _command_in(line: str, vocab: MailVocabulary) -> MailCommand | None:
    words = _WORD.findall(_fold(line.lstrip().removeprefix("/")))
    originals = _WORD.findall(line.translate(_LOOKALIKES).translate(_FOLD))
    if not words or len(words) != len(originals):
        return None
    for phrase, kind, language in vocab.commands:
        size = len(phrase)
        if kind == "article":
            found = _article(words, phrase, vocab)
            if found is not None:
                return MailCommand(
                    kind, language=_script(language, phrase, vocab), number=found or None
                )
            continue
        if tuple(words[:size]) == phrase:  # "SUBSCRIBE TM RU"
            codes, _ = _countries(words[size:], originals[size:], vocab)
            return MailCommand(kind, codes, language=_script(language, phrase, vocab))
        if tuple(words[-size:]) == phrase:  # "Türkmenistan agza bol"
            codes, understood = _countries(words[:-size], originals[:-size], vocab)
            if understood:  # not prose that merely ends with a command word ("... the end")
                return MailCommand(kind, codes, language=_script(language, phrase, vocab))
    return None


def _article(words: list[str], phrase: tuple[str, ...], vocab: MailVocabulary) -> int | None:
    """ "ARTICLE 2", "2 makala", "ARTICLE": the number (0 when none is written), or None when
    the line is not that command: anything but a number and fillers around the word."""
    size = len(phrase)
    if tuple(words[:size]) == phrase:
        rest = words[size:]
    elif tuple(words[-size:]) == phrase:
        rest = words[:-size]
    else:
        return None
    numbers = [word for word in rest if word.isdecimal() and len(word) <= 3]
    if len(numbers) > 1 or any(w not in vocab.fillers and w not in numbers for w in rest):
        return None
    return int(numbers[0]) if numbers else 0


def _script(language: str, phrase: tuple[str, ...], vocab: MailVocabulary) -> str:
    """ "uz_Cyrl" for Uzbek command words written in Cyrillic ("ТЎХТАТ"), else `language`.
    Folding keeps the script, so the phrase matched tells the script the person wrote in."""
    variant = (vocab.cyrillic or {}).get(language)
    return variant if variant and _CYRILLIC.search(" ".join(phrase)) else language


def _countries(
    words: list[str], originals: list[str], vocab: MailVocabulary
) -> tuple[tuple[str, ...], bool]:
    """Codes and names, and whether every word was understood (a filler, country or code).

    A lower-case two-letter code counts only in a line understood in full: "subscribe by
    email" is not Belarus, but "status tm" is Turkmenistan.
    """
    found: list[str] = []
    unsure: list[str] = []
    understood = True
    for word, original in zip(words, originals, strict=True):
        if word in vocab.fillers:
            continue
        named = _country_named(word, vocab)
        if named:
            found.append(named)
        elif len(word) == 2 and is_country(original):
            (found if original.isupper() else unsure).append(original.upper())
        else:
            understood = False
    codes = found + unsure if understood else found
    return tuple(dict.fromkeys(codes)), understood


def _country_named(word: str, vocab: MailVocabulary) -> str | None:
    """The code of a country name, bare or with a case ending ("Türkmenistana": to TM)."""
    if word in vocab.countries:
        return vocab.countries[word]
    for ending in vocab.endings:
        stem = word.removesuffix(ending)
        if stem != word and stem in vocab.countries:
            return vocab.countries[stem]
    return None


def _fold(text: str) -> str:
    folded = text.casefold().translate(_FOLD)
    return _MIXED.sub(_cyrillic_word, folded) if _CYRILLIC.search(folded) else folded


def _cyrillic_word(match: re.Match[str]) -> str:
    return match.group().translate(_TO_CYRILLIC)


@cache
def load_vocabulary(path: Path | None = None) -> MailVocabulary:
    """The packaged bot/mail/inbox/commands.toml, or another file of the same shape."""
    where = str(path or "bot/mail/inbox/commands.toml")
    try:
        if path is None:
            data = tomllib.loads(
                resources.files("bot.mail.inbox")
                .joinpath("commands.toml")
                .read_text(encoding="utf-8")
            )
        else:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _vocabulary(data)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"not a mail command vocabulary: {exc}", path=where) from exc


def _vocabulary(data: dict[str, object]) -> MailVocabulary:
    commands: dict[tuple[str, ...], tuple[WordKind, str]] = {}
    for language, table in _table(data, "commands").items():
        if not isinstance(table, dict) or not re.fullmatch(r"[a-z]{2}", language):
            raise TypeError(f"[commands.{language}] must be a table named by an ISO 639-1 code")
        for kind in _WORD_KINDS:
            for phrase in _strings(table, kind):
                words = tuple(_WORD.findall(_fold(phrase)))
                known = commands.setdefault(words, (kind, language))  # the first language wins
                if known[0] != kind:
                    raise ValueError(f"{phrase!r} cannot mean both {known[0]} and {kind}")
    commands.pop((), None)
    countries = {}
    for code, names in _table(data, "countries").items():
        if not is_country(code):
            raise ValueError(f"{code} is not an ISO 3166-1 alpha-2 code")
        countries.update({_fold(name): code.upper() for name in _strings({"n": names}, "n")})
    quotes = _table(data, "quotes")
    endings_table = data.get("case_endings", {})
    if not isinstance(endings_table, dict):
        raise TypeError("[case_endings] must be a table")
    endings = (
        {_fold(ending) for ending in _strings(endings_table, "words")} if endings_table else set()
    )
    cyrillic = data.get("cyrillic", {})
    if not isinstance(cyrillic, dict) or not all(isinstance(v, str) for v in cyrillic.values()):
        raise TypeError("[cyrillic] maps a language to the catalogue of its Cyrillic words")
    return MailVocabulary(
        commands=tuple(
            sorted(
                ((phrase, kind, language) for phrase, (kind, language) in commands.items()),
                key=lambda item: -len(item[0]),
            )
        ),
        fillers=frozenset(_fold(word) for word in _strings(_table(data, "fillers"), "words")),
        countries=countries,
        quote_endings=tuple(_fold(end) for end in _strings(quotes, "line_endings")),
        separators=tuple(_fold(part) for part in _strings(quotes, "separators")),
        endings=tuple(sorted(endings, key=len, reverse=True)),
        cyrillic=dict(cyrillic),
    )


def _table(data: dict[str, object], key: str) -> dict[str, object]:
    value = data[key]
    if not isinstance(value, dict):
        raise TypeError(f"[{key}] must be a table")
    return value


def _strings(table: dict[str, object], key: str) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"{key} must be a list of strings")
    return value
