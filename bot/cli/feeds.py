"""`blockwatch feeds`: the feed registry on the command line.

    blockwatch feeds                           seed from feeds.toml, list every feed with health
    blockwatch feeds export [--opml] [-o F]    the registry as feeds.toml (or OPML)
    blockwatch feeds import FILE.opml [--language XX]

The database is the list (bot/feeds/desk.py): export writes what moderators made of it, import
adds to it, audited as the operator (user id 0). A running service picks changes up within a
minute.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.cli.store import with_store
from bot.config import Settings
from bot.core.languages import is_language
from bot.feeds.desk import import_opml, seed_registry
from bot.feeds.file import dump_feeds
from bot.feeds.opml import to_opml
from bot.feeds.view import feed_line
from storage.store import Store

OPERATOR = 0  # the audit log's actor for the command line (bot.core.moderation.OPERATOR)


def add_feeds_commands(commands: Any) -> None:
    """`feeds` and its actions, on the top-level subparsers."""
    feeds = commands.add_parser("feeds", help="list the feeds with their health; export, import")
    feeds.set_defaults(handler=_list)
    actions = feeds.add_subparsers(metavar="ACTION")
    export = actions.add_parser("export", help="write the feeds as feeds.toml (or OPML)")
    export.add_argument("--opml", action="store_true", help="OPML 2.0 instead of TOML")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.set_defaults(handler=_export)
    imports = actions.add_parser("import", help="add the feeds of an OPML file")
    imports.add_argument("file", type=Path, metavar="FILE.opml")
    imports.add_argument(
        "--language",
        metavar="XX",
        type=_language,
        help="ISO 639-1 code for the outlines that give none",
    )
    imports.set_defaults(handler=_import)


def _language(value: str) -> str:
    if not is_language(value.lower()):
        raise argparse.ArgumentTypeError(f"not an ISO 639-1 code: {value!r}")
    return value.lower()


def _list(args: argparse.Namespace, settings: Settings) -> int:
    async def listing(store: Store) -> int:
        now = datetime.now(UTC)
        await seed_registry(store, settings.feeds_path, now)
        for view in await store.feed_views():
            print(feed_line(view, now))
        return 0

    return with_store(settings, listing)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    async def export(store: Store) -> int:
        feeds = await store.registered_feeds()
        text = to_opml(feeds, datetime.now(UTC)) if args.opml else dump_feeds(feeds)
        if args.output is None:
            sys.stdout.write(text)
        else:
            await asyncio.to_thread(args.output.write_text, text, encoding="utf-8")
        return 0

    return with_store(settings, export)


def _import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise SystemExit(f"blockwatch: cannot read {args.file}: {exc.strerror}") from exc

    async def imports(store: Store) -> int:
        report = await import_opml(
            store, data, datetime.now(UTC), actor_id=OPERATOR, default_language=args.language
        )
        for outline, reason in report.skipped:
            print(f"skipped {outline}: {reason}", file=sys.stderr)
        print(
            f"added {len(report.added)} feeds, {len(report.known)} registered already, "
            f"{len(report.skipped)} skipped"
        )
        return 1 if report.skipped and not report.added else 0

    return with_store(settings, imports)
