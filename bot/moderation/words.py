"""/vocab: the detector's action words per language, changed by moderators with a dry run.

    /vocab                              the changes moderators made so far
    /vocab ru block                     a list's words: the file's, − removed, + added
    /vocab add ru block заглушил*       what it would change over recent items; Apply or Cancel
    /vocab remove ru block_weak ограничен*

Applied, a change is kept in the database (storage/word_changes.py) and the running detector (the
`detector` of the dispatcher's workflow data, the pipeline's own) takes it at once. Building a
vocabulary and the dry run are CPU work of a few seconds: they run in a worker thread.
"""

from __future__ import annotations

import asyncio
import html
import tomllib
from datetime import timedelta
from functools import cache
from typing import Any, Literal

from aiogram import F, Router
from aiogram.enums import ParseMode
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.core.display import flag, headline
from bot.core.moderation import VocabChange
from bot.core.textcut import clip
from bot.detect import Detector
from bot.detect.vocab_files import DEFAULT_DIR, load_vocab
from bot.moderation.auth import IsModerator
from bot.moderation.common import reply
from bot.moderation.word_changes import (
    LISTS,
    Difference,
    DryRun,
    Plan,
    changed,
    dry_run,
    overlay_of,
    pattern_problem,
    plan,
)
from bot.ports import Clock, ModerationStorage, utc_now

TRIED_ON = timedelta(days=7)  # the dry run's items: what the feeds brought this week
MOST_ITEMS = 3000
SHOWN = 10  # differences listed per direction
USAGE = (
    "/vocab ru block: a list's words\n/vocab add ru block word: add one, with a dry run\n"
    "/vocab remove ru block word: take one out\nLists: " + ", ".join(LISTS)
)
_DRAFT = "vocab"


class VocabPress(CallbackData, prefix="mv"):
    op: str  # apply | cancel


def build_router() -> Router:
    router = Router(name="moderation-vocab")
    router.message.register(on_vocab, Command("vocab"), IsModerator())
    router.callback_query.register(on_press, VocabPress.filter(), IsModerator())
    router.callback_query.register(on_refused, F.data.startswith(f"{VocabPress.__prefix__}:"))
    return router


async def on_vocab(
    message: Message,
    command: CommandObject,
    store: ModerationStorage,
    state: FSMContext,
    detector: Detector | None = None,
    clock: Clock = utc_now,
) -> None:
    words = (command.args or "").split(maxsplit=3)
    if detector is None:
        await reply(message, "The vocabulary can be changed only in the running service.")
    elif not words:
        await reply(message, _changes(await store.vocab_changes()))
    elif len(words) == 2 and _known(detector, words[0], words[1]):
        await reply(message, _listing(words[0], words[1], await store.vocab_changes()))
    elif len(words) == 4 and words[0] in ("add", "remove") and _known(detector, *words[1:3]):
        op: Literal["add", "remove"] = "add" if words[0] == "add" else "remove"
        await _try(message, store, state, detector, clock, op, words[1], words[2], words[3])
    else:
        languages = ", ".join(sorted(detector.vocab.languages))
        await reply(message, html.escape(f"{USAGE}\nLanguages: {languages}"))


async def _try(
    message: Message,
    store: ModerationStorage,
    state: FSMContext,
    detector: Detector,
    clock: Clock,
    op: Literal["add", "remove"],
    language: str,
    name: str,
    pattern: str,
) -> None:
    """Plan the change, run it over recent items, and offer to apply it."""
    problem = pattern_problem(pattern.strip())
    if problem is not None:
        await reply(message, html.escape(problem))
        return
    changes = await store.vocab_changes()
    author = message.from_user.id if message.from_user else 0
    planned = plan(
        op,
        language,
        name,
        pattern.strip(),
        file_words(language).get(name, []),
        changes,
        author,
        clock(),
    )
    if planned.refusal is not None:
        await reply(message, html.escape(planned.refusal))
        return
    items = await store.recent_items(clock() - TRIED_ON, MOST_ITEMS)
    # the new words, with the models already loaded: reading them again costs a second
    after = Detector(
        await asyncio.to_thread(load_vocab, None, overlay_of(changed(changes, planned))),
        detector.confidence,
        detector.fallback,
    )
    result = await asyncio.to_thread(dry_run, detector, after, items)
    await state.update_data(
        {_DRAFT: {"op": op, "language": language, "list": name, "pattern": pattern.strip()}}
    )
    await reply(
        message,
        _report(op, language, name, pattern.strip(), result),
        InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text="Apply", callback_data=VocabPress(op="apply").pack()),
                    InlineKeyboardButton(
                        text="Cancel", callback_data=VocabPress(op="cancel").pack()
                    ),
                ]
            ]
        ),
    )


