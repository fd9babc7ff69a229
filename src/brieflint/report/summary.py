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
    counts = ("، " if lang == "ar" else ", ").join(
        count_of(s[key], noun, lang)
        for key, noun in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
    )
    checked, unreadable = (count_of(s[key], "file", lang) for key in ("checked", "unreadable"))
    if lang == "en":
        line = f"{checked} checked: {counts}" if s["checked"] else "no file was checked"
        return line + (f"; {unreadable} could not be read" if s["unreadable"] else "")
    line = f"فُحص {checked}: {counts}" if s["checked"] else "لم يُفحص أي ملف"
    return line + (f"؛ تعذّرت قراءة {unreadable}" if s["unreadable"] else "")
