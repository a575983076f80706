"""The subscription conversation: the inline-keyboard pages and what each button press does.

Every press is saved at once (no half-finished state to lose on a restart), then the page is
redrawn in place. A press is checked twice before it changes anything: its data must be
something our keyboards send (`keyboards.is_valid`), and in groups the presser must be an
administrator, exactly as for typed commands: a button is just another way to type.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType, ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message

from bot import keyboards as kb
from bot.i18n import _, current_language, get_i18n
from bot.models import Action, Frequency, Subscriber
from bot.views import describe
from storage.protocol import Storage

log = logging.getLogger(__name__)
Page = tuple[str, InlineKeyboardMarkup | None]


class Flow(StatesGroup):
    typing_code = State()  # after "type a code": the next message is country codes


async def may_change(bot: Bot, chat: Chat, user_id: int | None, sender_chat: Chat | None) -> bool:
    """Private chats: anyone. Groups: the creator, administrators, or the group posting itself."""
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if sender_chat is not None and sender_chat.id == chat.id:
        return True  # an anonymous administrator, posting as the group itself
    if user_id is None:
        return False
    try:
        member = await bot.get_chat_member(chat.id, user_id)
    except TelegramAPIError as exc:
        log.warning("could not check a group member's rights: %s", exc.message)
        return False
    return member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


def page(name: str, subscriber: Subscriber | None) -> Page:
    """The text and keyboard of one step of the conversation."""
    lang = current_language()
    if name == "countries" or subscriber is None:  # every other step needs a country first
        countries = subscriber.countries if subscriber else frozenset()
        return _("Which countries? Tap to choose, then Next."), kb.countries_keyboard(countries,
                                                                                     lang)
    prefs = subscriber.prefs
    if name == "services":
        return _("Which services? All of them, or tap the ones you use."), \
            kb.services_keyboard(prefs.services, lang)
    if name == "actions":
        return _("Which news do you want?"), kb.actions_keyboard(prefs.actions, lang)
    if name == "frequency":
        return _("How often?"), kb.frequency_keyboard(prefs, lang)
    if name == "language":
        return _("Which language?"), kb.language_keyboard(lang)
    return _("Saved. This chat gets:") + "\n" + describe(subscriber), kb.settings_keyboard(lang)


async def on_pick(query: CallbackQuery, callback_data: kb.Pick, bot: Bot, store: Storage,
                  state: FSMContext) -> None:
    """Any button of the conversation: validated, permission-checked, applied, redrawn."""
    message = query.message
    if not isinstance(message, Message) or not kb.is_valid(callback_data):
        await query.answer(_("This button is out of date."))
        return
    if not await may_change(bot, message.chat, query.from_user.id, None):
        await query.answer(_("Only this group's administrators can change its settings."),
                           show_alert=True)
        return
    step = _STEPS[callback_data.step]
    shown = await step(message, callback_data.value, store, state)
    if shown is not None:
        await _redraw(message, shown)
    await query.answer()


async def on_stale(query: CallbackQuery) -> None:
    """Buttons of an older version of the bot, or forged: answered, so no client spins."""
    await query.answer(_("This button is out of date."))


async def _redraw(message: Message, shown: Page) -> None:
    try:
        await message.edit_text(shown[0], reply_markup=shown[1], parse_mode=ParseMode.HTML)
    except TelegramBadRequest as exc:
        # A press that changed nothing (the last country kept) redraws the same page, which
        # Telegram refuses; the settings are saved either way.
        if "message is not modified" not in exc.message:
            raise


async def _page(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    return page(value, await store.subscriber("telegram", str(message.chat.id)))


async def _country(message: Message, code: str, store: Storage, state: FSMContext) -> Page | None:
    address = str(message.chat.id)
    if code == kb.TYPE_CODE:
        await state.set_state(Flow.typing_code)
        await message.answer(_("Send two-letter country codes, e.g. AM GE."))
        return None
    found = await store.subscriber("telegram", address)
    if found is None or code not in found.countries:
        found = await store.subscribe("telegram", address, [code], language=current_language())
    elif len(found.countries) > 1:
        found = await store.unsubscribe("telegram", address, [code])
    # The last country stays: removing it would forget the chat; /forget says so openly.
    return page("countries", found)


async def _service(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    chosen = None if value == kb.ALL else _toggle(found.prefs.services or frozenset(), value)
    # Un-ticking the last service means "no filter", not "nothing": an empty set would be mute.
    found = await store.set_preferences(found.id, replace(found.prefs, services=chosen or None))
    return page("services", found)


async def _action(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    chosen: frozenset[Action] = _toggle(found.prefs.actions, value)  # type: ignore[assignment]
    if chosen:  # at least one kind of news, or the chat would never hear anything
        found = await store.set_preferences(found.id, replace(found.prefs, actions=chosen))
    return page("actions", found)


async def _freq(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    frequency: Frequency = "daily" if value == "daily" else (
        "weekly" if value == "weekly" else "instant")  # value is validated: one of the three
    prefs = replace(found.prefs, frequency=frequency)
    found = await store.set_preferences(found.id, prefs)
    if value == "daily":
        return _zone_page(prefs.timezone)
    if value == "weekly":
        return _("On which day?"), kb.weekdays_keyboard(current_language())
    return page("done", found)


async def _weekday(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    await store.set_preferences(found.id, replace(found.prefs, digest_weekday=int(value)))
    return _zone_page(found.prefs.timezone)


async def _zone(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    zone = kb.ZONES[int(value)][0]
    await store.set_preferences(found.id, replace(found.prefs, timezone=zone))
    return _("At what hour ({zone})?").format(zone=zone), kb.hours_keyboard()


def _zone_page(current: str) -> Page:
    # Asked before the hour: "08:00" means nothing until we know whose eight o'clock.
    return _("Which time zone?"), kb.zones_keyboard(current)


async def _hour(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    found = await store.set_preferences(found.id, replace(found.prefs, digest_hour=int(value)))
    return page("done", found)


async def _forget(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if value != "yes":
        return _("Nothing was deleted."), None
    if found is not None:
        await store.forget(found.id)
        log.debug("chat %s forgotten", message.chat.id)
    await state.clear()
    return _("Done: we deleted this chat's settings and everything queued for it."), None


async def _lang(message: Message, value: str, store: Storage, state: FSMContext) -> Page | None:
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is None:
        return page("countries", None)
    await store.set_language(found.id, value)
    with get_i18n().use_locale(value):  # the answer already in the language just chosen
        return page("done", await store.subscriber("telegram", str(message.chat.id)))


def _toggle(chosen: frozenset[str], value: str) -> frozenset[str]:
    return chosen - {value} if value in chosen else chosen | {value}


_Step = Callable[[Message, str, Storage, FSMContext], Awaitable[Page | None]]
_STEPS: dict[str, _Step] = {
    "page": _page, "country": _country, "service": _service, "action": _action,
    "freq": _freq, "weekday": _weekday, "zone": _zone, "hour": _hour, "forget": _forget,
    "lang": _lang,
}


def register(router: Router) -> None:
    """Attach the button handler (typed codes are handled in bot/handlers.py)."""
    router.callback_query.register(on_pick, kb.Pick.filter())
    router.callback_query.register(on_stale)
