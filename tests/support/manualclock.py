"""A clock that stands still until a test moves it: the pipeline's `clock` parameter."""

from __future__ import annotations

from datetime import datetime


class ManualClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
