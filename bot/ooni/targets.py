"""bot/detect/vocab/ooni.toml: which OONI test and domains stand for each service, and the
trust and early-signal thresholds. Read once; mistakes are ConfigErrors naming the field."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.core.errors import ConfigError
from bot.core.ooni_trust import JumpRule, TrustRule
from bot.ooni.client import OoniQuery

__all__ = ["OONI_VOCAB", "TESTS", "OoniVocab", "load_ooni_vocab"]

OONI_VOCAB = Path(__file__).parent.parent / "detect" / "vocab" / "ooni.toml"
R = TypeVar("R", TrustRule, JumpRule)
TESTS = frozenset({"web_connectivity", "whatsapp", "telegram", "signal", "facebook_messenger"})


@dataclass(frozen=True, slots=True)
class Target:
    test_name: str
    domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OoniVocab:
    targets: Mapping[str, Target] = field(default_factory=dict)
    trust: TrustRule = field(default_factory=TrustRule)
    jump: JumpRule = field(default_factory=JumpRule)

    def query(self, country: str, service: str) -> OoniQuery | None:
        """The OONI series that stands for a service in a country; None: OONI has none."""
        target = self.targets.get(service)
        if target is None:
            return None
        return OoniQuery(country.upper(), target.test_name, target.domains)


def load_ooni_vocab(path: Path = OONI_VOCAB) -> OoniVocab:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(exc), path=str(path)) from exc
    targets = {
        service: _target(service, table, path)
        for service, table in data.get("services", {}).items()
    }
    trust = _rule(TrustRule, data.get("trust", {}), "trust", path)
    jump = _rule(JumpRule, data.get("jump", {}), "jump", path)
    return OoniVocab(targets, trust, jump)


def _target(service: str, table: Any, path: Path) -> Target:
    where = f"services.{service}"
    if not isinstance(table, dict) or table.get("test") not in TESTS:
        raise ConfigError(
            f"test must be one of {', '.join(sorted(TESTS))}", path=str(path), field=f"{where}.test"
        )
    domains = table.get("domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
        raise ConfigError(
            "domains must be a list of names", path=str(path), field=f"{where}.domains"
        )
    if table["test"] == "web_connectivity" and not domains:
        raise ConfigError(
            "web_connectivity needs domains", path=str(path), field=f"{where}.domains"
        )
    return Target(table["test"], tuple(domains))


def _rule(kind: type[R], table: Any, name: str, path: Path) -> R:
    if not isinstance(table, dict):
        raise ConfigError("must be a table", path=str(path), field=name)
    defaults = kind()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if not hasattr(defaults, key):
            raise ConfigError("unknown setting", path=str(path), field=f"{name}.{key}")
        wanted = type(getattr(defaults, key))
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ConfigError("must be a number, 0 or more", path=str(path), field=f"{name}.{key}")
        values[key] = wanted(value)
    return kind(**values)
