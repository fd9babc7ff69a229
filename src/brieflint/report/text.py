"""Text output: ``path:line:col: CODE [severity] message``, one finding a line, then a summary.

Readable in a terminal, in both directions:

* The fields a program parses (path, line, column, code) come first, as plain text.
* The Arabic fields (severity, message) are each wrapped in Unicode directional isolates
  (FSI … PDI, U+2068/U+2069; Unicode's bidi algorithm, UAX #9, and W3C's advice for inserting
  text of unknown direction), so a renderer that applies the bidi algorithm (a browser showing a
  CI log, a bidi-capable terminal) lays out the message right to left without moving the path,
  the digits or the brackets around it. The isolates take no cell in a terminal that does not
  reorder (tmux, xterm): they are format characters of zero width.
* Quoted words and suggestions are in guillemets, each isolated, so a Latin word or a trailing
  full stop inside an Arabic message stays where it was typed. Arabic names the suggestion in
  words («المقترح: …») instead of an arrow, which would point the wrong way in one of the two
  kinds of terminal.
* A rule's full message is shown once per file; its later findings in the same file show the
  flagged text and the suggestion only («كما سبق»), so a draft with forty hamzat al-wasl errors
  does not repeat the same explanation forty times.
* With ``context`` (the default on a terminal) the line of the draft follows each finding with
  the flagged span marked: in colour, or between ⟦ ⟧ without. The span is marked inline rather
  than with carets underneath, which could not line up under right-to-left text.
* A Word finding names the first words of its paragraph, since paragraph numbers are not
  something Word shows; a finding inside a Word note is located at the note's marker in the
  body, and the note is named at the start of the message.
"""

from __future__ import annotations

from collections import Counter

import click

from ..engine import FileResult
from ..excerpts import line_key, note_key
from ..model import Problem
from ..vocabulary import count_of, note_name, severity_label
from .summary import summary_line

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
FSI, PDI = "\u2068", "\u2069"
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
EXCERPT_WIDTH = 50  # characters of context on each side of the span
FIRST_WORDS = 5


def isolate(text: str) -> str:
    """``text`` in a first-strong isolate: laid out in its own direction, moving nothing else."""
    return f"{FSI}{text}{PDI}"


def quote(text: str) -> str:
    return f"«{isolate(text)}»"


def suggestion_text(problem: Problem, lang: str) -> str:
    if not problem.suggestions:
        return ""
    shown = problem.suggestions[:3]
    if lang == "en":
        return " → " + " | ".join(shown)
    return "؛ المقترح: " + " أو ".join(quote(s) for s in shown)


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


