"""A cheap language guess for items that come without one: alphabets, then common words.

Only needs to pick which vocabulary file to apply, so it knows the languages we have files
for and nothing else. The script narrows the choice (Arabic, Cyrillic, Latin); then each
language of that script scores its own letters (ә ұ і for Kazakh, ў ҳ for Uzbek, ҷ ӣ ӯ for
Tajik, ý ň for Turkmen, ə for Azerbaijani), loses for letters its alphabet does not have (no
ы in Uzbek or Tajik Cyrillic, no ä in Turkish, no q in Turkmen), and scores its most common
words and a few spellings of its own (Kyrgyz long vowels "аа", Tajik "-ро", Uzbek oʻ gʻ, a
"q" not before "u"). Highest score wins; ties go to the first language of the script's list.

Measured by `python -m bench.langguess` on short sentences of the region's languages (Uzbek
and Kazakh in both scripts, Turkmen, Kyrgyz, Tajik, Russian): see bench/README.md. The
libraries measured there either lack Turkmen and Uzbek Cyrillic or cost 60-150 MB.
"""

from __future__ import annotations

import re
from collections import Counter

# Letters beyond the basic Latin / Russian alphabets, per script and language (case-folded).
_OWN_LETTERS: dict[str, dict[str, str]] = {
    "cyrillic": {
        "kk": "әғқңөұүһі",
        "ky": "ңөү",
        "uz": "ўқғҳ",
        "tg": "ғӣқӯҳҷ",
        "uk": "єіїґ",
        "be": "ўі",
    },
    "latin": {
        "tk": "äçňöşüýž",
        "az": "əçğıöşü",
        "tr": "âçğıîöşüû",
        # 2021 official (ä ğ ı ñ ö ş ū ü), Kazakh Wikipedia's (ï), 2018 acutes (á ǵ ń ó ú)
        "kk": "äğıñöşūüïáǵńóú",
        "fr": "àâæçéèêëîïôœùûüÿ",
        "de": "äöüß",
        "it": "àèéìíîòóùú",
        "es": "áéíñóúü",
        "pt": "àáâãçéêíóôõú",
        "nl": "ëïéè",
        "hu": "áéíóöőúüű",
    },
}
# Basic letters a language's alphabet lacks (a Russian loanword in Uzbek or Tajik Cyrillic
# is respelt: Крим, not Крым): each one counts against the language.
_LACKS: dict[str, dict[str, str]] = {
    "cyrillic": {"uk": "ёъыэ", "be": "ищъ", "uz": "щы", "tg": "цщыь"},
    "latin": {"tk": "q", "tr": "q"},
}
# In order of preference on a tie: Uzbek and Kyrgyz before Kazakh, whose text nearly always
# has one of its own letters (і ә ұ ғ) that they lack.
_LANGUAGES: dict[str, tuple[str, ...]] = {
    "cyrillic": ("ru", "uk", "be", "uz", "ky", "kk", "tg"),
    "latin": ("en", "fr", "de", "it", "es", "pt", "nl", "uz", "tr", "hu", "tk", "az", "kk"),
}
# Every such letter of a script, and with the lacking ones: the letters worth counting.
_SPECIAL = {
    script: "".join(sorted(set("".join(own.values())))) for script, own in _OWN_LETTERS.items()
}
_COUNTED = {script: _SPECIAL[script] + "".join(_LACKS[script].values()) for script in _OWN_LETTERS}

_STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "of", "to", "in", "is", "has", "was", "on", "for"),
    "fr": ("le", "la", "les", "des", "est", "et", "une", "du", "dans", "a"),
    "de": ("der", "die", "und", "das", "ist", "nicht", "mit", "den", "auf", "ein"),
    "it": ("il", "di", "che", "è", "della", "per", "non", "gli", "del", "sono"),
    "es": ("el", "los", "las", "que", "y", "del", "por", "una", "con", "se"),
    "pt": ("o", "os", "da", "do", "em", "não", "que", "uma", "com", "foi"),
    "nl": ("het", "de", "een", "van", "en", "niet", "op", "zijn", "is", "werd"),
    "tr": ("ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "olan", "daha"),
    "hu": ("az", "és", "hogy", "egy", "meg", "nem", "van", "is"),
    "ru": ("и", "в", "не", "на", "что", "с", "по", "к", "был", "это", "из", "за", "о", "об",
           "для", "от", "а", "но", "как", "при"),
    "uk": ("і", "та", "що", "на", "не", "до", "з", "це", "як", "від"),
    "be": ("і", "ў", "на", "што", "не", "да", "з", "гэта", "як"),
    # the region's Turkic languages and Tajik, in each alphabet they are written in
    "uz": ("va", "bilan", "uchun", "bu", "ham", "haqida", "bo'yicha", "esa", "deb", "yana",
           "ва", "билан", "учун", "бу", "ҳам", "ҳақида", "бўйича", "эса", "деб", "яна"),
    "kk": ("және", "мен", "бұл", "үшін", "туралы", "бойынша", "деп", "бір", "оның", "еді",
           "jäne", "bul", "būl", "üşin", "turaly", "turalı", "twralı", "boyınşa", "dep"),
    "ky": ("жана", "менен", "үчүн", "бул", "тууралуу", "боюнча", "деп", "бир", "анын", "эле"),
    "tg": ("дар", "ба", "ва", "аз", "бо", "ки", "ин", "барои", "шуд", "кард", "мешавад", "буд"),
    "tk": ("we", "bilen", "üçin", "bu", "hem", "barada", "boýunça", "diýip", "bolsa", "ýene"),
    "az": ("və", "bu", "ilə", "üçün", "bir", "da", "də", "olan", "olub"),
}  # fmt: skip
# Spellings of one language of its script, and what an occurrence counts.
_SPELLINGS: dict[str, dict[str, tuple[tuple[re.Pattern[str], int], ...]]] = {
    "cyrillic": {
        # long vowels (шаар, маалымат, аркылуу; not Russian "сообщ-") and genitive endings
        "ky": (
            (re.compile(r"аа|(?<!с)оо|уу|ээ|үү|өө"), 2),
            (re.compile(r"(?:нын|нун|нүн|дын|дун|дүн|тын|тун|түн)\b"), 1),
        ),
        # object and plural endings (хабарро, нархҳо), verbs with "ме-" (мешавад, меборад)
        "tg": ((re.compile(r"\w(?:ро|ҳо)\b"), 2), (re.compile(r"\bме\w{2,}(?:ад|анд)\b"), 2)),
        "uz": ((re.compile(r"нинг\b"), 2),),
        "ru": ((re.compile(r"(?:ого|ому|ый|ая|ую|ые|ых|ся|ть|ов|ами)\b"), 1),),
    },
    "latin": {
        # oʻ gʻ (any apostrophe: the key folds them), a "q" not before "u", "x"
        "uz": ((re.compile(r"[og]'"), 3), (re.compile(r"q(?!u)"), 1), (re.compile(r"x"), 1)),
        "kk": ((re.compile(r"q(?!u)"), 1), (re.compile(r"zh"), 1)),
        "az": ((re.compile(r"q(?!u)"), 1), (re.compile(r"x"), 1)),
    },
}
_OWN_WEIGHT = 2  # an own letter of the language
_FOREIGN_WEIGHT = 3  # a letter its alphabet does not have
_STOPWORD_WEIGHT = 3
_WORD = re.compile(r"[\w']+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC_LETTER = re.compile(r"[а-яёіїєґўқғҳәңөұүһҷӣӯ]")
_LATIN_LETTER = re.compile(r"[a-zäçğıñöşüýňžūïáǵńóúəâîûàæèéêëôœùÿìíòãõőű]")


def guess_language(text: str) -> str:
    """ISO 639-1 code of the likeliest language of `text` (case-folded); "en" when unsure."""
    if _ARABIC.search(text):
        return "fa"
    cyrillic = len(_CYRILLIC_LETTER.findall(text))
    script = "cyrillic" if cyrillic > len(_LATIN_LETTER.findall(text)) else "latin"
    letters = Counter(char for char in text if char in _COUNTED[script])
    words = Counter(_WORD.findall(text))
    candidates = _LANGUAGES[script]
    scores = {code: _score(script, code, letters, words, text) for code in candidates}
    best = max(candidates, key=lambda code: scores[code])
    return best if scores[best] > 0 else candidates[0]


def _score(script: str, code: str, letters: Counter[str], words: Counter[str], text: str) -> int:
    own = _OWN_LETTERS[script].get(code, "")
    lacks = _LACKS[script].get(code, "")
    score = 0
    for letter, count in letters.items():
        if letter in own:
            score += _OWN_WEIGHT * count
        elif letter in _SPECIAL[script] or letter in lacks:
            score -= _FOREIGN_WEIGHT * count
    score += _STOPWORD_WEIGHT * sum(words[word] for word in _STOPWORDS.get(code, ()))
    for pattern, weight in _SPELLINGS[script].get(code, ()):
        score += weight * len(pattern.findall(text))
    return score
