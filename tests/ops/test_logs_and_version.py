"""`blockwatch --version` and BLOCKWATCH_LOG_FORMAT=json: one JSON object a line."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from importlib.metadata import version

import pytest

from bot.cli.main import main
from bot.core.errors import StorageError
from bot.service.jsonlog import JsonFormatter
from bot.service.logs import OneLineForKnownFaults


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"blockwatch {version('blockwatch')}"


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(OneLineForKnownFaults())
    log = logging.getLogger("bot.test_jsonlog")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.propagate = False
    yield log, stream
    log.removeHandler(handler)


def test_one_object_a_line_with_the_extra_fields(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    log, stream = logged
    log.warning("feed %s failed\nsecond line", "Azatlyk", extra={"feed": "Azatlyk", "n": 3})
    log.info("plain")
    first, second = _lines(stream)
    assert set(first) == {"time", "level", "logger", "message", "fields"}
    assert first["level"] == "WARNING" and first["logger"] == "bot.test_jsonlog"
    assert first["message"] == "feed Azatlyk failed\nsecond line"
    assert first["fields"] == {"feed": "Azatlyk", "n": 3}
    assert str(first["time"]).endswith("+00:00")
    assert second["message"] == "plain" and second["fields"] == {}
    assert len(stream.getvalue().splitlines()) == 2  # the newline stayed inside its string


def test_a_bug_keeps_its_traceback_ours_become_one_line(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    log, stream = logged
    for error in (KeyError("x"), StorageError("disk full")):
        try:
            raise error
        except Exception:
            log.exception("job failed")
    bug, ours = _lines(stream)
    assert "Traceback" in str(bug["exc"]) and "KeyError" in str(bug["exc"])
    assert "exc" not in ours and ours["message"] == "job failed: disk full"
