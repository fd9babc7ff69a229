"""`brieflint fix`: apply the fixes rules offer, and change nothing else.

Rules own their fixes (:class:`~brieflint.model.Fix`, a set of edits with a safety); this module
only applies them. Safe fixes are applied by default, unsafe ones with ``--unsafe-fixes``.
Each edit names the text it replaces, and an edit whose current text differs is refused.

Markdown is rewritten in place, atomically, with its encoding, byte-order mark and each line's
own ending kept; every byte outside an edited span stays as it was. A Word draft is written to a
new file with the affected runs edited and everything else of the package copied untouched.
Fixes are applied in passes until none is left, so fixing twice changes nothing more than fixing
once; fixes that overlap wait for the next pass, and fixes that undo each other are detected.

Nothing is written unread: the result is read back through the same reader, and every block,
note, table cell, comment, image and tracked change must be what the edits announced (mdformat's
render-equivalence check is the model); otherwise nothing is written and the message names the
block that would have changed.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Config, check_document, read_document
from .errors import InputError
from .fileio import atomic_write
from .model import Block, Document, Edit, Fix, Problem
from .readers import decode

MAX_PASSES = 6


@dataclass
class FixReport:
    path: str
    applied: list[Problem] = field(default_factory=list)  # findings a fix resolved
    skipped: list[tuple[Problem, str]] = field(default_factory=list)
    diff: str = ""
    output: str | None = None
    changed: bool = False
    fixes: int = 0  # distinct fixes applied (one renumbering fix may resolve several findings)


@dataclass(frozen=True)
class Placed:
    """An edit resolved to a place in the file being fixed (Markdown: source offsets)."""

    start: int
    end: int
    replacement: str


class VerificationError(InputError):
    """The result read back differs from the source outside the announced edits."""


def fixable(problems: Iterable[Problem], *, unsafe: bool = False) -> list[Problem]:
    """The findings whose fix ``fix`` applies: built-in findings with a safe fix (or any fix
    with ``unsafe``)."""
    return [
        p
        for p in problems
        if p.fix is not None and p.source == "brieflint" and (unsafe or p.fix.safe)
    ]


def group_fixes(problems: list[Problem]) -> list[tuple[Fix, list[Problem]]]:
    """Distinct fixes in reading order, each with the findings it resolves (several findings may
    offer the same multi-edit fix, such as renumbering every footnote)."""
    groups: dict[Fix, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.fix, []).append(problem)
    return list(groups.items())


def choose(
    fixes: list[tuple[Fix, list[Problem]]], spans: dict[Fix, list[tuple[int, int, int]]]
) -> list[tuple[Fix, list[Problem]]]:
    """Fixes whose edits overlap no fix chosen before; the others wait for the next pass.

    ``spans`` gives each fix's edits as (space, start, end), a space being one text the offsets
    count in (the Markdown source, or one Word paragraph). An insertion at a point another edit
    touches also waits, so two insertions never race for one place."""
    chosen: list[tuple[Fix, list[Problem]]] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    for fix, problems in fixes:
        mine = spans[fix]
        if any(
            _overlaps(start, end, a, b)
            for space, start, end in mine
            for a, b in taken.get(space, [])
        ):
            continue
        for space, start, end in mine:
            taken.setdefault(space, []).append((start, end))
        chosen.append((fix, problems))
    return chosen


def _overlaps(start: int, end: int, a: int, b: int) -> bool:
    if start == end or a == b:
        return a <= start <= b or start <= a <= end
    return start < b and a < end


# --- Markdown -----------------------------------------------------------------------------


class _Text:
    """The file's text as decoded, with a map from the reader's offsets (line endings turned
    into ``\\n``) to offsets in the text itself, so each line keeps its own ending."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._map: list[int] | None = None
        if "\r" in text:
            self._map = []
            i = 0
            while i < len(text):
                self._map.append(i)
                i += 2 if text.startswith("\r\n", i) else 1
            self._map.append(len(text))

    def original(self, offset: int) -> int:
        if self._map is None:
            return offset
        return self._map[min(offset, len(self._map) - 1)]


