"""`blockwatch feeds`, `feeds export` and `feeds import`: bot.cli.main.main on a real database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.feeds.file import load_feeds
from storage.sqlite import SQLiteStorage

FEEDS = (
    '[[feed]]\nname = "A"\nurl = "https://a.example/rss"\nlanguage = "ru"\ncountry = "tm"\n'
    '\n[[feed]]\nname = "B"\nurl = "https://b.example/rss"\nlanguage = "en"\ninterval = 15\n'
)


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env; blockwatch.db and feeds.toml live here
    for name in ("BLOCKWATCH_DB", "BLOCKWATCH_FEEDS", "TELEGRAM_BOT_TOKEN", "SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "feeds.toml").write_text(FEEDS)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def remove_feed(db: Path, url: str) -> None:
    async def remove() -> None:
        store = await SQLiteStorage.open(db)
        feed = await store.feed_by_url(url)
        assert feed is not None
        await store.set_feed_status(feed.id, "removed", datetime.now(UTC), actor_id=900)
        await store.close()

    asyncio.run(remove())


def test_list_seeds_the_database_and_keeps_what_moderators_removed(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    code, out, _ = run(capsys, "feeds")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and [row[:5] for row in rows] == [
        ["A", "ru", "TM", "30 min", "active"],
        ["B", "en", "-", "15 min", "active"],
    ]
    assert rows[0][5] == "never polled successfully; 0 items, 0 events; next poll soon"
    assert rows[0][6] == "https://a.example/rss"

    remove_feed(workdir / "blockwatch.db", "https://a.example/rss")
    _, out, _ = run(capsys, "feeds")  # feeds.toml still lists A
    assert [line.split("\t")[0] for line in out.splitlines()] == ["B"]


def test_export_writes_the_database_back_as_feeds_toml(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    run(capsys, "feeds")
    remove_feed(workdir / "blockwatch.db", "https://b.example/rss")
    code, out, _ = run(capsys, "feeds", "export")
    assert code == 0
    exported = workdir / "exported.toml"
    exported.write_text(out)
    assert [f.name for f in load_feeds(exported)] == ["A"]

    assert run(capsys, "feeds", "export", "--opml", "-o", "feeds.opml")[0] == 0
    opml = (workdir / "feeds.opml").read_text()
    assert 'xmlUrl="https://a.example/rss"' in opml and "b.example" not in opml


def test_import_adds_the_feeds_of_an_opml_file(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    run(capsys, "feeds")
    (workdir / "more.opml").write_text(
        '<opml version="2.0"><body><outline text="Folder">'
        '<outline text="C" xmlUrl="https://c.example/rss"/>'
        '<outline text="A again" xmlUrl="http://a.example/rss" language="en"/>'
        '<outline text="Bad" xmlUrl="gopher://d.example/"/>'
        "</outline></body></opml>"
    )
    code, out, err = run(capsys, "feeds", "import", "more.opml", "--language", "KK")
    assert code == 0
    assert out.strip() == "added 1 feeds, 1 registered already, 1 skipped"
    assert "skipped gopher://d.example/: url: must be an http(s) URL" in err
    _, listing, _ = run(capsys, "feeds")
    assert [line.split("\t")[:2] for line in listing.splitlines()] == [
        ["A", "ru"],
        ["B", "en"],
        ["C", "kk"],
    ]

    async def audit() -> list[tuple[int, str]]:
        store = await SQLiteStorage.open(workdir / "blockwatch.db")
        found = [(e.actor_id, e.action) for e in await store.audit_log(5)]
        await store.close()
        return found

    assert asyncio.run(audit()) == [(0, "addfeed")]  # the operator, at the command line


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'<!DOCTYPE x [<!ENTITY a "b">]><opml/>', "DOCTYPE"),
        (b"<opml><body>", "not well-formed"),
    ],
)
def test_import_refuses_unsafe_or_broken_files(
    capsys: pytest.CaptureFixture[str], workdir: Path, content: bytes, said: str
) -> None:
    (workdir / "in.opml").write_bytes(content)
    code, _, err = run(capsys, "feeds", "import", "in.opml")
    assert code == 2 and said in err


def test_import_of_a_missing_file(workdir: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["feeds", "import", "nowhere.opml"])
    assert "cannot read nowhere.opml" in str(caught.value.code)


def test_without_a_feeds_file_the_database_is_the_list(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    run(capsys, "feeds")
    (workdir / "feeds.toml").unlink()
    code, out, _ = run(capsys, "feeds")
    assert code == 0 and len(out.splitlines()) == 2
    (workdir / "blockwatch.db").unlink()
    code, _, err = run(capsys, "feeds")
    assert code == 2 and "cannot read feeds file" in err
