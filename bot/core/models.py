"""The data that crosses each boundary of the pipeline, one frozen dataclass per role.

    FeedSpec ──fetch──▶ FetchResult ──parse──▶ Entry ──match──▶ Alert
        Alert + Entry ──events──▶ Event ──outbox──▶ Delivery ──stories──▶ Story (story.py)
        Story ──render──▶ OutgoingMessage

Times are always timezone-aware UTC datetimes. Country codes are ISO 3166-1 alpha-2 in upper
case; service ids are the lower-case ids listed in the corpus README (whatsapp, telegram, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from bot.core.ooni import OoniFigure

Action = Literal["block", "throttle", "unblock"]
ACTIONS: tuple[Action, ...] = ("block", "throttle", "unblock")

Channel = Literal["telegram", "email"]
CHANNELS: tuple[Channel, ...] = ("telegram", "email")

# "full": the service as a whole; "partial": one feature (calls) or one region. Restricting
# calls and then blocking the whole messenger are two phases, so two events.
Scope = Literal["full", "partial"]

Frequency = Literal["instant", "daily", "weekly"]

EventKey = tuple[str, str, Action, Scope]


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed as the moderators configured it (a `[[feed]]` table of feeds.toml)."""

    name: str
    url: str
    language: str  # ISO 639-1 code of the feed's main language
    country: str | None = None  # used only when an item names no country
    interval: timedelta = timedelta(minutes=30)
    # The outlet's terms let us send its articles whole by mail (ARTICLE 2); False: only
    # the opening sentences (feeds.toml `full_text`, a moderator in /feeds)
    full_text: bool = False


@dataclass(frozen=True, slots=True)
class FeedState:
    """What we remember about a feed between polls."""

    url: str  # the configured URL: the key, even after a permanent redirect
    etag: str | None = None  # stored verbatim, sent back as If-None-Match
    last_modified: str | None = None  # stored verbatim, sent back as If-Modified-Since
    redirect_url: str | None = None  # target of a permanent redirect, polled instead of url
    failures: int = 0  # consecutive failed polls; 0 after any success
    retry_at: datetime | None = None  # no poll before this (backoff after failures)
    last_success: datetime | None = None
    last_error: str | None = None  # reason of the latest failure, for moderators


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one successful HTTP poll (failures raise FetchError instead)."""

    url: str  # the URL requested
    final_url: str  # after redirects
    status: int  # 200 or 304
    body: bytes = b""  # empty when not modified
    headers: Mapping[str, str] = field(default_factory=dict)  # response headers, lower-case keys
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: str | None = None  # set when every redirect hop was 301/308

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item, parsed and reduced to plain text."""

    feed_url: str
    key: str  # stable within the feed: entry id, else normalised link, else a content hash
    title: str
    summary: str  # plain text, markup stripped
    link: str | None = None
    url_key: str | None = None  # normalised link: the same story through two feeds
    published: datetime | None = None  # aware UTC, or None when the feed gives no usable date
    language: str = "en"
    country_hint: str | None = None  # the feed's default country
    source: str = ""  # the feed's display name


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an alert fired: the sentence and the words that decided it."""

    sentence: str
    country_words: tuple[str, ...] = ()  # empty when the feed's default country was used
    service_words: tuple[str, ...] = ()
    action_words: tuple[str, ...] = ()
    # How sure the detector is (0 to 1), and the circumstances it weighed ("gap:3", "listed",
    # "country:title"...: bot/detect/confidence.py).
    confidence: float = 1.0
    signals: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # the words that weighed most, signed ("-s=rumour")


@dataclass(frozen=True, slots=True)
class Alert:
    """One (country, service, action) that an item reports as happening."""

    country: str
    service: str
    action: Action
    evidence: Evidence | None = field(default=None, compare=False, hash=False)
    scope: Scope = "full"

    @property
    def key(self) -> EventKey:
        return (self.country, self.service, self.action, self.scope)


@dataclass(frozen=True, slots=True)
class ItemText:
    """Text to classify, from a feed entry or a `blockwatch classify` input line."""

    id: str
    title: str
    summary: str
    language: str | None = None  # None: the detector guesses
    published: datetime | None = None
    country_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A happening: one country acting on one service, merged across its reports."""

    id: int
    country: str
    service: str
    action: Action
    first_seen: datetime
    last_seen: datetime
    source_count: int = 1
    scope: Scope = "full"

    @property
    def key(self) -> EventKey:
        return (self.country, self.service, self.action, self.scope)


@dataclass(frozen=True, slots=True)
class EventSource:
    """One report of an event, as shown to subscribers."""

    source: str  # feed display name
    title: str
    link: str | None
    excerpt: str
    published: datetime | None
    language: str
    # The stored feed item (entries.id): one item that placed several events is one report of
    # them all (bot/core/story.py). None for a source not read from the database.
    entry_id: int | None = None


@dataclass(frozen=True, slots=True)
class EventReport:
    """An event with its sources, oldest first: what an alert is rendered from."""

    event: Event
    sources: tuple[EventSource, ...]
    # The first event of the story this one continues (the block before this unblock): same
    # country and service, shortly before. None when this event starts its story. Email
    # threads an alert under the story's first alert (bot/mail/links.py).
    story_id: int | None = None
    # What OONI measured of the event's country and service lately (bot/core/ooni.py), put
    # here at send time from the book of figures; None: no figure, the alert goes without.
    ooni: OoniFigure | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Preferences:
    """What a subscriber asked for, beyond the countries."""

    services: frozenset[str] | None = None  # None: every service
    actions: frozenset[Action] = frozenset(ACTIONS)
    frequency: Frequency = "instant"
    digest_hour: int = 8  # local time
    digest_weekday: int = 0  # Monday; weekly digests only
    timezone: str = "UTC"  # IANA name
    quiet_hours: tuple[int, int] | None = None  # local [start, end) hours: sent silently
    topic_id: int | None = None  # Telegram forum topic that alerts go to
    paused: bool = False  # the subscriber's own /stop

    def wants(self, service: str, action: Action) -> bool:
        return action in self.actions and (self.services is None or service in self.services)


@dataclass(frozen=True, slots=True)
class Subscriber:
    id: int
    channel: Channel
    address: str  # Telegram chat id or email address: never logged at info level
    countries: frozenset[str] = frozenset()
    language: str = "en"
    active: bool = True  # ours: False once the address refuses (403, bounces)
    prefs: Preferences = Preferences()
    confirmed: bool = True  # email double opt-in


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row: this event is owed to this subscriber."""

    id: int
    subscriber: Subscriber
    event_id: int
    attempts: int = 0
    # On a database several instances share: the token of the claim this instance holds the row
    # under (storage/shared.py), which marking it must show. None: nobody else sends (SQLite).
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A rendered alert, ready for one channel."""

    text: str  # Telegram: HTML with parse_mode=HTML; email: the plain-text body
    subject: str = ""  # email only
    # Email only: extra headers (Message-ID, In-Reply-To, List-Unsubscribe...); ours win.
    headers: Mapping[str, str] = field(default_factory=dict)
    silent: bool = False  # Telegram: disable_notification (the subscriber's quiet hours)
    topic_id: int | None = None  # Telegram: message_thread_id, the forum topic it goes to
    # Email only: the stored feed item (entries.id) of each numbered source, 1 first, which a
    # reply "ARTICLE 2" may ask for (bot/mail/render.py); None for a source not stored.
    sources: tuple[int | None, ...] = ()
    # Telegram only: one row of inline buttons, (label, callback data) each ("Read here")
    buttons: tuple[tuple[str, str], ...] = ()
