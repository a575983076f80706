"""The match step: news text in, (country, service, action) alerts with evidence out.

    Detector.load()  compiles bot/detect/vocab/*.toml once
    detector.detect(ItemText(...)) -> list[Alert]

Modules: text (normalising, sentences, datelines), lang (language guess), patterns (the TOML
pattern syntax), pattern_index (finding a list's patterns), scan (one pass over a sentence
for all lexicons), lexicon (the compiled vocabulary's types), vocab_files (loading it;
vocab_tables and vocab_language read its parts), live (denied, threatened or past?),
scope (phases), sentence (the rules for one sentence; its parts: mentions, lists, pairing,
direction, where; what it finds: reading), detector (items), confidence (each alert's
score), fallback (one alert from an item the rules find nothing in, scored by a model fitted
on what they miss), classify (`blockwatch classify`).

May import: bot.core only (a sibling of storage, below the ports).
"""

from bot.detect.detector import Detector

__all__ = ["Detector"]
