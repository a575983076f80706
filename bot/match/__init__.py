"""The match step: news text in, (country, service, action) alerts with evidence out.

    Detector.load()  compiles bot/vocab/*.toml once
    detector.detect(ItemText(...)) -> list[Alert]

Modules: text (normalising, sentences), lang (language guess), patterns (the TOML pattern
syntax), vocab (loading), sentence (the rules for one sentence), detector (items).
"""

from bot.match.detector import Detector

__all__ = ["Detector"]