class _Renderer:
    def __init__(self, options: dict) -> None:
        self.lang = options.get("lang", "ar")
        self.colour = bool(options.get("colour"))
        self.context = bool(options.get("context"))

    def style(self, text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if self.colour else text

    def file_lines(self, result: FileResult) -> list[str]:
        lines: list[str] = []
        explained: set[str] = set()
        for problem in result.problems:
            lines.append(self.finding(result, problem, explained))
            if self.context:
                excerpt = self.excerpt(result, problem)
                if excerpt:
                    lines.append(excerpt)
            explained.add(problem.rule)
        return lines

    def position(self, result: FileResult, problem: Problem) -> tuple[int, int]:
        loc = problem.location
        if result.format == "docx" and loc.note is not None:
            marker = result.markers.get(note_key(loc.note))
            if marker:
                return marker[0], marker[1]
        return loc.line, loc.column

    def message(self, result: FileResult, problem: Problem, explained: set[str]) -> str:
        lang = self.lang
        if problem.rule in explained and problem.text and problem.suggestions:
            again = "as above" if lang == "en" else "كما سبق"
            message = f"{quote(problem.text)} ({again})"
        else:
            message = problem.message.get(lang)
        message += suggestion_text(problem, lang)
        loc = problem.location
        if loc.note is not None:
            message = f"[{note_name(loc.note, lang)}] {message}"
        if result.format == "docx" and loc.note is None:
            paragraph = result.lines.get(line_key(loc), "").strip()
            if paragraph:
                where = "in the paragraph" if lang == "en" else "في الفقرة"
                message += f" ({where} {quote(first_words(paragraph))})"
        return message

    def finding(self, result: FileResult, problem: Problem, explained: set[str]) -> str:
        line, column = self.position(result, problem)
        where = self.style(f"{result.path}:{line}:{column}:", bold=True)
        severity = problem.severity.value
        label = severity_label(severity, self.lang)
        tag = self.style(
            f"[{isolate(label) if self.lang == 'ar' else label}]",
            fg=_COLOURS[severity],
            bold=severity == "error",
        )
        message = self.message(result, problem, explained)
        return f"{where} {problem.rule} {tag} {isolate(message)}"

    def excerpt(self, result: FileResult, problem: Problem) -> str:
        """The line of the draft around the finding, the flagged span marked; "" when the
        finding has no span on one line."""
        loc = problem.location
        text = result.lines.get(line_key(loc))
        if not text or (loc.column <= 1 and not loc.end_column):
            return ""  # the whole line or paragraph: the message names it
        start = max(loc.column - 1, 0)
        if loc.end_line not in (None, loc.line) or loc.end_column is None:
            end = start
        else:
            end = max(loc.end_column - 1, start)
        if start > len(text):
            return ""
        end = min(end, len(text))
        before = _tail(text[:start], EXCERPT_WIDTH)
        span = text[start:end]
        after = _head(text[end:], EXCERPT_WIDTH)
        if span:
            marked = (
                self.style(span, fg=_COLOURS[problem.severity.value], bold=True, underline=True)
                if self.colour
                else f"{MARK_OPEN}{span}{MARK_CLOSE}"
            )
        else:
            marked = self.style("▲", fg=_COLOURS[problem.severity.value]) if self.colour else "▲"
        number = str(loc.line)
        if result.format == "docx" and loc.note is not None:  # a paragraph of the note
            number = f"[{loc.note.label or loc.note.number}]"
        gutter = self.style(f"{number:>6} │ ", dim=True)
        return f"{gutter}{isolate(before + marked + after)}"


def _tail(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[-width:]
    space = cut.find(" ")
    return "… " + (cut[space + 1 :] if 0 <= space < width // 2 else cut)


def _head(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut) + " …"


def statistics(results: list[FileResult], lang: str) -> list[str]:
    """``--statistics``: one line per rule, the most frequent first, as ruff prints them."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    names: dict[str, str] = {}
    for result in results:
        for problem in result.problems:
            counts[problem.rule] += 1
            fixable[problem.rule] += problem.fixable
            names[problem.rule] = problem.name
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        fix = ""
        if fixable[rule]:
            can = "fixable" if lang == "en" else "قابل للتصحيح"
            fix = (
                f"  [{fixable[rule]} {can}]"
                if lang == "en"
                else f"  [{isolate(f'{fixable[rule]} {can}')}]"
            )
        lines.append(f"{count:>{width}}  {rule}  {names[rule]}{fix}")
    return lines


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    renderer = _Renderer(options)
    lines: list[str] = []
    if options.get("statistics"):
        lines.extend(statistics(results, lang))
    else:
        for result in results:
            if not result.error:  # unreadable files are reported on stderr, one line each
                lines.extend(renderer.file_lines(result))
    lines.append(summary_line(results, lang))
    fixable = sum(p.fix is not None and p.fix.safe for r in results for p in r.problems)
    if fixable:
        lines.append(fix_hint(fixable, lang))
    return "\n".join(lines) + "\n"


def fix_hint(fixable: int, lang: str, target: str = "") -> str:
    """The line that says how many findings ``brieflint fix`` can correct."""
    command = f"brieflint fix {target}".rstrip()
    if lang == "en":
        return f"{count_of(fixable, 'finding', 'en')} can be fixed: {command} (--diff to preview)"
    return f"يمكن تصحيح {count_of(fixable, 'finding', 'ar')} آليًّا: {command} (و‎--diff للمعاينة)"
