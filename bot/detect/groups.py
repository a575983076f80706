"""A word for a group of services stands for the members the item names.

"Social media access restored" tells which services only where the item names them, often in
its background: "the government had blocked Facebook, Twitter and WhatsApp after 25 October".
The labelling rules (and a reader) take the alert for those services, so a finding on a group
word (`[groups]` in services.toml: "social media", "соцсети", "مواقع التواصل") becomes one
finding per member named anywhere in the item, and none where the item names no member: the
group alone does not say which services a country cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.detect.reading import Finding, Reading

GROUP = "group"  # the signal of a finding made from a group word


def expand_groups(
    found: list[tuple[int, Finding]],
    readings: Sequence[Reading],
    groups: Mapping[str, frozenset[str]],
) -> list[tuple[int, Finding]]:
    """`found` with each group finding replaced by its members the item names."""
    if not any(finding.service in groups for _, finding in found):
        return found
    named = [hit.label.service for reading in readings for hit in reading.services]
    expanded = []
    for index, finding in found:
        members = groups.get(finding.service)
        if members is None:
            expanded.append((index, finding))
            continue
        for service in dict.fromkeys(name for name in named if name in members):
            signals = (*finding.signals, GROUP)
            expanded.append((index, replace(finding, service=service, signals=signals)))
    return expanded
