"""LanguageTool beside the built-in checker, on the team's annotated corpora: orthography
(tests/corpus/orthography) and grammar (tests/corpus/grammar: agreement, case, numerals).

    scripts/languagetool-server start 8081
    python benchmarks/bench_languagetool.py --server http://127.0.0.1:8081
    python benchmarks/bench_languagetool.py --server … --rules            # per-rule counts
    python benchmarks/bench_languagetool.py --server … --rules --write    # update the shipped list
    python benchmarks/bench_languagetool.py --server … --overhead 5       # brieflint beside LT

Prints, for built-in only, LanguageTool only, and both merged: recall per annotated category,
precision, findings per 1,000 clean words and words/s; and the server's start time when this
script starts the server itself (--start). With --rules it counts every LanguageTool rule's
matches on the clean prose (false alarms) and on the error files (hits and misses); a rule that
fires on clean prose more often than it hits an annotated error is disabled by default, and
--write records that list, with the counts, in src/brieflint/data/languagetool/.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from brieflint.engine import Config, check_document
from brieflint.languagetool import (
    LanguageToolSettings,
    check_with_languagetool,
    merge,
    open_client,
)
from brieflint.readers import read_markdown_bytes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_orthography import (  # noqa: E402  (a sibling script)
    CORPUS,
    finding_spans,
    load_annotated,
    overlaps,
)

BUILTIN = Config(select=("orthography", "punctuation", "typography"))
# Rules that repeat a built-in check less well: LanguageTool's Hunspell rule (no explanations, no
# name lists: on clean prose the largest source of false alarms) and its repeated-word rule
# (which does not know the legitimate repeats, «بي بي سي», that orthography.repeated-word allows).
ALWAYS_DISABLED = {"HUNSPELL_RULE_AR", "ARABIC_WORD_REPEAT_RULE"}
# House style, not an error: tanween al-fath on the alef (اً) or before it (ًا) is a convention
# (consistency.tanween-placement reports a document that mixes them). Every id of the family.
HOUSE_STYLE = {
    "Tanwin_nasb": "tanween",
    "typo_000_tanwin_nasb": "tanween",
    "typo_000_tanwin_nasb2": "tanween",
}
# A rule stays on when at least this share of its matches are annotated errors; the rest of
# its matches — on clean prose, or on the error files away from any annotated error — are false
# alarms. brieflint's own checks reach 0.98, so a second opinion must not drag that down.
MIN_PRECISION = 0.8
DISABLED_FILE = ROOT / "src" / "brieflint" / "data" / "languagetool" / "disabled-rules.yaml"


GRAMMAR = ROOT / "tests" / "corpus" / "grammar"


def documents():
    files = sorted((CORPUS / "errors").glob("*.md")) + sorted((GRAMMAR / "errors").glob("*.md"))
    errors = [(p, *load_annotated(p)) for p in files]
    clean = [(p, p.read_text("utf-8"), []) for p in sorted((CORPUS / "clean").glob("*.md"))]
    return errors, clean


def run(source: str, mode: str, client) -> tuple[list, float, float]:
    """Findings of one text, the built-in time and LanguageTool's time."""
    doc = read_markdown_bytes("x.md", source.encode("utf-8"))
    start = time.perf_counter()
    builtin = check_document(doc, BUILTIN).problems if mode != "languagetool" else []
    own = time.perf_counter() - start
    lt_time = 0.0
    if mode != "builtin":
        start = time.perf_counter()
        found = check_with_languagetool(doc, client)
        lt_time = time.perf_counter() - start
        start = time.perf_counter()
        problems = merge(builtin, found) if mode == "merged" else found
        own += time.perf_counter() - start
    else:
        problems = builtin
    return problems, own, lt_time


def evaluate(mode: str, client) -> None:
    errors, clean = documents()
    gold_total, found_total = Counter(), Counter()
    hits = findings = 0
    own_time = lt_time = 0.0
    words = 0
    for _, source, gold in errors:
        problems, own, lt = run(source, mode, client)
        own_time, lt_time, words = own_time + own, lt_time + lt, words + len(source.split())
        spans = finding_spans(source, problems)
        for start, end, category, _ in gold:
            gold_total[category] += 1
            found_total[category] += any(overlaps((start, end), s[:2]) for s in spans)
        findings += len(spans)
        hits += sum(1 for s in spans if any(overlaps(g[:2], s[:2]) for g in gold))
    alarms = clean_words = 0
    for _, source, _ in clean:
        problems, own, lt = run(source, mode, client)
        own_time, lt_time = own_time + own, lt_time + lt
        alarms += len(problems)
        clean_words += len(source.split())
        words += len(source.split())
    print(f"\n## {mode}")
    print(
        "  recall: "
        + ", ".join(f"{c} {found_total[c] / gold_total[c]:.2f}" for c in sorted(gold_total))
    )
    print(
        f"  overall recall {sum(found_total.values()) / sum(gold_total.values()):.2f}, "
        f"precision {hits / max(findings, 1):.3f} ({findings} findings), "
        f"{1000 * alarms / clean_words:.2f} findings per 1,000 clean words"
    )
    total = own_time + lt_time
    line = f"  time: {total:.2f} s for {words} words = {words / total:,.0f} words/s"
    if mode == "merged":
        line += (
            f"; LanguageTool {lt_time:.2f} s, brieflint and merging {own_time:.2f} s "
            f"({100 * own_time / lt_time:.1f}% of LanguageTool's)"
        )
    print(line)


