"""`BLOCKWATCH_LOG_FORMAT=json`: one JSON object a line, for log collectors (journald, Loki,
Elasticsearch) that would otherwise have to parse our text lines.

    {"time": "2026-12-06T03:40:00.123+00:00", "level": "WARNING", "logger": "bot.pipeline",
     "message": "...", "fields": {"feed": "..."}}

`fields` holds what a call passed as `extra=` (the record's attributes that logging itself does
not set), and `exc` a traceback when there is one. Privacy rules are the text format's: the
message is the same text.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

# The attributes every LogRecord has: anything else on a record came from `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "fields": {
                key: _plain(value)
                for key, value in vars(record).items()
                if key not in _STANDARD and not key.startswith("_")
            },
        }
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def _plain(value: object) -> object:
    """JSON's own types as they are; anything else as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
