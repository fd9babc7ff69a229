"""Build src/brieflint/data/orthography/variant-frequencies.tsv and attested-forms.txt from the
``wordfreq`` package.

    pip install wordfreq   # for this script only: brieflint does not depend on it
    python scripts/make-variant-frequencies.py

The shipped file holds only the Arabic word forms that compete with another spelling of the
same word, with their frequency in general Arabic (occurrences per billion words, wordfreq's
``large`` Arabic list):

* forms that differ only in hamza on alef (ا/أ/إ/آ), final ة/ه or final ى/ي;
* forms with a doubled letter whose single-letter spelling is also a word (ممنهج/منهج);
* common nouns in ة whose «…ه» twin is rare (هشاشة/هشاشه), the twin with its own count;
* forms beginning with «ما» or «لا» (مارفل, لايوجد), with their rest (يوجد) when it is common;
* mafʿal plurals with a madda (مآسي, مآلات) from 100 per billion, with their bare twin's count;
* common forms the shipped dictionary (Ayaspell and brieflint's word lists) does not know —
  names, loanwords, derived forms (نطاقات, موتورز): their competitor is the typo the unknown-word
  rule would otherwise suspect, and a form general Arabic writes this often is not one.

One line per group of competing forms: ``key<TAB>form count form count …``, where the key is
the form with every hamza-alef written ا, a final ة written ه and a final ى written ي — the
spelling checker computes the same key and reads the group. A form of the last two classes
without a hamza/ta/ya competitor stands alone on the line of its own key.

``attested-forms.txt`` lists, one a line and without counts, the rarer forms the dictionary
does not know that general Arabic still writes at least ``MIN_ATTESTED`` times per billion words
and with no competing hamza/ta/ya spelling far more often: names, loanwords and derived forms
(نتفليكس, السوربون, المانغروف) that the unknown-word rule should not call typos. The checker
only searches it for a word the dictionary rejects, so it is never parsed as a whole.

``word-frequencies.txt`` gives every other form the dictionary knows that general Arabic
writes at least ``MIN_GENERAL`` times per billion words how common it is, to a tenth of a power
of ten, so that the suggestions for any word can be ranked by how common each candidate is (the
variant data already counts its own forms). Sorted ``form<TAB>code`` lines: the unknown-word
rule reads the bytes only when a word has several suggestions to rank, and bisects them in
place — nothing is parsed or decompressed.

wordfreq's data is licensed CC BY-SA 4.0; the notice beside the file says so.
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from pathlib import Path

from wordfreq import iter_wordlist, word_frequency

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "brieflint"
    / "data"
    / "orthography"
    / "variant-frequencies.tsv"
)
ARABIC = re.compile("^[\u0621-\u063a\u0641-\u064a]{2,}$")
MIN_COUNT = 50  # per billion words: rarer forms are noise in a web corpus
MIN_GROUP = 2000  # a group is shipped when its most frequent form reaches this
MIN_OWN = 100  # a doubled-letter or ما/لا form is shipped when it reaches this
MIN_TA = 500  # a noun in ة is shipped with its rare «…ه» twin when it reaches this
MIN_UNKNOWN = 1000  # a form the dictionary does not know is shipped when it reaches this
MIN_ATTESTED = 100  # … and listed in attested-forms.txt (no count) when it reaches this
MIN_GENERAL = 100  # a known form is given its frequency in word-frequencies.txt from this
RIVAL_RATIO = 2.5  # a form whose competing spelling is this much more frequent is a misspelling
ATTESTED = OUT.with_name("attested-forms.txt")
WORD_FREQUENCIES = OUT.with_name("word-frequencies.txt")


def key(word: str) -> str:
    word = re.sub("[أإآ]", "ا", word)
    if word.endswith("ة"):
        word = word[:-1] + "ه"
    if word.endswith("ى"):
        word = word[:-1] + "ي"
    return word


def near_spellings(word: str) -> set[str]:
    """Spellings a typist confuses with ``word`` beyond the variant key: another seat of the
    hamza («الإجرائات» / «الإجراءات») and a letter typed once instead of twice (or the reverse)."""
    found = set()
    for i, ch in enumerate(word):
        if ch in "ءئؤأإ":
            found.update(word[:i] + seat + word[i + 1 :] for seat in "ءئؤأإ" if seat != ch)
        if i and word[i - 1] == ch:
            found.add(word[:i] + word[i + 1 :])
    return found


def dictionary():
    """The spelling checker's own dictionary (the repository's source, not an installed copy)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from brieflint.spelling.dictionary import get_dictionary

    return get_dictionary().known


