"""A ban word governed by a verb of ending (`ending` cues, and `undo` ones standing before
the ban word, or one word after it: "ban partially revoked") is the ban lifted; one followed
by its own modal is no ban yet. The sentences are written for these tests; none comes from
the labelled sets."""

from __future__ import annotations

import pytest

from tests.detect.support import Triple, found


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        ("en", "Nepal withdraws its TikTok ban.", {("NP", "tiktok", "unblock")}),
        (
            "en",
            "Gabon scrapped the suspension of WhatsApp on Monday.",
            {("GA", "whatsapp", "unblock")},
        ),
        ("fr", "Le Tchad met fin au blocage de Facebook.", {("TD", "facebook", "unblock")}),
        ("pt", "O Brasil revogou o bloqueio do Telegram.", {("BR", "telegram", "unblock")}),
        ("hi", "नेपाल में टिकटॉक पर पाबंदी खत्म", {("NP", "tiktok", "unblock")}),
        ("id", "Pemerintah Nepal mencabut pemblokiran TikTok.", {("NP", "tiktok", "unblock")}),
        # a participle of ending right after the ban word ends it: the headline's form
        ("en", "Manipur internet ban partially revoked.", {("IN", "internet", "unblock")}),
        ("en", "Manipur internet ban was revoked.", {("IN", "internet", "unblock")}),
        # "suspends ... blocks" is two acts; "suspends the block" undoes one
        (
            "en",
            "Lithuania suspends two broadcasters and blocks 57 websites.",
            {("LT", "other", "block")},
        ),
        ("en", "Lithuania suspends the block on Telegram.", {("LT", "telegram", "unblock")}),
        # a court stopping a block undoes it
        (
            "en",
            "A Kenyan court barred the regulator from blocking Telegram.",
            {("KE", "telegram", "unblock")},
        ),
        (
            "pt",
            "A Justiça impede a Anatel de bloquear o Telegram no Brasil.",
            {("BR", "telegram", "unblock")},
        ),
        # two acts joined by "and", or a comma between: the ban stays a ban; so does one
        # an ending follows farther on ("after protests ended")
        ("en", "Internet blocked in Manipur after protests ended.", {("IN", "internet", "block")}),
        (
            "en",
            "Nepal ended the curfew and blocked TikTok.",
            {("NP", "tiktok", "block")},
        ),
        (
            "en",
            "The army withdrew from Kathmandu, blocking TikTok.",
            {("NP", "tiktok", "block")},
        ),
        # too far from the ban word to govern it
        (
            "en",
            "Nepal withdrew its ambassador from the talks over the TikTok ban imposed today.",
            {("NP", "tiktok", "block")},
        ),
    ],
)
def test_a_ban_ended_is_an_unblock(lang: str, summary: str, expected: set[Triple]) -> None:
    assert found(summary, lang) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Officials in Nepal say a TikTok ban could come within weeks.", set()),
        ("Officials in Nepal say a TikTok ban may follow.", set()),
        # the modal of another clause governs nothing here
        (
            "Nepal imposed a TikTok ban on Monday; Facebook could follow.",
            {("NP", "tiktok", "block")},
        ),
    ],
)
def test_a_ban_followed_by_its_own_modal_is_no_ban_yet(summary: str, expected: set[Triple]) -> None:
    assert found(summary, "en") == expected


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        (
            "fr",
            "Au Mali, Facebook interrompu puis rétabli le 3 mars.",
            {("ML", "facebook", "block"), ("ML", "facebook", "unblock")},
        ),
        (
            "en",
            "In Mali, Facebook was blocked on Tuesday and restored on Wednesday.",
            {("ML", "facebook", "block"), ("ML", "facebook", "unblock")},
        ),
        # another service between: its own news
        (
            "en",
            "Mali blocked Facebook on Tuesday and restored WhatsApp on Wednesday.",
            {("ML", "facebook", "block"), ("ML", "whatsapp", "unblock")},
        ),
        # lifted first, the ban after it is the one lifted (background)
        (
            "en",
            "Mali restored Facebook after it was blocked for a week.",
            {("ML", "facebook", "unblock")},
        ),
    ],
)
def test_a_block_lifted_in_its_sentence_is_both(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # a denial the report overrides ("despite the denial") does not void the sentence
        (
            "fr",
            "Facebook et WhatsApp sont coupés au Burundi, en dépit du démenti du gouvernement.",
            {("BI", "facebook", "block"), ("BI", "whatsapp", "block")},
        ),
        ("fr", "Le gouvernement du Burundi dément avoir coupé Facebook.", set()),
        # users' trouble reaching services, as measured, is the block
        (
            "en",
            "Users in Pakistan had trouble reaching X, Facebook and YouTube on Saturday.",
            {("PK", "twitter", "block"), ("PK", "facebook", "block"), ("PK", "youtube", "block")},
        ),
    ],
)
def test_a_denial_overridden_and_trouble_reaching(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected
