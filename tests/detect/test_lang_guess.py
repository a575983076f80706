"""The language guess on the region's languages, in each alphabet their readers write them.

Our own sentences (not bench/langguess.toml's, not the labelled files'): the bench measures,
these pin the rules down. Each language has a sentence that only its letters tell, and one
that only its words or spellings tell.
"""

from __future__ import annotations

import pytest

from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.lang import guess_language
from bot.detect.text import key

CASES = [
    # Uzbek Latin: oʻ gʻ with U+02BB, with a plain apostrophe, and none at all (q, x, words)
    ("uz", "Oʻzbekiston bankida yangi gʻazna ochildi"),
    ("uz", "O'zbekistonda ob-havo sovib ketdi"),
    ("uz", "Qashqadaryoda paxta terimi boshlandi va davom etmoqda"),
    # Uzbek Cyrillic: ў ҳ, and қ ғ without a Kazakh letter (no і, ә, ы in Uzbek)
    ("uz", "Ўзбекистонда янги қонун кучга кирди"),
    ("uz", "Ҳукумат қарорига кўра, нархлар оширилмайди"),
    ("uz", "Президент фармонига биноан қарор қабул қилинди"),
    # Kazakh Cyrillic, and in the Latin spellings people use
    ("kk", "Қазақстанда жаңа заң күшіне енді"),
    ("kk", "Үкімет бұл мәселені талқылады"),
    ("kk", "Qazaqstanda jaña zañ küşine endi"),
    ("kk", "Ūlttıq bank mölşerlemeni tömendetti"),
    # Turkmen: ý ň ž ä, or only words ("barada", "bilen")
    ("tk", "Türkmenistanda täze kanun güýje girdi"),
    ("tk", "Mejlis bu barada karar kabul etdi we halk bilen maslahatlaşdy"),
    # Kyrgyz: ң ө ү without Kazakh letters; long vowels (шаар, маалымат)
    ("ky", "Өкмөт жаңы мыйзамды кабыл алды"),
    ("ky", "Шаардагы маалымат борбору жабылды"),
    # Tajik: ҷ ӣ ӯ, or only its endings and words (-ро, "дар")
    ("tg", "Ҳукумати Тоҷикистон қарори навро қабул кард"),
    ("tg", "Дар шаҳр мағозаҳоро бастанд"),
    # Russian, and the neighbours that share its letters or the Turkic ones
    ("ru", "Правительство приняло новый закон о связи"),
    ("ru", "Об этом сообщает пресс-служба министерства"),
    ("uk", "Уряд ухвалив новий закон про зв'язок і це вперше"),
    ("be", "Урад прыняў новы закон і гэта ўпершыню"),
    ("tr", "Hükümet yeni yasayı kabul etti ve erişim kısıtlandı"),
    ("tr", "Twitter'a erişim kısıtlaması sona erdi"),  # the w of a brand is no Kazakh Latin
    ("az", "Hökumət yeni qanunu qəbul etdi"),
]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_the_regions_languages_are_told_apart(lang: str, text: str) -> None:
    assert guess_language(key(text)) == lang


def test_an_uzbek_cyrillic_item_without_language_gets_the_uzbek_vocabulary() -> None:
    """The guess picks the vocabulary: Uzbek Cyrillic had been read as Kazakh (its қ)."""
    item = ItemText("g", "Ўзбекистонда Telegram блокланди", "", None)
    language = Detector.load().language(item)
    assert language is not None and language.code == "uz"
