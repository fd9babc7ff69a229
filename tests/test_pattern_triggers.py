"""A pattern rule's ``trigger`` is a necessary condition of its ``pattern``: on any text where
the pattern matches, the trigger matches too — otherwise the rule would skip a block it should
report. Checked on every rule case, every corpus and example text, and random strings drawn
from the characters the patterns look at."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from brieflint.rules.base import all_rules
from brieflint.rules.textscan import PatternRule
from tests.rules.casekit import all_cases, case_text

ROOT = Path(__file__).resolve().parent.parent
TRIGGERED = [rule for rule in all_rules() if issubclass(rule, PatternRule) and rule.trigger]
# Letters, diacritics, tatweel, spaces of three kinds, Arabic and Latin marks, quotes, dashes.
ALPHABET = "اب ةىءأ" + "\u064e\u0651\u0640" + " \t\u00a0\n" + '،؛؟.:!,;?()«»"“”-–' + "aZ3٣"


def _texts() -> list[str]:
    texts = [case_text(case) for case in all_cases()]
    for folder in ("tests/corpus", "examples"):
        texts += [path.read_text("utf-8") for path in sorted((ROOT / folder).rglob("*.md"))]
    lines = [line for text in texts for line in text.splitlines()]
    randomly = random.Random(17)
    fuzz = [
        "".join(randomly.choice(ALPHABET) for _ in range(randomly.randint(1, 12)))
        for _ in range(30_000)
    ]
    return texts + lines + fuzz


TEXTS = _texts()


def test_the_look_behind_rules_have_triggers() -> None:
    assert {rule.code for rule in TRIGGERED} >= {
        "BL-PN001",
        "BL-PN002",
        "BL-PN003",
        "BL-PN004",
        "BL-PN005",
        "BL-PN007",
        "BL-TY001",
        "BL-TY003",
    }


@pytest.mark.parametrize("rule", TRIGGERED, ids=lambda rule: rule.code)
def test_trigger_matches_wherever_the_pattern_does(rule: type[PatternRule]) -> None:
    matched = [text for text in TEXTS if rule.pattern.search(text)]
    assert matched, "the texts should exercise the pattern at least once"
    missed = [text for text in matched if not rule.trigger.search(text)]
    assert not missed, missed[:3]