def main() -> int:
    counts: dict[str, int] = {}
    for word in iter_wordlist("ar", "large"):
        if not ARABIC.match(word):
            continue
        count = round(word_frequency(word, "ar", "large") * 1e9)
        if count < MIN_COUNT:
            break  # the list is sorted by frequency
        counts[word] = count
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for word, count in counts.items():
        groups[key(word)][word] = count
    shipped = {k: dict(v) for k, v in groups.items() if len(v) > 1 and max(v.values()) >= MIN_GROUP}
    # The mafʿal plurals of hamza roots (مآسي, مآلات, مآخذ) are rarer, and their madda is the
    # one most often dropped: the plural is shipped from MIN_OWN, with its bare twin's count.
    for word, count in counts.items():
        if word.startswith("مآ") and count >= MIN_OWN:
            bare = "ما" + word[2:]
            twin = round(word_frequency(bare, "ar", "large") * 1e9)
            shipped.setdefault(key(word), {}).update({word: count, bare: twin})
    for word, count in counts.items():
        if count < MIN_OWN:
            continue
        doubled = any(
            word[i] == word[i + 1] and (word[:i] + word[i + 1 :]) in counts
            for i in range(len(word) - 1)
        )
        rest = word[2:]
        particle = word[:2] in {"ما", "لا"} and len(rest) >= 3
        if doubled or particle:
            shipped.setdefault(key(word), {})[word] = count
        if particle and rest in counts:  # the checker compares the joined form with its rest
            shipped.setdefault(key(rest), {})[rest] = counts[rest]
    # A common noun in ة whose «…ه» twin general Arabic hardly writes (هشاشة/هشاشه): the twin
    # is shipped with its own small count, so that «هشاشه» is read as a misspelling.
    for word, count in counts.items():
        twin = word[:-1] + "ه"
        if word.endswith("ة") and count >= MIN_TA and twin not in counts:
            rare = round(word_frequency(twin, "ar", "large") * 1e9)
            shipped.setdefault(key(word), {}).update({word: count, twin: rare})
    known = dictionary()
    attested = []
    for word, count in counts.items():
        if count >= MIN_UNKNOWN and not known(word):
            shipped.setdefault(key(word), {})[word] = count
        elif count >= MIN_ATTESTED and not known(word):
            rivals = dict(groups[key(word)])
            rivals.update((w, counts.get(w, 0)) for w in near_spellings(word))
            if all(c < RIVAL_RATIO * count for w, c in rivals.items() if w != word):
                attested.append(word)
    lines = [
        "# Arabic word forms with a competing spelling, and their frequency per billion words.",
        "# Derived from wordfreq (https://github.com/rspeer/wordfreq), CC BY-SA 4.0: see",
        "# variant-frequencies.NOTICE.md. Generated by scripts/make-variant-frequencies.py.",
    ]
    for k in sorted(shipped):
        forms = sorted(shipped[k].items(), key=lambda item: (-item[1], item[0]))
        lines.append(k + "\t" + " ".join(f"{w} {c}" for w, c in forms))
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    size = OUT.stat().st_size
    print(f"{OUT}: {len(shipped)} groups, {size:,} bytes", file=sys.stderr)
    header = [
        f"# Arabic word forms the dictionary lacks that general Arabic writes ({MIN_ATTESTED}+ per",
        "# billion words). Derived from wordfreq (https://github.com/rspeer/wordfreq), CC BY-SA",
        "# 4.0: see variant-frequencies.NOTICE.md. Generated by scripts/make-variant-frequencies.py.",
    ]
    ATTESTED.write_text("\n".join(header + sorted(attested)) + "\n", "utf-8")
    size = ATTESTED.stat().st_size
    print(f"{ATTESTED}: {len(attested)} forms, {size:,} bytes", file=sys.stderr)
    write_word_frequencies(counts, known, {w for forms in shipped.values() for w in forms})
    return 0


def write_word_frequencies(counts: dict[str, int], known, listed: set[str]) -> None:
    """word-frequencies.txt: the forms the dictionary knows and the variant data does not list,
    from MIN_GENERAL per billion words, one «form<TAB>code» a line in code-point order (the
    checker bisects the bytes) — the code a character for the count in tenths of a power of
    ten (``"0"`` is 100 per billion, ``"1"`` 126, … ``"g"`` 31.6 million)."""
    lines = sorted(
        f"{word}\t{chr(ord('0') + round(10 * math.log10(count)) - 20)}"
        for word, count in counts.items()
        if count >= MIN_GENERAL and word not in listed and known(word)
    )
    header = [
        "# Arabic word forms the dictionary knows, with how often general Arabic writes them:",
        f"# «form<TAB>code», code = chr(ord('0') + round(10 * log10(per billion)) - 20), {MIN_GENERAL}+.",
        "# Derived from wordfreq (https://github.com/rspeer/wordfreq), CC BY-SA 4.0: see",
        "# variant-frequencies.NOTICE.md. Generated by scripts/make-variant-frequencies.py.",
    ]
    text = "\n".join(header + lines) + "\n"
    WORD_FREQUENCIES.write_text(text, "utf-8")
    size = WORD_FREQUENCIES.stat().st_size
    print(f"{WORD_FREQUENCIES}: {len(lines)} forms, {size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
