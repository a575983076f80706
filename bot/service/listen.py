"""Start an aiohttp app on host:port: the one place that turns a busy or forbidden address into
the operator's one-line ConfigError (the web endpoint and the admin endpoint both use it)."""

from __future__ import annotations

import logging
import os

from aiohttp import web

from bot.core.errors import ConfigError

__all__ = ["listen"]


async def listen(
    app: web.Application,
    host: str,
    port: int,
    *,
    setting: str,
    where: str,
    advice: str,
    logger: logging.Logger | None = None,
) -> web.AppRunner:
    """The app served on host:port, or a ConfigError naming `setting`: "cannot listen on
    {where} ({reason}): {advice}". URLs may hold tokens: no access log."""
    runner = (
        web.AppRunner(app, access_log=None)
        if logger is None
        else web.AppRunner(app, access_log=None, logger=logger)
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ConfigError(
            f"cannot listen on {where} ({reason}): {advice}",
            field=setting,
        ) from exc
    return runner
