"""`blockwatch moderators` and `blockwatch audit`, through `bot.cli.main.main` with a real
database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.main import main


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env, and blockwatch.db lands here
    for name in ("BLOCKWATCH_DB", "TELEGRAM_BOT_TOKEN", "SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BLOCKWATCH_MODERATORS", "900")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_the_operator_adds_lists_and_removes_moderators(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "moderators", "add", "901") == (0, "901 is a moderator now\n")
    assert run(capsys, "moderators", "add", "901") == (0, "901 is a moderator already\n")
    code, listing = run(capsys, "moderators")
    assert code == 0 and listing.startswith("900\tBLOCKWATCH_MODERATORS\n901\tadded by command")
    assert run(capsys, "moderators", "remove", "900") == (
        1,
        "900 is in BLOCKWATCH_MODERATORS: remove it there\n",
    )
    assert run(capsys, "moderators", "remove", "901") == (0, "901 is no longer a moderator\n")
    assert run(capsys, "moderators", "remove", "901") == (1, "901 is not a moderator\n")
    code, audit = run(capsys, "audit", "-n", "5")
    assert [line.split("\t")[1:] for line in audit.splitlines()] == [
        ["command line", "delmod", "user 901"],
        ["command line", "addmod", "user 901"],
    ]


def test_a_bad_user_id_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["moderators", "add", "@alice"])
    assert "not a Telegram user id: '@alice'" in capsys.readouterr().err
