"""`brieflint fix`: apply the fixes whose answer is certain, and change nothing else.

Markdown is rewritten in place, atomically, with its encoding, byte-order mark and line endings
kept; every byte outside a fixed span stays as it was. A Word draft is written to a new file
with the affected runs edited and everything else of the package copied untouched; a fix whose
span crosses runs is skipped and reported. Fixes are applied in passes until none is left, so
fixing twice changes nothing more than fixing once.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Config, check_document, read_document
from .errors import InputError
from .fileio import atomic_write
from .model import Document, Problem
from .readers import decode_text

MAX_PASSES = 5


@dataclass
class Edit:
    """Replace source characters ``start:end`` (of the decoded, LF-normalised text)."""

    start: int
    end: int
    replacement: str
    problem: Problem | None = None


@dataclass
class FixReport:
    path: str
    applied: list[Problem] = field(default_factory=list)
    skipped: list[tuple[Problem, str]] = field(default_factory=list)
    diff: str = ""
    output: str | None = None
    changed: bool = False


# --- Markdown -----------------------------------------------------------------------------


def _markdown_edits(doc: Document, problems: list[Problem], report: FixReport) -> list[Edit]:
    source = doc.source
    blocks = list(doc.all_blocks())
    edits = []
    for problem in problems:
        fix = problem.fix
        block = _block_of(doc, blocks, problem)
        if block is None or block.source_offsets is None:
            report.skipped.append((problem, "its place in the source is unknown"))
            continue
        offsets = block.source_offsets
        original = block.text[fix.start : fix.end]
        if fix.start == fix.end:
            position = offsets[fix.start] if fix.start < len(offsets) else offsets[-1] + 1
            edits.append(Edit(position, position, fix.replacement, problem))
            continue
        start, end = offsets[fix.start], offsets[fix.end - 1] + 1
        if source[start:end] != original:
            # an escape or entity between: the text is not the source here, so leave it alone
            report.skipped.append(
                (problem, "the source differs from the text here (escapes or markup)")
            )
            continue
        edits.append(Edit(start, end, fix.replacement, problem))
    return edits


def _block_of(doc: Document, blocks, problem: Problem):
    """The block a fix's offsets refer to: found by its location and its text."""
    if problem.block_index is not None and problem.location.footnote is None:
        return doc.blocks[problem.block_index]
    for block in blocks:
        if block.footnote is None or block.source_offsets is None:
            continue
        loc = doc.locate(block, problem.fix.start, problem.fix.end)
        if (loc.line, loc.column) == (problem.location.line, problem.location.column):
            return block
    return None


def _renumber_footnotes(doc: Document) -> list[Edit]:
    """Number-labelled Markdown notes renumbered 1..N in order of first reference, references
    and definitions together. Only when every numeric label is defined once."""
    labels = [m.label for m in doc.notes.markers if m.style == "real"]
    order = list(dict.fromkeys(label for label in labels if label.isdigit()))
    defined = [n.label for n in doc.notes.notes if n.style == "real"]
    if not order or len(defined) != len(set(defined)) or set(order) - set(defined):
        return []
    mapping = {old: str(new) for new, old in enumerate(order, start=1)}
    unreferenced = [label for label in defined if label.isdigit() and label not in mapping]
    for label in unreferenced:
        mapping[label] = str(len(mapping) + 1)
    if all(old == new for old, new in mapping.items()):
        return []
    edits = []
    code = _code_spans(doc)
    for match in re.finditer(r"\[\^(\d+)\]", doc.source):
        if match.group(1) in mapping and not any(a <= match.start() < b for a, b in code):
            new = mapping[match.group(1)]
            if new != match.group(1):
                edits.append(Edit(match.start(1), match.end(1), new))
    return edits


def _code_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for block in doc.blocks:
        if block.kind == "code" and doc.line_index is not None:
            start = doc.source.find(block.text)
            if start >= 0:
                spans.append((start, start + len(block.text)))
    return spans


def _renumber_references(doc: Document) -> list[Edit]:
    """Typed or Markdown-list numbers of the reference list rewritten 1..N."""
    from .citations import reference_entries

    entries = reference_entries(doc)
    numbered = [e for e in entries if e.numbered]
    if not numbered or len(numbered) * 2 < len(entries):
        return []
    edits = []
    for expected, entry in enumerate(entries, start=1):
        offsets = entry.block.source_offsets
        if offsets is None:
            return []
        text_start = offsets[entry.start] if entry.start < len(offsets) else None
        if text_start is None:
            continue
        line_start = doc.source.rfind("\n", 0, text_start) + 1
        prefix = doc.source[line_start:text_start]
        marker = re.match(r"^(\s*(?:>\s*)*)(\d+)([.)])\s+$", prefix)
        typed = re.match(r"^\s*(?:\[(\d+)\]|\((\d+)\)|(\d+)\s*[-–.)])", entry.raw)
        if entry.numbered == "list" and marker:
            if marker.group(2) != str(expected):
                edits.append(
                    Edit(line_start + marker.start(2), line_start + marker.end(2), str(expected))
                )
        elif entry.numbered == "typed" and typed:
            group = next(i for i in (1, 2, 3) if typed.group(i))
            if typed.group(group) != str(expected):
                edits.append(
                    Edit(
                        text_start + typed.start(group),
                        text_start + typed.end(group),
                        str(expected),
                    )
                )
        elif not entry.numbered:
            edits.append(Edit(text_start, text_start, f"{expected}. "))
    return edits


