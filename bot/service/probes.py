"""The service's operator view, wired: what /health probes beyond the supervised parts, and the
feed polls counted for /metrics (with the hint a new operator needs when every feed fails).

    service_admin(app, parts, metrics)   /health's probes: telegram and smtp (the delivery
                                         channel found down), imap (the mailbox unreadable)
    PollWatch(poll, metrics, feeds).poll a feed job's poll, counted; when every feed's first
                                         poll failed, one warning suggesting `blockwatch demo`
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.app import App
from bot.core.models import Channel, FeedSpec
from bot.pipeline import FeedOutcome
from bot.service.admin import Admin, Probe
from bot.service.metrics import Metrics
from bot.service.supervise import PartStates

log = logging.getLogger(__name__)

DEMO_HINT = (
    "every feed failed its first poll (no network, or a proxy in the way?): "
    "`blockwatch feeds` shows why; `blockwatch demo` shows what the service does, offline"
)
_PROBE_NAMES: dict[Channel, str] = {"telegram": "telegram", "email": "smtp"}


def service_admin(app: App, parts: PartStates, metrics: Metrics) -> Admin:
    configured: list[Channel] = []
    if app.settings.telegram_token is not None:
        configured.append("telegram")
    if app.settings.smtp_url is not None:
        configured.append("email")
    probes: list[Probe] = [(_PROBE_NAMES[c], _channel_probe(app, c)) for c in configured]
    if app.inbox is not None:
        inbox = app.inbox

        async def imap() -> str | None:
            return inbox.mailbox_trouble

        probes.append(("imap", imap))
    if app.ooni is not None:
        metrics.ooni_requests = app.ooni.requests
    if app.bot is not None:
        from bot.service.tgwatch import RefusalCounter  # aiogram: only with a bot

        app.bot.session.middleware(RefusalCounter(metrics))
    return Admin(app.store, parts, metrics, probes, app.clock, ooni=app.ooni)


def _channel_probe(app: App, channel: Channel) -> Callable[[], Awaitable[str | None]]:
    async def probe() -> str | None:
        down = channel in app.pipeline.channels_down()
        return "found down on the last delivery run" if down else None

    return probe


class PollWatch:
    """Wraps a feed job's poll: each outcome counted; the first polls watched for total failure."""

    def __init__(
        self, poll: Callable[[FeedSpec], Awaitable[FeedOutcome]], metrics: Metrics, feeds: int
    ) -> None:
        self._poll = poll
        self._metrics = metrics
        self._feeds = feeds
        self._first: dict[str, bool] = {}  # url: its first poll failed
        self.hinted = False

    async def poll(self, feed: FeedSpec) -> FeedOutcome:
        """A coroutine function (APScheduler runs only those on the loop), not __call__."""
        outcome = await self._poll(feed)
        self._metrics.observe_poll(outcome)
        if feed.url not in self._first and len(self._first) < self._feeds:
            self._first[feed.url] = outcome.status in ("failed", "waiting")
            if len(self._first) == self._feeds and all(self._first.values()):
                log.warning(DEMO_HINT)
                self.hinted = True
        return outcome
