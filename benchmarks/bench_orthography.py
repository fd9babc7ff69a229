"""Precision and recall of the orthography, punctuation and typography checks on the team's
annotated corpus (tests/corpus/orthography), false alarms on its clean prose, a side-by-side row
for plain Hunspell, how often the right word comes first among the suggestions (before and
after ranking them by how common each is), and the speed of the checks on the 200-brief corpus.

    python benchmarks/bench_orthography.py

An annotation is ``[[wrong|right|category]]``. A finding counts as a hit when its span overlaps
an annotated error; it is correct for a category when its rule reports that category.
"""

from __future__ import annotations

import gc
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import hunspell

from brieflint.engine import Config, check_document
from brieflint.limits import pace_garbage_collector
from brieflint.readers import read_markdown_bytes
from brieflint.resources import data_file
from brieflint.spelling.dictionary import get_dictionary
from brieflint.spelling.lexicon import frequency, ranked_by_frequency
from brieflint.spelling.suggest import near_words
from brieflint.spelling.tokens import tokenize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "orthography"
ANNOTATION = re.compile(r"\[\[([^|\]]+)\|([^|\]]*)\|([a-z-]+)\]\]")

RULE_CATEGORY = {
    "BL-AR001": "hamza-wasl",
    "BL-AR002": "hamza-missing",
    "BL-AR003": "madda",
    "BL-AR004": "ta-marbuta",
    "BL-AR005": "alef-maqsura",
    "BL-AR006": "particle-spacing",
    "BL-AR007": "doubled-letter",
    "BL-AR008": "repeated-word",
    "BL-AR009": "unknown-word",
    "BL-AR010": "persian-letter",
    "BL-PN001": "punct-latin",
    "BL-PN002": "punct-space-before",
    "BL-PN003": "punct-space-after",
    "BL-TY001": "tatweel",
}
SPELLING = {
    "hamza-wasl",
    "hamza-missing",
    "madda",
    "ta-marbuta",
    "alef-maqsura",
    "particle-spacing",
    "doubled-letter",
    "repeated-word",
    "persian-letter",
}
CHECKS = Config(select=("orthography", "punctuation", "typography"))
# Clean prose is judged on every finding the text output shows by default (every severity,
# info included) of every family that reads the prose — consistency too.
SHOWN = ("orthography", "punctuation", "typography", "consistency")


