"""How moderators read feeds: the /feeds pages, the `blockwatch feeds` lines, the daily problem
report and the /addfeed preview. Pure: the clock and the scheduler's next runs are parameters.

Telegram texts are HTML with every feed-supplied string escaped (names and errors come from
the feeds and their servers), and /feeds is cut into pages under Telegram's 4096 characters,
with few enough feeds per page that each keeps its row of buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from bot.core.display import flag, headline
from bot.core.health import FeedProblem, FeedView, next_poll, problem_of
from bot.core.textcut import clean, clip, web_url
from bot.feeds.preview import FeedPreview

PAGE_CHARS = 3800  # under Telegram's 4096, with room for the header
FEEDS_PER_PAGE = 10  # four buttons each: 40 of the 100 Telegram allows
MATCHES_SHOWN = 10
REASON_CHARS = 160
MAX_URL_CHARS = 500
NextRun = Callable[[str], datetime | None]  # feed URL -> the scheduler's next run
_VIA = {
    "given": "the address itself",
    "announced": "announced by the page",
    "guessed": "found at a usual address of the site",
}


@dataclass(frozen=True, slots=True)
class FeedPage:
    text: str  # HTML
    views: tuple[FeedView, ...]  # the feeds on it, in order: one row of buttons each


def ago(delta: timedelta) -> str:
    """A duration as people say it: "4 min", "3 h", "2 d"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "<1 min"
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} d"


def health_summary(view: FeedView, now: datetime, scheduled: datetime | None) -> str:
    """One line of plain text: last success, items, events, next poll, and the last error."""
    feed, health = view.feed, view.health
    state = health.state
    parts = [
        f"last ok {ago(now - state.last_success)} ago"
        if state.last_success
        else "never polled successfully"
    ]
    parts.append(f"{health.items_seen} items, {health.events_found} events")
    if feed.spec.full_text:
        parts.append("full text by mail")
    if feed.status != "active":
        parts.append(feed.status)
    else:
        when = next_poll(view, scheduled)
        parts.append(
            "next poll soon" if when is None or when <= now else f"next poll in {ago(when - now)}"
        )
    if state.failures and state.last_error:
        parts.append(f"failed {state.failures}x: {clip(state.last_error, REASON_CHARS)}")
    return "; ".join(parts)


def feed_pages(views: Sequence[FeedView], now: datetime, next_run: NextRun) -> list[FeedPage]:
    """/feeds: every feed with its health, in pages under Telegram's limits."""
    if not views:
        return [FeedPage("No feeds yet. Add one with /addfeed URL.", ())]
    blocks = [(view, _feed_block(view, now, next_run(view.feed.spec.url))) for view in views]
    pages: list[list[tuple[FeedView, str]]] = [[]]
    size = 0
    for view, block in blocks:
        if pages[-1] and (len(pages[-1]) >= FEEDS_PER_PAGE or size + len(block) > PAGE_CHARS):
            pages.append([])
            size = 0
        pages[-1].append((view, block))
        size += len(block) + 2
    paused = sum(view.feed.status == "paused" for view in views)
    header = f"<b>Feeds</b>: {len(views) - paused} active, {paused} paused"
    return [
        FeedPage(
            f"{header} ({number}/{len(pages)})\n\n" + "\n\n".join(b for _, b in page),
            tuple(v for v, _ in page),
        )
        for number, page in enumerate(pages, 1)
    ]


def _feed_block(view: FeedView, now: datetime, scheduled: datetime | None) -> str:
    feed, spec = view.feed, view.feed.spec
    icon = "⏸" if feed.status == "paused" else ("⚠️" if problem_of(view, now) else "✅")
    minutes = int(spec.interval.total_seconds() // 60)
    title = _linked(spec.url, clip(spec.name, 80))
    settings = f"{spec.language} · {spec.country or 'no country'} · every {minutes} min"
    summary = escape(health_summary(view, now, scheduled))
    return f"{icon} <b>{feed.id}.</b> {title}\n{settings}\n{summary}"


def _linked(url: str, text: str) -> str:
    """The text linked to the URL; an absurdly long URL is left out rather than cut."""
    target = web_url(url, MAX_URL_CHARS)
    return f'<a href="{escape(target)}">{escape(text)}</a>' if target else escape(text)


def feed_line(view: FeedView, now: datetime) -> str:
    """`blockwatch feeds`: name, language, country, interval, status, health, URL, tab-separated."""
    spec = view.feed.spec
    minutes = int(spec.interval.total_seconds() // 60)
    fields = [
        spec.name,
        spec.language,
        spec.country or "-",
        f"{minutes} min",
        view.feed.status,
        health_summary(view, now, None),
        spec.url,
    ]
    # clean: tabs separate the fields, and no control or bidi character reaches the terminal.
    return "\t".join(clean(field) for field in fields)


def problem_text(problem: FeedProblem, now: datetime) -> str:
    """One problem in plain words, for the log and (escaped) for Telegram."""
    spec = problem.feed.spec
    if problem.kind == "failing":
        reason = clip(problem.reason or "no reason given", REASON_CHARS)
        return f"#{problem.feed.id} {spec.name} has failed for {ago(now - problem.since)}: {reason}"
    return f"#{problem.feed.id} {spec.name} brought no new item for {ago(now - problem.since)}"


def problems_message(problems: Sequence[FeedProblem], now: datetime) -> str:
    """The daily report to moderators (HTML)."""
    lines = [f"• {escape(problem_text(problem, now))}" for problem in problems]
    return (
        "⚠️ <b>Feeds that need a look</b>\n"
        + "\n".join(lines)
        + "\n\n/feeds to pause, remove or change them."
    )


def preview_message(preview: FeedPreview) -> str:
    """/addfeed's result (HTML): the feed found, its settings, and what it would alert on."""
    spec = preview.spec
    minutes = int(spec.interval.total_seconds() // 60)
    lines = [
        f"<b>Feed found</b>: {_linked(spec.url, clip(spec.name, 100))}",
        f"({_VIA[preview.found_via]})",
        f"Language: {spec.language} · default country: {spec.country or 'none'}"
        f" · every {minutes} min",
        f"{preview.items} items now; {len(preview.matches)} alerts would be found"
        + (":" if preview.matches else "."),
    ]
    for match in preview.matches[:MATCHES_SHOWN]:
        alert = match.alert
        said = escape(headline(alert.country, alert.service, alert.action))
        lines.append(f"• {flag(alert.country)} {said} — <i>{escape(clip(match.title, 90))}</i>")
    if len(preview.matches) > MATCHES_SHOWN:
        lines.append(f"… and {len(preview.matches) - MATCHES_SHOWN} more")
    return "\n".join(lines)
