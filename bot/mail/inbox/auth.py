"""Whether a mail's From address is vouched for by the server that received it. Pure.

Anyone can write any From header, so the From address alone does not prove who wrote. The
service's receiving server checks DKIM signatures and DMARC and writes the outcome into an
Authentication-Results header (RFC 8601), naming itself by its "authserv-id":

    Authentication-Results: mx.example.org; dkim=pass header.d=example.tm header.s=s1;
        spf=pass smtp.mailfrom=aman@example.tm; dmarc=pass (p=none) header.from=example.tm

A sender can put such a header into its own mail too, so only those naming a server the
operator trusts count (IMAP_URL's `authserv_id`); RFC 8601 section 5 requires that server to
remove forged ones carrying its name. The From address counts as authenticated when one of
them says dmarc=pass for the From domain, or dkim=pass with a signing domain aligned to it (the
same domain, or one a subdomain of the other). SPF alone proves nothing about From.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses

__all__ = ["AuthResult", "from_authenticated", "parse_results"]

_COMMENT = re.compile(r"\([^()]*\)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


@dataclass(frozen=True, slots=True)
class AuthResult:
    """One "method=result property=value..." of an Authentication-Results header."""

    method: str  # "dkim", "dmarc", "spf"... lower case, without a version
    result: str  # "pass", "fail", "none"... lower case
    properties: dict[str, str] = field(default_factory=dict)  # "header.d" -> "example.tm"


def parse_results(value: str) -> tuple[str, list[AuthResult]]:
    """(authserv-id, results) of one header value; ("", []) when it cannot be read."""
    text = _QUOTED.sub('""', " ".join(value.split()))
    while _COMMENT.search(text):  # comments nest: take the innermost first
        text = _COMMENT.sub(" ", text)
    server, *parts = text.split(";")
    words = server.split()
    if not words:
        return "", []
    results = []
    for part in parts:
        method, equals, result = part.strip().partition(" ")[0].partition("=")
        if not equals or not method:
            continue  # "none", or a part we cannot read
        pairs = (word.partition("=") for word in part.split()[1:])
        properties = {key.lower(): val for key, eq, val in pairs if eq and "." in key}
        results.append(AuthResult(method.split("/")[0].lower(), result.lower(), properties))
    return words[0].lower(), results


def from_authenticated(message: EmailMessage, trusted_servers: Iterable[str]) -> bool:
    """Whether a trusted server's Authentication-Results vouch for the one From address."""
    trusted = {server.lower() for server in trusted_servers}
    senders = [
        address
        for _, address in getaddresses([str(value) for value in message.get_all("From", [])])
        if address
    ]
    if not trusted or len(senders) != 1 or "@" not in senders[0]:
        return False
    domain = senders[0].rpartition("@")[2].lower().rstrip(".")
    for value in message.get_all("Authentication-Results", []):
        server, results = parse_results(str(value))
        if server in trusted and any(_vouches(result, domain) for result in results):
            return True
    return False


def _vouches(result: AuthResult, domain: str) -> bool:
    if result.result != "pass":
        return False
    if result.method == "dmarc":  # DMARC is about the From domain by definition
        return result.properties.get("header.from", domain).lower() == domain
    if result.method == "dkim":
        signer = (
            result.properties.get("header.d")
            or result.properties.get("header.i", "").rpartition("@")[2]
        )
        return _aligned(signer.lower().rstrip("."), domain)
    return False


def _aligned(signer: str, domain: str) -> bool:
    """DMARC's relaxed alignment, without the public suffix list: one domain within the other,
    and neither a bare top-level domain (no one signs or writes as "tm")."""
    if "." not in signer or "." not in domain:
        return False
    return signer == domain or domain.endswith("." + signer) or signer.endswith("." + domain)
