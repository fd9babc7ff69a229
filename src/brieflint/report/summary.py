"""Counts shared by every reporter."""

from __future__ import annotations

from ..engine import FileResult
from ..model import Severity


def summarise(results: list[FileResult]) -> dict[str, int]:
    return {
        "files": len(results),
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
        "infos": sum(r.count(Severity.INFO) for r in results),
        "unreadable": sum(1 for r in results if r.error),
    }
