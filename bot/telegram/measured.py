"""OONI's figure as a line of an alert or a board, in the reader's language. Pure: the figure
comes as data (bot.core.ooni.OoniFigure, on the EventReport or from the book of figures).

    OONI: 41 of 48 measurements in TM in the last 24 h show an anomaly (12 confirmed)
    · OONI Explorer      (one line; "OONI Explorer" links to the country's page)

An unblock whose figure fell says so instead: the share of anomalies before and now. No line
without a figure or with no measurement: a silence from OONI says nothing.
"""

from __future__ import annotations

import html

from bot.core.models import Action
from bot.core.ooni import OoniFigure
from bot.telegram.catalogues import translate, translate_n

__all__ = ["ooni_line"]


def ooni_line(figure: OoniFigure | None, action: Action, language: str) -> str:
    """The figure as HTML, linked to the country's page on OONI Explorer; "" without one."""
    if figure is None or not figure.recent.measurements:
        return ""
    fell = figure.fell() if action == "unblock" else None
    if fell is not None:
        text = translate(
            language,
            "OONI: in {country}, the share of measurements that show an anomaly fell from "
            "{before} % to {now} % in the last {hours} h",
            country=figure.country,
            before=round(fell[0] * 100),
            now=round(fell[1] * 100),
            hours=figure.hours,
        )
    else:
        counts = figure.recent
        text = translate_n(
            language,
            "OONI: {anomalous} of {measured} measurement in {country} in the last {hours} h "
            "shows an anomaly",
            "OONI: {anomalous} of {measured} measurements in {country} in the last {hours} h "
            "show an anomaly",
            counts.measurements,
            measured=counts.measurements,
            anomalous=counts.anomalous,
            country=figure.country,
            hours=figure.hours,
        )
        if counts.confirmed:
            text += " " + translate(language, "({confirmed} confirmed)", confirmed=counts.confirmed)
    link = f'<a href="{html.escape(figure.explorer, quote=True)}">OONI Explorer</a>'
    return f"{html.escape(text)} · {link}"
