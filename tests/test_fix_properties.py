"""Properties of `fix` over every draft we have (the example briefs and the test corpus): fixing
twice changes nothing more than fixing once, each line keeps its own ending, and a run with
nothing to fix writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brieflint.engine import Config
from brieflint.fixer import fix_markdown

from .conftest import EXAMPLES, ROOT

DRAFTS = sorted([*EXAMPLES.glob("*.md"), *(ROOT / "tests" / "corpus").rglob("*.md")])


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("BRIEFLINT_DEBUG", raising=False)


@pytest.mark.parametrize("draft", DRAFTS, ids=_id)
def test_fix_twice_changes_nothing_the_second_time(tmp_path, draft):
    path = tmp_path / draft.name
    shutil.copy(draft, path)
    fix_markdown(str(path), Config())
    once = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    report = fix_markdown(str(path), Config())
    assert path.read_bytes() == once, report.diff
    assert not report.changed and report.fixes == 0
    assert path.stat().st_mtime_ns == mtime  # nothing written at all


@pytest.mark.parametrize("draft", DRAFTS, ids=_id)
def test_fix_keeps_each_line_ending(tmp_path, draft):
    lines = draft.read_text("utf-8").splitlines()
    endings = ["\r\n" if i % 3 == 1 else "\n" for i in range(len(lines))]
    path = tmp_path / draft.name
    path.write_bytes("".join(a + b for a, b in zip(lines, endings, strict=True)).encode())
    fix_markdown(str(path), Config())
    fixed = path.read_bytes().decode()
    # same number of lines, and line i ends as it did
    got = fixed.splitlines(keepends=True)
    assert len(got) == len(lines)
    assert [line[-2:] == "\r\n" for line in got] == [e == "\r\n" for e in endings]


def test_doubled_arabic_comma_in_a_reference_is_fixed_once(tmp_path):
    text = EXAMPLES.joinpath("situation-assessment.md").read_text("utf-8")
    head, refs = text.rsplit("\n#", 1)
    first = refs.index("،")
    path = tmp_path / "commas.md"
    path.write_text(head + "\n#" + refs[:first] + "،،" + refs[first + 1 :], "utf-8")
    fix_markdown(str(path), Config())
    once = path.read_text("utf-8")
    fix_markdown(str(path), Config())
    assert path.read_text("utf-8") == once