def _place_markdown(doc: Document, edit: Edit, text: _Text) -> Placed | str:
    """Where ``edit`` goes in the file, or why it cannot go anywhere."""
    if edit.block is None:
        start, end = edit.start, edit.end
    else:
        block = doc.block(edit.block)
        offsets = block.source_offsets
        if offsets is None:
            return "its place in the source is unknown"
        if block.text[edit.start : edit.end] != edit.expected:
            return "the text has changed since the finding"
        if edit.start == edit.end:
            start = offsets[edit.start] if edit.start < len(offsets) else offsets[-1] + 1
            end = start
        else:
            start, end = offsets[edit.start], offsets[edit.end - 1] + 1
    if doc.source[start:end] != edit.expected:
        # an escape or entity between: the text is not the source here, so leave it alone
        return "the source differs from the text here (escapes or markup)"
    return Placed(text.original(start), text.original(end), edit.replacement)


def _markdown_pass(
    doc: Document, problems: list[Problem], text: _Text, report: FixReport
) -> tuple[str, list[tuple[Fix, list[Problem]]]]:
    placed: dict[Fix, list[Placed]] = {}
    for fix, found in group_fixes(problems):
        places = [_place_markdown(doc, edit, text) for edit in fix.edits]
        refused = next((p for p in places if isinstance(p, str)), None)
        if refused:
            report.skipped.extend((problem, refused) for problem in found)
        else:
            placed[fix] = places
    candidates = [(fix, found) for fix, found in group_fixes(problems) if fix in placed]
    spans = {fix: [(0, p.start, p.end) for p in placed[fix]] for fix, _ in candidates}
    chosen = choose(candidates, spans)
    edits = sorted((p for fix, _ in chosen for p in placed[fix]), key=lambda p: p.start)
    new = text.text
    for edit in reversed(edits):
        new = new[: edit.start] + edit.replacement + new[edit.end :]
    return new, chosen


def fix_markdown(
    path: str,
    config: Config,
    output: str | None = None,
    *,
    write: bool = True,
    unsafe: bool = False,
) -> FixReport:
    """Fix a Markdown or text draft in place, or into ``output`` (the draft left as it is)."""
    report = FixReport(path)
    original_bytes = Path(path).read_bytes()
    decoded = decode(path, original_bytes)
    if not decoded.clean:
        # «fixing» text decoded with replacement characters would write them back for good
        raise InputError(
            path,
            f"refused: {len(decoded.stray)} byte(s) are not UTF-8 (byte offset "
            f"{decoded.stray[0]}); replace them in an editor first; nothing written",
        )
    original_text, encoding = decoded.text, decoded.encoding
    text = fix_markdown_text(path, original_text, config, report, unsafe=unsafe)
    if write and report.changed:
        if output is None:
            _check_writable(path, original_bytes)
        elif Path(path).read_bytes() != original_bytes:
            raise InputError(path, "changed since it was read; nothing written (run fix again)")
        target = output or path
        atomic_write(target, _encode(text, encoding))
        report.output = target
    return report


def fix_markdown_text(
    path: str,
    original_text: str,
    config: Config,
    report: FixReport,
    *,
    unsafe: bool = False,
) -> str:
    """The Markdown text ``original_text`` with its fixes applied, in passes, and verified;
    ``report`` records what was applied and skipped (the editor's «fix all» uses this too)."""
    text = original_text
    seen = {text}
    for _ in range(MAX_PASSES):
        doc = _read_markdown(path, text)
        result = check_document(doc, config)
        new, chosen = _markdown_pass(
            doc, fixable(result.problems, unsafe=unsafe), _Text(text), report
        )
        if not chosen or new == text:
            break
        verify_markdown(doc, _read_markdown(path, new), [f for f, _ in chosen])
        for _, found in chosen:
            report.applied.extend(found)
            report.fixes += 1
        if new in seen:  # fixes that undo each other: stop rather than go round for ever
            report.skipped.extend(
                (p, "conflicts with another fix that undoes it")
                for _, found in chosen
                for p in found
            )
            break
        seen.add(new)
        text = new
    report.changed = text != original_text
    report.diff = "".join(
        difflib.unified_diff(
            original_text.splitlines(keepends=True), text.splitlines(keepends=True), path, path
        )
    )
    return text


