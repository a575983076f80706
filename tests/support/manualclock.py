"""The tests' time: NOW, the one fixed present, and a clock that stands still there until a test
moves it (the `clock` parameter of the pipeline, the outbox, the inbox, the desks).

NOW is Monday 23 November 2026, 09:00 UTC: 14:00 in Ashgabat (UTC+5), 10:00 in Berlin (UTC+1).
Tests that need another hour or weekday derive it from NOW (`NOW.replace(hour=20)`,
`NOW + timedelta(days=4)`), so the meaning stays in the test. Tests whose child processes run on
the wall clock take `datetime.now(UTC)` where they write what the child must find fresh.
"""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class ManualClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
