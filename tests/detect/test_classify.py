"""`classify_lines`: JSON lines in and out, bad lines, and event ids across languages."""

from __future__ import annotations

import json
from typing import Any

from bot.detect import Detector
from bot.detect.classify import classify_lines

DETECTOR = Detector.load()


def run(*items: dict[str, Any] | str, explain: bool = False) -> list[dict[str, Any]]:
    lines = [item if isinstance(item, str) else json.dumps(item) for item in items]
    return [json.loads(line) for line in classify_lines(lines, DETECTOR, explain=explain).output]


def test_one_output_line_per_input_in_order() -> None:
    out = run(
        {"id": "a", "title": "Kazakhstan blocks TikTok", "summary": ""},
        {"id": "b", "title": "Weather in Almaty", "summary": "Sunny."},
    )
    assert [row["id"] for row in out] == ["a", "b"]
    (alert,) = out[0]["alerts"]
    assert 0 < alert.pop("confidence") <= 1
    assert alert == {"country": "KZ", "service": "tiktok", "action": "block", "scope": "full"}
    assert out[1] == {"id": "b", "alerts": [], "event": None}


def test_explain_adds_evidence() -> None:
    (row,) = run({"id": "a", "title": "Kazakhstan blocks TikTok", "summary": ""}, explain=True)
    evidence = row["alerts"][0]["evidence"]
    assert {"gap:0", "country:sentence", "sentence:title"} <= set(evidence.pop("signals"))
    # the words that weighed most, signed, at most three (bot/detect/confidence.py)
    words = evidence.pop("words")
    assert 0 < len(words) <= 3 and all(word[0] in "+-" and "=" in word for word in words)
    assert evidence == {
        "sentence": "Kazakhstan blocks TikTok",
        "country_words": ["kazakhstan"],
        "service_words": ["tiktok"],
        "action_words": ["blocks"],
    }


def test_bad_lines_are_reported_by_number_and_the_batch_goes_on() -> None:
    lines = [
        "{not json",
        "",
        "[1, 2]",
        json.dumps({"title": "no id"}),
        json.dumps({"id": "uk", "title": "x", "country": "UK"}),
        json.dumps({"id": "ok", "title": "Iran blocks Instagram", "summary": ""}),
    ]
    result = classify_lines(lines, DETECTOR)
    assert [json.loads(line)["id"] for line in result.output] == ["ok"]
    assert [
        (a["country"], a["service"], a["action"], a["scope"])
        for a in json.loads(result.output[0])["alerts"]
    ] == [("IR", "instagram", "block", "full")]
    assert [(error.line, error.reason.split(" (")[0]) for error in result.errors] == [
        (1, "not a JSON object"),
        (3, "not a JSON object"),
        (4, "need an id, and title/summary/lang/country as strings"),
        (5, "country: UK is not an ISO 3166-1 country code: did you mean GB?"),
    ]


def test_same_event_shares_an_id_across_languages() -> None:
    out = run(
        {
            "id": "en",
            "lang": "en",
            "published": "2025-03-01",
            "title": "Uzbekistan blocks Telegram",
            "summary": "",
        },
        {
            "id": "ru",
            "lang": "ru",
            "published": "2025-03-02",
            "title": "В Узбекистане заблокировали Telegram",
            "summary": "",
        },
        {
            "id": "fr",
            "lang": "fr",
            "published": None,  # undated: merges by key alone
            "title": "L'Ouzbékistan bloque Telegram",
            "summary": "",
        },
        {
            "id": "lift",
            "lang": "en",
            "published": "2025-03-03",
            "title": "Uzbekistan unblocks Telegram",
            "summary": "",
        },
    )
    events = {row["id"]: row["event"] for row in out}
    assert events["en"] == events["ru"] == events["fr"] is not None
    assert events["lift"] not in (None, events["en"])  # the other direction: its own event


def test_same_key_months_later_is_a_new_event() -> None:
    out = run(
        {
            "id": "march",
            "published": "2025-03-01",
            "title": "Uzbekistan blocks Telegram",
            "summary": "",
        },
        {
            "id": "june",
            "published": "2025-06-01",
            "title": "Uzbekistan blocks Telegram",
            "summary": "",
        },
    )
    assert out[0]["event"] != out[1]["event"]


def test_item_with_several_events_reports_the_lowest_id() -> None:
    out = run(
        {"id": "a", "published": "2025-01-01", "title": "Iran blocks WhatsApp", "summary": ""},
        {"id": "b", "published": "2025-01-02", "title": "Iran blocks Instagram", "summary": ""},
        {
            "id": "c",
            "published": "2025-01-03",
            "title": "Iran blocks Instagram and WhatsApp",
            "summary": "",
        },
    )
    events = [row["event"] for row in out]
    assert events[2] == min(events[0], events[1])


def test_phases_of_an_escalation_are_separate_events() -> None:
    out = run(
        {
            "id": "calls",
            "lang": "en",
            "published": "2025-08-13",
            "title": "Russia restricts calls in WhatsApp and Telegram",
            "summary": "",
        },
        {
            "id": "calls-ru",
            "lang": "ru",
            "published": "2025-08-14",
            "title": "Роскомнадзор ограничил звонки в WhatsApp",
            "summary": "",
        },
        {
            "id": "full",
            "lang": "en",
            "published": "2025-08-15",
            "title": "Russia blocks WhatsApp",
            "summary": "",
        },
    )
    scopes = {row["id"]: {a["scope"] for a in row["alerts"]} for row in out}
    assert scopes == {"calls": {"partial"}, "calls-ru": {"partial"}, "full": {"full"}}
    events = {row["id"]: row["event"] for row in out}
    assert events["calls"] == events["calls-ru"] != events["full"]
