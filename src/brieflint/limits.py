"""Bounds on what one run may cost, and what happens when a bound is reached.

A draft is refused (one line, exit 2) when its text exceeds ``MAX_TEXT_CHARACTERS`` or it has
more than ``MAX_LINES`` lines (paragraphs): checking costs time in proportion to the text and
to the number of blocks, and a bound on both bounds the time (see
``benchmarks/bench_scaling.py``). A run whose CPU time limit (``ulimit -t``, RLIMIT_CPU) is
reached is told so by the kernel with SIGXCPU; instead of dying without a word, it prints one
line naming the draft it was working on and exits with ``CPU_LIMIT_EXIT``.
"""

from __future__ import annotations

import gc
import os
import signal

# About 80,000 words: eight times a long brief. The whole pipeline (read, check, build, verify)
# stays within 10 s of CPU below it (README, «Limits»).
MAX_TEXT_CHARACTERS = 500_000
# Lines of a Markdown draft that are not blank, paragraphs of a Word draft: about forty times a
# long brief's. Per line the cost is the parser's and the writer's, not the text's (a list of
# 20,000 one-word items costs more than 400,000 characters of prose).
MAX_LINES = 10_000
CPU_LIMIT_EXIT = 2
# Allocations between two young-generation collections in brieflint's own processes (Python's
# default is 700). A check makes a few hundred thousand small objects per brief — tokens,
# matches, findings — that die young and almost never form cycles; at the default pace the
# collector's passes (each older-generation pass over every live object: rules, word lists,
# the documents of the run) took a quarter of the checks' time. mypy, a similar batch of
# small objects, raises the same threshold; 10,000 keeps the garbage a pass may wait for to a
# few megabytes (benchmarks/bench_orthography.py: 97,000 → 140,000 words/s).
YOUNG_COLLECTION_EVERY = 10_000

_current = ["brieflint"]


def working_on(path: str) -> None:
    """Remember the draft this process works on, for the one line a CPU limit prints."""
    _current[0] = path


def _cpu_limit_reached(signum: int, frame: object) -> None:
    # Async-signal context: write with os.write and leave with os._exit (no cleanup that could
    # itself take time the limit no longer allows).
    message = f"brieflint: {_current[0]}: stopped: the CPU time limit (ulimit -t) was reached\n"
    os.write(2, message.encode("utf-8", "replace"))
    os._exit(CPU_LIMIT_EXIT)


def install_cpu_limit_handler() -> None:
    """Turn SIGXCPU (the soft RLIMIT_CPU reached) into one line and exit code 2."""
    if hasattr(signal, "SIGXCPU"):
        signal.signal(signal.SIGXCPU, _cpu_limit_reached)


def pace_garbage_collector() -> None:
    """Collect young objects every ``YOUNG_COLLECTION_EVERY`` allocations. Called by the
    command line (its workers and the language server inherit it), never by the library: a
    program that imports brieflint keeps its own setting."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
