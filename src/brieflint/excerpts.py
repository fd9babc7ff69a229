"""What the text report needs of a document after the document is gone (it stays in the worker
process): the text of every line (Markdown) or paragraph (Word) a finding is on, and, in a Word
draft, where each note's marker is in the body."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Document, Location, NoteRef, Problem


def line_key(location: Location) -> str:
    """``body:12``, ``footnote:3:1``: a line of the body, or a paragraph of a note."""
    note = location.note
    if note is None:
        return f"body:{location.line}"
    return f"{note.kind.value}:{note.label or note.number}:{location.line}"


def note_key(note: NoteRef) -> str:
    return f"{note.kind.value}:{note.label or note.number}"


def finding_lines(doc: Document, problems: Iterable[Problem]) -> dict[str, str]:
    """The text of each line (Markdown source) or paragraph (Word) that a finding starts on."""
    wanted = {line_key(p.location) for p in problems}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    if doc.format != "docx":
        lines = doc.source.splitlines()
        for key in wanted:
            number = int(key.rsplit(":", 1)[1])
            if 0 < number <= len(lines):
                found[key] = lines[number - 1]
        return found
    for block in [*doc.cover_blocks, *doc.all_blocks()]:
        key = line_key(block.location)
        if key in wanted and key not in found:
            found[key] = block.text
    return found


def note_markers(doc: Document) -> dict[str, tuple[int, int]]:
    """Word drafts: the body paragraph and column of each note's first marker, so that a finding
    inside a note can be located where a reader of the body meets the note."""
    if doc.format != "docx":
        return {}
    markers: dict[str, tuple[int, int]] = {}
    for block in [*doc.cover_blocks, *doc.blocks]:
        for mark in block.marks:
            if mark.kind != "footnote-ref" or mark.note is None:
                continue
            key = f"{mark.note.value}:{mark.value}"
            markers.setdefault(key, (block.location.line, mark.start + 1))
    return markers


__all__ = ["finding_lines", "line_key", "note_key", "note_markers"]
