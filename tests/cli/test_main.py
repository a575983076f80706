"""The operator's commands, through `bot.cli.main.main` with a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.main import main
from tests.support.paths import REPO


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env, and blockwatch.db lands here
    for name in ("BLOCKWATCH_DB", "BLOCKWATCH_FEEDS", "TELEGRAM_BOT_TOKEN", "SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_subscribe_list_and_unsubscribe(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "subscribe", "--telegram", "-100123", "--country", "tm")[0] == 0
    code, out, _ = run(capsys, "subscribe", "--email", "a@example.org", "--country", "TM,RU")
    assert code == 0 and "RU, TM" in out

    _, listing, _ = run(capsys, "subscribers")
    rows = [line.split("\t") for line in listing.splitlines()]
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("telegram", "-100123", "TM"),
        ("email", "a@example.org", "RU,TM"),
    ]

    assert (
        "still gets TM"
        in run(capsys, "unsubscribe", "--email", "a@example.org", "--country", "RU")[1]
    )
    assert "forgotten" in run(capsys, "unsubscribe", "--email", "a@example.org")[1]
    _, listing, _ = run(capsys, "subscribers")
    assert "a@example.org" not in listing


@pytest.mark.parametrize(
    "argv",
    [
        ["subscribe", "--email", "not-an-address", "--country", "TM"],
        ["subscribe", "--telegram", "abc", "--country", "TM"],
        ["subscribe", "--email", "a@example.org", "--country", "Turkmenistan"],
        ["subscribe", "--email", "a@example.org"],
    ],
)
def test_bad_arguments_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code not in (0, None)


def test_feeds_lists_the_file_and_reports_mistakes(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    (workdir / "feeds.toml").write_text(
        '[[feed]]\nname = "A"\nurl = "https://a.example/rss"\nlanguage = "ru"\ncountry = "tm"\n'
    )
    code, out, _ = run(capsys, "feeds")
    assert code == 0 and out.split("\t")[:4] == ["A", "ru", "TM", "30 min"]

    (workdir / "feeds.toml").write_text('[[feed]]\nname = "A"\nurl = "ftp://a"\nlanguage = "ru"\n')
    code, _, err = run(capsys, "feeds")
    assert code == 2 and "feeds.toml" in err and "url" in err


def test_shipped_feeds_file_is_valid(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLOCKWATCH_FEEDS", str(REPO / "feeds.toml"))
    code, out, _ = run(capsys, "feeds")
    assert code == 0
    assert len(out.splitlines()) >= 15
