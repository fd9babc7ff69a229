"""The hostile corpus (scripts/hostile-corpus.py): every case ends with exit 0, 1, 2 or 4 within
its CPU and memory budget (RLIMIT_CPU, RLIMIT_AS on the subprocess), without a traceback, and
the good draft named beside it is still reported. Cases of one group share a process (what they
test is the file, not the process): one launch instead of many, each case still bounded."""

from __future__ import annotations

import sys

import pytest

from .conftest import hostile_corpus


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_hostile_corpus(tmp_path):
    corpus = hostile_corpus()
    outcomes = list(corpus.run_all(corpus.cases(), tmp_path, workers=2, grouped=True))
    failed = {o.name: o.problems for o in outcomes if o.problems}
    assert not failed, failed
