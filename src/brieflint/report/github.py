"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from ..engine import FileResult
from ..excerpts import note_key
from ..vocabulary import note_name

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    lines = []
    for result in results:
        if result.error:
            lines.append(
                f"::error file={escape_property(result.path)},title=brieflint::{escape_data(result.error)}"
            )
            continue
        for problem in result.problems:
            loc = problem.location
            marker = (
                result.markers.get(note_key(loc.note))
                if result.format == "docx" and loc.note is not None
                else None
            )
            # A Word note has no line of the file: the annotation goes to the note's marker.
            line, column = marker if marker else (loc.line, loc.column)
            props = [
                f"file={escape_property(result.path)}",
                f"line={line}",
                f"col={column}",
            ]
            if marker:
                pass
            elif loc.end_line and loc.end_line != loc.line:
                props.append(f"endLine={loc.end_line}")
            elif loc.end_column and loc.end_column > loc.column:
                props.append(f"endColumn={loc.end_column}")
            props.append(f"title={escape_property(f'{problem.rule} {problem.name}')}")
            message = problem.message.get(lang)
            if loc.note is not None:
                message = f"[{note_name(loc.note, lang)}] {message}"
            if problem.suggestions:
                message += " → " + " | ".join(problem.suggestions[:3])
            lines.append(
                f"::{_LEVEL[problem.severity.value]} {','.join(props)}::{escape_data(message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
