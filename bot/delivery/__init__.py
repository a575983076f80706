"""Delivery: draining the outbox, one channel at a time. The outbox run (outbox.py: per
subscriber, retries, topic fallback), which events travel together as one message (stories.py),
a subscriber's messages (plan.py: stories, digests), the connections sending at once (lanes.py)
and the line of subscribers they take from (line.py), what a refusal costs (outcomes.py), the rest
a channel found down is given, the numbers a run reports, and the console "channel" of a dry run.

The channels' adapters are not here: they implement bot.ports' Sender (bot/telegram/sender.py,
bot/mail/smtp.py) and are wired in bot/app.py.

May import: bot.core, bot.detect, bot.ports. Not bot.feeds, bot.mail or bot.telegram.
"""
