"""One analysis per document: a rule's findings do not depend on which other rules run."""

from __future__ import annotations

import pytest

from brieflint.engine import Config, check_document, check_file
from brieflint.readers import read_markdown_bytes
from brieflint.rules import all_rules

from .conftest import run_cli

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


def test_words_reach_every_rule_whatever_runs_first():
    """The spelling analysis was cached on the document by the first orthography rule, without
    the words configured on a later one: the user's own word was then reported as unknown.
    Words are now document-wide, resolved once into the lexicon the analysis is built from."""
    for select in (("orthography.unknown-word",), ("orthography",), ()):
        config = Config(select=select, words=(NAME,))
        doc = read_markdown_bytes("draft.md", DRAFT.encode("utf-8"))
        problems = check_document(doc, config).problems
        assert NAME not in [p.text for p in problems], select
        assert doc.analysis.lexicon.words == {NAME}


def test_words_on_one_rule_are_rejected(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, "utf-8")
    config = tmp_path / ".brieflint.yaml"
    for key in ("orthography", "orthography.unknown-word", "BL-AR001"):
        config.write_text(f"rules:\n  {key}: {{words: [{NAME}]}}\n", "utf-8")
        result = run_cli("check", "--lang", "en", str(draft))
        stderr = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in stderr
        assert f"'words' at rules/{key}" in stderr and "`words:` at the top level" in stderr
        assert len(stderr.strip().splitlines()) == 1, stderr


def test_unknown_word_suggestions_come_from_the_lexicon():
    """A typo of a configured name is suggested the name; the name itself is never reported."""
    config = Config(select=("orthography",), words=(NAME,))
    doc = read_markdown_bytes("draft.md", DRAFT.encode("utf-8"))
    unknown = [p for p in check_document(doc, config).problems if p.rule == "BL-AR009"]
    typo = next(p for p in unknown if p.text == f"{NAME[:-1]}خة")
    assert NAME in typo.suggestions
    assert NAME not in [p.text for p in unknown]


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


def test_configured_word_lists_are_read_into_the_lexicon_and_the_cache_key(tmp_path):
    from brieflint.config import effective_config
    from brieflint.runner import cache_key

    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, "utf-8")
    (tmp_path / "names.txt").write_text(f"{NAME}\n", "utf-8")
    (tmp_path / ".brieflint.yaml").write_text(
        "select: [orthography.unknown-word]\ndictionaries: [names.txt]\n", "utf-8"
    )
    config, _ = effective_config(Config(), str(draft))
    assert config.dictionaries == (str((tmp_path / "names.txt").resolve()),)
    result = check_file(str(draft), config)
    assert NAME not in [p.text for p in result.problems]
    assert result.document.analysis.lexicon.words == {NAME}
    before = cache_key(str(draft), config)
    (tmp_path / "names.txt").write_text(f"{NAME}\nطريبيل\n", "utf-8")
    assert cache_key(str(draft), config) != before
