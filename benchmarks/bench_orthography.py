"""Precision and recall of the orthography, punctuation and typography checks on the team's
annotated corpus (tests/corpus/orthography), false alarms on its clean prose, a side-by-side row
for plain Hunspell, and the speed of the checks on the 200-brief corpus.

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
    speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
