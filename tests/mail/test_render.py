"""Email alerts and digests (bot/mail/render.py), and how they travel (bot/mail/smtp.py,
aiosmtpd)."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.models import Action, Event, EventReport, EventSource, Subscriber
from bot.core.story import Story
from bot.mail.flowed import fixed, flowed
from bot.mail.links import MailIdentity, subscriber_of
from bot.mail.mirrors import Mirrors, Site, load_mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings, build_message
from tests.support.manualclock import NOW
from tests.support.reports import alone
from tests.support.smtpserver import SmtpServer

SECRET = b"s" * 32
COMMANDS = "alerts@blockwatch.test"
IDENTITY = MailIdentity("blockwatch.test", "alerts@blockwatch.test", "https://bw.test", SECRET)
MIRRORS = Mirrors(
    (
        Site("azathabar.com", frozenset({"TM"}), "https://mirror.example"),
        Site("turkmen.news", frozenset({"TM"})),
    )
)
RENDER = EmailRenderer(IDENTITY, MIRRORS)
READER = Subscriber(7, "email", "aman@example.tm", frozenset({"TM"}))
ELSEWHERE = Subscriber(8, "email", "hans@example.de", frozenset({"DE"}))
STORY = (
    "Власти Туркменистана заблокировали мессенджер IMO, последний работавший в стране. "
    "Пользователи в Ашхабаде и Мары сообщают, что звонки не проходят с утра понедельника. "
    "VPN-сервисы также работают с перебоями. Провайдер Туркментелеком не дал комментариев. "
    "Пятое предложение уже лишнее."
)


def report(
    event_id: int = 1,
    action: Action = "block",
    *,
    link: str = "https://azathabar.com/a/1.html",
    story_id: int | None = None,
) -> EventReport:
    event = Event(
        event_id,
        "TM",
        "imo",
        action,
        NOW + timedelta(minutes=event_id),
        NOW + timedelta(minutes=event_id),
    )
    sources = (
        EventSource("Radio Azatlyk", "Туркменистан заблокировал IMO", link, STORY, NOW, "ru"),
        EventSource(
            "Turkmen.news", "IMO не работает", "https://turkmen.news/imo", STORY, NOW, "ru"
        ),
    )
    return EventReport(event, sources, story_id)


def test_an_alert_tells_the_story_without_the_link() -> None:
    text = RENDER.alert(Story.of(report()), READER).text
    assert "Власти Туркменистана заблокировали мессенджер IMO" in " ".join(text.split())
    assert "Провайдер Туркментелеком не дал комментариев." in " ".join(text.split())
    assert "Пятое предложение" not in text  # four sentences at most


def test_lines_are_flowed_at_72_columns() -> None:
    text = RENDER.alert(Story.of(report()), READER).text
    lines = text.splitlines()
    assert all(len(line) <= 72 for line in lines)
    assert any(line.endswith(" ") and line != "-- " for line in lines)  # soft breaks
    assert "-- " in lines  # the signature separator, kept exact
    urls = [line for line in lines if "://" in line]
    assert urls and all(not line.endswith(" ") for line in urls)  # a URL never flows


def test_blocked_sites_are_marked_and_mirrors_given_for_their_readers_only() -> None:
    text = RENDER.alert(Story.of(report()), READER).text
    assert "https://mirror.example/a/1.html" in text and "azathabar.com/a/1" not in text
    assert "Turkmen.news (site blocked in Turkmenistan)" in text
    abroad = RENDER.alert(Story.of(report()), ELSEWHERE).text
    assert "https://azathabar.com/a/1.html" in abroad and "blocked in" not in abroad


def test_the_packaged_mirror_list_loads() -> None:
    site = load_mirrors().site_of("https://www.azathabar.com/a/x.html")
    assert site is not None and "TM" in site.blocked_in


def test_headers_unsubscribe_and_threading() -> None:
    block = RENDER.alert(Story.of(report(1, "block")), READER).headers
    unblock = RENDER.alert(Story.of(report(2, "unblock", story_id=1)), READER).headers
    assert block["Message-ID"].endswith("@blockwatch.test>")
    assert block["Message-ID"] == RENDER.alert(Story.of(report(1)), READER).headers["Message-ID"]
    assert block["Message-ID"] != unblock["Message-ID"]
    # the story's first alert starts a thread; the unblock replies to it
    assert "In-Reply-To" not in block and "References" not in block
    assert unblock["In-Reply-To"] == unblock["References"] == block["Message-ID"]
    mailto, https = block["List-Unsubscribe"].split(", ")
    assert mailto == "<mailto:alerts@blockwatch.test?subject=STOP>"
    token = https.strip("<>").rsplit("/", 1)[1]
    assert https.startswith("<https://bw.test/unsubscribe/") and subscriber_of(SECRET, token) == 7
    assert block["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert block["Reply-To"] == "alerts@blockwatch.test" and block["List-Id"]
    assert RENDER.alert(Story.of(report()), ELSEWHERE).headers["Message-ID"] != block["Message-ID"]


def test_a_daily_digest_of_twenty_events_stays_under_30_kb() -> None:
    reports = [report(n, link=f"https://azathabar.com/a/{'x' * 80}/{n}.html") for n in range(20)]
    [(message, ids)] = RENDER.digest(alone(reports), READER)
    assert ids == list(range(20))
    mail = build_message(
        "Blockwatch <alerts@blockwatch.test>",
        READER.address,
        message,
        "blockwatch.test",
        eight_bit=True,
    )
    assert len(mail.as_bytes()) < 30 * 1024
    assert message.text.count("Власти Туркменистана") == 20  # every story, not just headlines


def test_a_long_digest_is_split_and_loses_no_event() -> None:
    reports = [report(n) for n in range(70)]
    parts = RENDER.digest(alone(reports), READER)
    assert len(parts) > 1
    assert sorted(i for _, ids in parts for i in ids) == list(range(70))
    assert all(len(m.text.encode()) <= 28 * 1024 for m, _ in parts)
    assert parts[0][0].subject.endswith(f"(1/{len(parts)})")


async def test_an_alert_travels_as_8bit_flowed_utf8_with_its_headers(
    smtp_server: SmtpServer,
) -> None:
    sender = EmailSender(SmtpSettings.from_url(smtp_server.url, f"Blockwatch <{COMMANDS}>"))
    message = RENDER.alert(Story.of(report()), READER)
    async with sender.batch() as batch:
        await batch.send(READER.address, message)
    [received] = smtp_server.received
    raw = received.raw.decode("utf-8")
    assert received.message.get_param("format") == "flowed"
    assert received.message["Content-Transfer-Encoding"] == "8bit"
    assert "quoted-printable" not in raw and "Власти" in raw
    assert received.message["Message-ID"] == message.headers["Message-ID"]
    assert received.message["Auto-Submitted"] == "auto-generated"
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received.message["Date"]


def test_flowed_text_is_space_stuffed_and_soft_broken() -> None:
    lines = flowed("From here " + "word " * 30)
    assert lines[0].startswith(" From here")  # RFC 3676: "From " at a line start is stuffed
    assert all(line.endswith(" ") for line in lines[:-1]) and not lines[-1].endswith(" ")
    assert all(len(line) <= 72 for line in lines)
    assert fixed("> not a quote ") == " > not a quote"


RUSSIAN = Subscriber(9, "email", "olga@example.ru", frozenset({"TM", "RU"}), language="ru")
TOR = Mirrors(
    (
        Site(
            "rferl.org",
            frozenset({"TM", "RU"}),
            "https://www.rferlo2zxgv23tct66v45s5mecftol5vod3hf4rqbipfp46fqu2q56ad.onion",
        ),
    )
)
ONION = "https://www.rferlo2zxgv23tct66v45s5mecftol5vod3hf4rqbipfp46fqu2q56ad.onion/a/1.html"


def test_an_alert_in_russian_reads_russian_around_the_story() -> None:
    message = RENDER.alert(Story.of(report()), RUSSIAN)
    assert message.subject == "[Blockwatch] Туркменистан: IMO — блокировка"
    text = " ".join(message.text.split())
    assert "== Туркменистан: IMO — блокировка == Впервые сообщено 23 нояб. 2026, 09:01 UTC." in text
    assert "Источники: [1] Radio Azatlyk (заблокирован в стране: Туркменистан; зеркало" in text
    assert "Ответьте СТОП, чтобы больше не получать оповещения" in text
    assert "Отписаться сразу:" in text


def test_a_tor_mirror_is_named_as_one_and_the_link_kept() -> None:
    lines = (
        EmailRenderer(IDENTITY, TOR)
        .alert(Story.of(report(link="https://www.rferl.org/a/1.html")), READER)
        .text.splitlines()
    )
    start = lines.index("[1] Radio Azatlyk (site blocked in Turkmenistan):")
    # (indented lines are space-stuffed, RFC 3676: a flowed reader removes the first space)
    assert lines[start + 1 : start + 4] == [
        "     https://www.rferl.org/a/1.html",
        "     in Tor Browser:",
        f"     {ONION}",
    ]
    abroad = (
        EmailRenderer(IDENTITY, TOR)
        .alert(Story.of(report(link="https://www.rferl.org/a/1.html")), ELSEWHERE)
        .text
    )
    assert "Tor Browser" not in abroad and "site blocked" not in abroad


def test_the_packaged_mirrors_are_https_and_onions_are_named() -> None:
    mirrors = load_mirrors()
    rferl = mirrors.site_of("https://www.rferl.org/a/x.html")
    assert rferl is not None and rferl.mirror_on_tor
    assert all(site.mirror is None or site.mirror.startswith("https://") for site in mirrors.sites)
    azatlyk = mirrors.site_of("https://www.azathabar.com/a/x.html")
    assert azatlyk is not None and azatlyk.mirror is None  # none documented: none given


async def test_a_russian_digest_of_twenty_events_stays_small_flowed_and_8bit(
    smtp_server: SmtpServer,
) -> None:
    """The worst case: 20 events, every link a blocked site's, given twice (link and onion)."""
    reports = [report(n, link=f"https://www.rferl.org/a/{'x' * 80}/{n}.html") for n in range(20)]
    [(message, ids)] = EmailRenderer(IDENTITY, TOR).digest(alone(reports), RUSSIAN)
    assert len(ids) == 20 and message.subject == "[Blockwatch] сводка: 20 событий"
    sender = EmailSender(SmtpSettings.from_url(smtp_server.url, f"Blockwatch <{COMMANDS}>"))
    async with sender.batch() as batch:
        await batch.send(RUSSIAN.address, message)
    [received] = smtp_server.received
    assert len(received.raw) < 30 * 1024
    assert received.message["Content-Transfer-Encoding"] == "8bit"
    assert b"quoted-printable" not in received.raw and "Власти".encode() in received.raw
    lines = received.message.get_content().splitlines()
    assert all(len(line) <= 72 for line in lines if "://" not in line)  # only a URL is longer
    assert all(line.strip().startswith("https://") for line in lines if len(line) > 72)


