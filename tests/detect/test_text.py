"""bot.detect.text's cheap tests before its regexes: the same text comes out."""

from __future__ import annotations

import pytest

from bot.detect.text import clean, fold


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Telegram blocked", "Telegram blocked"),  # nothing to do
        ("Telegram  blocked", "Telegram blocked"),  # a double space
        ("Telegram\tblocked", "Telegram blocked"),  # a lone tab
        ("Telegram \t\v blocked", "Telegram blocked"),  # a run of blanks
        ("Telegram\r\nblocked ", "Telegram \nblocked"),  # a line break stays
        ("Telegram\u00a0 blocked", "Telegram blocked"),  # NFKC makes the no-break a space
        ("  «Telegram» — blocked\f", '"Telegram" - blocked'),
    ],
)
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


@pytest.mark.parametrize(
    ("cleaned", "folded"),
    [
        ("WhatsApp Blocked", "whatsapp blocked"),  # ASCII: nothing to repair
        ("Disсord заблокирован", "discord заблокирован"),  # a Cyrillic "с" in a Latin word
        ("заблoкирoвали Telegram", "заблокировали telegram"),  # Latin "o" in a Cyrillic word
        ("Türkiye'de erişim engeli", "türkiye'de erişim engeli"),  # Latin, not ASCII
        ("Telegram в России", "telegram в россии"),  # both scripts, no mixed word
    ],
)
def test_fold(cleaned: str, folded: str) -> None:
    assert fold(cleaned) == folded
