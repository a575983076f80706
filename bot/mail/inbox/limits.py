"""How many answers by mail we send, and to whom: a forged From must not turn the service into
a mail cannon, and a robot that answers every mail must not keep a loop going with us.

- per address: at most `per_address_hour` answers an hour and `per_address_day` a day;
- articles (ARTICLE 2, bot/mail/inbox/article.py) count in the hour, and apart a day: at most
  `articles_per_day` per address (BLOCKWATCH_MAIL_ARTICLES_PER_DAY), besides the other answers;
- a request to confirm (a subscription, or a STOP we could not trust) at most once a day per
  address and kind: the person has the first one, and its token stays valid;
- overall: at most `per_hour` answers an hour (BLOCKWATCH_MAIL_REPLIES_PER_HOUR);
- the loop breaker: an address whose last `quick_in_a_row` mails each arrived within `quick`
  of our answer to it (by the IMAP server's INTERNALDATE) gets no answer for `mute`. People read
  and think first; a vacation responder answers in seconds, whatever the interval we poll at;
- an answer the SMTP server puts off (4xx) `deferrals` times in a row is given up: the mail
  waits for the next poll until then (and the mails behind it with it), not forever.

A command over the limits still acts (a STOP still stops); only its answer is not sent. The
decisions are pure functions of the stored counts and the clock; `ReplyGate` does the I/O.
Addresses are stored only as a keyed hash (`correspondent_key`), and for a day at most.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.records import Correspondence, ReplyKind
from bot.ports import Clock, MailStorage

__all__ = [
    "DEFAULT_PER_HOUR",
    "ReplyGate",
    "ReplyLimits",
    "correspondent_key",
    "next_streak",
    "refusal",
]

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)  # the longest window: nothing older is kept
DEFAULT_PER_HOUR = 120
# INTERNALDATE is whole seconds, on the IMAP server's clock: an answer to our answer may look
# as if it arrived slightly before we sent ours.
_SKEW = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class ReplyLimits:
    # A newcomer's whole conversation (subscribe, confirm, a frequency, a status, a stop and
    # its confirmation) is 7 answers: an hour's worth. Beyond, it is someone else's doing.
    per_address_hour: int = 8
    per_address_day: int = 20
    confirmations_per_day: int = 1  # per address, per kind (confirm, stop)
    per_hour: int = DEFAULT_PER_HOUR
    quick: timedelta = timedelta(minutes=2)
    quick_in_a_row: int = 5
    mute: timedelta = DAY
    deferrals: int = 3
    articles_per_day: int = 20  # answers carrying an article, per address


def refusal(
    limits: ReplyLimits, to: Correspondence, sent_this_hour: int, kind: ReplyKind, now: datetime
) -> str | None:
    """Why an answer of this kind may not go to this correspondent now (a phrase for logs), or
    None. `to.replies`: the answers of the last day; `sent_this_hour`: to anyone."""
    if to.muted_until is not None and now < to.muted_until:
        return "rate limited: it answers each of our answers at once (a loop)"
    if sent_this_hour >= limits.per_hour:
        return f"rate limited: {limits.per_hour} answers an hour in all"
    day = [(sent_kind, when) for sent_kind, when in to.replies if when > now - DAY]
    if sum(1 for _, when in day if when > now - HOUR) >= limits.per_address_hour:
        return f"rate limited: {limits.per_address_hour} answers an hour to one address"
    articles = sum(1 for sent_kind, _ in day if sent_kind == "article")
    if kind == "article":
        if articles >= limits.articles_per_day:
            return f"rate limited: {limits.articles_per_day} articles a day to one address"
        return None
    if len(day) - articles >= limits.per_address_day:
        return f"rate limited: {limits.per_address_day} answers a day to one address"
    if (
        kind != "answer"
        and sum(1 for sent_kind, _ in day if sent_kind == kind) >= limits.confirmations_per_day
    ):
        return "rate limited: one request to confirm a day"
    return None


def next_streak(
    limits: ReplyLimits, sender: Correspondence, arrived: datetime, now: datetime
) -> tuple[int, datetime | None]:
    """The loop breaker's (quick_mails, muted_until) once a mail from `sender` arrived."""
    last = sender.replies[-1][1] if sender.replies else None
    quick = last is not None and last - _SKEW <= arrived <= last + limits.quick
    streak = sender.quick_mails + 1 if quick else 0
    if streak >= limits.quick_in_a_row:
        return 0, now + limits.mute
    return streak, sender.muted_until


def correspondent_key(secret: bytes, address: str) -> str:
    """What the limits store instead of an address: not reversible without the secret."""
    digest = hmac.new(
        secret, b"mail-limits\0" + address.lower().encode("utf-8", "replace"), hashlib.sha256
    )
    return digest.hexdigest()[:32]


class ReplyGate:
    """The reply limits over the store: note each mail, ask before each answer, count it."""

    def __init__(self, store: MailStorage, clock: Clock, limits: ReplyLimits) -> None:
        self._store = store
        self._clock = clock
        self.limits = limits
        self._secret: bytes | None = None  # read on first use: the store makes it

    async def prune(self) -> None:
        await self._store.prune_mail_limits(self._clock() - DAY)

    async def note_mail(self, address: str, arrived: datetime | None) -> None:
        """A mail from `address` arrived (at the server's INTERNALDATE): feed the loop breaker."""
        now = self._clock()
        key = await self._key(address)
        sender = await self._store.mail_correspondence(key, now - DAY)
        streak, muted = next_streak(self.limits, sender, arrived or now, now)
        if (streak, muted) != (sender.quick_mails, sender.muted_until) or sender.replies:
            await self._store.save_mail_correspondent(key, streak, muted, now)

    async def refusal(self, address: str, kind: ReplyKind) -> str | None:
        """Why this answer may not be sent now, or None."""
        now = self._clock()
        to = await self._store.mail_correspondence(await self._key(address), now - DAY)
        sent = await self._store.mail_replies_since(now - HOUR)
        return refusal(self.limits, to, sent, kind, now)

    async def sent(self, address: str, kind: ReplyKind) -> None:
        await self._store.record_mail_reply(await self._key(address), kind, self._clock())

    async def give_up(self, address: str) -> bool:
        """The SMTP server put off an answer to `address`: True when it is time to give up."""
        deferred = await self._store.note_mail_deferral(await self._key(address), self._clock())
        return deferred >= self.limits.deferrals

    async def _key(self, address: str) -> str:
        if self._secret is None:
            self._secret = await self._store.mail_secret()
        return correspondent_key(self._secret, address)
