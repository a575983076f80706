"""From an item's findings to its alerts: one per (country, service, action), each with its
country, its evidence and how sure it is.

- A finding whose sentence names no country takes the item's: the title's, else the one the
  item names most, else the feed's default, else the country code of a site's domain named
  in it ("ratel.kz"), else the dateline's city, else the language's default country
  ("country:title", "country:item", "country:site", ... among the signals).
- A service lifted and blocked in one item keeps the direction told first (`settled`).
- A phase named anywhere ("in Dagestan", "calls") makes the item's alert partial.
- Each alert's confidence weighs its signals (bot.detect.confidence); those below the
  model's `drop` threshold are not reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from bot.core.countries import is_country
from bot.core.models import Alert, Evidence, ItemText
from bot.detect.confidence import AlertText, Confidence
from bot.detect.domains import DOMAIN, VANITY_ENDINGS
from bot.detect.lexicon import Language
from bot.detect.reading import WEAK_ACTION, Finding
from bot.detect.scan import Words
from bot.detect.sentence import KIND_WORD, is_question

Found = list[tuple[int, Finding]]  # (sentence index, finding)
MANY_SERVICES = 3  # an item naming this many services is a list or a roundup


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item as the detector cut it: sentences (cleaned and keyed), the headline's count."""

    item: ItemText
    language: Language
    texts: list[str]
    keys: list[str]
    titles: int
    scans: list[tuple[Words, ...]]  # each key's candidate words (Language.scanner.scan)
    dateline: str = ""
    names: Container[str] = frozenset()  # words it writes as names (bot.detect.names)


def settled(found: Found, titles: int) -> Found:
    """A service lifted and blocked in one item: the sentence that comes first tells the news,
    the other direction is its background ("Turkey lifted the Instagram ban. The block was
    imposed on August 2"), unless the headline says both ("... blocked. And immediately
    unblocked")."""
    first: dict[tuple[str | None, str, bool], int] = {}
    for index, finding in found:
        side = (finding.country, finding.service, finding.action == "unblock")
        first[side] = min(first.get(side, index), index)
    kept = []
    for index, finding in found:
        unblock = finding.action == "unblock"
        mine = first[(finding.country, finding.service, unblock)]
        other = min(
            (
                at
                for (country, service, up), at in first.items()
                if service == finding.service
                and up != unblock
                and _may_be_same(country, finding.country)
            ),
            default=None,
        )
        if other is not None and other < mine and not (other < titles and mine < titles):
            continue
        kept.append((index, finding))
    return kept


def _may_be_same(country: str | None, other: str | None) -> bool:
    """Whether two findings' countries may be one: a sentence naming none (None) takes the
    item's country later, so it may be either's."""
    return country == other or country is None or other is None


def alerts_of(found: Found, view: ItemView, confidence: Confidence) -> list[Alert]:
    """The item's alerts, scored, the unsure ones below `confidence.drop` left out."""
    conflicts = _conflicts(found)
    found = settled(_slowed(_named_first(found, view.titles)), view.titles)
    shared = _item_signals(found, view)
    fallback: tuple[str, str] | None = None
    alerts: dict[tuple[str, str, str], Alert] = {}
    for index, finding in found:
        country, how = finding.country, "sentence"
        if country is None:
            fallback = fallback or item_country(view)
            country, how = fallback
        if not country:
            continue
        signals = (
            *finding.signals,
            f"country:{how}",
            _position(index, view.titles),
            *shared,
            *(("support",) if _support(found, finding) > 1 else ()),
            *(("conflict",) if (finding.country, finding.service) in conflicts else ()),
        )
        text = AlertText(
            view.texts[index],
            view.item.title,
            view.item.summary,
            view.language.code,
            finding.service,
            finding.action,
        )
        score, words = confidence.assess(signals, text)
        if score < confidence.drop:
            continue
        alert = _alert(finding, country, text, signals, (score, words))
        known = alerts.setdefault(alert.key[:3], alert)
        # The first sentence that told it stays its evidence; its confidence is the best any
        # sentence gave, and a phase named anywhere makes it partial.
        if known is not alert:
            alerts[alert.key[:3]] = _merged(known, alert)
    return list(alerts.values())


def _named_first(found: Found, titles: int) -> Found:
    """A service named only by its kind ("the app was blocked", "ऐप को बैन") is an unnamed
    site or app ("other") only in an item that names no service acted on: where one is named,
    the kind word stands for it ("WhatsApp ... the app was suspended for 24 hours"), in
    the same direction: "restores access to popular websites" over a body that recounts
    Facebook's block is news of its own. A kind word in the title yields only to a service
    named in the title: "Egypt blocks ANHRI website" over a body that counts VPN services
    among the sites blocked is a site's block too."""
    named = [
        (index, finding.action) for index, finding in found if KIND_WORD not in finding.signals
    ]
    return [
        (index, finding)
        for index, finding in found
        if KIND_WORD not in finding.signals
        or not any(
            action == finding.action and (at < titles or index >= titles) for at, action in named
        )
    ]