def overhead(server: str, passes: int) -> None:
    """brieflint's own time beside LanguageTool's on the same text, in one run: the ~3,000-word
    brief of the benchmark corpus checked with every rule and LanguageTool, as `brieflint check
    --languagetool` does it. LanguageTool's time is the time of its requests (the client's
    check calls, timed from inside the run); brieflint's is all the rest of the run: reading,
    every built-in rule, splitting the text for LanguageTool, placing and merging its findings."""
    from corpus import generate

    sized = min(generate(8), key=lambda p: abs(len(p.read_text("utf-8").split()) - 3000))
    settings = LanguageToolSettings(server=server)
    client = open_client(settings)
    client.check("تمهيد.")  # the first request warms the server up
    requests = [0.0]
    checker = client.check

    def timed_check(text: str):
        start = time.perf_counter()
        try:
            return checker(text)
        finally:
            requests[0] += time.perf_counter() - start

    client.check = timed_check
    config = Config(languagetool=settings)
    source = sized.read_bytes()
    ratios = []
    for _ in range(passes):
        requests[0] = 0.0
        start = time.perf_counter()
        doc = read_markdown_bytes(str(sized), source)
        result = check_document(doc, config)
        total = time.perf_counter() - start
        assert result.incomplete is None, result.incomplete
        own = total - requests[0]
        ratios.append(own / requests[0])
        print(
            f"  {sized.name} ({len(sized.read_text('utf-8').split())} words): whole check "
            f"{total:.2f} s = LanguageTool {requests[0]:.2f} s + brieflint {own:.3f} s: "
            f"overhead {100 * own / requests[0]:.1f}%"
        )
    ratios.sort()
    print(
        f"brieflint's overhead on LanguageTool's time: median {100 * ratios[len(ratios) // 2]:.1f}%"
    )


def rule_counts(client) -> dict[str, dict[str, int]]:
    errors, clean = documents()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"clean": 0, "hits": 0, "misses": 0})
    for _, source, gold in errors:
        doc = read_markdown_bytes("x.md", source.encode("utf-8"))
        for problem, span in zip(
            found := check_with_languagetool(doc, client), finding_spans(source, found), strict=True
        ):
            key = "hits" if any(overlaps(g[:2], span[:2]) for g in gold) else "misses"
            counts[problem.rule[3:]][key] += 1
    clean_words = 0
    for _, source, _ in clean:
        doc = read_markdown_bytes("x.md", source.encode("utf-8"))
        clean_words += len(source.split())
        for problem in check_with_languagetool(doc, client):
            counts[problem.rule[3:]]["clean"] += 1
    print(
        f"\n{'rule':<40} {'clean':>6} {'hits':>5} {'misses':>7}  (clean prose: {clean_words} words)"
    )
    for rule, c in sorted(counts.items(), key=lambda kv: -kv[1]["clean"]):
        print(f"{rule:<40} {c['clean']:>6} {c['hits']:>5} {c['misses']:>7}")
    return dict(counts)


def _precision(c: dict[str, int]) -> float:
    return c["hits"] / max(c["hits"] + c["clean"] + c["misses"], 1)


def _stem(rule: str) -> str:
    """A rule's family: its id without a trailing «_2» / «2» («syntax_0002_as_ka_1»)."""
    return re.sub(r"_?\d+$", "", rule)


def server_rule_ids() -> set[str]:
    """Every rule id of the server's Arabic grammar.xml (the language-ar jar in the cache
    scripts/languagetool-server fills), or an empty set when the jar is not there."""
    # where scripts/languagetool-server puts them: $BRIEFLINT_LT_HOME, else the user cache
    homes = [Path(os.environ["BRIEFLINT_LT_HOME"])] if os.environ.get("BRIEFLINT_LT_HOME") else []
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    homes += sorted(cache.glob("brieflint/languagetool-*"))
    jars = [jar for home in homes for jar in sorted((home / "lib").glob("language-ar-*.jar"))]
    for jar in jars:
        with zipfile.ZipFile(jar) as archive:
            xml = archive.read("org/languagetool/rules/ar/grammar.xml").decode("utf-8")
        return set(re.findall(r'<(?:rule|rulegroup)\b[^>]*\bid="([^"]+)"', xml))
    return set()