# --- moved from the retired bot/telegram/render.py render_email's tests (issue 13) ------------


def outlet(name: str, title: str = "IMO blocked", link: str | None = None) -> EventSource:
    url = link if link is not None else f"https://{name.lower()}.test/1"
    return EventSource(name, title, url, STORY, NOW, "en")


def reported_by(*sources: EventSource) -> EventReport:
    return EventReport(Event(1, "TM", "imo", "block", NOW, NOW, len(sources)), sources)


def test_an_alert_is_plain_text_with_an_ascii_subject_and_no_unsafe_link() -> None:
    sources = [
        outlet("Azatlyk", "IMO & WhatsApp down"),
        outlet("Turkmen.news", "IMO down again", "https://t.test/x?a=1&b=2"),
        outlet("Radio", "No link", "javascript:void(0)"),
    ]
    message = RENDER.alert(Story.of(reported_by(*sources)), ELSEWHERE)
    assert message.subject == "[Blockwatch] Turkmenistan: IMO blocked"
    assert message.subject.isascii()  # no flag: old clients on slow links show encoded-words badly
    text = message.text
    assert "IMO & WhatsApp down" in text and "&amp;" not in text and "<" not in text  # not HTML
    lines = text.splitlines()
    listed = lines.index("[2] Turkmen.news")
    assert lines[listed + 1].strip() == "https://t.test/x?a=1&b=2"  # whole, on its own line
    assert lines[lines.index("[3] Radio") + 1] == "" and "javascript:" not in text


def test_an_alert_lists_five_outlets_then_counts_the_rest() -> None:
    text = RENDER.alert(
        Story.of(reported_by(*(outlet(f"S{n}") for n in range(25)))), ELSEWHERE
    ).text
    assert len(re.findall(r"\n\[[1-5]\] S", text)) == 5
    assert "\nand 20 more.\n" in text


def test_even_odd_text_stays_within_72_columns_except_urls() -> None:
    odd = [
        [outlet("Azatlyk", "Заголовок " * 40)],
        [outlet("Azatlyk", "x" * 500)],  # an unbreakable word
        [outlet("Имя " * 30, "Т " * 100, "https://e.test/" + "p" * 300) for _ in range(3)],
    ]
    for sources in odd:
        for line in RENDER.alert(Story.of(reported_by(*sources)), READER).text.splitlines():
            assert len(line) <= 72 or line.strip().startswith("https://"), line