def _slowed(found: Found) -> Found:
    """A service the item says was slowed is slowed where a vague word calls it cut
    ("internet disrupted" over a body telling of its speed reduced): a weak block word
    there yields to the item's throttle, as it does within one sentence."""
    slowed = {(f.country, f.service) for _, f in found if f.action == "throttle"}
    return [
        (index, replace(finding, action="throttle"))
        if finding.action == "block"
        and WEAK_ACTION in finding.signals
        and any(
            service == finding.service and _may_be_same(country, finding.country)
            for country, service in slowed
        )
        else (index, finding)
        for index, finding in found
    ]


def item_country(view: ItemView) -> tuple[str, str]:
    """For sentences naming no country: (code, where it came from); ("", "none") if none."""
    places = view.language.countries
    item = view.item
    pairs = list(zip(view.keys, view.scans, strict=True))
    # the headline's first, and the body read only when the headline names none
    for text, scanned in pairs[: view.titles]:
        title_hits = places.find(text, scanned[3]) if scanned[3] else []
        if title_hits:
            return title_hits[0].label.country, "title"
    found = [places.find(text, scanned[3]) for text, scanned in pairs[view.titles :] if scanned[3]]
    counts = Counter(hit.label.country for hits in found for hit in hits)
    if counts:
        return counts.most_common(1)[0][0], "item"
    if item.country_hint:
        return item.country_hint, "hint"
    site = site_country(view.keys)
    if site:
        return site, "site"
    hits = places.find(view.dateline) if view.dateline else []
    if hits:
        return hits[0].label.country, "dateline"
    if view.language.country:
        return view.language.country, "language"
    return "", "none"


# Country-code domains that differ from their ISO code, or that name no country.
_TLD_COUNTRY = {"uk": "GB", "рф": "RU", "io": "", "me": "", "tv": "", "co": "", "eu": "", "su": ""}
_TLD_COUNTRY |= dict.fromkeys(VANITY_ENDINGS, "")


def site_country(keys: Sequence[str]) -> str:
    """The country of the first site named by a country-code domain ("ratel.kz"): a site
    blocked in an item that names no country is most often blocked at home."""
    for key in keys:
        for match in DOMAIN.finditer(key):
            top = match.group().rsplit(".", 1)[-1]
            code = _TLD_COUNTRY.get(top, top.upper())
            if code and is_country(code):
                return code
    return ""


def _item_signals(found: Found, view: ItemView) -> tuple[str, ...]:
    signals = []
    if len({finding.service for _, finding in found}) >= MANY_SERVICES:
        signals.append("many-services")
    if any(is_question(text) for text in view.texts):
        signals.append("question-in-item")
    if (view.item.language or "").lower().split("-")[0] != view.language.code:
        signals.append("language-guessed")
    return tuple(signals)


def _position(index: int, titles: int) -> str:
    if index < titles:
        return "sentence:title"
    return "sentence:first" if index == titles else "sentence:later"


def _support(found: Found, finding: Finding) -> int:
    """Sentences that report the same service and action."""
    return len(
        {
            i
            for i, other in found
            if (other.service, other.action) == (finding.service, finding.action)
        }
    )


def _conflicts(found: Found) -> set[tuple[str | None, str]]:
    """(country, service) told both blocked and unblocked in the item."""
    sides: dict[tuple[str | None, str], set[bool]] = {}
    for _, finding in found:
        sides.setdefault((finding.country, finding.service), set()).add(finding.action == "unblock")
    return {key for key, both in sides.items() if len(both) == 2}


def _merged(known: Alert, other: Alert) -> Alert:
    scope = "partial" if "partial" in (known.scope, other.scope) else known.scope
    if known.evidence is None or other.evidence is None:
        return replace(known, scope=scope)
    best = max(known.evidence.confidence, other.evidence.confidence)
    return replace(known, scope=scope, evidence=replace(known.evidence, confidence=best))


def _alert(
    finding: Finding,
    country: str,
    text: AlertText,
    signals: Sequence[str],
    weighed: tuple[float, tuple[str, ...]],
) -> Alert:
    score, words = weighed
    evidence = Evidence(
        sentence=text.sentence,
        country_words=finding.country_words,
        service_words=finding.service_words,
        action_words=finding.action_words,
        confidence=round(score, 3),
        signals=tuple(signals),
        words=words,
    )
    return Alert(country, finding.service, finding.action, evidence, finding.scope)
