"""feedparser's own test feeds (../shared/feedparser-corpus) through OUR parse path.

Every file becomes a FetchResult (its bytes, plus the `Header:` lines of its comment as response
headers) and goes through `parse_entries`: nothing but ParseError may escape, and every Entry
must hold our invariants. Our path always hands feedparser the bytes and headers unchanged except
for an absolute Content-Location, so each file's own `Expect:` expression is then evaluated
against `parse_document` (the feedparser call parse_entries makes, with feedparser's defaults)
and must hold, apart from the short SKIP_LIST below. parse_entries itself turns feedparser's HTML
sanitiser off, since it reduces all HTML to plain text anyway: LEAN_DIFFERS lists the only files
whose entries that changes, and why each change is fine.

Files are served, as in feedparser's own harness, from http://127.0.0.1:8097/tests/<path>; files
whose path says "http" get its default Content-Type of text/xml. Everything runs in-process,
except the encoding/http_* files, which also go through the real fetcher and a local server.
"""

from __future__ import annotations

import datetime
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest

from bot.core.errors import ParseError
from bot.core.models import Entry, FeedSpec, FetchResult
from bot.feeds.fetch import Fetcher
from bot.feeds.parse import parse_document, parse_entries
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.paths import FEEDPARSER_CORPUS

CORPUS = FEEDPARSER_CORPUS
if not CORPUS.is_dir():
    pytest.skip(f"feedparser corpus not found at {CORPUS}", allow_module_level=True)

# Files whose Expect fails for reasons outside our path; each is re-checked to still fail.
SKIP_LIST = {
    # feedparser 6.0.x has no JSON Feed support (it is on feedparser's develop branch).
    "json/example.json": "JSON Feed needs feedparser > 6.0",
    # etag/modified are set by feedparser's own HTTP client only; ours keeps them in FetchResult.
    "wellformed/http/headers_etag.xml": "result['etag'] only from feedparser's HTTP client",
    "wellformed/http/headers_last_modified-modified.xml": "same, for result['modified']",
    "wellformed/http/headers_last_modified-modified_parsed.xml": "same, for modified_parsed",
    # The corpus is newer than the installed feedparser 6.0.14, which fails these on its own
    # (checked with feedparser.parse(text), exactly as its harness does).
    "wellformed/atom/entry_link_no_href_link_priority.xml": "develop-branch link priority",
    "wellformed/atom/entry_link_rel_enclosure_no_href.xml": "develop-branch link priority",
    "wellformed/atom10/entry_link_no_href_link_priority.xml": "develop-branch link priority",
    "wellformed/atom10/entry_link_rel_enclosure_no_href.xml": "develop-branch link priority",
    "wellformed/itunes/itunes_channel_explicit_false.xml": "develop-branch itunes:explicit",
    "wellformed/itunes/itunes_channel_explicit_no.xml": "develop-branch itunes:explicit",
    "wellformed/itunes/itunes_channel_explicit_true.xml": "develop-branch itunes:explicit",
    "wellformed/itunes/itunes_item_explicit_false.xml": "develop-branch itunes:explicit",
    "wellformed/itunes/itunes_item_explicit_no.xml": "develop-branch itunes:explicit",
    "wellformed/itunes/itunes_item_explicit_true.xml": "develop-branch itunes:explicit",
}

