"""The pure domain: the data every layer speaks in and the decisions made on it alone.

Models (models.py) and the records storage hands back (records.py), the one error tree
(errors.py), events and the review rule, stories (story.py: the events one message tells),
schedule maths, feed registry and health decisions, countries, display words, lists in a
reader's language (lists.py), outlets, text cutting and URLs. No I/O and no clock of its own: data
in, data out, time as a parameter.

May import: the standard library only; nothing of ours outside bot/core (the bottom layer, see
[tool.importlinter] in pyproject.toml).
"""
