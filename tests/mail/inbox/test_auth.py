"""bot/mail/inbox/auth.py: reading Authentication-Results (RFC 8601) and what they vouch for."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from bot.mail.inbox.auth import AuthResult, from_authenticated, parse_results

TRUSTED = {"mx.blockwatch.test"}


@pytest.mark.parametrize(
    ("value", "server", "results"),
    [
        (
            "mx.example.org; dkim=pass header.d=example.tm header.s=s1",
            "mx.example.org",
            [AuthResult("dkim", "pass", {"header.d": "example.tm", "header.s": "s1"})],
        ),
        # comments (nested too), versions, folding, case, several results
        (
            "MX.Example.org 1;\r\n  dkim=PASS (2048-bit key; (unprotected)) "
            "header.d=Example.TM;\r\n"
            "  spf=pass smtp.mailfrom=a@example.tm; dmarc/1=pass (p=none) header.from=example.tm",
            "mx.example.org",
            [
                AuthResult("dkim", "pass", {"header.d": "Example.TM"}),
                AuthResult("spf", "pass", {"smtp.mailfrom": "a@example.tm"}),
                AuthResult("dmarc", "pass", {"header.from": "example.tm"}),
            ],
        ),
        # a reason with a ";" inside its quotes does not split the result
        (
            'mx.example.org; dkim=fail reason="bad; signature" header.d=example.tm',
            "mx.example.org",
            [AuthResult("dkim", "fail", {"header.d": "example.tm"})],
        ),
        ("mx.example.org; none", "mx.example.org", []),
        ("", "", []),
        ("(only a comment)", "", []),
    ],
)
def test_parse_results(value: str, server: str, results: list[AuthResult]) -> None:
    assert parse_results(value) == (server, results)


def message(sender: str, *results: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    for value in results:
        mail["Authentication-Results"] = value
    return mail


@pytest.mark.parametrize(
    ("sender", "results", "vouched"),
    [
        ("a@example.tm", ["mx.blockwatch.test; dmarc=pass header.from=example.tm"], True),
        ("a@example.tm", ["mx.blockwatch.test; dmarc=pass"], True),
        ("a@example.tm", ["mx.blockwatch.test; dkim=pass header.d=example.tm"], True),
        ("a@mail.example.tm", ["mx.blockwatch.test; dkim=pass header.d=example.tm"], True),
        ("a@example.tm", ["mx.blockwatch.test; dkim=pass header.i=@news.example.tm"], True),
        # the forger's own header comes below ours; only ours counts
        (
            "a@example.tm",
            ["mx.blockwatch.test; dkim=none", "mx.forger.test; dmarc=pass header.from=example.tm"],
            False,
        ),
        ("a@example.tm", ["mx.blockwatch.test; dmarc=pass header.from=forger.test"], False),
        ("a@example.tm", ["mx.blockwatch.test; dkim=pass header.d=forger.test"], False),
        ("a@example.tm", ["mx.blockwatch.test; dkim=pass header.d=tm"], False),
        ("a@example.tm", ["mx.blockwatch.test; dkim=pass header.d=example.tm.forger.test"], False),
        ("a@example.tm", ["mx.blockwatch.test; dmarc=fail header.from=example.tm"], False),
        ("a@example.tm", ["mx.blockwatch.test; spf=pass smtp.mailfrom=a@example.tm"], False),
        ("a@example.tm", [], False),
        ("a@example.tm, b@example.tm", ["mx.blockwatch.test; dmarc=pass"], False),  # whose?
    ],
)
def test_from_authenticated(sender: str, results: list[str], vouched: bool) -> None:
    assert from_authenticated(message(sender, *results), TRUSTED) is vouched


def test_nothing_is_trusted_without_a_trusted_server() -> None:
    mail = message("a@example.tm", "mx.blockwatch.test; dmarc=pass header.from=example.tm")
    assert not from_authenticated(mail, set())