# Files whose entries differ when feedparser's sanitiser is off (parse_entries' default), each
# with why that is fine; test_lean_parse_gives_the_thorough_entries keeps the list exact.
_SCRIPT_TEXT = "the sanitiser drops <script> tags but keeps their code as text; we drop both"
_OBJECT_TEXT = "fallback text inside <object>/<iframe>, which we skip like a script"
LEAN_DIFFERS = {
    **{
        f"wellformed/sanitize/{name}_crazy.xml": _SCRIPT_TEXT
        for name in (
            "entry_content",
            "entry_summary",
            "entry_title",
            "item_content_encoded",
            "item_description",
            "item_fullitem",
        )
    },
    **{
        f"wellformed/sanitize/{name}_object.xml": _OBJECT_TEXT
        for name in (
            "entry_content",
            "entry_summary",
            "entry_title",
            "item_content_encoded",
            "item_description",
            "item_fullitem",
        )
    },
    "wellformed/sanitize/entry_content_iframe.xml": _OBJECT_TEXT,
    "wellformed/sanitize/entry_summary_iframe.xml": _OBJECT_TEXT,
    "wellformed/rss/item_description_not_a_doctype.xml": "text '<!'' read as a declaration",
    "encoding/bozo_linenoise.xml": "mojibake with a stray '<>' the sanitiser dropped",
}

_DESCRIPTION = re.compile(r"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
_HEADER = re.compile(r"^Header:\s+([^:]+):(.*)$", re.MULTILINE)
_SKIP_UNLESS = re.compile(r"SkipUnless:\s*(.*?)\n")
_UNSAFE = re.compile(r"<script|javascript:", re.IGNORECASE)
# Byte order marks and BOM-less signatures of the corpus's UTF-16/32 files: (prefix, codec, skip).
_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32be", 4),
    (b"\xff\xfe\x00\x00", "utf-32le", 4),
    (b"\x00\x00\x00<", "utf-32be", 0),
    (b"<\x00\x00\x00", "utf-32le", 0),
    (b"\x00<\x00?", "utf-16be", 0),
    (b"<\x00?\x00", "utf-16le", 0),
    (b"\xfe\xff", "utf-16be", 2),
    (b"\xff\xfe", "utf-16le", 2),
    (b"\xef\xbb\xbf", "utf-8", 3),
)


@dataclass(frozen=True)
class CorpusFile:
    name: str  # path inside the corpus
    result: FetchResult
    expect: str | None
    skip_unless: str


def _comment_text(data: bytes) -> str:
    """The file as text, only to read its comment (the bytes are what gets parsed)."""
    for prefix, codec, skip in _SIGNATURES:
        if data.startswith(prefix):
            return data[skip:].decode(codec, errors="ignore")
    return data.decode("utf-8", errors="ignore")


def _load(path: Path) -> CorpusFile:
    name = path.relative_to(CORPUS).as_posix()
    data = path.read_bytes()
    text = _comment_text(data)
    headers = {key.strip().lower(): value.strip() for key, value in _HEADER.findall(text)}
    if "http" in name:
        headers.setdefault("content-type", "text/xml")
    url = f"http://127.0.0.1:8097/tests/{name}"
    described = _DESCRIPTION.search(text)
    skip = _SKIP_UNLESS.search(text)
    return CorpusFile(
        name=name,
        result=FetchResult(url=url, final_url=url, status=200, body=data, headers=headers),
        expect=described.group(2).strip() if described else None,
        skip_unless=skip.group(1).strip() if skip else "1",
    )


FILES = [_load(p) for p in sorted(CORPUS.rglob("*")) if p.suffix in (".xml", ".json")]


def _entries(file: CorpusFile, *, thorough: bool = False) -> list[Entry] | None:
    """Our entries for the file, or None when we call it not a feed (ParseError)."""
    spec = FeedSpec(name="corpus", url=file.result.url, language="en", country="TM")
    try:
        return parse_entries(file.result, spec, thorough=thorough)
    except ParseError:
        return None


def _violations(entry: Entry) -> list[str]:
    found = []
    if not isinstance(entry.key, str) or not entry.key:
        found.append(f"key {entry.key!r}")
    for field in ("title", "summary"):
        value = getattr(entry, field)
        if not isinstance(value, str):
            found.append(f"{field} is {type(value).__name__}")
        elif _UNSAFE.search(value):
            found.append(f"{field} keeps {_UNSAFE.search(value)}: {value[:80]!r}")
    published = entry.published
    if published is not None and published.utcoffset() != datetime.timedelta(0):
        found.append(f"published {published!r} is not aware UTC")
    if entry.link is not None and not entry.link.startswith(("http://", "https://")):
        found.append(f"link {entry.link!r}")
    return found


