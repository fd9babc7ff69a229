"""brieflint: lint, fix and typeset Arabic policy briefs.

The small public API::

    from brieflint import check_path, Config
    for result in check_path("draft.md"):
        for problem in result.problems:
            print(problem.location.line, problem.rule, problem.message.en)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import Config, FileResult, check_file, check_paths
from .model import Document, Location, Problem, Severity


def check_path(path: str, config: Config | None = None) -> list[FileResult]:
    """Check a draft or every draft in a folder."""
    return list(check_paths([path], config or Config()))


__all__ = [
    "Config",
    "Document",
    "FileResult",
    "Location",
    "Problem",
    "Severity",
    "__version__",
    "check_file",
    "check_path",
    "check_paths",
]