def load_annotated(path: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    text, gold, cursor = [], [], 0
    source = path.read_text("utf-8")
    last = 0
    for match in ANNOTATION.finditer(source):
        text.append(source[last : match.start()])
        cursor += match.start() - last
        wrong, right, category = match.groups()
        gold.append((cursor, cursor + len(wrong), category, right))
        text.append(wrong)
        cursor += len(wrong)
        last = match.end()
    text.append(source[last:])
    return "".join(text), gold


def finding_spans(source: str, problems) -> list[tuple[int, int, str]]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    spans = []
    for p in problems:
        loc = p.location
        start = starts[loc.line - 1] + loc.column - 1
        end_line = loc.end_line or loc.line
        end = starts[end_line - 1] + (loc.end_column or loc.column) - 1
        spans.append((start, max(end, start + 1), p.rule))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def plain_hunspell() -> hunspell.Hunspell:
    return hunspell.Hunspell("ar", hunspell_data_dir=str(data_file("hunspell")))


def hunspell_spans(source: str, checker: hunspell.Hunspell) -> list[tuple[int, int, str]]:
    doc = read_markdown_bytes("x.md", source.encode("utf-8"))
    spans = []
    for block in doc.blocks:
        for token in tokenize(block):
            if not checker.spell(token.clean):
                start = block.source_offsets[token.start]
                spans.append((start, start + token.end - token.start, "hunspell"))
    return spans


def evaluate(name: str, spans_for, clean_spans_for=None) -> None:
    gold_by_cat: dict[str, int] = defaultdict(int)
    found_by_cat: dict[str, int] = defaultdict(int)
    reported: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    hits = total_findings = 0
    spelling_hits = spelling_findings = 0
    for path in sorted((CORPUS / "errors").glob("*.md")):
        source, gold = load_annotated(path)
        spans = spans_for(source)
        for start, end, category, _ in gold:
            gold_by_cat[category] += 1
            if any(overlaps((start, end), s[:2]) for s in spans):
                found_by_cat[category] += 1
        for span in spans:
            category = RULE_CATEGORY.get(span[2], span[2])
            reported[category] += 1
            total_findings += 1
            matched = [g for g in gold if overlaps(g[:2], span[:2])]
            if matched:
                hits += 1
                if any(g[2] == category for g in matched):
                    correct[category] += 1
            if category in SPELLING or category in {"unknown-word", "hunspell"}:
                spelling_findings += 1
                spelling_hits += bool(matched)
    clean_words = clean_alarms = 0
    spelling_alarms = 0
    for path in sorted((CORPUS / "clean").glob("*.md")):
        source = path.read_text("utf-8")
        clean_words += len(source.split())
        spans = (clean_spans_for or spans_for)(source)
        clean_alarms += len(spans)
        spelling_alarms += sum(
            1
            for s in spans
            if RULE_CATEGORY.get(s[2], s[2]) in SPELLING | {"unknown-word", "hunspell"}
        )
    print(f"\n## {name}")
    print(f"{'category':<20} {'gold':>5} {'recall':>7} {'reported':>9} {'precision':>9}")
    for category in sorted(gold_by_cat):
        recall = found_by_cat[category] / gold_by_cat[category]
        precision = correct[category] / reported[category] if reported[category] else float("nan")
        print(
            f"{category:<20} {gold_by_cat[category]:>5} {recall:>7.2f} {reported[category]:>9} {precision:>9.2f}"
        )
    for category in sorted(set(reported) - set(gold_by_cat)):
        print(f"{category:<20} {'-':>5} {'-':>7} {reported[category]:>9} {'-':>9}")
    all_gold = sum(gold_by_cat.values())
    spelling_gold = sum(v for k, v in gold_by_cat.items() if k in SPELLING)
    spelling_found = sum(v for k, v in found_by_cat.items() if k in SPELLING)
    print(
        f"overall: recall {sum(found_by_cat.values()) / all_gold:.2f}, precision {hits / max(total_findings, 1):.2f} ({total_findings} findings)"
    )
    print(
        f"spelling: recall {spelling_found / spelling_gold:.2f}, precision {spelling_hits / max(spelling_findings, 1):.2f}"
    )
    print(
        f"clean prose: {clean_words} words, {clean_alarms} findings = {1000 * clean_alarms / clean_words:.2f} per 1,000 words "
        f"(spelling: {1000 * spelling_alarms / clean_words:.2f} per 1,000)"
    )


def brieflint_spans(config: Config):
    def spans_for(source: str):
        doc = read_markdown_bytes("x.md", source.encode("utf-8"))
        return finding_spans(source, check_document(doc, config).problems)

    return spans_for


def single_word_corrections() -> list[tuple[str, str]]:
    """(wrong, right) of every annotated error that one word corrects (no spacing, punctuation
    or repeat: their correction is not a word to suggest)."""
    pairs = []
    for path in sorted((CORPUS / "errors").glob("*.md")):
        for wrong, right, _ in ANNOTATION.findall(path.read_text("utf-8")):
            if ARABIC_WORD.match(wrong) and ARABIC_WORD.match(right) and wrong != right:
                pairs.append((wrong, right))
    return pairs


ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,}$")


def _place(orders: dict[str, list[list[str]]], rights: list[str]) -> None:
    total = len(rights)
    for name, lists in orders.items():
        first = sum(bool(c) and c[0] == r for c, r in zip(lists, rights, strict=True))
        top3 = sum(r in c[:3] for c, r in zip(lists, rights, strict=True))
        offered = sum(r in c for c, r in zip(lists, rights, strict=True))
        print(
            f"  {name:<46} top-1 {first:>3}/{total} = {first / total:.2f}   "
            f"top-3 {top3:>3}/{total} = {top3 / total:.2f}   (right word offered: {offered})"
        )


def shown_suggestions() -> tuple[int, int, int]:
    """(errors one word corrects, right word first, right word in the first three) over the
    suggestions of the findings brieflint shows on them, every rule."""
    errors = first = top3 = 0
    for path in sorted((CORPUS / "errors").glob("*.md")):
        source, gold = load_annotated(path)
        doc = read_markdown_bytes("x.md", source.encode("utf-8"))
        problems = check_document(doc, CHECKS).problems
        spans = finding_spans(source, problems)
        for start, end, _, right in gold:
            if not ARABIC_WORD.match(source[start:end]) or not ARABIC_WORD.match(right):
                continue
            errors += 1
            offered = [
                list(p.suggestions)
                for p, span in zip(problems, spans, strict=True)
                if overlaps((start, end), span[:2]) and p.suggestions
            ]
            if offered:
                first += offered[0][0] == right
                top3 += right in offered[0][:3]
    return errors, first, top3