@pytest.fixture(scope="module", autouse=True)
def _quiet_feedparser() -> Any:
    # feedparser warns (DeprecationWarning) on some corpus expressions; that is its business.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def test_corpus_is_there() -> None:
    assert len(FILES) > 2000, f"only {len(FILES)} files under {CORPUS}: read its README.md"
    assert sum(file.expect is not None for file in FILES) > 2000


def test_every_file_parses_and_every_entry_holds_our_invariants() -> None:
    problems: list[str] = []
    stored = 0
    for file in FILES:
        try:
            first, second = _entries(file), _entries(file)
        except Exception as exc:  # anything but ParseError escaping is the failure we look for
            problems.append(f"{file.name}: {type(exc).__name__}: {exc}")
            continue
        if first is None or second is None:
            continue
        stored += len(first)
        if [e.key for e in first] != [e.key for e in second]:
            problems.append(f"{file.name}: keys differ between two parses")
        problems += [f"{file.name}: {v}" for entry in first for v in _violations(entry)]
    assert not problems, "\n".join(problems)
    assert stored > 1000  # the invariants were checked on real entries, not on nothing


def test_lean_parse_gives_the_thorough_entries() -> None:
    differ = {f.name for f in FILES if _entries(f) != _entries(f, thorough=True)}
    assert differ == set(LEAN_DIFFERS)


def _expect_holds(file: CorpusFile) -> bool:
    assert file.expect is not None
    result = parse_document(file.result)
    try:
        return bool(eval(file.expect, {"datetime": datetime, "feedparser": feedparser}, result))
    except Exception:  # a KeyError or the like inside the expression means it does not hold
        return False


def _applies(file: CorpusFile) -> bool:
    """The file's own SkipUnless, honoured when it names a module or codec we lack (chardet).

    Two files ask for `feedparser.ACCEPTABLE_URI_SCHEMES`, an attribute 6.0.x keeps elsewhere;
    feedparser's harness ignores SkipUnless for well-formed files, and so do we: they run.
    """
    try:
        eval(file.skip_unless, {"feedparser": feedparser})
    except (ImportError, LookupError):
        return False
    except AttributeError:
        return True
    return True


def test_expect_holds_through_our_path() -> None:
    checked = [f for f in FILES if f.expect and f.name not in SKIP_LIST and _applies(f)]
    failures = [f"{f.name}: {f.expect}" for f in checked if not _expect_holds(f)]
    assert not failures, f"{len(failures)} of {len(checked)} failed:\n" + "\n".join(failures)
    assert len(checked) > 2000


async def test_charset_files_survive_a_real_fetch(feed_server: FeedServer) -> None:
    """The encoding/http_* files over real HTTP: our fetcher must hand over bytes and
    Content-Type untouched, or the charset rules these files test would break."""
    files = [f for f in FILES if f.name.startswith("encoding/http_") and f.expect]
    failures = []
    async with Fetcher.open(allowed=LOOPBACK) as fetcher:
        for file in files:
            content_type = file.result.headers["content-type"]
            url = feed_server.feed(
                f"/tests/{file.name}", file.result.body, content_type=content_type
            )
            fetched = await fetcher.fetch(url)
            assert fetched.body == file.result.body
            assert fetched.headers["content-type"] == content_type
            if not _expect_holds(CorpusFile(file.name, fetched, file.expect, file.skip_unless)):
                failures.append(f"{file.name}: {file.expect}")
    assert not failures, "\n".join(failures)
    assert len(files) > 40


@pytest.mark.parametrize("name", sorted(SKIP_LIST))
def test_skip_list_entries_still_fail(name: str) -> None:
    """A skipped file that passes again (a feedparser upgrade) must leave the list."""
    [file] = [f for f in FILES if f.name == name]
    assert not _expect_holds(file), f"{name} passes now: remove it from SKIP_LIST"
