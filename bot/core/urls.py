"""URL helpers: one key per story for de-duplication, and URLs that are safe to log.

`normalise_url` is a *key*, not a URL to fetch: two links that a reader would consider the same
page (http vs https, `www.`, tracking parameters, parameter order, a trailing slash) map to the
same string. It is deliberately conservative about the path: only spelling is normalised, never
meaning, because `/a/b` and `/a%2Fb` may be different pages.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Query parameters that identify a click or a campaign, never the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "ysclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "_openstat",
        "li_fat_id",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "vero_id",
        "wt_mc",
        "cmpid",
        "ocid",
        "at_medium",
        "at_campaign",
        "spm",
        "ref_src",
        "ref_url",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")

# Query parameters whose values must never reach a log line.
SECRET_PARAM = re.compile(r"key|token|secret|pass|auth|sig|session|sid|code|cred", re.IGNORECASE)

_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 3986 characters allowed unescaped in a path (plus "%", so existing escapes survive).
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def normalise_url(url: str) -> str | None:
    """The de-duplication key of an http(s) URL, or None when it is not a usable http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # bad IPv6 literal or port
        return None
    scheme = parts.scheme.lower()
    host = _normalise_host(parts.hostname or "")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    # Both default ports go: the key is scheme-less in effect, and must stay idempotent.
    netloc = host if port is None or port in _DEFAULT_PORTS.values() else f"{host}:{port}"
    path = _normalise_path(parts.path)
    query = _normalise_query(parts.query)
    # One scheme for both: the same story is often linked over http and https.
    return urlunsplit(("https", netloc, path, query, ""))


def is_tracking_param(name: str) -> bool:
    """True for parameters that only track the click (utm_*, fbclid, ...)."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def redact_url(url: str) -> str:
    """The URL with passwords and secret-looking query values replaced, for log lines."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")[2] if "@" in parts.netloc else parts.netloc
        pairs = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return "<unparseable url>"
    if not pairs and not parts.query:
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    redacted = [(k, "REDACTED" if SECRET_PARAM.search(k) else v) for k, v in pairs]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(redacted), ""))


def _normalise_host(host: str) -> str:
    host = host.lower().rstrip(".")
    host = host.removeprefix("www.")
    try:
        # One spelling for internationalised names: пример.рф and xn--e1afmkfd.xn--p1ai.
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _normalise_path(path: str) -> str:
    path = quote(path, safe=_PATH_SAFE)  # escape spaces and non-ASCII, keep existing escapes
    path = _ESCAPE.sub(_normalise_escape, path)
    return path.rstrip("/")


def _normalise_escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else f"%{match.group(1).upper()}"


def _normalise_query(query: str) -> str:
    pairs = [
        (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not is_tracking_param(k)
    ]
    return urlencode(sorted(pairs), quote_via=quote)
