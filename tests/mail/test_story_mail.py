"""A story (several events told together) as one mail, and as one section of a digest
(bot/mail/render.py, links.py): a subject that names every service, the report once, every
source once, one Message-ID for all its events, and replies to the mails it continues. Pure."""

from __future__ import annotations

import pytest

from bot.core.models import Action, Event, EventReport, EventSource, Preferences, Subscriber
from bot.core.story import Story
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors
from bot.mail.render import EmailRenderer
from tests.support.manualclock import NOW

IDENTITY = MailIdentity("blockwatch.test", "alerts@blockwatch.test", None, b"s" * 32)
RENDER = EmailRenderer(IDENTITY, Mirrors(()))
READER = Subscriber(7, "email", "aman@example.uz", frozenset({"UZ"}))
EXCERPT = "The authorities lifted the blocks on Monday. Users confirmed it in Tashkent."
REPORT = EventSource(
    "Ozodlik",
    "Uzbekistan unblocks Twitter, WeChat and VKontakte",
    "https://o.test/1",
    EXCERPT,
    NOW,
    "en",
    10,
)
REPORT_RU = EventSource(
    "Kun.uz",
    "В Узбекистане разблокировали Twitter, WeChat и ВКонтакте",
    "https://k.test/2",
    "Власти сняли блокировку.",
    NOW,
    "ru",
    11,
)


def story(
    *services: tuple[int, str, Action, int | None], sources: tuple[EventSource, ...] = (REPORT,)
) -> Story:
    """Events (id, service, action, the event it continues) in Uzbekistan, one report of all."""
    return Story(
        tuple(
            EventReport(Event(n, "UZ", service, action, NOW, NOW, len(sources)), sources, start)
            for n, service, action, start in services
        )
    )


THREE = story(
    (4, "twitter", "unblock", 1),
    (5, "wechat", "unblock", 2),
    (6, "vkontakte", "unblock", 3),
    sources=(REPORT, REPORT_RU),
)


def message_id(event_id: int) -> str:
    return str(RENDER.alert(story((event_id, "imo", "block", None)), READER).headers["Message-ID"])


def test_one_mail_names_every_service_and_tells_the_report_once() -> None:
    mail = RENDER.alert(THREE, READER)
    assert mail.subject == "[Blockwatch] Uzbekistan: X (Twitter), WeChat and VKontakte unblocked"
    text = " ".join(mail.text.split())
    assert text.startswith("== Uzbekistan: X (Twitter), WeChat and VKontakte unblocked ==")
    assert text.count("lifted the blocks") == 1
    assert text.count("] Ozodlik") == 1 and text.count("] Kun.uz") == 1  # every source, once
    assert mail.headers["Message-ID"] == message_id(4)  # named by its lead, the first event


def test_a_russian_reader_gets_the_subject_in_russian() -> None:
    russian = Subscriber(7, "email", "aman@example.uz", language="ru")
    mixed = story((1, "facetime", "throttle", None), (2, "snapchat", "block", None))
    assert RENDER.alert(THREE, russian).subject == (
        "[Blockwatch] Узбекистан: X (Twitter), WeChat и VKontakte — разблокировка"
    )
    assert RENDER.alert(mixed, russian).subject == (
        "[Blockwatch] Узбекистан: FaceTime — замедление, Snapchat — блокировка"
    )


@pytest.mark.parametrize(
    ("told_in", "in_reply_to", "references"),
    [
        ({}, 1, [1, 2, 3]),  # the blocks went one mail each (before stories, or never got)
        ({1: 1, 2: 1, 3: 1}, 1, [1]),  # the three blocks went in one mail, named by the first
        ({1: 1, 2: 1}, 1, [1, 3]),  # two in one mail, the third alone
    ],
)
def test_a_story_replies_to_the_mails_that_told_what_it_continues(
    told_in: dict[int, int], in_reply_to: int, references: list[int]
) -> None:
    headers = RENDER.alert(Story(THREE.reports, told_in), READER).headers
    assert headers["In-Reply-To"] == message_id(in_reply_to)
    assert headers["References"].split() == [message_id(n) for n in references]


def test_a_digest_gives_a_story_one_section() -> None:
    daily = Subscriber(7, "email", "aman@example.uz", prefs=Preferences(frequency="daily"))
    alone = story((9, "telegram", "block", None), sources=(REPORT_RU,))
    [(mail, ids)] = RENDER.digest([THREE, alone], daily)
    assert sorted(ids) == [4, 5, 6, 9]
    assert mail.subject == "[Blockwatch] digest: 4 events"
    text = mail.text
    assert "1. Uzbekistan: X (Twitter), WeChat and VKontakte unblocked\n" in text
    assert "2. Uzbekistan: Telegram blocked\n" in text
    assert text.count("== Uzbekistan:") == 2
    assert " ".join(text.split()).count("lifted the blocks") == 1  # three events, one report
