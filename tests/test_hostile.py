"""The hostile corpus (scripts/hostile-corpus.py): every case ends with exit 0, 1, 2 or 4 within
its CPU and memory budget (RLIMIT_CPU, RLIMIT_AS on the subprocess), without a traceback, and
the good draft named beside it is still reported. Cases of one group share a process (what they
test is the file, not the process): one launch instead of many, each case still bounded."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT


def _corpus():
    spec = importlib.util.spec_from_file_location(
        "hostile_corpus", ROOT / "scripts" / "hostile-corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_hostile_corpus(tmp_path):
    corpus = _corpus()
    outcomes = list(corpus.run_all(corpus.cases(), tmp_path, workers=2, grouped=True))
    failed = {o.name: o.problems for o in outcomes if o.problems}
    assert not failed, failed
