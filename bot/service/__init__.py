"""The long-running service and `run --once`: the APScheduler jobs, the supervised parts
(scheduler, mailbox loop, Telegram polling) restarted after any failure, their state on
/health, the web endpoint that mounts the one-click unsubscribe, the exit codes a cycle gives
cron, and logging.

May import: bot.app (the composition root it runs) and everything below it. Not bot.cli.
"""
