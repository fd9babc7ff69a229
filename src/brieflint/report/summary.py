"""Counts shared by every reporter, and the summary sentence that ends the text report."""

from __future__ import annotations

from ..engine import FileResult
from ..model import Severity
from ..vocabulary import count_of


def summarise(results: list[FileResult]) -> dict[str, int]:
    unreadable = sum(1 for r in results if r.error)
    return {
        "files": len(results),
        "checked": len(results) - unreadable,
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
        "infos": sum(r.count(Severity.INFO) for r in results),
        "unreadable": unreadable,
    }


def summary_line(results: list[FileResult], lang: str) -> str:
    """«فُحص ملفان: 3 أخطاء، تحذير واحد، لا ملاحظات؛ تعذّرت قراءة ملف واحد». Only the files
    that could be read count as checked."""
    s = summarise(results)
    if lang == "en":
        counts = ", ".join(
            count_of(s[key], noun, "en")
            for key, noun in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
        )
        line = (
            f"{count_of(s['checked'], 'file', 'en')} checked: {counts}"
            if s["checked"]
            else "no file was checked"
        )
        if s["unreadable"]:
            line += f"; {count_of(s['unreadable'], 'file', 'en')} could not be read"
        return line
    counts = "، ".join(
        count_of(s[key], noun, "ar")
        for key, noun in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
    )
    line = (
        f"فُحص {count_of(s['checked'], 'file', 'ar')}: {counts}"
        if s["checked"]
        else "لم يُفحص أي ملف"
    )
    if s["unreadable"]:
        line += f"؛ تعذّرت قراءة {count_of(s['unreadable'], 'file', 'ar')}"
    return line
