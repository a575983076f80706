"""The detector: an item's text in, the (country, service, action) alerts it reports out."""

from __future__ import annotations

from pathlib import Path

from bot.core.models import Alert, ItemText
from bot.detect.confidence import Confidence
from bot.detect.coref import inferred
from bot.detect.domains import item_site_names
from bot.detect.fallback import ItemModel, Proposal, propose
from bot.detect.groups import expand_groups
from bot.detect.item import ItemView, alerts_of
from bot.detect.lang import guess_language
from bot.detect.lexicon import Language, Vocab
from bot.detect.names import ItemNames
from bot.detect.patterns import words_between
from bot.detect.scan import Words
from bot.detect.sentence import analyse
from bot.detect.text import clean, fold, key, sentences, split_dateline
from bot.detect.vocab_files import ActionOverlay, load_vocab

# Codes whose written language one vocabulary file covers: Norwegian Bokmål and Nynorsk are
# "no" (lang/no.toml).
_SAME_WORDS = {"nb": "no", "nn": "no"}


class Detector:
    """Finds state blocks, throttling and unblocks of services in news items. Pure and cheap:
    build once with `Detector.load()`, then call `detect` from any number of places."""

    def __init__(
        self,
        vocab: Vocab,
        confidence: Confidence | None = None,
        fallback: ItemModel | None = None,
    ) -> None:
        self.vocab = vocab
        self.confidence = confidence or Confidence.load()
        # None: the rules alone (bench/fallback.py fits the model on what they miss)
        self.fallback = fallback or ItemModel.load()

    @classmethod
    def load(cls, vocab_dir: Path | None = None, overlay: ActionOverlay | None = None) -> Detector:
        """A detector on the vocabulary of `vocab_dir` (default: the packaged bot/detect/vocab/),
        with the moderators' `overlay` on the action lists."""
        return cls(load_vocab(vocab_dir, overlay))

    def use(self, vocab: Vocab) -> None:
        """Detect with `vocab` from now on (a moderator changed a word). `detect` never
        yields to the event loop, so no item is classified half with each vocabulary."""
        self.vocab = vocab

    def language(self, item: ItemText) -> Language | None:
        """The vocabulary for the item's language: as given, else guessed; None if we have none."""
        code = (item.language or "").lower().split("-")[0]
        code = _SAME_WORDS.get(code, code)
        if code not in self.vocab.languages:
            code = guess_language(key(f"{item.title} {item.summary}"))
        return self.vocab.languages.get(code)

    def detect(self, item: ItemText) -> list[Alert]:
        """Every alert the item reports, each with the sentence and words that decided it and
        how sure the detector is. Where the rules find none, the fallback may report one
        (bot/detect/fallback.py)."""
        view = self._view(item)
        if view is None:
            return []
        language, keys, scans = view.language, view.keys, view.scans
        reportable = language.may_report_in(keys, scans)
        headline_acts = any(scan[0] for scan in scans[: view.titles])
        if not reportable and (self.fallback is None or not headline_acts):
            return []
        if _off_topic(language, keys, scans[: view.titles]):
            return []
        alerts = self._rules(view) if reportable else []
        if alerts or self.fallback is None:
            return alerts
        proposal = propose(view, self.vocab)
        found = self.fallback.alert(proposal) if proposal else None
        return [found] if found else []

    def proposal(self, item: ItemText) -> Proposal | None:
        """The fallback's candidate for an item, scored or not (bench/fallback.py fits the
        model on these); None when the rules report something or the title is off topic."""
        view = self._view(item)
        if view is None or _off_topic(view.language, view.keys, view.scans[: view.titles]):
            return None
        if view.language.may_report_in(view.keys, view.scans) and self._rules(view):
            return None
        return propose(view, self.vocab)

    def _rules(self, view: ItemView) -> list[Alert]:
        """The alerts the rules find, sentence by sentence, then across the item."""
        item, language, keys, scans = view.item, view.language, view.keys, view.scans
        # Years older than this are background; in undated items every year but a full date's
        # is ("blocked Instagram in 2022": told as history, or the date would be given).
        ref_year = item.published.year if item.published else None
        whole = " ".join(keys)
        contexts = _Contexts(self.vocab, whole)
        sites = item_site_names(whole)
        readings = [
            analyse(
                sentence_key, self.vocab, language, ref_year, contexts, scanned, sites, view.names
            )
            for sentence_key, scanned in zip(keys, scans, strict=True)
        ]
        found = [(i, finding) for i, reading in enumerate(readings) for finding in reading.findings]
        # Words per sentence, counted only where coref reads them: a sentence that opens
        # with a conjunction (counting every sentence took 2 % of the time).
        lengths = [
            words_between(sentence_key, 0, len(sentence_key)) if reading.continues else 0
            for sentence_key, reading in zip(keys, readings, strict=True)
        ]
        found += inferred(readings, view.titles, lengths)
        found = expand_groups(found, readings, self.vocab.groups)
        return alerts_of(found, view, self.confidence)

    def _view(self, item: ItemText) -> ItemView | None:
        """The item cut into sentences, or None for a language we have no words for."""
        language = self.language(item)
        if language is None:
            return None
        parts = [language.words(self._strip(clean(text))) for text in (item.title, item.summary)]
        titles = sentences(parts[0], ordinals=language.ordinals)
        texts = titles + sentences(parts[1], ordinals=language.ordinals)
        keys = [fold(sentence) for sentence in texts]
        dateline = ""
        if len(texts) > len(titles):
            first = len(titles)
            keys[first], dateline = split_dateline(texts[first], keys[first])
        # Every sentence is scanned once, here: the first look (an action word and a service
        # anywhere?) and every later step read the same scans.
        scans = [language.scanner.scan(sentence_key) for sentence_key in keys]
        # Names are read only in items the rules read (an item with no service or site word
        # is not: places reopened and crossings closed are written as names too, "reopens
        # Torkham"), and only when asked.
        names = ItemNames(language, texts)
        return ItemView(item, language, texts, keys, len(titles), scans, dateline, names)

    def _strip(self, text: str) -> str:
        """The text without boilerplate (legal notices glued to every mention of Meta)."""
        folded = text.casefold()
        if not any(trigger in folded for trigger in self.vocab.boilerplate_triggers):
            return text
        for pattern in self.vocab.boilerplate:
            text = pattern.sub("", text)
        return text


def _off_topic(language: Language, keys: list[str], title_scans: list[tuple[Words, ...]]) -> bool:
    """Whether the title says what the whole item is about, and it is no state action: an
    outage and its repair ("WhatsApp restored after global outage") tells every sentence;
    a survey of blocks ("Why Kazakhstan blocks sites ever more often") reports none, nor
    does a court's procedural step ("HC seeks reply in internet shutdown case")."""
    for title, scanned in zip(keys, title_scans, strict=False):
        if any(hit.label in _WHOLE_ITEM for hit in language.cues.find(title, scanned[1])):
            return True
    return False


# cue kinds that, in a title, say what the item is about
_WHOLE_ITEM = ("topic", "survey", "procedure")


class _Contexts:
    """The services whose weak aliases count in an item, worked out only when asked: most
    items name no weak alias at all."""

    def __init__(self, vocab: Vocab, text: str) -> None:
        self._vocab, self._text = vocab, text
        self._known: dict[str, bool] = {}

    def __contains__(self, service: object) -> bool:
        if not isinstance(service, str) or service not in self._vocab.context:
            return False
        if service not in self._known:
            self._known[service] = self._vocab.context[service].search(self._text)
        return self._known[service]
