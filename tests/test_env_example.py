"""`.env.example` lists every variable bot/config.py reads, each default written there is the
real one, and the README's settings table names every variable too."""

from __future__ import annotations

import re

import pytest

from bot.config import Settings, _Variables
from tests.support.paths import REPO

LINE = re.compile(r"^#?([A-Z][A-Z0-9_]+)=(.*)$")


def _example() -> dict[str, str]:
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    found = [LINE.match(line) for line in text.splitlines()]
    pairs = [(match.group(1), match.group(2)) for match in found if match]
    names = [name for name, _ in pairs]
    assert len(names) == len(set(names)), "a variable listed twice"
    return dict(pairs)


def test_every_variable_and_no_other() -> None:
    assert sorted(_example()) == sorted(_Variables.names())


@pytest.mark.parametrize(("name", "value"), sorted(_example().items()))
def test_each_written_default_is_the_default(name: str, value: str) -> None:
    """Setting a variable to the default written in the file changes nothing."""
    assert Settings.from_env({name: value}, dotenv=None) == Settings()


def test_the_readme_names_every_variable() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _Variables.names() if f"| `{name}` |" not in readme]
    assert not missing
