"""OONI's figure in both channels, in the reader's language: alerts, stories, boards, unblocks.
Pure renderers, the figure given as data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.models import Preferences, Subscriber
from bot.core.ooni import OoniCounts, OoniFigure
from bot.core.story import Story
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors
from bot.mail.render import EmailRenderer
from bot.telegram.board import BoardRow, render_board
from bot.telegram.digest import render_telegram_digest
from bot.telegram.render import render_telegram
from tests.support.manualclock import NOW
from tests.support.reports import SEEN, parse, report, source

BLOCKED = OoniFigure(
    "TM",
    "imo",
    "web_connectivity",
    NOW,
    OoniCounts(48, 29, 12, 0, 7),
    OoniCounts(700, 0, 0, 2, 698),
)
CLEARED = OoniFigure(
    "TM",
    "imo",
    "web_connectivity",
    NOW,
    OoniCounts(50, 2, 0, 0, 48),
    OoniCounts(600, 400, 140, 0, 60),
)
SENTENCE = "OONI: 41 of 48 measurements in TM in the last 24 h show an anomaly (12 confirmed)"
EXPLORER = "https://explorer.ooni.org/country/TM"
MAIL = EmailRenderer(MailIdentity("bw.test", "alerts@bw.test", None, b"s" * 32), Mirrors(()))


def reader(channel: str, language: str = "en") -> Subscriber:
    return Subscriber(1, channel, "x", frozenset({"TM"}), language)  # type: ignore[arg-type]


def test_a_telegram_alert_carries_the_figure_and_links_the_explorer() -> None:
    told = Story.of(replace(report(source()), ooni=BLOCKED))
    parsed = parse(render_telegram(told, reader("telegram")).text)
    assert SENTENCE in parsed.text
    assert (EXPLORER, "OONI Explorer") in parsed.links


def test_an_alert_without_a_figure_has_no_line() -> None:
    for ooni in (None, replace(BLOCKED, recent=OoniCounts())):
        told = Story.of(replace(report(source()), ooni=ooni))
        assert "OONI" not in render_telegram(told, reader("telegram")).text
        assert "OONI" not in MAIL.alert(told, reader("email")).text


def test_a_mail_alert_carries_the_figure_and_the_explorer_address() -> None:
    told = Story.of(replace(report(source()), ooni=BLOCKED))
    text = MAIL.alert(told, reader("email")).text
    assert " ".join(text.replace(" \n", " ").split()).count(SENTENCE) == 1
    assert EXPLORER in text.splitlines()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", "41 из 48 измерений в TM за последние 24 ч показывают аномалию (12 подтверждено)"),
        ("tk", "48 ölçegden 41 sanysy anomaliýa görkezýär (12 sanysy tassyklanan)"),
        ("uz", "48 ta oʻlchovdan 41 tasi anomaliya koʻrsatdi (12 tasi tasdiqlangan)"),
        ("uz_Cyrl", "48 та ўлчовдан 41 таси аномалия кўрсатди (12 таси тасдиқланган)"),
        ("kk", "48 өлшемнің 41 өлшемі аномалия көрсетті (12 расталған)"),
    ],
)
def test_the_figure_in_the_readers_language(language: str, words: str) -> None:
    told = Story.of(replace(report(source()), ooni=BLOCKED))
    assert words in parse(render_telegram(told, reader("telegram", language)).text).text
    mail = MAIL.alert(told, reader("email", language)).text
    assert words in " ".join(mail.replace(" \n", " ").split())


def test_an_unblock_shows_the_fall_of_the_anomaly_rate() -> None:
    told = Story.of(replace(report(source(), action="unblock"), ooni=CLEARED))
    fell = "the share of measurements that show an anomaly fell from 90 % to 4 % in the last 24 h"
    assert fell in parse(render_telegram(told, reader("telegram")).text).text
    assert fell in " ".join(MAIL.alert(told, reader("email")).text.replace(" \n", " ").split())


def test_a_story_names_the_service_of_each_figure() -> None:
    imo = replace(report(source()), ooni=BLOCKED)
    telegram = replace(
        report(source(), service="telegram"),
        ooni=replace(BLOCKED, service="telegram", test_name="telegram"),
    )
    telegram = replace(telegram, event=replace(telegram.event, id=8))
    told = Story((imo, telegram))
    text = parse(render_telegram(told, reader("telegram")).text).text
    assert f"IMO — {SENTENCE}" in text
    assert f"Telegram — {SENTENCE}" in text


def test_a_board_line_carries_its_services_figure() -> None:
    rows = [
        BoardRow("TM", "imo", "blocked", SEEN, 2),
        BoardRow("TM", "youtube", "blocked", SEEN, 1),
    ]
    board = render_board("TM", rows, "en", figures={"imo": BLOCKED})
    imo, youtube = board.lines
    assert SENTENCE in parse(imo).text
    assert "OONI" not in youtube


def test_a_telegram_digest_carries_the_figure() -> None:
    told = Story.of(replace(report(source()), ooni=BLOCKED))
    digest_reader = replace(reader("telegram"), prefs=Preferences(frequency="daily"))
    ((message, ids),) = render_telegram_digest([told], digest_reader)
    assert SENTENCE in parse(message.text).text and ids == [7]
