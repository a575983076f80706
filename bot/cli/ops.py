"""The operator's commands beside `run`: `blockwatch demo` (bot/cli/demo.py), `blockwatch check`
(bot/cli/check.py), and the version `--version` prints."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from typing import Any

from bot.config import Settings
from bot.service.logs import setup_logging


def add_ops_commands(commands: Any) -> None:  # argparse's _SubParsersAction
    demo = commands.add_parser(
        "demo", help="the pipeline on a few bundled real reports, offline, no setup"
    )
    demo.add_argument("--serve", action="store_true", help="keep the status page open until Ctrl-C")
    demo.set_defaults(handler=_demo)
    check = commands.add_parser(
        "check", help="validate the settings and reach every configured server"
    )
    # reads_settings: main() leaves the settings to it, so that a mistake there is a ✗ line
    check.set_defaults(handler=_check, reads_settings=True)


def version() -> str:
    """The installed package's version (pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("blockwatch")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.demo import run_demo  # ignores the settings on purpose: it needs none

    logging.getLogger().setLevel(logging.WARNING)  # the demo's own lines tell the story

    async def demo() -> int:
        if not args.serve:
            return await run_demo(sys.stdout)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        return await run_demo(sys.stdout, stop)

    return asyncio.run(demo())


def _check(args: argparse.Namespace) -> int:
    from bot.cli.check import run_check

    setup_logging("ERROR")  # the lines are the report; the libraries' warnings would repeat it
    return run_check()
