"""One analysis per document: a rule's findings do not depend on which other rules run."""

from __future__ import annotations

import pytest

from brieflint.engine import Config, check_document, check_file
from brieflint.readers import read_markdown_bytes
from brieflint.rules import all_rules

ORTHOGRAPHY = [r for r in all_rules() if r.name.startswith("orthography.")]
NAME = "زنقاحة"
DRAFT = (
    "## مقدمة\n\n"
    f"زار الوزير {NAME} وبلدة {NAME[:-1]}خة ثم عقد إجتماعاً مع اكثر الوفود في الحكومه حتي الان، "
    "لايوجد اتفاق على التتنمية في في قطاع الزراغة.\n"
)


def _found(problems, code: str) -> list[tuple]:
    return [
        (p.rule, p.location, p.text, p.suggestions, p.fix, p.message.en)
        for p in problems
        if p.rule == code
    ]


def test_words_on_one_rule_are_not_lost_when_another_rule_runs_first():
    """The spelling analysis was cached on the document by the first orthography rule, without
    the words configured on a later one: the user's own word was then reported as unknown."""
    words = {"orthography.unknown-word": {"words": [NAME]}}
    alone = Config(select=("orthography.unknown-word",), rule_options=words)
    together = Config(select=("orthography",), rule_options=words)
    doc = read_markdown_bytes("draft.md", DRAFT.encode("utf-8"))
    assert NAME not in [p.text for p in check_document(doc, alone).problems]
    doc = read_markdown_bytes("draft.md", DRAFT.encode("utf-8"))
    assert NAME not in [p.text for p in check_document(doc, together).problems]


@pytest.mark.parametrize("with_words", [False, True], ids=["no-words", "user-words"])
@pytest.mark.parametrize("rule", ORTHOGRAPHY, ids=lambda r: r.code)
def test_findings_do_not_depend_on_selection(tmp_path, rule, with_words):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, "utf-8")
    if with_words:
        (tmp_path / ".brieflint-words.txt").write_text("طريبيل\n", "utf-8")
        (tmp_path / ".brieflint.yaml").write_text(f"words: [{NAME}]\n", "utf-8")
    from brieflint.config import effective_config

    def run(select: tuple[str, ...]):
        config, _ = effective_config(Config(), str(draft), overrides={"select": select})
        return check_file(str(draft), config).problems

    everything = run(())
    alone = run((rule.code,))
    assert _found(alone, rule.code) == _found(everything, rule.code)
    assert [p for p in alone if p.rule != rule.code] == []
