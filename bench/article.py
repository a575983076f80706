"""ARTICLE's cost, by hand: extraction time and what the reader's link pays, for news pages of
growing length (tests/support/articlepages.py's page, with filler paragraphs).

    .venv/bin/python -m bench.article [--rounds 5]

Prints, per page: its HTML size, trafilatura's extraction time (median of the rounds), the
article mail's body size (at most 60 KB), whether it was cut, and the Telegram messages it
makes. No network: the page is extracted from memory.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime

from bot.core.article import AskedSource
from bot.core.models import Subscriber
from bot.feeds.extract import extract_article
from bot.mail.article import article_mail
from bot.mail.mirrors import load_mirrors
from bot.telegram.article import article_messages
from tests.support.articlepages import IMO_PARAGRAPHS, long_paragraphs, news_page

URL = "https://www.azathabar.com/a/1.html"
READER = Subscriber(1, "email", "reader@example.tm", frozenset({"TM"}))
ASKED = AskedSource(1, 1, "Azatlyk", "IMO blocked", URL, "", "en", True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    print("paragraphs  html KB  extract ms  mail KB  cut  telegram messages")
    for count in (0, 10, 50, 200, 800):
        paragraphs = IMO_PARAGRAPHS + long_paragraphs(count)
        page = news_page(paragraphs=paragraphs)
        times = []
        article = None
        for _ in range(rounds):
            start = time.perf_counter()
            article = extract_article(page, URL, datetime.now(UTC))
            times.append(time.perf_counter() - start)
        assert article is not None
        mail = article_mail(article, ASKED, READER, load_mirrors())
        size = len(mail.text.encode("utf-8"))
        cut = "goes on for" in " ".join(mail.text.split())
        chats = len(article_messages(article, ASKED, "en"))
        print(
            f"{len(paragraphs):10d}  {len(page.encode()) / 1024:7.0f}  "
            f"{statistics.median(times) * 1000:10.1f}  {size / 1024:7.1f}  "
            f"{'yes' if cut else 'no':>3}  {chats:17d}"
        )


if __name__ == "__main__":
    main()
