#!/usr/bin/env python3
"""Validate the annotated Arabic grammar-error corpus in errors/*.md.

Checks: every annotation parses with a known category, no stray [[ / ]] / |,
per-category minimums, per-file word counts, and basic orthography hygiene of
the text (Arabic punctuation, Western digits, no diacritics, «ما زال»/«لا بد»).
Exit status is non-zero if any check fails. Run: python3 check_corpus.py
"""

import collections
import pathlib
import re
import sys

ANN = re.compile(r"\[\[([^|\]]+)\|([^|\]]*)\|([a-z-]+)\]\]")
MINIMUMS = {
    "demonstrative-agreement": 20,
    "relative-agreement": 20,
    "adjective-agreement": 20,
    "verb-agreement": 20,
    "case-after-preposition": 15,
    "numeral-agreement": 10,
    "kana-inna": 10,
}
WORDS_MIN, WORDS_MAX = 350, 550
DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
BAD_SPELLINGS = ["مازال", "مازالت", "مازالوا", "لابد", "لاسيما"]

here = pathlib.Path(__file__).resolve().parent
files = sorted((here / "errors").glob("[0-9][0-9]-*.md"))
problems = []
totals = collections.Counter()
total_words_right = total_words_wrong = 0


def words(text):
    return len(text.split())


rows = []
for f in files:
    text = f.read_text(encoding="utf-8")
    anns = ANN.findall(text)
    for wrong, right, cat in anns:
        if cat not in MINIMUMS:
            problems.append(f"{f.name}: unknown category {cat!r}")
        if wrong.strip() == right.strip():
            problems.append(f"{f.name}: WRONG equals RIGHT: {wrong!r}")
        if not right.strip():
            problems.append(f"{f.name}: empty RIGHT for {wrong!r}")
        if wrong != wrong.strip() or right != right.strip():
            problems.append(f"{f.name}: padded span in {wrong!r}|{right!r}")
    counts = collections.Counter(c for _, _, c in anns)
    totals.update(counts)
    outside = ANN.sub(" ", text)
    for tok in ("[[", "]]", "|", "[", "]"):
        if tok in outside:
            problems.append(f"{f.name}: stray {tok!r} outside annotations")
    right_text = ANN.sub(lambda m: m.group(2), text)
    wrong_text = ANN.sub(lambda m: m.group(1), text)
    wr, ww = words(right_text), words(wrong_text)
    total_words_right += wr
    total_words_wrong += ww
    for label, n in (("corrected", wr), ("as-written", ww)):
        if not WORDS_MIN <= n <= WORDS_MAX:
            problems.append(f"{f.name}: {label} word count {n} outside {WORDS_MIN}-{WORDS_MAX}")
    for line_no, line in enumerate(text.splitlines(), 1):
        if line.startswith("#") or line.strip() == "---" or "[^" in line:
            problems.append(f"{f.name}:{line_no}: heading/front matter/footnote")
    for label, t in (("corrected", right_text), ("as-written", wrong_text)):
        if re.search(r"[,;?]", t):
            problems.append(f"{f.name}: ASCII , ; or ? in {label} text")
        if EASTERN_DIGITS.search(t):
            problems.append(f"{f.name}: Eastern Arabic digits in {label} text")
        if DIACRITICS.search(t):
            problems.append(f"{f.name}: diacritics in {label} text")
        if re.search(r" [،؛.:]", t) or "  " in t or re.search(r"[ \t]$", t, re.M):
            problems.append(f"{f.name}: spacing problem in {label} text")
        if re.search(r'["\']', t):
            problems.append(f"{f.name}: ASCII quotes in {label} text (use «…»)")
    for bad in BAD_SPELLINGS:
        if re.search(r"(?<![\u0621-\u064A])" + bad + r"(?![\u0621-\u064A])", right_text):
            problems.append(f"{f.name}: spelling {bad!r} (write with a space)")
    if not text.endswith("\n"):
        problems.append(f"{f.name}: no final newline")
    rows.append((f.name, len(anns), wr, ww, wr / max(len(anns), 1)))

print(f"{'file':<20}{'ann':>5}{'words':>7}{'raw':>6}{'w/ann':>7}")
for name, n, wr, ww, dens in rows:
    print(f"{name:<20}{n:>5}{wr:>7}{ww:>6}{dens:>7.1f}")
print()
print(f"{'category':<26}{'count':>6}{'min':>5}")
for cat, minimum in MINIMUMS.items():
    flag = "" if totals[cat] >= minimum else "  <-- below minimum"
    if totals[cat] < minimum:
        problems.append(f"category {cat}: {totals[cat]} < {minimum}")
    print(f"{cat:<26}{totals[cat]:>6}{minimum:>5}{flag}")
print(f"{'total':<26}{sum(totals.values()):>6}")
print(
    f"\nfiles: {len(files)}; words (corrected text): {total_words_right}; "
    f"words (as written): {total_words_wrong}"
)
if len(files) != 8:
    problems.append(f"expected 8 files, found {len(files)}")
if problems:
    print("\nPROBLEMS:")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print("\nOK")
