"""One error tree for the whole service. Errors carry data; adapters wrap third-party exceptions.

    BlockwatchError
    ├── ConfigError          bad settings or feeds.toml (file, line, field)
    ├── FeedError            one feed could not be polled (url, reason)
    │   ├── FetchError       HTTP: connection, timeout, status, body too large
    │   │   └── AddressRefusedError   the host is not public (bot/addresses.py)
    │   └── ParseError       the body is not a feed we can read
    ├── DeliveryError        a message was not accepted (channel, reason)
    │   ├── TemporaryDeliveryError   try again later (retry_after seconds)
    │   └── PermanentDeliveryError   this address will not accept it (blocked bot, 5xx mailbox)
    ├── StorageError         the database refused (schema too new, corrupt file)
    └── MailboxError         the IMAP mailbox could not be read or marked (reason)
"""

from __future__ import annotations


class BlockwatchError(Exception):
    """Base of every error the service raises on purpose."""


class ConfigError(BlockwatchError):
    def __init__(
        self, reason: str, *, path: str | None = None, line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        self.field = field
        where = ":".join(str(part) for part in (path, line) if part is not None)
        prefix = f"{where}: " if where else ""
        subject = f"{field}: " if field else ""
        super().__init__(f"{prefix}{subject}{reason}")


class FeedError(BlockwatchError):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class FetchError(FeedError):
    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(url, reason)


class AddressRefusedError(FetchError):
    """Not fetched: the URL or a redirect leads to a non-public address (bot/addresses.py)."""

    def __init__(self, url: str, reason: str, *, host: str, address: str | None) -> None:
        self.host = host  # the refused URL's host: the feed's, or a redirect's
        self.address = address  # what it is or resolved to, when known (for logs only)
        super().__init__(url, reason)


class ParseError(FeedError):
    pass


class DeliveryError(BlockwatchError):
    def __init__(self, channel: str, reason: str) -> None:
        self.channel = channel
        self.reason = reason
        super().__init__(f"{channel}: {reason}")


class TemporaryDeliveryError(DeliveryError):
    def __init__(self, channel: str, reason: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after  # seconds the server asked us to wait, if it said
        super().__init__(channel, reason)


class PermanentDeliveryError(DeliveryError):
    def __init__(self, channel: str, reason: str, *, new_address: str | None = None) -> None:
        # Telegram: a group upgraded to a supergroup lives on under a new chat id.
        self.new_address = new_address
        super().__init__(channel, reason)


class StorageError(BlockwatchError):
    pass


class MailboxError(BlockwatchError):
    """Reading or flagging the service's own IMAP mailbox failed; try again next poll."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # never holds the password, an address or message text
        super().__init__(f"mailbox: {reason}")
