"""How well the detector's language guess tells the region's languages apart, against libraries.

    .venv/bin/python -m bench.langguess              # accuracy per language, then the cost
    .venv/bin/python -m bench.langguess --errors     # also every wrong guess of ours

The guess (`bot.detect.lang.guess_language`) picks a vocabulary for an item whose feed
declares no language. Measured on short sentences: those of bench/langguess.toml, written for
this (Uzbek in Latin and Cyrillic, Kazakh in Cyrillic and three Latin spellings, Turkmen,
Kyrgyz, Tajik, Russian), and the titles (else the first sentence) of the training items in
those languages and, as a check on the rest, in the other languages we have vocabulary for
(bench/labels/heldout.jsonl, train-*.jsonl, ../shared/corpus/dev.jsonl; never
the fresh-* evaluation files). Uzbek and Kazakh items are split by their script.

Each library is asked as it would be used: restricted to the languages we have vocabulary for
where it can be (lingua, langid), else mapped by its ISO 639-1 answer; an answer outside our
vocabulary counts as wrong. A library that is not installed is left out:

    .venv/bin/pip install lingua-language-detector langid langdetect gcld3
    (gcld3 builds from source: apt-get install protobuf-compiler libprotobuf-dev first)

The cost is measured in a child process per guesser: seconds to import it and build its
detector, and the growth of peak RSS that takes (the service's goal: run --once < 200 MB).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bot.detect.lang import guess_language
from bot.detect.text import key

HERE = Path(__file__).resolve().parent
SENTENCES = HERE / "langguess.toml"
TRAINING = [
    HERE / "labels" / "heldout.jsonl",
    HERE / "labels" / "train-region.jsonl",
    HERE / "labels" / "train-ordinary.jsonl",
    HERE.parent.parent / "shared" / "corpus" / "dev.jsonl",
]
REGION = ("uz", "kk", "tk", "ky", "tg", "ru")
# The languages with a vocabulary file (bot/detect/vocab/lang/): the answers that are of use.
VOCABULARY = tuple(sorted(p.stem for p in (HERE.parent / "bot/detect/vocab/lang").glob("*.toml")))
SHORT = 160  # characters: a headline, or the start of a first sentence
PER_LANGUAGE = 40  # real items per label at most (Russian has hundreds)
OTHERS = 300  # items in the other languages we have vocabulary for, at most
Guess = Callable[[str], str]
Sample = tuple[str, str, str]  # label, expected code, text


def script(text: str) -> str:
    cyrillic = len(re.findall(r"[а-яёәғқңөұүһіўҳҷӣӯ]", text.lower()))
    latin = len(re.findall(r"[a-zäçğıñöşüýňžūʻ]", text.lower()))
    return "Cyrl" if cyrillic > latin else "Latn"


def samples() -> list[Sample]:
    """Our sentences, then the training items' short texts, labelled (label, code, text)."""
    found: list[Sample] = []
    written = tomllib.loads(SENTENCES.read_text("utf-8"))["sentences"]
    for label, texts in written.items():
        found += [(label, label.split("-")[0], text) for text in texts]
    counts: dict[str, int] = defaultdict(int)
    for path in TRAINING:
        if not path.is_file():
            continue
        for line in path.read_text("utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            code = item.get("lang")
            text = _short(item.get("title") or item.get("summary") or "")
            if code not in VOCABULARY or not text:
                continue
            label = f"{code}-{script(text)}" if code in ("uz", "kk") else code
            if code not in REGION:
                label = "other languages"  # a check that the region's rules cost them nothing
            if counts[label] < (PER_LANGUAGE if code in REGION else OTHERS):
                counts[label] += 1
                found.append((f"{label} (items)", code, text))
    return found


def _short(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= SHORT else first[:SHORT].rsplit(" ", 1)[0]


def guessers() -> dict[str, Guess]:
    """Ours and every library that is installed."""
    found: dict[str, Guess] = {}
    for name, make in _GUESSERS.items():
        try:
            found[name] = make()
        except ImportError:
            print(f"{name}: not installed", file=sys.stderr)
    return found


def _ours() -> Guess:
    return lambda text: guess_language(key(text))


def _lingua() -> Guess:
    from lingua import Language, LanguageDetectorBuilder

    ours = [x for x in Language.all() if x.iso_code_639_1.name.lower() in VOCABULARY]
    detector = LanguageDetectorBuilder.from_languages(*ours).build()

    def guess(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else "?"

    return guess


def _langid() -> Guess:
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=False)
    identifier.set_languages([code for code in VOCABULARY if code in identifier.nb_classes])
    return lambda text: str(identifier.classify(text)[0])


def _langdetect() -> Guess:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # its sampling is random otherwise

    def guess(text: str) -> str:
        try:
            return str(detect(text))
        except LangDetectException:
            return "?"

    return guess


def _gcld3() -> Guess:
    import gcld3

    identifier = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)
    return lambda text: str(identifier.FindLanguage(text=text).language).split("-")[0]


_GUESSERS: dict[str, Callable[[], Guess]] = {
    "ours": _ours,
    "lingua": _lingua,
    "langid": _langid,
    "langdetect": _langdetect,
    "gcld3": _gcld3,
}


def cost(name: str) -> tuple[float, float] | None:
    """Seconds to import and build `name` and guess once, and the MB its guesses over every
    sample added to peak RSS (lingua loads a script's models at its first text in it), in a
    child process of its own; None if it is not installed."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.langguess", "--probe", name],
        capture_output=True,
        text=True,
        cwd=HERE.parent,
    )
    if done.returncode != 0:
        return None
    seconds, megabytes = done.stdout.split()
    return float(seconds), float(megabytes)


def _probe(name: str) -> int:
    texts = [text for _, _, text in samples()]
    base = _peak_kb()
    start = time.perf_counter()
    guess = _GUESSERS[name]()
    guess(texts[0])
    took = time.perf_counter() - start
    for text in texts:
        guess(text)
    grown = (_peak_kb() - base) / 1024
    print(took, grown)
    return 0


def _peak_kb() -> int:
    """This process's peak RSS. Not getrusage: a child started by a parent that holds the
    libraries' models reports the parent's peak as its own (Linux keeps it across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong guess of ours")
    parser.add_argument("--no-cost", action="store_true", help="skip the import/memory probes")
    parser.add_argument("--probe", choices=list(_GUESSERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        return _probe(args.probe)
    data = samples()
    found = guessers()
    labels = sorted({label for label, _, _ in data}, key=lambda label: (label.split()[0], label))
    names = list(found)
    print(f"{'label':<22}{'n':>4}" + "".join(f"{name:>20}" for name in names))
    right: dict[str, int] = defaultdict(int)
    for label in labels:
        rows = [(code, text) for other, code, text in data if other == label]
        cells = []
        for name in names:
            hits = sum(found[name](text) == code for code, text in rows)
            right[name] += hits
            cells.append(f"{hits / len(rows):>20.2f}")
        print(f"{label:<22}{len(rows):>4}" + "".join(cells))
    print(f"{'all':<22}{len(data):>4}" + "".join(f"{right[n] / len(data):>20.2f}" for n in names))
    if not args.no_cost:
        print("\nimport + build, in a child process:")
        for name in _GUESSERS:
            measured = cost(name)
            shown = (
                "not installed"
                if measured is None
                else "{:.2f} s, +{:.0f} MB RSS".format(*measured)
            )
            print(f"  {name:<20}{shown}")
    if args.errors:
        print("\nwrong guesses of ours:")
        for label, code, text in data:
            guessed = found["ours"](text)
            if guessed != code:
                print(f"  {label}: {guessed} ≠ {code}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
