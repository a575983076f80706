"""Which news sites a country blocks, and their mirrors: data in bot/mail/mirrors.toml.

A reader in Turkmenistan cannot open most links an alert would give; the alert says so and
offers a mirror where one is known, so nobody clicks into a block page (or a trap). A mirror
on a .onion address is the outlet's own Tor onion service: it opens only in Tor Browser, and
the alert says that too.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.countries import is_country
from bot.core.errors import ConfigError

__all__ = ["Mirrors", "Site", "load_mirrors"]


@dataclass(frozen=True, slots=True)
class Site:
    host: str
    blocked_in: frozenset[str]
    mirror: str | None = None  # base URL serving the same paths
    # The licence its articles are published under, and the licence's address: what an
    # article sent whole by mail must name (CC BY asks for both), bot/mail/article.py.
    licence: str | None = None
    licence_url: str | None = None

    @property
    def mirror_on_tor(self) -> bool:
        """Whether the mirror is an onion service (Tor Browser only)."""
        return self.mirror is not None and (urlsplit(self.mirror).hostname or "").endswith(".onion")


@dataclass(frozen=True, slots=True)
class Mirrors:
    sites: tuple[Site, ...] = ()

    def site_of(self, url: str) -> Site | None:
        """The listed site a URL belongs to (its host or a subdomain of it)."""
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        for site in self.sites:
            if host == site.host or host.endswith("." + site.host):
                return site
        return None

    def mirror_url(self, site: Site, url: str) -> str | None:
        """The same page on the site's mirror, when it has one."""
        if site.mirror is None:
            return None
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{site.mirror.rstrip('/')}{parts.path or '/'}{query}"


@cache
def load_mirrors(path: Path | None = None) -> Mirrors:
    """The packaged bot/mail/mirrors.toml, or another file of the same shape."""
    try:
        text = (
            path.read_text(encoding="utf-8")
            if path is not None
            else resources.files("bot.mail").joinpath("mirrors.toml").read_text(encoding="utf-8")
        )
        return Mirrors(tuple(_site(table) for table in tomllib.loads(text).get("site", [])))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"not a mirrors file: {exc}", path=str(path or "bot/mail/mirrors.toml")
        ) from exc


def _site(table: dict[str, object]) -> Site:
    host, countries, mirror = table["host"], table["blocked_in"], table.get("mirror")
    if not isinstance(host, str) or "/" in host or not host:
        raise ValueError(f"host must be a bare domain, not {host!r}")
    if not isinstance(countries, list) or not all(
        isinstance(code, str) and is_country(code) for code in countries
    ):
        raise ValueError(f"{host}: blocked_in must list ISO 3166-1 alpha-2 codes")
    if mirror is not None and (not isinstance(mirror, str) or not mirror.startswith("https://")):
        raise ValueError(f"{host}: a mirror must be an https:// URL")
    licence, licence_url = table.get("licence"), table.get("licence_url")
    if (licence is None) != (licence_url is None) or (
        licence is not None
        and not (
            isinstance(licence, str)
            and isinstance(licence_url, str)
            and licence_url.startswith("https://")
        )
    ):
        raise ValueError(f"{host}: licence and licence_url (https://) go together")
    codes = frozenset(code.upper() for code in countries)
    named = (
        (licence, licence_url)
        if isinstance(licence, str) and isinstance(licence_url, str)
        else (None, None)
    )
    return Site(host.lower(), codes, mirror, *named)
