"""Settings from the environment and `.env`: defaults, precedence, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.errors import ConfigError


def test_nothing_set_gives_the_embedded_defaults(tmp_path: Path) -> None:
    settings = Settings.from_env({}, dotenv=tmp_path / "absent.env")
    assert settings == Settings()
    assert settings.db_path == Path("blockwatch.db")
    assert settings.feeds_path == Path("feeds.toml")
    assert settings.telegram_token is None and settings.smtp_url is None


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("BLOCKWATCH_DB=from-file.db\nSMTP_URL=smtp://mail.example:25\n")
    settings = Settings.from_env({"BLOCKWATCH_DB": "from-env.db"}, dotenv=dotenv)
    assert settings.db_path == Path("from-env.db")
    assert settings.smtp_url == "smtp://mail.example:25"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TELEGRAM_API_URL", "ftp://api.example"),
        ("TELEGRAM_API_URL", "http://"),
        ("SMTP_URL", "http://mail.example"),
        ("MAIL_FROM", "nobody"),
        ("TELEGRAM_BOT_TOKEN", "no-colon-here"),
    ],
)
def test_bad_values_name_the_variable(tmp_path: Path, variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({variable: value}, dotenv=None)
    assert caught.value.field == variable
    assert variable in str(caught.value)


def test_mail_command_and_web_settings(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "IMAP_URL": "imaps://u:p@mail.example/INBOX",
            "PUBLIC_URL": "https://bw.example/",
            "BLOCKWATCH_HTTP_PORT": "8081",
            "BLOCKWATCH_MAIL_ARTICLES_PER_DAY": "5",
        },
        dotenv=None,
    )
    assert (settings.mail_articles_per_day, Settings().mail_articles_per_day) == (5, 20)
    assert settings.imap_url == "imaps://u:p@mail.example/INBOX"
    assert settings.public_url == "https://bw.example"  # no trailing slash: paths are appended
    assert settings.http_port == 8081


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("IMAP_URL", "imap://host-without-login"),
        ("PUBLIC_URL", "ftp://bw.example"),
        ("BLOCKWATCH_HTTP_PORT", "80000"),
        ("BLOCKWATCH_HTTP_PORT", "http"),
    ],
)
def test_bad_mail_and_web_settings_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({variable: value}, dotenv=None)
    assert caught.value.field == variable


def test_the_real_environment_wins_over_dotenv_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("BLOCKWATCH_DB=from-file.db\nBLOCKWATCH_LOG_LEVEL=debug\n")
    monkeypatch.setenv("BLOCKWATCH_DB", "from-env.db")
    settings = Settings.from_env()
    assert settings.db_path == Path("from-env.db") and settings.log_level == "DEBUG"


def test_dotenv_holds_lists_and_other_programs_variables(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "OTHER_TOOL=1\nBLOCKWATCH_MODERATORS=12, 34\nBLOCKWATCH_ALLOW_HOSTS=localhost 10.0.0.0/8\n"
        "PUBLIC_URL=https://bw.example/\nBLOCKWATCH_RETENTION_DAYS=30\n"
    )
    settings = Settings.from_env({}, dotenv=dotenv)
    assert settings.moderators == frozenset({12, 34})
    assert str(settings.allow_hosts) == "localhost, 10.0.0.0/8"
    assert settings.public_url == "https://bw.example" and settings.retention_days == 30


def test_an_empty_variable_means_the_default_even_over_dotenv(tmp_path: Path) -> None:
    """`SMTP_URL= blockwatch run`: no mail for this run, whatever `.env` says."""
    dotenv = tmp_path / ".env"
    dotenv.write_text("SMTP_URL=smtp://mail.example\nBLOCKWATCH_DB=from-file.db\nMAIL_FROM=\n")
    settings = Settings.from_env({"SMTP_URL": "", "BLOCKWATCH_DB": ""}, dotenv=dotenv)
    assert settings == Settings()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "BLOCKWATCH_HTTP_PORT=http",
            "BLOCKWATCH_HTTP_PORT: expected a TCP port number, 1 to 65535",
        ),
        (
            "BLOCKWATCH_RETENTION_DAYS=7",
            "BLOCKWATCH_RETENTION_DAYS: expected a number of days, 30 or more (default 180)",
        ),
        (
            "BLOCKWATCH_MAIL_REPLIES_PER_HOUR=-1",
            "BLOCKWATCH_MAIL_REPLIES_PER_HOUR: expected a whole number, 0 or more",
        ),
        (
            "BLOCKWATCH_MAIL_ARTICLES_PER_DAY=many",
            "BLOCKWATCH_MAIL_ARTICLES_PER_DAY: expected a whole number, 0 or more",
        ),
        (
            "BLOCKWATCH_MODERATORS=12 0",
            "BLOCKWATCH_MODERATORS: '0' is not a Telegram user id (digits, like 123456789)",
        ),
        ("IMAP_URL=imap://u:s3cret@h?x=1", "IMAP_URL: unknown option(s) x"),
        ("SMTP_URL=ftp://u:s3cret@h", "SMTP_URL: expected a smtp or smtps URL with a host"),
    ],
)
def test_a_bad_value_is_our_one_line_not_pydantics_report(
    tmp_path: Path, line: str, message: str
) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(line + "\n")
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({}, dotenv=dotenv)
    assert str(caught.value) == message  # no "validation error", no URL, no password


DATABASES = [
    ("blockwatch.db", Path("blockwatch.db"), None),
    ("/var/lib/blockwatch/bw.db", Path("/var/lib/blockwatch/bw.db"), None),
    ("sqlite:bw.db", Path("bw.db"), None),
    ("sqlite:///bw.db", Path("bw.db"), None),
    ("sqlite:////var/lib/bw.db", Path("/var/lib/bw.db"), None),
    ("postgresql://bw:pw@db.example/blockwatch", Path("blockwatch.db"), "postgresql://bw:pw@db.example/blockwatch"),
    ("postgres://db.example:5433/bw", Path("blockwatch.db"), "postgres://db.example:5433/bw"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "path", "url"), DATABASES)
def test_blockwatch_db_names_a_sqlite_file_or_a_postgresql_database(
    tmp_path: Path, value: str, path: Path, url: str | None
) -> None:
    settings = Settings.from_env({"BLOCKWATCH_DB": value}, dotenv=tmp_path / "absent.env")
    assert (settings.db_path, settings.db_url) == (path, url)
    assert settings.database == (url or path)


def test_a_postgresql_url_without_a_database_is_refused_and_a_password_never_shown(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"BLOCKWATCH_DB": "postgresql://bw:pw@db.example"}, dotenv=None)
    assert "BLOCKWATCH_DB" in str(caught.value) and "pw@" not in str(caught.value)
    named = Settings(db_url="postgresql://bw:secret@db.example/bw").database_name
    assert named == "postgresql://bw:***@db.example/bw"
