"""The servers the delivery benchmarks send to, each in its own process, on loopback.

    python -m bench._stand_ins telegram [--no-limits]    the Bot API stand-in
    (tests/support/botapi.py)
    python -m bench._stand_ins smtp                      an aiosmtpd server that only counts
    python -m bench._stand_ins smtp --tls --rtt 0.02     ... requiring STARTTLS and AUTH, 20 ms away

Started by bench/_delivery.py's `stand_in()`. A server prints `ready URL` once it listens, serves
until its stdin is closed, then prints one JSON line of what it received and exits. Its own
process, so its CPU is not the sender's and the sender's peak RSS is the sender's alone.

telegram: tests/support/botapi.py's BotAPI with Telegram's flood limits enforced at their real pace
(tests/support/floodlimits.py: 429 with retry_after past ~30/s overall, 1/s per chat, 20/min per
group); `--no-limits` answers everything (to measure what the sending path could do unpaced).
Summary: {"received": [[chat, count], ...], "rejected": 429s answered, "calls": requests}.

smtp: aiosmtpd, nothing stored or parsed but the first message (the server must not be the
bottleneck on a small machine); it offers PIPELINING, as submission servers do. `--tls`: it
requires STARTTLS, then AUTH (user and password "bench"), with a certificate from a private CA
made at start (trustme); its URL carries `?starttls=1&cafile=` that CA. `--rtt`: behind a delay
proxy (bench/_latency.py) that makes it that many seconds of round trip away, one more for each
new connection. Summary:
{"received": [[address, count], ...], "connections": n, "bytes": total DATA bytes,
"sample_subject": the first message's Subject}.
"""

from __future__ import annotations

import argparse
import asyncio
import email
import email.policy
import json
import logging
import ssl
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

Summary = dict[str, Any]


async def until_stdin_closes() -> None:
    """The parent closes our stdin to say "done": read it to its end in a worker thread."""
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


async def serve_telegram(enforce_limits: bool) -> Summary:
    from tests.support.botapi import BotAPI

    api = BotAPI()
    await api.start()
    limits = api.enforce_limits() if enforce_limits else None
    print(f"ready {api.base_url} {api.token}", flush=True)
    await until_stdin_closes()
    await api.stop()
    received = Counter(message.chat_id for message in api.sent)
    return {
        "received": sorted(received.items()),
        "calls": len(api.calls),
        "rejected": len(limits.rejected) if limits is not None else 0,
    }


class CountingHandler:
    """aiosmtpd hooks: count what each recipient got; keep nothing else."""

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.bytes = 0
        self.sample_subject: str | None = None

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        """Offer PIPELINING (RFC 2920), as submission servers do (aiosmtpd reads pipelined
        commands in order but does not say so)."""
        session.host_name = hostname  # what aiosmtpd does without this hook
        return [responses[0], "250-PIPELINING", *responses[1:]]

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw: bytes = envelope.original_content or b""
        self.bytes += len(raw)
        self.received.update(envelope.rcpt_tos)
        if self.sample_subject is None:  # one parse proves the mail is whole and readable
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            self.sample_subject = str(parsed["Subject"])
        return "250 2.0.0 accepted"


async def serve_smtp(tls: bool, rtt: float) -> Summary:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    from bench._latency import delay_proxy

    handler = CountingHandler()
    connections = 0
    options: dict[str, Any] = {}
    ca_dir = tempfile.TemporaryDirectory(prefix="bench-smtp-ca-")
    if tls:
        import trustme

        # aiosmtpd's own AUTH sets Session.login_data and warns so, once per connection.
        logging.getLogger("mail.log").setLevel(logging.ERROR)

        ca = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        cafile = Path(ca_dir.name) / "ca.pem"
        ca.cert_pem.write_to_path(str(cafile))

        def authenticate(*args: Any) -> AuthResult:
            data = args[-1]
            ok = isinstance(data, LoginPassword) and data.login == data.password == b"bench"
            return AuthResult(success=ok, handled=False)

        options = {
            "tls_context": context,
            "require_starttls": True,
            "auth_required": True,
            "authenticator": authenticate,
        }

    def new_connection() -> SMTP:
        nonlocal connections
        connections += 1
        # A fixed hostname: aiosmtpd would otherwise call socket.getfqdn() per connection,
        # which would charge the one-connection-per-message baseline for a DNS lookup.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return SMTP(handler, hostname="bench-smtp.test", **options)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(new_connection, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    proxy = await delay_proxy(port, rtt) if rtt else None
    if proxy is not None:
        port = proxy.sockets[0].getsockname()[1]
    query = f"?starttls=1&cafile={Path(ca_dir.name) / 'ca.pem'}" if tls else ""
    print(f"ready smtp://{'bench:bench@' if tls else ''}127.0.0.1:{port}{query}", flush=True)
    await until_stdin_closes()
    if proxy is not None:
        proxy.close()
    server.close()
    ca_dir.cleanup()
    return {
        "received": sorted(handler.received.items()),
        "connections": connections,
        "bytes": handler.bytes,
        "sample_subject": handler.sample_subject,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("telegram", "smtp"))
    parser.add_argument("--no-limits", action="store_true", help="telegram: answer every send")
    parser.add_argument("--tls", action="store_true", help="smtp: require STARTTLS and AUTH")
    parser.add_argument("--rtt", type=float, default=0.0, help="smtp: seconds of round trip")
    args = parser.parse_args()
    serve = (
        serve_smtp(args.tls, args.rtt)
        if args.kind == "smtp"
        else serve_telegram(not args.no_limits)
    )
    print(json.dumps(asyncio.run(serve)), flush=True)


if __name__ == "__main__":
    main()
