"""A cheap language guess for items that come without one: letters first, then stopwords.

Only needs to pick which vocabulary file to apply, so it knows the languages we have files
for and nothing else. Letters unique to one alphabet decide at once (ў: Belarusian or Uzbek,
ә қ: Kazakh, ҷ: Tajik, ə: Azerbaijani, ý ň: Turkmen); otherwise the script narrows the choice
and the most frequent stopwords win.
"""

from __future__ import annotations

import re
from collections import Counter

# Letters that settle the question, checked in this order (case-folded text).
_LETTERS: tuple[tuple[str, str], ...] = (
    ("ҷӣӯ", "tg"),
    ("әұһ", "kk"),
    ("қ", "kk"),  # also Uzbek Cyrillic; Kazakh writes it far more often
    ("ў", "uz"),  # Belarusian too: its own stopwords decide below
    ("ңөү", "ky"),
    ("ґєї", "uk"),
    ("ə", "az"),
    ("ýňž", "tk"),
    ("پچژگی", "fa"),
    ("ğış", "tr"),
)

_STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "of", "to", "in", "is", "has", "was", "on", "for"),
    "fr": ("le", "la", "les", "des", "est", "et", "une", "du", "dans", "a"),
    "de": ("der", "die", "und", "das", "ist", "nicht", "mit", "den", "auf", "ein"),
    "it": ("il", "di", "che", "è", "della", "per", "non", "gli", "del", "sono"),
    "es": ("el", "los", "las", "que", "y", "del", "por", "una", "con", "se"),
    "pt": ("o", "os", "da", "do", "em", "não", "que", "uma", "com", "foi"),
    "nl": ("het", "de", "een", "van", "en", "niet", "op", "zijn", "is", "werd"),
    "tr": ("ve", "bir", "bu", "için", "ile", "da", "de", "olarak"),
    "uz": ("va", "bilan", "uchun", "bu", "ham", "qilindi"),
    "hu": ("az", "és", "hogy", "egy", "meg", "nem", "van", "is"),
    "ru": ("и", "в", "не", "на", "что", "с", "по", "к", "был", "это"),
    "uk": ("і", "та", "що", "на", "не", "до", "з", "це", "як", "від"),
    "be": ("і", "ў", "на", "што", "не", "да", "з", "гэта", "як"),
}
_LATIN = ("en", "fr", "de", "it", "es", "pt", "nl", "tr", "uz", "hu")
_CYRILLIC = ("ru", "uk", "be")
_WORD = re.compile(r"\w+")


def guess_language(text: str) -> str:
    """ISO 639-1 code of the likeliest language of `text` (case-folded); "en" when unsure."""
    for letters, code in _LETTERS:
        if any(letter in text for letter in letters):
            if code == "uz" and " і " in f" {text} ":
                return "be"
            return code
    if re.search(r"[\u0600-\u06ff]", text):
        return "fa"
    cyrillic = re.search(r"[а-яё]", text) is not None
    candidates = _CYRILLIC if cyrillic else _LATIN
    counts = Counter(_WORD.findall(text))
    scores = {code: sum(counts[word] for word in _STOPWORDS[code]) for code in candidates}
    best = max(candidates, key=lambda code: scores[code])
    return best if scores[best] else candidates[0]
