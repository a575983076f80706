"""`blockwatch` on the command line: run the service, try the detector, manage subscribers.

    blockwatch run [--once] [--wait SECONDS]        the service (or one full cycle)
    blockwatch classify [--explain] < items.jsonl   the detector on JSON lines
    blockwatch subscribe --telegram CHAT_ID --country TM [--country RU]
    blockwatch subscribe --email ADDRESS --country TM
    blockwatch unsubscribe (--telegram CHAT_ID | --email ADDRESS) [--country TM]
    blockwatch subscribers                          who gets what (prints addresses)
    blockwatch feeds                                feeds.toml into the database; list with health
    blockwatch feeds export [--opml] [-o FILE]      the feeds as feeds.toml (or OPML)
    blockwatch feeds import FILE.opml [--language XX]
    blockwatch moderators [add|remove USER_ID]      who moderates; audit: what they did
    blockwatch check                                settings valid, every server reachable
    blockwatch demo                                 the pipeline on bundled reports, no setup
    blockwatch --version

Exit codes: 0 done; 1 a bug (traceback); 2 a mistake in the settings or arguments; 130
interrupted. `run --once` also: 3 every feed failed (or still backs off after failing), 4 a
channel was down throughout (nothing sent on it, deliveries deferred). `run` and `run --once`:
75 another blockwatch runs on the database (only one may: storage/instance.py), nothing done.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import sys
from collections.abc import Sequence

from bot.cli.feeds import add_feeds_commands
from bot.cli.moderators import add_moderation_commands
from bot.cli.ops import add_ops_commands, version
from bot.config import Settings
from bot.core.countries import country_problem
from bot.core.errors import BlockwatchError
from bot.core.models import Channel
from bot.service.logs import setup_logging
from storage.sqlite import SQLiteStorage

log = logging.getLogger("bot")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "reads_settings", False):  # `check`: a mistake there is one ✗ line
        code: int = args.handler(args)
        return code
    try:
        settings = Settings.from_env()
        setup_logging(settings.log_level, settings.log_format)
        result: int = args.handler(args, settings)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return result
    except BlockwatchError as exc:
        print(f"blockwatch: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        return 130


def _reader_went_away() -> int:
    """`blockwatch feeds | head -1`: the reader has all it wanted. Quiet, like any Unix tool,
    with the status a shell gives a writer killed by SIGPIPE (128 + 13)."""
    # What is still buffered cannot be written: point stdout at /dev/null so that Python's
    # flush at exit does not fail again (docs.python.org/3/library/signal.html, SIGPIPE).
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="blockwatch", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"blockwatch {version()}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="poll feeds and send alerts")
    run.add_argument("--once", action="store_true", help="one full cycle, then exit")
    run.add_argument(
        "--wait",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="while another blockwatch runs on the database, wait this long for it"
        " (default 0), then exit with 75",
    )
    run.set_defaults(handler=_run)

    classify = commands.add_parser("classify", help="detect alerts in JSON lines on stdin")
    classify.add_argument("--explain", action="store_true", help="include the evidence")
    classify.set_defaults(handler=_classify)

    for name, handler, help_text in (
        ("subscribe", _subscribe, "add a subscriber (operator-confirmed)"),
        ("unsubscribe", _unsubscribe, "remove countries, or the subscriber"),
    ):
        sub = commands.add_parser(name, help=help_text)
        who = sub.add_mutually_exclusive_group(required=True)
        who.add_argument("--telegram", metavar="CHAT_ID")
        who.add_argument("--email", metavar="ADDRESS")
        sub.add_argument(
            "--country",
            action="append",
            metavar="CC",
            required=name == "subscribe",
            help="ISO country code; repeat or separate with commas",
        )
        sub.set_defaults(handler=handler)

    add_ops_commands(commands)  # bot/cli/ops.py: demo, check
    commands.add_parser("subscribers", help="list subscribers").set_defaults(handler=_subscribers)
    add_feeds_commands(commands)  # bot/cli/feeds.py
    add_moderation_commands(commands)  # bot/cli/moderators.py
    return parser


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import open_app
    from bot.core.errors import InstanceBusyError
    from bot.service import cycle
    from bot.service.run import run_cycle, serve
    from storage.instance import acquire_instance_lock

    async def run() -> int:
        try:  # one running instance per database: two would send everything twice
            lock = await acquire_instance_lock(settings.db_path, wait=args.wait)
        except InstanceBusyError as exc:
            print(
                f"blockwatch: {exc}; {'nothing done' if args.once else 'not starting'}",
                file=sys.stderr,
            )
            return cycle.EXIT_BUSY
        try:
            async with open_app(settings) as app:
                if not args.once:
                    await serve(app)
                    return 0
                report = await run_cycle(app)
        finally:
            await lock.release()
        print(cycle.summary(report))
        for _, line in cycle.problems(report):
            print(f"blockwatch: {line}", file=sys.stderr)
        return cycle.exit_code(report)

    return asyncio.run(run())


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 86400:
        raise argparse.ArgumentTypeError(f"expected seconds, 0 to 86399: got {text!r}")
    return value


def _classify(args: argparse.Namespace, settings: Settings) -> int:
    """Results on stdout; each line that is not an item on stderr, by number, then status 1."""
    from bot.detect import Detector
    from bot.detect.classify import classify_lines

    result = classify_lines(sys.stdin, Detector.load(), explain=args.explain)
    for line in result.output:
        sys.stdout.write(line + "\n")
    sys.stdout.flush()  # the results first, then what went wrong, as they are read
    for error in result.errors:
        print(f"blockwatch: stdin line {error.line}: {error.reason}", file=sys.stderr)
    return 1 if result.errors else 0


def _subscribe(args: argparse.Namespace, settings: Settings) -> int:
    channel, address = _who(args)
    countries = _countries(args.country)

    async def subscribe() -> None:
        store = await _open_store(settings)
        try:
            found = await store.subscribe(channel, address, countries)
        finally:
            await store.close()
        print(f"subscriber {found.id} ({channel}) gets {', '.join(sorted(found.countries))}")

    asyncio.run(subscribe())
    return 0


def _unsubscribe(args: argparse.Namespace, settings: Settings) -> int:
    channel, address = _who(args)
    countries = _countries(args.country) if args.country else None

    async def unsubscribe() -> None:
        store = await _open_store(settings)
        try:
            left = await store.unsubscribe(channel, address, countries)
        finally:
            await store.close()
        print(f"still gets {', '.join(sorted(left.countries))}" if left else "forgotten")

    asyncio.run(unsubscribe())
    return 0


def _subscribers(args: argparse.Namespace, settings: Settings) -> int:
    async def listing() -> None:
        store = await _open_store(settings)
        try:
            for s in await store.subscribers():
                state = "" if s.active else " (inactive)"
                print(f"{s.id}\t{s.channel}\t{s.address}\t{','.join(sorted(s.countries))}{state}")
        finally:
            await store.close()

    asyncio.run(listing())
    return 0


def _who(args: argparse.Namespace) -> tuple[Channel, str]:
    if args.telegram is not None:
        if not re.fullmatch(r"-?\d+|@\w{5,}", args.telegram):
            raise SystemExit("blockwatch: --telegram takes a numeric chat id or an @channel name")
        return "telegram", args.telegram
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", args.email):
        raise SystemExit("blockwatch: --email takes an address like name@example.org")
    return "email", args.email


def _countries(values: Sequence[str]) -> list[str]:
    """The codes of repeated or comma-separated --country options, each checked against the
    one country list (bot/core/countries.py): a typo must not subscribe anyone to nothing."""
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    if not codes:
        raise SystemExit("blockwatch: --country takes ISO country codes, like TM or RU")
    for code in codes:
        problem = country_problem(code)
        if problem is not None:
            raise SystemExit(f"blockwatch: --country {problem}")
    return list(dict.fromkeys(code.upper() for code in codes))


async def _open_store(settings: Settings) -> SQLiteStorage:
    return await SQLiteStorage.open(settings.db_path)
