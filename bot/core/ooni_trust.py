"""How OONI's figure steers trust in a new event, beside the review rule (review.py). Pure.

A report alone is weak in the ways review.py names; the network's own measurements are a
second, independent voice. For a new event resting on one report:

    OONI supports it     the event goes out at once, whatever weakness held it
    OONI contradicts it  it waits for a moderator, who sees the figure on the card
    OONI is silent       (no figure, too few measurements, in between) the review rule decides

"Supports" means for a block or throttle many measurements showing an anomaly, for an unblock
few; "contradicts" the reverse, and only where OONI can see the thing reported: a throttle or
a partial block (calls only, one region) leaves pages loading, so few anomalies say nothing
against it. The thresholds are data (bot/detect/vocab/ooni.toml), read into TrustRule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.core.models import Action, Scope
from bot.core.ooni import OoniFigure

__all__ = [
    "OONI_CONTRADICTS",
    "OONI_JUMP",
    "JumpRule",
    "TrustRule",
    "Verdict",
    "failing_since",
    "is_jump",
    "steer",
    "verdict",
]

OONI_CONTRADICTS = "ooni-contradicts"  # a review reason, shown on the moderator's card
# A draft event OONI's jump opened, with no report yet (bot/service/ooni_job.py): a moderator
# approves it, or the first report that joins it lets it out.
OONI_JUMP = "ooni-jump"

Verdict = Literal["supports", "contradicts", "silent"]


@dataclass(frozen=True, slots=True)
class TrustRule:
    support_rate: float = 0.5  # share of measurements with an anomaly that backs a block
    support_min: int = 10  # fewest measurements for that
    contradict_rate: float = 0.1  # share under which a block is doubted
    contradict_min: int = 30  # fewest measurements for doubt: many, or it is noise


@dataclass(frozen=True, slots=True)
class JumpRule:
    """The early signal: the last day's rate over `to_rate` on `min_measurements` or more, the
    days before under `from_rate`."""

    from_rate: float = 0.1
    to_rate: float = 0.5
    min_measurements: int = 20


def verdict(figure: OoniFigure | None, action: Action, scope: Scope, rule: TrustRule) -> Verdict:
    """What the last day's measurements say of an event of this action and scope."""
    if figure is None or figure.recent.rate is None:
        return "silent"
    counts, rate = figure.recent, figure.recent.rate
    high = counts.measurements >= rule.support_min and rate >= rule.support_rate
    low = counts.measurements >= rule.contradict_min and rate < rule.contradict_rate
    if action == "unblock":
        # Many clean measurements back an unblock; many anomalies contradict it.
        if counts.measurements >= rule.contradict_min and rate < rule.contradict_rate:
            return "supports"
        return "contradicts" if high and counts.measurements >= rule.contradict_min else "silent"
    if high:
        return "supports"
    if low and action == "block" and scope == "full":
        return "contradicts"
    return "silent"


def steer(reasons: tuple[str, ...], said: Verdict) -> tuple[str, ...]:
    """A new single-report event's reasons to wait, after OONI's word: none when OONI supports
    it, OONI's doubt added when it contradicts, the review rule's alone otherwise."""
    if said == "supports":
        return ()
    if said == "contradicts":
        return (*reasons, OONI_CONTRADICTS) if OONI_CONTRADICTS not in reasons else reasons
    return reasons


def is_jump(figure: OoniFigure, rule: JumpRule) -> bool:
    """Whether the figure shows a service failing since the last day, on enough measurements,
    after working the days before (which must have been measured too)."""
    was, now = figure.before.rate, figure.recent.rate
    return (
        was is not None
        and now is not None
        and figure.recent.measurements >= rule.min_measurements
        and was < rule.from_rate
        and now > rule.to_rate
    )


def failing_since(figure: OoniFigure, rule: JumpRule) -> datetime | None:
    """When the failure began: the first hour over `to_rate` after the last hour that worked
    (under `from_rate`). Hours in between, or with no measurement, neither start nor end it."""
    since: datetime | None = None
    for bucket in figure.hourly:
        rate = bucket.counts.rate
        if rate is None:
            continue
        if rate < rule.from_rate:
            since = None
        elif rate > rule.to_rate and since is None:
            since = bucket.start
    return since