def suggestion_ranking(checker: hunspell.Hunspell) -> None:
    """For the annotated errors one word corrects: is the right word the first suggestion, or
    in the first three — in the order the candidates are found, and ranked by how common each
    is in general Arabic (the variant data alone, as before; now every known word)."""
    pairs = single_word_corrections()
    rights = [right for _, right in pairs]
    known = get_dictionary().known
    near = {w: near_words(w, known, float("inf")) for w in {w for w, _ in pairs}}
    print(f"\n## suggestion ranking: {len(pairs)} annotated errors that one word corrects")
    print("brieflint's candidates (dictionary words one edit away, as BL-AR009 suggests them):")
    _place(
        {
            "before: edit order (no frequency)": [near[w] for w, _ in pairs],
            "before: ranked by the variant data only": [
                sorted(near[w], key=lambda c: -frequency(c)) for w, _ in pairs
            ],
            "after: ranked by general frequency": [ranked_by_frequency(near[w]) for w, _ in pairs],
        },
        rights,
    )
    errors, first, top3 = shown_suggestions()
    print(
        f"  {'as brieflint shows them (every rule)':<46} top-1 {first:>3}/{errors} = "
        f"{first / errors:.2f}   top-3 {top3:>3}/{errors} = {top3 / errors:.2f}"
    )
    hunspell_order = {w: list(checker.suggest(w)) for w in {w for w, _ in pairs}}
    print("Hunspell's own suggestions (hunspell.suggest):")
    _place(
        {
            "before: Hunspell's order": [hunspell_order[w] for w, _ in pairs],
            "after: ranked by general frequency": [
                ranked_by_frequency(hunspell_order[w]) for w, _ in pairs
            ],
        },
        rights,
    )


def speed() -> None:
    paths = _generate(200)
    words = sum(len(p.read_text("utf-8").split()) for p in paths)
    config = Config(
        select=("orthography", "punctuation", "typography", "consistency"),
        ignore=("orthography.unknown-word",),
    )
    check_document(
        read_markdown_bytes("w.md", paths[0].read_bytes()), config
    )  # load the dictionary
    default_pace = gc.get_threshold()
    cpu = {}
    # Python's own collector pace, then the command line's (limits.pace_garbage_collector);
    # the best CPU time of three passes each (the machine's other load only ever adds time).
    for pace in ("default", "command line"):
        if pace == "command line":
            pace_garbage_collector()
        best = float("inf")
        for _ in range(3):
            fresh = [read_markdown_bytes(str(p), p.read_bytes()) for p in paths]
            start = time.process_time()
            for doc in fresh:
                check_document(doc, config)
            best = min(best, time.process_time() - start)
        cpu[pace] = best
    gc.set_threshold(*default_pace)
    print(
        f"\nspeed: spelling, punctuation and consistency checks (no suggestions) on {len(paths)} "
        f"briefs, {words} words, one core, parsing excluded, best CPU time of 3 passes:\n"
        f"  {words / cpu['command line']:,.0f} words/s ({cpu['command line']:.2f} s) with the "
        f"collector paced as `brieflint` paces it; {words / cpu['default']:,.0f} words/s "
        f"({cpu['default']:.2f} s) at Python's default pace (load average "
        f"{os.getloadavg()[0]:.1f})"
    )


def _generate(count: int) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate  # the corpus module sits beside this script

    return generate(count)


def main() -> int:
    evaluate(
        "brieflint (all orthography, punctuation and typography rules; clean prose: every "
        "finding shown by default, consistency included)",
        brieflint_spans(CHECKS),
        brieflint_spans(Config(select=SHOWN)),
    )
    explaining = Config(select=CHECKS.select, ignore=("orthography.unknown-word",))
    evaluate(
        "brieflint without unknown-word (explained findings only)", brieflint_spans(explaining)
    )
    checker = plain_hunspell()
    evaluate("plain Hunspell + Ayaspell (every unknown word)", lambda s: hunspell_spans(s, checker))
    suggestion_ranking(checker)
    speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