def _read_markdown(path: str, text: str) -> Document:
    from .readers import TEXT_SUFFIXES
    from .readers.markdown import read_markdown

    return read_markdown(path, text, plain=path.lower().endswith(TEXT_SUFFIXES))


def expected_texts(doc: Document, fixes: Iterable[Fix]) -> dict[int, str]:
    """Each edited block's text once the edits are applied, by block id."""
    by_block: dict[int, list[Edit]] = {}
    for fix in fixes:
        for edit in fix.edits:
            if edit.block is not None:
                by_block.setdefault(edit.block, []).append(edit)
    texts = {}
    for block_id, edits in by_block.items():
        text = doc.block(block_id).text
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + edit.replacement + text[edit.end :]
        texts[block_id] = text
    return texts


def _source_touched(doc: Document, fixes: Iterable[Fix]) -> set[int]:
    """Blocks whose markup a source-level edit changes (a list marker, a note label)."""
    spans = [(e.start, e.end) for fix in fixes for e in fix.edits if e.block is None]
    touched = set()
    if not spans:
        return touched
    for block in doc.every_block():
        offsets = block.source_offsets
        if not offsets:
            continue
        first, last = offsets[0], offsets[-1] + 1
        line_start = doc.source.rfind("\n", 0, first) + 1
        if any(line_start <= b and a <= last for a, b in spans):
            touched.add(block.id)
    return touched


def compare_documents(
    before: Document, after: Document, fixes: list[Fix], *, comments: bool = True
) -> None:
    """Raise VerificationError unless ``after`` is ``before`` with exactly ``fixes`` applied:
    the same blocks of the same kinds, each with its expected text, the same notes, table
    cells, images, comments (unless ``comments`` is False: a review adds its own) and
    metadata."""
    facts = _facts if comments else _facts_without_comments
    expected = expected_texts(before, fixes)
    loose = _source_touched(before, fixes)
    old, new = list(before.every_block()), list(after.every_block())
    want_words = " ".join(" ".join(expected.get(b.id, b.text).split()) for b in old).split()
    have_words = " ".join(b.text for b in new).split()
    if want_words != have_words:
        changed = next(
            (i for i, (a, b) in enumerate(zip(want_words, have_words, strict=False)) if a != b),
            min(len(want_words), len(have_words)),
        )
        context = " ".join(want_words[max(0, changed - 3) : changed + 4])
        raise VerificationError(
            before.path,
            f"refused: a fix would also have changed the text near «{context}»; nothing written",
        )
    if Counter(map(facts, old)) != Counter(map(facts, new)) and not loose:
        raise VerificationError(
            before.path,
            "refused: a fix would have changed a table, picture, comment or note "
            "reference; nothing written",
        )
    if len(old) != len(new):
        if loose:  # a source edit may make a list item of a line: the words are the same
            return
        raise VerificationError(
            before.path,
            f"refused: the fixed draft would have {len(new)} blocks instead of {len(old)}; "
            "nothing written",
        )
    for a, b in zip(old, new, strict=True):
        want = expected.get(a.id, a.text)
        if a.id in loose:
            continue
        if b.text != want or b.kind != a.kind or facts(a) != facts(b):
            raise VerificationError(
                before.path,
                f"refused: a fix would also have changed {_where(a)} "
                f"(«{_excerpt(a.text)}»); nothing written",
            )
    if len(before.footnotes) != len(after.footnotes):
        raise VerificationError(before.path, "refused: a fix would have changed the notes")
    if _expected_metadata(before, fixes) != {k: v.value for k, v in after.metadata.items()}:
        raise VerificationError(before.path, "refused: a fix would have changed the cover")


