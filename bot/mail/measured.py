"""OONI's figure as lines of a mail, in the reader's language. Pure: the figure comes as data.

    OONI: 41 of 48 measurements in TM in the last 24 h show an anomaly (12 confirmed).
    https://explorer.ooni.org/country/TM

The same sentences as Telegram's (bot/telegram/measured.py), from the mail's catalogue; the
Explorer's address on a line of its own, since a broken URL is lost.
"""

from __future__ import annotations

from bot.core.models import Action
from bot.core.ooni import OoniFigure
from bot.mail.i18n import MailWords

__all__ = ["ooni_sentence"]


def ooni_sentence(_: MailWords, figure: OoniFigure | None, action: Action) -> str:
    """The figure as one sentence; "" without a figure or with no measurement."""
    if figure is None or not figure.recent.measurements:
        return ""
    fell = figure.fell() if action == "unblock" else None
    if fell is not None:
        return _(
            "OONI: in {country}, the share of measurements that show an anomaly fell from "
            "{before} % to {now} % in the last {hours} h",
            country=figure.country,
            before=round(fell[0] * 100),
            now=round(fell[1] * 100),
            hours=figure.hours,
        )
    counts = figure.recent
    text = _.plural(
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
        text += " " + _("({confirmed} confirmed)", confirmed=counts.confirmed)
    return text
