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
        },
        dotenv=None,
    )
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