def _expected_metadata(doc: Document, fixes: list[Fix]) -> dict[str, str]:
    """The cover fields once the fixes to cover text (a misspelt title…) are made: each cover
    block's new text carried into the fields made from it."""
    values = {k: v.value for k, v in doc.metadata.items()}
    cover = {b.id for b in doc.cover_blocks}
    for block_id, after in expected_texts(doc, fixes).items():
        if block_id not in cover:
            continue
        before = doc.block(block_id).text
        for key, value in values.items():
            if before.strip() and before.strip() in value:
                values[key] = value.replace(before.strip(), after.strip())
            elif value and value in before:
                at = before.index(value)
                prefix, suffix = before[:at], before[at + len(value) :]
                if after.startswith(prefix) and after.endswith(suffix):
                    values[key] = after[len(prefix) : len(after) - len(suffix)]
    return values


def _facts(block: Block) -> tuple:
    """What a fix must never change in a block besides its text."""
    comments = tuple(m.kind for m in block.marks if m.kind.startswith("comment"))
    refs = sum(1 for m in block.marks if m.kind == "footnote-ref")
    return (block.cell, len(block.images), comments, refs, block.note and block.note.kind)


def _facts_without_comments(block: Block) -> tuple:
    cell, images, _, refs, note = _facts(block)
    return (cell, images, refs, note)


def _where(block: Block) -> str:
    loc = block.location
    where = f"the block at line {loc.line}"
    if loc.note is not None:
        where += f" of {loc.note.kind.value} {loc.note.number or loc.note.label}"
    return where


def _excerpt(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def verify_markdown(before: Document, after: Document, fixes: list[Fix]) -> None:
    compare_documents(before, after, fixes)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")
    return text.encode(encoding)


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
    path: str,
    config: Config,
    output: str | None = None,
    *,
    write: bool = True,
    unsafe: bool = False,
) -> FixReport:
    """Fix a Word draft into ``output`` (default: ``draft.fixed.docx``), run by run."""
    from .writer.patch import patch_docx, revision_counts, verify_docx

    report = FixReport(path)
    target = output or str(Path(path).with_suffix("")) + ".fixed.docx"
    if Path(target).resolve() == Path(path).resolve():
        raise InputError(path, "fix writes Word drafts to a new file: choose another -o")
    original = Path(path).read_bytes()
    revisions = revision_counts(original)  # once: every pass must keep these
    data = original
    doc = read_document(path, config)
    for _ in range(MAX_PASSES):
        result = check_document(doc, config)
        fixes = fixable(result.problems, unsafe=unsafe)
        if not fixes:
            break
        new_data, chosen, skipped = patch_docx(data, doc, group_fixes(fixes))
        _add_skipped(report, skipped)
        if not chosen:
            break
        after = verify_docx(
            new_data, doc, [f for f, _ in chosen], near=target, config=config, revisions=revisions
        )
        for _, found in chosen:
            report.applied.extend(found)
            report.fixes += 1
        data, doc = new_data, after
        doc.path = path
    report.changed = data != original and report.fixes > 0
    if write and report.changed:
        if Path(path).read_bytes() != original:
            raise InputError(path, "changed since it was read; nothing written (run fix again)")
        atomic_write(target, data)
        report.output = target
    return report


def _add_skipped(report: FixReport, skipped: list[tuple[Problem, str]]) -> None:
    seen = {(p.rule, p.location, reason) for p, reason in report.skipped}
    report.skipped.extend(s for s in skipped if (s[0].rule, s[0].location, s[1]) not in seen)


def fix_path(
    path: str,
    config: Config,
    *,
    output: str | None = None,
    write: bool = True,
    unsafe: bool = False,
) -> FixReport:
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return fix_docx(path, config, output, write=write, unsafe=unsafe)
    if suffix in {".md", ".markdown", ".txt"}:
        return fix_markdown(path, config, output, write=write, unsafe=unsafe)
    raise InputError(
        path, f"unsupported file type '{suffix}' (brieflint fixes .md, .markdown, .txt, .docx)"
    )
