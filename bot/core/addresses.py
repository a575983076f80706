"""One subscriber per mailbox: the form in which email addresses are stored. Pure.

The domain is a DNS name, which ignores case, and an internationalised domain has an ASCII form
(IDNA) that mail headers carry: it is stored lower-cased and in ASCII, `x@пример.рф` as
`x@xn--e1afmkfd.xn--p1ai`. The local part is kept as written (RFC 5321 §2.4 leaves its case to
the receiving server) but compared without regard to case (storage/subscribers.py): no server
hands two people addresses that differ only in case, while a STOP from `john@` that missed the
subscriber `John@` would leave a person subscribed against their will. Storage applies both at
its boundary, so every lookup agrees: the command line, commands by mail, the one-click
endpoint. Schema 0009 did the same to the rows stored before.
"""

from __future__ import annotations

from bot.core.models import Channel


def canonical_address(channel: Channel, address: str) -> str:
    """The address as stored: an email's domain in lower case and ASCII; a chat id as given."""
    return email_key(address) if channel == "email" else address


def email_key(address: str) -> str:
    """`local@domain` with the domain folded; an address without "@" unchanged."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    if domain.isascii():
        return f"{local}@{domain.lower()}"
    try:  # Python's codec is IDNA 2003, with nameprep: it folds case too
        return f"{local}@{domain.encode('idna').decode('ascii').lower()}"
    except UnicodeError:  # not a valid IDN: still one mailbox whatever the case
        return f"{local}@{domain.lower()}"
