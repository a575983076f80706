"""The real `blockwatch` command in a child process (`python -m bot ARGV`), for the tests that need
real processes: two cron runs at once, a kill mid-batch, a service stopped by a signal.

`environment` is what the child runs with: ours without any Blockwatch setting a developer may
have exported, plus a database and a feeds file in the test's folder and the loopback hosts the
local servers listen on. `start` runs the command in that folder (so no stray `.env` is read),
`finished` waits for it, `wait_until` waits for what the child does to show.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.support.botapi import BotAPI
from tests.support.loopback import LOOPBACK_HOSTS
from tests.support.paths import REPO

# What names a setting of ours (bot/config.py): none of them leaks in from the developer's shell.
SETTING_PREFIXES = (
    "BLOCKWATCH_",
    "TELEGRAM_",
    "SMTP_",
    "IMAP_",
    "PUBLIC_URL",
    "MAIL_FROM",
    "OONI_",
)


def environment(folder: Path, **settings: str) -> dict[str, str]:
    """Ours minus every Blockwatch setting; the database and feeds.toml in `folder`; `settings`."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(SETTING_PREFIXES)
    }
    env.update(
        PYTHONPATH=str(REPO),
        BLOCKWATCH_DB=str(folder / "blockwatch.db"),
        BLOCKWATCH_FEEDS=str(folder / "feeds.toml"),
        BLOCKWATCH_ALLOW_HOSTS=LOOPBACK_HOSTS,  # the local feed server (bot/feeds/hosts.py)
        OONI_API_URL="",  # no figures: nothing reaches the internet (tests/ooni use a stand-in)
    )
    env.update(settings)
    return env


def telegram(api: BotAPI) -> dict[str, str]:
    """The settings that point the child's Telegram client at the Bot API stand-in."""
    return {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_URL": api.base_url}


async def start(
    env: Mapping[str, str], *argv: str, cwd: Path | None = None, stdin: bool = False
) -> asyncio.subprocess.Process:
    """`python -m bot ARGV`, in `cwd` or else its database's folder; stdout and stderr piped,
    stdin too when `stdin` (else the child reads nothing)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *argv,
        env=dict(env),
        cwd=cwd or Path(env["BLOCKWATCH_DB"]).parent,
        stdin=asyncio.subprocess.PIPE if stdin else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finished(process: asyncio.subprocess.Process, seconds: float = 120) -> str:
    """Wait for the process to end (killing it if it takes longer than `seconds`); its stderr."""
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), seconds)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    return stderr.decode()


async def wait_until(condition: Callable[[], object], seconds: float = 30) -> None:
    """Poll `condition` every 0.1 s until it holds; TimeoutError after `seconds`."""
    async with asyncio.timeout(seconds):
        # Another process causes it: there is no in-process event to wait on.
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.1)