def family_members(disabled: set[str], ids: set[str]) -> dict[str, str]:
    """Ids of the server's grammar that belong to the family of a disabled id but are not
    disabled themselves («syntax_0002_as_ka_2» beside «syntax_0002_as_ka_1»): id → family."""
    stems = {_stem(rule): rule for rule in disabled}
    return {
        rule: stems[_stem(rule)]
        for rule in sorted(ids)
        if rule not in disabled and _stem(rule) in stems
    }


def write_disabled(counts: dict[str, dict[str, int]]) -> None:
    disabled = [
        {"rule": rule, **c}
        for rule, c in sorted(counts.items())
        if rule in ALWAYS_DISABLED or rule in HOUSE_STYLE or _precision(c) < MIN_PRECISION
    ]
    names = {entry["rule"] for entry in disabled}
    for rule, family in sorted(HOUSE_STYLE.items()):
        if rule not in names:
            disabled.append({"rule": rule, "family": family})
    names = {entry["rule"] for entry in disabled}
    for rule, family in family_members(names, server_rule_ids()).items():
        disabled.append({"rule": rule, "family": family})
    header = (
        "# LanguageTool rules disabled by default for policy prose.\n"
        "# Measured by benchmarks/bench_languagetool.py --rules --write on tests/corpus/orthography:\n"
        "# clean = matches on clean prose (false alarms), hits/misses = matches on the error files\n"
        "# that do / do not overlap an annotated error. A rule is disabled when fewer than 80% of\n"
        "# its matches are hits. HUNSPELL_RULE_AR and ARABIC_WORD_REPEAT_RULE repeat built-in checks\n"
        "# less well (no explanations, names flagged; legitimate repeats flagged). An entry with\n"
        "# `family` is disabled with the measured id it shares a family with (its «_2», «_3»\n"
        "# variants in the server's grammar.xml) or is house style (tanween placement).\n"
    )
    DISABLED_FILE.write_text(
        header + yaml.safe_dump({"disabled": disabled}, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    print(f"\nwrote {len(disabled)} rules to {DISABLED_FILE.relative_to(ROOT)}")


def check_ids() -> int:
    """Every default-disabled id exists on the server, and no id of a disabled family is left
    on; exit status 1 when one is."""
    from brieflint.languagetool import default_disabled_rules

    ids = server_rule_ids()
    if not ids:
        print("no language-ar jar found: run scripts/languagetool-server fetch")
        return 2
    disabled = set(default_disabled_rules())
    java = {rule for rule in disabled if rule.isupper()}  # Java rules are not in grammar.xml
    unknown = sorted(disabled - ids - java)
    missing = family_members(disabled, ids)
    print(f"{len(ids)} grammar.xml ids on the server, {len(disabled)} disabled by default")
    print(f"disabled ids the server does not have: {unknown or 'none'}")
    print(f"family members left on: {missing or 'none'}")
    return 1 if unknown or missing else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default="http://127.0.0.1:8081")
    parser.add_argument(
        "--start",
        action="store_true",
        help="start the server with scripts/languagetool-server and time it",
    )
    parser.add_argument("--rules", action="store_true")
    parser.add_argument(
        "--overhead",
        type=int,
        default=0,
        metavar="PASSES",
        help="time brieflint beside LanguageTool on a 3,000-word brief, PASSES times",
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--ids",
        action="store_true",
        help="check the default-disabled ids against the server's grammar.xml ids",
    )
    args = parser.parse_args()
    if args.ids:
        return check_ids()
    if args.overhead:
        overhead(args.server, args.overhead)
        return 0
    if args.start:
        began = time.perf_counter()
        subprocess.run(
            [str(ROOT / "scripts" / "languagetool-server"), "start", args.server.rsplit(":", 1)[1]],
            check=True,
        )
        print(f"server start: {time.perf_counter() - began:.1f} s (jars already fetched)")
    if args.rules:
        # LanguageTool drops a match that overlaps a higher-priority rule's, so a rule can only
        # be judged once the rules above it are off: count again with the list applied, until
        # no newly visible rule joins the list.
        disabled: tuple[str, ...] = ()
        counts: dict[str, dict[str, int]] = {}
        for _ in range(4):
            client = open_client(LanguageToolSettings(server=args.server, disabled_rules=disabled))
            for rule, c in rule_counts(client).items():
                counts.setdefault(rule, c)
            worse = tuple(
                sorted(
                    r
                    for r, c in counts.items()
                    if r in ALWAYS_DISABLED or _precision(c) < MIN_PRECISION
                )
            )
            if worse == disabled:
                break
            disabled = worse
        if args.write:
            write_disabled(counts)
        return 0
    client = open_client(LanguageToolSettings(server=args.server))
    client.check("تمهيد.")  # the first request warms the server up; it is not what we measure
    for mode in ("builtin", "languagetool", "merged"):
        evaluate(mode, client)
    return 0


if __name__ == "__main__":
    sys.exit(main())