def _apply(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping edits, last first; overlapping ones wait for the next pass."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if (chosen and edit.start < chosen[-1].end) or (
            chosen and edit.start == chosen[-1].start == chosen[-1].end
        ):
            continue
        chosen.append(edit)
    for edit in reversed(chosen):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, chosen


def _with_line_endings(normalised: str, original: str) -> str:
    if "\r\n" in original:
        return normalised.replace("\n", "\r\n")
    if "\r" in original:
        return normalised.replace("\n", "\r")
    return normalised


def _fixable(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.fix is not None and p.source == "brieflint"]


def fix_markdown(path: str, config: Config, *, write: bool = True) -> FixReport:
    report = FixReport(path)
    original_bytes = Path(path).read_bytes()
    original_text, encoding = decode_text(path, original_bytes)
    text = original_text.replace("\r\n", "\n").replace("\r", "\n")
    for _ in range(MAX_PASSES):
        doc = read_document_from_text(path, text)
        result = check_document(doc, config)
        edits = _markdown_edits(doc, _fixable(result.problems), report)
        selected = {r.code for r in _selected(config)}
        if "BL-FN004" in selected:
            edits += _renumber_footnotes(doc)
        if "BL-RF001" in selected:
            edits += _renumber_references(doc)
        new_text, applied = _apply(text, edits)
        if new_text == text:
            break
        report.applied.extend(e.problem for e in applied if e.problem is not None)
        text = new_text
    final = _with_line_endings(text, original_text)
    report.changed = final != original_text
    report.diff = "".join(
        difflib.unified_diff(
            original_text.splitlines(keepends=True), final.splitlines(keepends=True), path, path
        )
    )
    if write and report.changed:
        _check_writable(path, original_bytes)
        atomic_write(path, _encode(final, encoding))
        report.output = path
    return report


def read_document_from_text(path: str, text: str) -> Document:
    from .readers.markdown import read_markdown

    return read_markdown(path, text)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")
    return text.encode(encoding)


def _selected(config: Config):
    from .engine import selected_rules

    return selected_rules(config)


def _check_writable(path: str, original: bytes) -> None:
    target = Path(path)
    if target.read_bytes() != original:
        raise InputError(path, "changed since it was read; nothing written (run fix again)")
    if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
        raise InputError(path, "is read-only; nothing written")
    for lock in (target.parent / f"~${target.name[2:]}", target.parent / f".~lock.{target.name}#"):
        if lock.exists():
            raise InputError(path, f"is open in another program ({lock.name}); nothing written")


# --- Word -----------------------------------------------------------------------------------


def fix_docx(
    path: str, config: Config, output: str | None = None, *, write: bool = True
) -> FixReport:
    """Fix a Word draft into ``output`` (default: ``draft.fixed.docx``), run by run."""
    from .writer.patch import patch_docx

    report = FixReport(path)
    original = Path(path).read_bytes()
    data = original
    for _ in range(MAX_PASSES):
        with _temporary_docx(data, path) as current:
            doc = read_document(current, config)
            result = check_document(doc, config)
        fixes = _fixable(result.problems)
        if not fixes:
            break
        data, applied, skipped = patch_docx(data, doc, fixes)
        report.applied.extend(applied)
        seen = {(p.rule, p.location, reason) for p, reason in report.skipped}
        report.skipped.extend(s for s in skipped if (s[0].rule, s[0].location, s[1]) not in seen)
        if not applied:
            break
    report.changed = bool(report.applied)  # python-docx re-serialises even an untouched package
    target = output or str(Path(path).with_suffix("")) + ".fixed.docx"
    if Path(target).resolve() == Path(path).resolve():
        raise InputError(path, "fix writes Word drafts to a new file: choose another -o")
    if write and report.changed:
        if Path(path).read_bytes() != original:
            raise InputError(path, "changed since it was read; nothing written (run fix again)")
        atomic_write(target, data)
        report.output = target
    return report


class _temporary_docx:
    """A .docx on disk for the reader, which opens files by name."""

    def __init__(self, data: bytes, like: str) -> None:
        import tempfile

        handle, self.name = tempfile.mkstemp(suffix=".docx")
        with os.fdopen(handle, "wb") as file:
            file.write(data)

    def __enter__(self) -> str:
        return self.name

    def __exit__(self, *exc) -> None:
        os.unlink(self.name)


def fix_path(
    path: str, config: Config, *, output: str | None = None, write: bool = True
) -> FixReport:
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return fix_docx(path, config, output, write=write)
    if suffix in {".md", ".markdown"}:
        return fix_markdown(path, config, write=write)
    raise InputError(
        path, f"unsupported file type '{suffix}' (brieflint fixes .md, .markdown, .docx)"
    )
