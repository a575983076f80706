"""Which addresses a fetch may reach: public ones, plus what BLOCKWATCH_ALLOW_HOSTS names. Pure.

Feeds, their redirects and /addfeed are chosen by people we do not control; without this, any
of them could make the service fetch from its own loopback, the cloud metadata service
(169.254.169.254) or the operator's private network, and show what answered. bot/feeds/guard.py
applies the rule to every address a fetch connects to, after DNS, at every redirect hop.

"Public" is Python's `is_global` (IANA's special-purpose registries) minus what it still lets
through: multicast, reserved and IPv6 site-local space. An IPv6 address that carries an IPv4
one (IPv4-mapped ::ffff:0:0/96, 6to4 2002::/16, NAT64 64:ff9b::/96) is judged by the IPv4
address inside it: 2002:7f00:1:: is loopback in disguise, while 64:ff9b::808:808 is how an
IPv6-only host with DNS64 reaches 8.8.8.8, and must keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from bot.core.errors import ConfigError

SETTING = "BLOCKWATCH_ALLOW_HOSTS"

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network

_NAT64 = IPv6Network("64:ff9b::/96")  # RFC 6052's well-known prefix: the IPv4 address is last
# A hostname as DNS spells it (RFC 1123 labels); "localhost" and "feeds.internal" qualify.
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def embedded_ipv4(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), else the address."""
    if isinstance(address, IPv4Address):
        return address
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFF_FFFF)
    return address


def is_public(address: IPAddress) -> bool:
    """Whether the address is on the public internet (see the module's docstring)."""
    inner = embedded_ipv4(address)
    if inner is not address:  # an IPv6 form of an IPv4 address goes where that address goes
        return is_public(inner)
    site_local = isinstance(address, IPv6Address) and address.is_site_local
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or site_local
    )


@dataclass(frozen=True, slots=True)
class AllowedHosts:
    """Non-public hosts and networks the operator lets fetches reach (for local use and tests).

    Empty by default: only public addresses are fetched.
    """

    hostnames: frozenset[str] = frozenset()  # lower case, no trailing dot
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, value: str | None) -> AllowedHosts:
        """ "localhost, 10.0.0.0/8, 192.168.1.5, ::1": hostnames, addresses and networks."""
        hostnames: set[str] = set()
        networks: list[IPNetwork] = []
        for item in (value or "").replace(",", " ").split():
            network = _network(item)
            if network is not None:
                networks.append(network)
            elif _is_hostname(item):
                hostnames.add(item.lower().rstrip("."))
            else:
                raise ConfigError(
                    f"{item!r} is not a hostname, an IP address or a network like 10.0.0.0/8",
                    field=SETTING,
                )
        return cls(frozenset(hostnames), tuple(networks))

    def allows_hostname(self, host: str) -> bool:
        """Whether the operator allowed this name, whatever it resolves to."""
        return host.lower().rstrip(".") in self.hostnames

    def allows_address(self, address: IPAddress) -> bool:
        """Whether a fetch may connect to this address: public, or in an allowed network."""
        if is_public(address):
            return True
        candidates = {address.version: address}
        inner = embedded_ipv4(address)
        candidates.setdefault(inner.version, inner)  # ::ffff:127.0.0.1 is in 127.0.0.0/8
        return any(
            candidate in network
            for network in self.networks
            for candidate in candidates.values()
            if candidate.version == network.version
        )

    def __str__(self) -> str:
        return ", ".join([*sorted(self.hostnames), *(str(n) for n in self.networks)])


PUBLIC_ONLY = AllowedHosts()  # the default: nothing but public addresses


def literal_address(host: str) -> IPAddress | None:
    """The address when `host` (a URL's host, IPv6 without brackets) is an IP literal."""
    try:
        return ip_address(host)
    except ValueError:
        return None


def refusal_reason(host: str, address: IPAddress | None) -> str:
    """What a moderator or operator reads when a fetch is refused.

    A hostname's internal address is not shown: /addfeed must not become a way to learn the
    operator's internal DNS.
    """
    if address is not None and literal_address(host) is not None:
        subject = f"{address} is not a public address"
    else:
        subject = f"{host} resolves to no public address"
    return f"refused: {subject} ({SETTING} allows some)"


def _network(item: str) -> IPNetwork | None:
    try:
        return ip_network(item, strict=False)  # "10.1.2.3/8" means 10.0.0.0/8
    except ValueError:
        return None


def _is_hostname(item: str) -> bool:
    name = item.lower().rstrip(".")
    return 0 < len(name) <= 253 and all(_LABEL.fullmatch(label) for label in name.split("."))
