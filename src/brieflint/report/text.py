"""Text output: ``path:line:col: CODE [severity] message``, one finding a line, then a summary."""

from __future__ import annotations

import click

from ..engine import FileResult
from ..model import NoteKind, NoteRef, Problem
from .summary import summarise

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def note_name(note: NoteRef, lang: str) -> str:
    """« [footnote 2]» / « [الحاشية 2]», or the endnote's."""
    number = note.number if note.number is not None else note.label
    if note.kind is NoteKind.ENDNOTE:
        return f" [endnote {number}]" if lang == "en" else f" [التعليق الختامي {number}]"
    return f" [footnote {number}]" if lang == "en" else f" [الحاشية {number}]"


def _line(result: FileResult, problem: Problem, lang: str, colour: bool) -> str:
    loc = problem.location
    where = f"{result.path}:{loc.line}:{loc.column}:"
    if loc.note is not None:
        where += note_name(loc.note, lang)
    severity = problem.severity.value
    tag = f"[{severity}]"
    message = problem.message.get(lang)
    if problem.suggestions:
        arrow = " → " + " | ".join(problem.suggestions[:3])
        message += arrow
    if colour:
        tag = click.style(tag, fg=_COLOURS[severity], bold=severity == "error")
        where = click.style(where, bold=True)
    return f"{where} {problem.rule} {tag} {message}"


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    colour = bool(options.get("colour"))
    lines: list[str] = []
    for result in results:
        if result.error:
            continue  # unreadable files are reported on stderr, one line each
        lines.extend(_line(result, p, lang, colour) for p in result.problems)
    s = summarise(results)
    if lang == "en":
        summary = (
            f"{s['files']} file(s) checked: {s['errors']} error(s), {s['warnings']} warning(s), "
            f"{s['infos']} info"
        )
        if s["unreadable"]:
            summary += f"; {s['unreadable']} file(s) could not be read"
    else:
        summary = (
            f"فُحص {s['files']} ملف: {s['errors']} خطأ، {s['warnings']} تحذير، {s['infos']} ملاحظة"
        )
        if s["unreadable"]:
            summary += f"؛ تعذّرت قراءة {s['unreadable']} ملف"
    lines.append(summary)
    return "\n".join(lines) + "\n"
