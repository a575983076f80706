"""Signals jammed around prisons, bans named by what they are on, and sites filtered
(written from the errors of fresh-116 to 123, after they were scored untuned).

Latin America's press tells the mobile network blocked around a prison by its signal
("bloqueo de la señal celular en las cárceles") or by the jammers installed
("inhibidores de señal", "bloqueadores de celular"): the labels count a partial internet
block, and the prison makes it partial (es, pt `region`). The prison services that order
them name their country (Colombia's Inpec and Uspec, Peru's INPE). A ban told as a noun
names what it is on ("lifts its block on Elaph": bot/detect/names.py). Iran's and the
Gulf's English press says "filtered" and "censored" for a site blocked.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

ALERTS: list[tuple[str, str, str]] = [
    # a prison's signal blocked, by order or by jammers
    (
        "es",
        "Colombia ordena bloquear la señal celular en tres cárceles.",
        "CO internet block partial",
    ),
    (
        "es",
        "El Inpec instala inhibidores de señal en la cárcel de Cómbita.",
        "CO internet block partial",
    ),
    (
        "es",
        "El INPE bloquea la señal de celulares en el penal de Huacho.",
        "PE internet block partial",
    ),
    (
        "pt",
        "Bloqueadores de celular começam a operar na penitenciária de Alcaçuz, no Brasil.",
        "BR internet block partial",
    ),
    # the operators of mobile telephony are no network blocked, and arrests no prison
    (
        "pt",
        "As operadoras de telefonia celular devem bloquear o WhatsApp no Brasil.",
        "BR whatsapp block",
    ),
    ("pt", "Houve quatro prisões; o Brasil bloqueou o Telegram.", "BR telegram block"),
    # a ban named by what it is on
    (
        "en",
        "Saudi Arabia lifts its two-year block on Elaph || Saudi Arabia has lifted its block on"
        " the London-based online daily Elaph; the site saw more visitors.",
        "SA other unblock",
    ),
    # filtered and censored sites
    ("en", "Persian Wikipedia filtered in Iran.", "IR other block"),
    ("en", "A blogger's website censored in Saudi Arabia.", "SA other block"),
    ("en", "The film was censored in China.", ""),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS)
def test_signals_and_filters(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
