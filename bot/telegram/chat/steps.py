"""What each button of the conversation does: save the choice, then name the page that follows.

Every press is saved at once (no half-finished state to lose on a restart). Values arrive
validated (bot/telegram/callbacks.py) and the presser's rights checked
(bot/telegram/chat/buttons.py); a step only
needs to know whose settings it edits: `Where.address`, this chat's or a managed channel's.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.core.models import Action, Frequency, Preferences, Subscriber
from bot.ports import Storage
from bot.telegram import keyboards as kb
from bot.telegram.chat import pages
from bot.telegram.i18n import _, current_language, get_i18n

log = logging.getLogger(__name__)


class Flow(StatesGroup):
    typing_code = State()  # after "type a code": the next message is country codes
    typing_zone = State()  # after "type a zone": the next message is a time zone's name


@dataclass(frozen=True, slots=True)
class Where:
    """A press: the page it was on, and whose subscription it edits."""

    message: Message  # the page, in the chat pressed in
    address: str  # the subscriber edited: this chat's id, or a managed channel's
    managed: int | None = None  # that channel's id when it is not this chat


Page = pages.Page
Step = Callable[[Where, str, Storage, FSMContext], Awaitable[Page | None]]


async def _found(where: Where, store: Storage) -> Subscriber | None:
    return await store.subscriber("telegram", where.address)


async def _save(store: Storage, found: Subscriber, **changes: Any) -> Subscriber:
    """Change some of the subscriber's preferences, keeping the rest."""
    return await store.set_preferences(found.id, replace(found.prefs, **changes))


async def _page(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    return pages.page(value, await _found(where, store))


async def _country(where: Where, code: str, store: Storage, state: FSMContext) -> Page | None:
    if code == kb.TYPE_CODE:
        await _expect(where, state, Flow.typing_code)
        await where.message.answer(_("Send two-letter country codes, e.g. AM GE."))
        return None
    found = await _found(where, store)
    if found is None or code not in found.countries:
        found = await store.subscribe(
            "telegram", where.address, [code], language=current_language()
        )
    elif len(found.countries) > 1:
        found = await store.unsubscribe("telegram", where.address, [code])
    # The last country stays: removing it would forget the chat; /forget says so openly.
    return pages.page("countries", found)


async def _service(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    chosen = None if value == kb.ALL else _toggle(found.prefs.services or frozenset(), value)
    # Un-ticking the last service means "no filter", not "nothing": an empty set would be mute.
    return pages.page("services", await _save(store, found, services=chosen or None))


async def _action(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    chosen: frozenset[Action] = _toggle(found.prefs.actions, value)  # type: ignore[assignment]
    if chosen:  # at least one kind of news, or the chat would never hear anything
        found = await _save(store, found, actions=chosen)
    return pages.page("actions", found)


async def _freq(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    frequency: Frequency = (
        "daily" if value == "daily" else ("weekly" if value == "weekly" else "instant")
    )  # value is validated: one of the three
    found = await _save(store, found, frequency=frequency)
    if frequency == "weekly":
        return _("On which day?"), kb.weekdays_keyboard(current_language())
    return pages.zone_page(found.prefs) if frequency == "daily" else pages.done_page(found)


async def _weekday(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    return pages.zone_page((await _save(store, found, digest_weekday=int(value))).prefs)


async def _zone(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    if value == kb.TYPE_ZONE:
        await _expect(where, state, Flow.typing_zone)
        await where.message.answer(
            _(
                "Send a time zone name, such as Asia/Tashkent, or a city "
                "the time zone is named after, such as Tashkent."
            )
        )
        return None
    return after_zone(await _save(store, found, timezone=value))


def after_zone(found: Subscriber) -> Page:
    """A digest asks its hour in the zone just chosen; instant alerts are done."""
    return (
        pages.done_page(found)
        if found.prefs.frequency == "instant"
        else pages.hour_page(found.prefs)
    )


async def _region(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    return pages.region_page(value, found.prefs if found else Preferences())


async def _hour(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    return pages.done_page(await _save(store, found, digest_hour=int(value)))


async def _quiet_from(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    if value == "off":
        return pages.done_page(await _save(store, found, quiet_hours=None))
    return pages.quiet_end_page(int(value), found.prefs)


async def _quiet(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    start, _dash, end = value.partition("-")
    return pages.done_page(await _save(store, found, quiet_hours=(int(start), int(end))))


async def _forget(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    if value != "yes":
        return _("Nothing was deleted."), None
    found = await _found(where, store)
    if found is not None:
        await store.forget(found.id)
        log.debug("chat %s forgotten", where.address)
    await state.clear()
    return _("Done: we deleted this chat's settings and everything queued for it."), None


async def _lang(where: Where, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await _found(where, store)
    if found is None:
        return pages.page("countries", None)
    await store.set_language(found.id, value)
    if where.managed is not None:  # a channel's alerts change language, not its admin's menus
        return pages.page("done", await _found(where, store))
    with get_i18n().use_locale(value):  # the answer already in the language just chosen
        return pages.page("done", await _found(where, store))


async def _expect(where: Where, state: FSMContext, step: State) -> None:
    """The next message typed in this chat answers `step`, for the subscriber pressed for."""
    await state.set_state(step)
    await state.update_data(address=where.address, managed=where.managed)


def _toggle(chosen: frozenset[str], value: str) -> frozenset[str]:
    return chosen - {value} if value in chosen else chosen | {value}


STEPS: dict[str, Step] = {
    "page": _page,
    "country": _country,
    "service": _service,
    "action": _action,
    "freq": _freq,
    "weekday": _weekday,
    "zone": _zone,
    "region": _region,
    "hour": _hour,
    "qfrom": _quiet_from,
    "quiet": _quiet,
    "forget": _forget,
    "lang": _lang,
}
