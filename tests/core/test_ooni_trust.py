"""OONI's word on a new single-report event, and the early signal: table-driven."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.core.models import Action, Scope
from bot.core.ooni import Bucket, OoniCounts, OoniFigure
from bot.core.ooni_trust import (
    OONI_CONTRADICTS,
    JumpRule,
    TrustRule,
    Verdict,
    failing_since,
    is_jump,
    steer,
    verdict,
)
from bot.core.review import COUNTRY_FROM_FEED
from tests.support.manualclock import NOW

RULE = TrustRule(support_rate=0.5, support_min=10, contradict_rate=0.1, contradict_min=30)


def figure(measured: int, anomalous: int, before: tuple[int, int] = (0, 0)) -> OoniFigure:
    return OoniFigure(
        "TM",
        "imo",
        "web_connectivity",
        NOW,
        OoniCounts(measured, anomalous, 0, 0, measured - anomalous),
        OoniCounts(before[0], before[1], 0, 0, before[0] - before[1]),
    )


@pytest.mark.parametrize(
    ("measured", "anomalous", "action", "scope", "expected"),
    [
        (48, 41, "block", "full", "supports"),
        (10, 5, "block", "full", "supports"),  # just enough of both
        (9, 9, "block", "full", "silent"),  # too few measurements to back anything
        (48, 41, "throttle", "full", "supports"),
        (48, 41, "block", "partial", "supports"),
        (60, 2, "block", "full", "contradicts"),  # many clean measurements
        (29, 0, "block", "full", "silent"),  # clean, but too few to doubt
        (60, 6, "block", "full", "silent"),  # 10 %: not under the threshold
        (60, 2, "throttle", "full", "silent"),  # pages load under throttling: no doubt
        (60, 2, "block", "partial", "silent"),  # calls or one region: pages may load
        (48, 20, "block", "full", "silent"),  # in between
        (60, 2, "unblock", "full", "supports"),
        (48, 41, "unblock", "full", "contradicts"),
        (12, 11, "unblock", "full", "silent"),  # few measurements, still failing: noise
        (0, 0, "block", "full", "silent"),
    ],
)
def test_verdict(
    measured: int, anomalous: int, action: Action, scope: Scope, expected: Verdict
) -> None:
    assert verdict(figure(measured, anomalous), action, scope, RULE) == expected


def test_no_figure_is_silent() -> None:
    assert verdict(None, "block", "full", RULE) == "silent"


@pytest.mark.parametrize(
    ("reasons", "said", "expected"),
    [
        ((COUNTRY_FROM_FEED,), "supports", ()),  # a weak report OONI backs goes out
        ((), "supports", ()),
        ((COUNTRY_FROM_FEED,), "contradicts", (COUNTRY_FROM_FEED, OONI_CONTRADICTS)),
        ((), "contradicts", (OONI_CONTRADICTS,)),  # even a confident report waits
        ((OONI_CONTRADICTS,), "contradicts", (OONI_CONTRADICTS,)),
        ((COUNTRY_FROM_FEED,), "silent", (COUNTRY_FROM_FEED,)),
        ((), "silent", ()),
    ],
)
def test_steer(reasons: tuple[str, ...], said: Verdict, expected: tuple[str, ...]) -> None:
    assert steer(reasons, said) == expected


@pytest.mark.parametrize(
    ("measured", "anomalous", "before", "expected"),
    [
        (24, 20, (100, 3), True),  # from 3 % to 83 %
        (19, 19, (100, 3), False),  # too few today
        (24, 12, (100, 3), False),  # 50 %: not over
        (24, 20, (100, 10), False),  # 10 % before: not under
        (24, 20, (0, 0), False),  # nothing measured before: no jump to speak of
    ],
)
def test_jump(measured: int, anomalous: int, before: tuple[int, int], expected: bool) -> None:
    assert is_jump(figure(measured, anomalous, before), JumpRule()) is expected


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [((100, 90), (50, 2), (0.9, 0.04)), ((100, 10), (50, 2), None), ((0, 0), (50, 2), None)],
)
def test_fell(
    before: tuple[int, int], now: tuple[int, int], expected: tuple[float, float] | None
) -> None:
    assert figure(*now, before=before).fell() == expected


def hours(*rates: tuple[int, int] | None) -> OoniFigure:
    """A figure whose recent hours have these (measured, anomalous) counts, from NOW - 5 h."""
    start = NOW - timedelta(hours=5)
    hourly = tuple(
        Bucket(start + timedelta(hours=n), OoniCounts(m, a, 0, 0, m - a))
        for n, (m, a) in enumerate(r if r is not None else (0, 0) for r in rates)
    )
    return replace(figure(0, 0), hourly=hourly)


@pytest.mark.parametrize(
    ("rates", "since"),
    [
        (((4, 0), (4, 4), (4, 4)), 1),  # working, then failing from the second hour
        (((4, 0), (4, 4), None, (4, 3), (4, 4)), 1),  # an hour unmeasured, one in between
        (((4, 4), (4, 0), (4, 4)), 2),  # it worked again in between: the last failure counts
        (((4, 0), (4, 2), (4, 0)), None),  # never over: not failing
        (((4, 4), (4, 4)), 0),  # failing all along the window
    ],
)
def test_failing_since(rates: tuple[tuple[int, int] | None, ...], since: int | None) -> None:
    found = failing_since(hours(*rates), JumpRule())
    start = NOW - timedelta(hours=5)
    assert found == (start + timedelta(hours=since) if since is not None else None)
