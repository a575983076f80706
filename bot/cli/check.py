"""`blockwatch check`: every setting validated and every configured server reached, before going
live. One line each, ✓ or ✗ with the reason; exit 1 on any ✗.

    ✓ settings: read (4 set)
    ✓ feeds: feeds.toml, 12 feeds
    ✓ database: blockwatch.db, 3 events
    ✓ telegram: getMe answered: @blockwatch_bot
    ✗ smtp: cannot use SMTP server mail.example.org:587: ...
    ✓ imap: logged in, INBOX selected: 0 unhandled messages
    ✓ feed: Azatlyk Radiosy: 200, 30 items

It changes nothing anywhere: a mailbox message is read with PEEK and left unmarked, no mail is
sent, the database is only opened (which applies pending migrations, as `run` would). Reasons
never echo a password (bot/mail's adapters redact them) nor an address of a subscriber.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TextIO

from bot.config import Settings, _Variables
from bot.core.errors import BlockwatchError
from bot.core.models import FeedSpec

Check = Callable[[], Awaitable[str]]  # returns what it found; raises with the reason
TIMEOUT = 20.0  # seconds for each server


def run_check(out: TextIO | None = None) -> int:
    """Print one line per check (on stdout); 0 when all passed, else 1."""
    return asyncio.run(_check_all(out or sys.stdout))


async def _check_all(out: TextIO) -> int:
    try:
        settings = Settings.from_env()
    except BlockwatchError as exc:
        _line(out, False, "settings", str(exc))
        return 1
    given = sum(1 for name in _Variables.names() if os.environ.get(name))
    _line(out, True, "settings", f"read ({given} set, the rest default)")
    feeds: list[FeedSpec] = []

    async def read_feeds() -> str:
        from bot.feeds.file import load_feeds

        feeds.extend(load_feeds(settings.feeds_path))
        return f"{settings.feeds_path}, {len(feeds)} feeds"

    checks: list[tuple[str, Check]] = [
        ("feeds", read_feeds),
        ("database", lambda: _database(settings)),
    ]
    if settings.telegram_token is not None:
        checks.append(("telegram", lambda: _telegram(settings)))
    if settings.telegram_webhook_url is not None:
        checks.append(
            (
                "webhook",
                _needs_token if settings.telegram_token is None else partial(_webhook, settings),
            )
        )
    if settings.smtp_url is not None:
        checks.append(("smtp", lambda: _smtp(settings)))
    if settings.imap_url is not None:
        checks.append(("imap", lambda: _imap(settings)))
    checks.append(("feed", lambda: _one_feed(settings, feeds)))
    failed = False
    for name, check in checks:
        try:
            found = await asyncio.wait_for(check(), TIMEOUT)
        except TimeoutError:
            failed = _line(out, False, name, f"no answer in {TIMEOUT:.0f} s")
        except Exception as exc:  # any reason is the operator's to read, on one line
            failed = _line(out, False, name, _reason(exc))
        else:
            _line(out, True, name, found)
    return 1 if failed else 0


def _line(out: TextIO, ok: bool, name: str, text: str) -> bool:
    """Print the line; True when it is a failure."""
    print(f"{'✓' if ok else '✗'} {name}: {text}", file=out, flush=True)
    return not ok


def _reason(exc: BaseException) -> str:
    text = str(exc).replace("\n", " ").strip()
    if isinstance(exc, BlockwatchError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def _needs_token() -> str:
    raise ValueError("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not")


async def _database(settings: Settings) -> str:
    from storage.sqlite import SQLiteStorage

    path = settings.db_path
    if not path.exists():
        if not os.access(path.parent.resolve(), os.W_OK):
            raise ValueError(f"{path} does not exist and its folder is not writable")
        return f"{path} does not exist yet: `blockwatch run` creates it"
    store = await SQLiteStorage.open(path)
    try:
        events = await store.recent_events(None, 1000)
    finally:
        await store.close()
    return f"{path}, {len(events)}{'+' if len(events) == 1000 else ''} events"


async def _telegram(settings: Settings) -> str:
    from bot.telegram.sender import make_bot

    assert settings.telegram_token is not None
    bot = make_bot(settings.telegram_token, settings.telegram_api_url, timeout=TIMEOUT)
    try:
        me = await bot.get_me()
    finally:
        await bot.session.close()
    return f"getMe answered: @{me.username}"


async def _webhook(settings: Settings) -> str:
    """What Telegram says of the webhook: ours or not yet, and its last delivery error."""
    from bot.telegram.sender import make_bot

    assert settings.telegram_token is not None
    bot = make_bot(settings.telegram_token, settings.telegram_api_url, timeout=TIMEOUT)
    try:
        info = await bot.get_webhook_info()
    finally:
        await bot.session.close()
    if info.url != settings.telegram_webhook_url:
        return "not registered yet: `blockwatch run` registers it"
    if info.last_error_message:
        raise ValueError(f"Telegram's last post to it failed: {info.last_error_message}")
    return f"registered, {info.pending_update_count} updates waiting"


async def _smtp(settings: Settings) -> str:
    from bot.mail.smtp import EmailSender, SmtpSettings

    assert settings.smtp_url is not None
    smtp = SmtpSettings.from_url(settings.smtp_url, settings.mail_from)
    async with EmailSender(smtp).batch():  # connect, EHLO, STARTTLS and login as configured
        pass
    login = f"logged in as {smtp.username}" if smtp.username else "no login configured"
    return f"{smtp.host}:{smtp.port} answered EHLO, {login}"


async def _imap(settings: Settings) -> str:
    from bot.mail.imap import ImapSettings, Mailbox

    assert settings.imap_url is not None
    imap = ImapSettings.from_url(settings.imap_url)
    async with Mailbox(imap) as mailbox:  # login and SELECT; fetch only PEEKs
        waiting = await mailbox.fetch_unhandled()
    return f"logged in, {imap.mailbox} selected: {len(waiting)} unhandled messages"


async def _one_feed(settings: Settings, feeds: list[FeedSpec]) -> str:
    from bot.feeds.fetch import Fetcher
    from bot.feeds.parse import parse_feed

    if not feeds:
        raise ValueError("no feed to try (see the feeds line)")
    feed = feeds[0]
    fetcher = Fetcher.open(allowed=settings.allow_hosts)
    try:
        result = await fetcher.fetch(feed.url)
    finally:
        await fetcher.close()
    entries = await parse_feed(result, feed)
    return f"{feed.name}: {len(entries)} items"
