"""The shared queries, as PostgreSQL reads them.

The queries are written once (storage/store.py and its mixins) in the SQL both databases
accept; what SQLite spells its own way is rewritten here, each rule for one spelling the
queries use, so that nothing is duplicated per store:

* placeholders: `?` and `:name` become psycopg's `%s` and `%(name)s` (a literal `%` doubles);
* `INSERT OR IGNORE INTO ...` becomes `INSERT INTO ... ON CONFLICT DO NOTHING`;
* an upsert with no conflict target (PostgreSQL wants one) gets its table's, from CONFLICT_TARGETS;
* `min(a, b)` and `max(a, b)`, SQLite's two-argument scalars, become LEAST and GREATEST;
* `instr(text, part)` becomes `strpos(text, part)` (both 1-based, 0 when absent);
* a list of ids passed as one JSON array, `(SELECT value FROM json_each(?))`, is unpacked with
  json_array_elements_text;
* `x = ? COLLATE NOCASE` becomes `lower(x) = lower(?)`, which the PostgreSQL index of schema
  0009 serves;
* SQLite's planner pins, `INDEXED BY name` and `CROSS JOIN` (which fixes the join order), go:
  PostgreSQL plans those queries well without them.

String literals are left alone. The result is cached per statement text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The unique index an upsert with no target meets, as PostgreSQL's index (schema 0009's
# PostgreSQL file) spells it: one chat, or one mailbox in any case.
CONFLICT_TARGETS = {
    "subscribers": "(channel, (CASE WHEN channel = 'email' THEN lower(address) ELSE address END))",
}

_STRING = re.compile(r"'(?:[^']|'')*'")
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_PAIR = r"\(\s*([^(),]+?)\s*,\s*([^(),]+?)\s*\)"
_MIN = re.compile(r"\bmin" + _PAIR, re.IGNORECASE)
_MAX = re.compile(r"\bmax" + _PAIR, re.IGNORECASE)
_INSTR = re.compile(r"\binstr\(", re.IGNORECASE)
_NOCASE = re.compile(r"([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE", re.IGNORECASE)
_INDEXED_BY = re.compile(r"\s+INDEXED\s+BY\s+\w+", re.IGNORECASE)
_CROSS_JOIN = re.compile(r"\bCROSS\s+JOIN\b", re.IGNORECASE)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_RETURNING = re.compile(r"\s+RETURNING\b", re.IGNORECASE)
_UNTARGETED = re.compile(r"\bON\s+CONFLICT\s+DO\s+UPDATE\b", re.IGNORECASE)
_INSERT_TABLE = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_JSON_IDS = "(SELECT value FROM json_each(?))"
_PG_JSON_IDS = "(SELECT value::bigint FROM json_array_elements_text(?::json))"


@lru_cache(maxsize=1024)
def to_postgres(sql: str) -> str:
    """`sql` as PostgreSQL and psycopg take it (module docstring)."""
    sql = sql.replace(_JSON_IDS, _PG_JSON_IDS)
    if _OR_IGNORE.match(sql):
        sql = _OR_IGNORE.sub("INSERT INTO", sql, count=1)
        found = _RETURNING.search(sql)
        at = found.start() if found else len(sql.rstrip().rstrip(";"))
        sql = f"{sql[:at]} ON CONFLICT DO NOTHING{sql[at:]}"
    untargeted = _UNTARGETED.search(sql)
    if untargeted:
        table = _INSERT_TABLE.match(sql)
        target = CONFLICT_TARGETS.get(table.group(1).lower()) if table else None
        if target is None:
            raise ValueError(f"an upsert with no conflict target on an unknown table: {sql}")
        sql = f"{sql[: untargeted.start()]}ON CONFLICT {target} DO UPDATE{sql[untargeted.end() :]}"
    # The rest works outside string literals only, one stretch of code at a time.
    parts: list[str] = []
    last = 0
    for literal in _STRING.finditer(sql):
        parts.append(_code(sql[last : literal.start()]))
        parts.append(literal.group().replace("%", "%%"))
        last = literal.end()
    parts.append(_code(sql[last:]))
    return "".join(parts)


def _code(text: str) -> str:
    text = text.replace("%", "%%")
    text = _INDEXED_BY.sub("", text)
    text = _CROSS_JOIN.sub("JOIN", text)
    text = _NOCASE.sub(r"lower(\1) = lower(?)", text)
    text = _INSTR.sub("strpos(", text)
    text = _MIN.sub(r"LEAST(\1, \2)", text)
    text = _MAX.sub(r"GREATEST(\1, \2)", text)
    text = _NAMED.sub(r"%(\1)s", text)
    return text.replace("?", "%s")
