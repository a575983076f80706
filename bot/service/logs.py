"""Logging for the command line and the service: stderr, quiet when idle, one line per known fault.

At INFO an idle service said ten things a minute, all APScheduler's ("Running job...",
"...executed successfully"), and aiogram adds a line for every update it handles: the warnings
that matter were buried. Those loggers are held at WARNING unless BLOCKWATCH_LOG_LEVEL=DEBUG.
A job that fails with one of our own errors (a full disk, say) is logged by APScheduler with a
traceback; that becomes one line, since the error already says what to do. A bug keeps its
traceback.
"""

from __future__ import annotations

import logging
import sys

from bot.core.errors import BlockwatchError
from bot.service.jsonlog import JsonFormatter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Chatty at INFO about routine work: held at WARNING unless the operator asks for DEBUG.
ROUTINE_LOGGERS = ("apscheduler", "aiogram.event")


def setup_logging(level: str, log_format: str = "text") -> None:
    """stderr at `level` (a name Settings validated), routine loggers held at WARNING;
    `log_format` "json": one JSON object a line (bot/service/jsonlog.py)."""
    logging.basicConfig(level=level, stream=sys.stderr, format=FORMAT)
    if log_format == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonFormatter())
    quiet = logging.getLevelName(level) > logging.DEBUG
    for name in ROUTINE_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.NOTSET)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, OneLineForKnownFaults) for f in handler.filters):
            handler.addFilter(OneLineForKnownFaults())


class OneLineForKnownFaults(logging.Filter):
    """A record carrying one of our own errors loses its traceback: the message says it all."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, BlockwatchError):
            record.msg, record.args = f"{record.getMessage()}: {error}", ()
            record.exc_info, record.exc_text = None, None
        return True
