"""One outgoing mail as a MIME message, its headers written in their wire form by us. Pure.

The standard library's header objects (`email.policy.default`) parse every header set on a
message into a structured object and fold it again when the message is sent: about 3 ms a
message, most of the cost of building one (bench/deliver_email.py). Nearly all our headers are
short ASCII text that only needs folding at its spaces, so that is done here, and the value is
stored as it will be sent (`Message.set_raw`), which the generator writes unchanged. Anything
else goes through the standard library exactly as before: a non-ASCII address or display name,
a word too long for a line. A non-ASCII Subject is encoded by `email.header.Header`, which keeps
every space (Python 3.11's own folder can drop the one between two encoded words).

The message reads the same through `email.message_from_bytes(..., policy=default)` as one built
with header objects: same headers in the same order, same values (tests/mail/test_message.py).
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache

from bot.core.models import OutgoingMessage

__all__ = ["build_message", "encoded_words", "folded"]

MAX_LINE = 78  # RFC 5322: header lines SHOULD be no longer, CRLF excluded
_MAX_LINE_OCTETS = 998  # RFC 5322 line limit, CRLF excluded
# RFC 3676 flowed text: bot/mail/render.py ends soft-wrapped lines with a space.
_CONTENT_TYPE = 'text/plain; charset="utf-8"; format="flowed"'

_BODY_HEADERS = frozenset({"content-transfer-encoding", "content-type", "mime-version"})

Headers = list[tuple[str, str]]


def build_message(
    mail_from: str, to: str, message: OutgoingMessage, domain: str, *, eight_bit: bool
) -> EmailMessage:
    """A text/plain UTF-8 mail; the body is 8bit when the server takes it, else base64.

    Never quoted-printable: it triples Cyrillic text, and the slow links pay for every byte.
    The body is declared format=flowed (RFC 3676): bot/mail/render.py ends soft-wrapped lines
    with a space so narrow screens rejoin them; text without such lines reads the same either
    way. `message.headers` (threading, List-*, Reply-To) replace the defaults of the same name.
    """
    mail = EmailMessage()
    for name, value in _headers(mail_from, to, message, domain):
        _set_header(mail, name, " ".join(value.split()))  # a line break would be a ValueError
    # The body's own headers, last, as EmailMessage.set_content puts them.
    encoding, payload = _body(message.text, eight_bit)
    mail.set_raw("Content-Transfer-Encoding", encoding)
    mail.set_raw("Content-Type", _content_type())
    mail.set_raw("MIME-Version", "1.0")
    mail.set_payload(payload)
    return mail


def folded(name: str, value: str) -> str | None:
    """ASCII `value` folded at its spaces into lines of at most MAX_LINE, "Name: " counted.

    In the form `Message.set_raw` takes (continuation lines joined by "\\n "); None when the
    value is not ASCII or has a word that fits no line (folding it needs encoded words), or is
    empty (the generator would write "Name: " with a trailing space).
    """
    if not value or not value.isascii():
        return None
    prefix = f"{name}:"
    lines = [prefix]
    for word in value.split():
        if len(lines[-1]) + 1 + len(word) <= MAX_LINE:
            lines[-1] += " " + word
        elif lines[-1] != prefix and len(word) + 1 <= MAX_LINE:
            lines.append(" " + word)
        else:
            return None
    return "\n".join(lines)[len(prefix) + 1 :]


def encoded_words(name: str, value: str) -> str:
    """`value` as RFC 2047 encoded words, folded for header `name`, every space kept."""
    return Header(value, "utf-8", header_name=name).encode(linesep="\n")


def _headers(mail_from: str, to: str, message: OutgoingMessage, domain: str) -> Headers:
    headers: Headers = [
        ("From", mail_from),
        ("To", to),
        ("Subject", message.subject),
        ("Date", format_datetime(datetime.now(UTC))),
        ("Message-ID", make_msgid(domain=domain)),
        ("Auto-Submitted", "auto-generated"),  # RFC 3834: no vacation replies to alerts
    ]
    for name, value in message.headers.items():
        if name.lower() not in _BODY_HEADERS:  # those describe the body built here
            _replace(headers, name, value)
    return headers


def _replace(headers: Headers, name: str, value: str) -> None:
    """Set `name` after the others, dropping any of that name: what `del mail[name]` then
    `mail[name] = value` do, names compared without case."""
    headers[:] = [(other, old) for other, old in headers if other.lower() != name.lower()]
    headers.append((name, value))


def _set_header(mail: EmailMessage, name: str, value: str) -> None:
    wire = folded(name, value)
    if wire is not None:
        mail.set_raw(name, wire)
    elif name.lower() == "subject" and not value.isascii():
        mail.set_raw(name, encoded_words(name, value))
    else:
        mail[name] = value  # the standard library's header object: it knows what to encode


@cache
def _content_type() -> str:
    """The same Content-Type for every mail, as a header object parsed once. The generator
    reads it twice per send, and a header stored unparsed is parsed anew on each read."""
    header: str = policy.default.header_factory("Content-Type", _CONTENT_TYPE)
    return header


def _body(text: str, eight_bit: bool) -> tuple[str, str]:
    """The transfer encoding and the payload, as `EmailMessage.set_content` stores them: lines
    ending "\\n" (the generator writes CRLF), 8bit octets as surrogates, base64 in lines of 76."""
    lines = text.encode("utf-8").splitlines()
    body = b"\n".join(lines) + b"\n"
    too_long = any(len(line) > _MAX_LINE_OCTETS for line in lines)  # cannot travel as 8bit
    if too_long or not (text.isascii() or eight_bit):
        return "base64", base64.encodebytes(body).decode("ascii")
    return "7bit" if text.isascii() else "8bit", body.decode("ascii", "surrogateescape")
