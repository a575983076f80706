"""Where the tests find the repository and the material beside it (`../shared`)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# feedparser's own test feeds, a peer's suite for the ingestion path (../shared/feedparser-corpus)
FEEDPARSER_CORPUS = REPO.parent / "shared" / "feedparser-corpus"
