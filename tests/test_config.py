"""Settings from the environment and `.env`: defaults, precedence, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError


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