async def on_press(
    query: CallbackQuery,
    callback_data: VocabPress,
    store: ModerationStorage,
    state: FSMContext,
    detector: Detector | None = None,
    clock: Clock = utc_now,
) -> None:
    draft = (await state.get_data()).get(_DRAFT)
    message = query.message
    if not isinstance(message, Message) or not isinstance(draft, dict) or detector is None:
        await query.answer(
            "No change of yours is waiting here: send /vocab again.", show_alert=True
        )
        return
    await state.update_data({_DRAFT: None})
    if callback_data.op != "apply":
        await _show(message, "Cancelled: the vocabulary is unchanged.")
        await query.answer()
        return
    language, name, pattern = str(draft["language"]), str(draft["list"]), str(draft["pattern"])
    # Planned again: another moderator may have changed the same word since the dry run.
    planned = plan(
        "add" if draft["op"] == "add" else "remove",
        language,
        name,
        pattern,
        file_words(language).get(name, []),
        await store.vocab_changes(),
        query.from_user.id,
        clock(),
    )
    await _record(store, planned, query.from_user.id, clock)
    detector.use(await asyncio.to_thread(load_vocab, None, overlay_of(await store.vocab_changes())))
    done = planned.refusal or f"Applied: {draft['op']} {pattern} in {language} {name}."
    await _show(message, html.escape(done))
    await query.answer("Applied." if planned.refusal is None else "Nothing to do.")


async def on_refused(query: CallbackQuery) -> None:
    await query.answer("Only moderators can do this.", show_alert=True)


async def _record(store: ModerationStorage, planned: Plan, moderator: int, clock: Clock) -> None:
    if planned.write is not None:
        await store.set_vocab_change(planned.write)
    elif planned.undo is not None:
        undo = planned.undo
        await store.drop_vocab_change(undo.language, undo.list, undo.pattern, moderator, clock())


@cache
def file_words(language: str) -> dict[str, list[str]]:
    """The action lists of a language as its file has them."""
    path = DEFAULT_DIR / "lang" / f"{language}.toml"
    with path.open("rb") as file:
        actions: dict[str, Any] = tomllib.load(file).get("actions", {})
    return {name: list(actions.get(name, [])) for name in LISTS}


def _known(detector: Detector, language: str, name: str) -> bool:
    return language in detector.vocab.languages and name in LISTS


def _listing(language: str, name: str, changes: list[VocabChange]) -> str:
    mine = {c.pattern: c.added for c in changes if (c.language, c.list) == (language, name)}
    words = [("− " if mine.get(w) is False else "") + w for w in file_words(language)[name]]
    words += [f"+ {w}" for w, added in mine.items() if added]
    text = ", ".join(words) or "(empty)"
    return f"<b>{language} {name}</b> (− removed, + added by moderators):\n" + html.escape(
        clip(text, 3500)
    )


def _changes(changes: list[VocabChange]) -> str:
    if not changes:
        return html.escape(USAGE) + "\n\nNo changes to the files' words yet."
    lines = [
        f"{'+' if c.added else '−'} {c.language} {c.list}: {c.pattern} "
        f"(by {c.changed_by}, {c.changed_at:%Y-%m-%d})"
        for c in changes
    ]
    return "<b>Moderators' changes</b>\n" + html.escape("\n".join(lines))


def _report(op: str, language: str, name: str, pattern: str, result: DryRun) -> str:
    head = (
        f"<b>{op} “{html.escape(pattern)}”</b> in {language} {name}: over "
        f"{result.items} items of the last {TRIED_ON.days} days, "
        f"{len(result.added)} alerts more, {len(result.removed)} fewer."
    )
    lines = [head]
    for sign, found in (("+", result.added), ("−", result.removed)):
        lines += [f"{sign} {_line(d)}" for d in found[:SHOWN]]
        if len(found) > SHOWN:
            lines.append(f"{sign} and {len(found) - SHOWN} more")
    return "\n".join(lines)


def _line(difference: Difference) -> str:
    alert, item = difference.alert, difference.item
    title = headline(alert.country, alert.service, alert.action)
    return (
        f"{flag(alert.country)} {html.escape(title)} — "
        f"{html.escape(clip(item.source, 40))}: {html.escape(clip(item.title, 100))}"
    )


async def _show(message: Message, text: str) -> None:
    await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=None)
