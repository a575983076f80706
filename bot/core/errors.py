"""One error tree for the whole service. Errors carry data; adapters wrap third-party exceptions.

BlockwatchError
├── ConfigError          bad settings or feeds.toml (file, line, field)
├── FeedError            one feed could not be polled (url, reason)
│   ├── FetchError       HTTP: connection, timeout, status, body too large
│   │   └── AddressRefusedError   the host is not public (bot/feeds/hosts.py)
│   └── ParseError       the body is not a feed we can read
├── DeliveryError        a message was not accepted (channel, reason)
│   ├── TemporaryDeliveryError   try again later (retry_after seconds); channel_down: the
│   │   │                        whole channel is in trouble, not only this address
│   │   └── ConnectionLimitError the server refused one more connection (SMTP 421 "too
│   │                            many connections"): fewer will do, if any is still open
│   ├── PermanentDeliveryError   this address will not accept it (blocked bot, 5xx mailbox)
│   │   └── TopicGoneError       the forum topic is gone; the chat itself is still there
│   └── MessageRefusedError      this message will never go, to anyone: its content
│                                (Telegram 400 "can't parse entities"), not the address
├── PartStalledError     a long-running part gave no sign of life (bot/service/supervise.py)
├── WebhookLostError     the Telegram webhook is no longer ours (bot/service/webhook.py)
├── StorageError         the database refused (schema too new, corrupt file)
│   └── InstanceBusyError        another `blockwatch run` holds the database (holder's pid)
├── MailboxError         the IMAP mailbox could not be read or marked (reason)
└── OoniError            OONI's API gave no figure: unreachable, slow, an error, over budget
"""

from __future__ import annotations


class BlockwatchError(Exception):
    """Base of every error the service raises on purpose."""


class PartStalledError(BlockwatchError):
    """A supervised part (bot/service/supervise.py) gave no sign of life for `silent_for`
    seconds."""

    def __init__(self, part: str, silent_for: float) -> None:
        self.part = part
        self.silent_for = silent_for
        super().__init__(f"{part}: no sign of life for {silent_for:.0f} s")


class WebhookLostError(BlockwatchError):
    """getWebhookInfo names another URL than ours: registered again on the part's restart."""

    def __init__(self) -> None:
        super().__init__("the Telegram webhook was changed or deleted by someone else")


class ConfigError(BlockwatchError):
    def __init__(
        self,
        reason: str,
        *,
        path: str | None = None,
        line: int | None = None,
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
    """Not fetched: the URL or a redirect leads to a non-public address (bot/feeds/hosts.py)."""

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
    def __init__(
        self,
        channel: str,
        reason: str,
        *,
        retry_after: float | None = None,
        channel_down: bool = False,
    ) -> None:
        self.retry_after = retry_after  # seconds the server asked us to wait, if it said
        # True: the channel itself is in trouble (a timeout, a network error, a 5xx, a reply
        # that is not the server's, SMTP unreachable): every other send would fail alike, so
        # they all wait. False: only this address waits (Telegram 429 for one chat, SMTP 4xx).
        self.channel_down = channel_down
        super().__init__(channel, reason)


class ConnectionLimitError(TemporaryDeliveryError):
    """A new connection was refused for load (SMTP 421): the connections already open go on
    (bot/delivery/lanes.py); the channel is down only when no connection is left."""

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(channel, reason, channel_down=True)


class PermanentDeliveryError(DeliveryError):
    def __init__(self, channel: str, reason: str, *, new_address: str | None = None) -> None:
        # Telegram: a group upgraded to a supergroup lives on under a new chat id.
        self.new_address = new_address
        super().__init__(channel, reason)


class TopicGoneError(PermanentDeliveryError):
    """The forum topic a message was addressed to no longer exists; the chat itself does."""


class MessageRefusedError(DeliveryError):
    """The server refuses this message for what it is (markup it cannot parse, too long, empty),
    not for where it goes: the message fails, the subscriber stays, and the moderators are told."""


class StorageError(BlockwatchError):
    """The database refused. `fault` names a fault only the operator can fix ("full",
    "corrupt", "io", "cannot-open", "read-only": storage/faults.py); None for the others."""

    def __init__(self, message: str, *, fault: str | None = None) -> None:
        self.fault = fault
        super().__init__(message)


class InstanceBusyError(StorageError):
    """Another `blockwatch run` (or `run --once`) holds the database (storage/instance.py)."""

    def __init__(self, database: str, holder_pid: int | None) -> None:
        self.database = database
        self.holder_pid = holder_pid  # None when the holder had not written it down yet
        who = f" (pid {holder_pid})" if holder_pid is not None else ""
        super().__init__(f"another blockwatch is running on {database}{who}")


class MailboxError(BlockwatchError):
    """Reading or flagging the service's own IMAP mailbox failed; try again next poll."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # never holds the password, an address or message text
        super().__init__(f"mailbox: {reason}")


class OoniError(BlockwatchError):
    """OONI's API gave no answer we can use (bot/ooni/client.py): the figure is left out."""

    def __init__(
        self, reason: str, *, status: int | None = None, over_budget: bool = False
    ) -> None:
        self.reason = reason  # never quotes what the server sent
        self.status = status
        self.over_budget = over_budget  # ours: the hourly budget is spent, OONI was not asked
        super().__init__(f"OONI: {reason}")
