"""`brieflint lsp`: a Language Server Protocol server over stdio (pygls).

Markdown and plain-text drafts are checked on open, change and save with the configuration the
command line would use for the same path (``.brieflint.yaml`` found upward, ``[tool.brieflint]``
in ``pyproject.toml``), reloaded when a configuration or word-list file changes. The findings
are the ones ``brieflint check`` reports on the same text: the server reads the editor's text
with the same reader and runs the same engine. Word drafts are not edited in an editor and are
skipped.

Each finding with a fix offers a quick fix (an unsafe one is marked and never preferred), and
``source.fixAll.brieflint`` applies every safe fix as ``brieflint fix`` would. Hovering over a
finding shows the rule's explanation (``brieflint explain``).

Positions: the engine counts columns in code points; LSP counts them in the code units the
client and server agreed on (UTF-16 unless the client offers another), so every position goes
through pygls's position codec.
"""

from __future__ import annotations

import asyncio
import difflib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import PositionCodec

from . import __version__
from .config import CONFIG_NAMES, effective_config, load_config_file
from .engine import Config, FileResult
from .errors import BrieflintError
from .fixer import FixReport, _place_markdown, _Text, fix_markdown_text, fixable, group_fixes
from .incremental import IncrementalChecker
from .links import RULE_DOCS_TEMPLATE, rule_doc_url
from .model import Document, Fix, Location, Problem, Severity
from .rules import rule_by_code
from .rules.catalog import explain

log = logging.getLogger(__name__)

FIX_ALL_KIND = "source.fixAll.brieflint"
CHECKED_SUFFIXES = {".md", ".markdown", ".txt", ".text", ""}
CHECKED_LANGUAGES = {"markdown", "plaintext", "text"}
# What makes a configuration change: the files config.find_config and the lexicon read.
WATCHED = [
    *(f"**/{name}" for name in CONFIG_NAMES),
    "**/pyproject.toml",
    "**/.brieflint-words.txt",
]
COALESCE = 0.005  # seconds to let the changes already sent arrive before checking
DEFAULT_RULE_DOCS = RULE_DOCS_TEMPLATE  # the SARIF report's helpUri; configurable

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Checked:
    """One open draft as last checked: its text, document, findings and their diagnostics."""

    uri: str
    version: int | None
    text: str  # as the editor holds it (line endings included)
    path: str
    config: Config | None = None
    doc: Document | None = None
    result: FileResult | None = None
    pairs: list[tuple[types.Diagnostic, Problem]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the reader's text (\n endings), by line


class BriefServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("brieflint", __version__)
        self.checked: dict[str, Checked] = {}
        self.checker = IncrementalChecker()
        self.rule_docs = DEFAULT_RULE_DOCS
        self.pending: set[str] = set()

    def check_soon(self, uri: str) -> None:
        """Check ``uri`` once the changes already received are applied: changes that arrive
        together (fast typing, or queued behind a check) make one check of the last version,
        not one each, so the diagnostics never fall behind the typing."""
        if uri in self.pending:
            return
        self.pending.add(uri)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.up_to_date(uri)
            return
        loop.call_later(COALESCE, self.up_to_date, uri)

    def up_to_date(self, uri: str) -> Checked | None:
        """The last check of ``uri``, after running the one a change left pending."""
        if uri in self.pending:
            self.pending.discard(uri)
            return self.check(uri)
        return self.checked.get(uri)

    # --- checking ---------------------------------------------------------------------------

    @property
    def codec(self) -> PositionCodec:
        return self.workspace.position_codec

    def check(self, uri: str) -> Checked | None:
        document = self.workspace.get_text_document(uri)
        if not wants(uri, document.language_id):
            return None
        path = draft_path(uri)
        state = Checked(uri, document.version, document.source, path)
        try:
            state.config, _ = effective_config(Config(), path)
            state.result, state.doc = self.checker.check(path, document.source, state.config)
        except BrieflintError as exc:
            state.result = FileResult(path=path, error=str(exc))
        except Exception as exc:  # never let one draft take the server down
            log.exception("checking %s", uri)
            state.result = FileResult(path=path, error=f"internal error: {exc!r}")
            state.doc = None
        state.lines = (
            state.doc.source.split("\n") if state.doc else document.source.splitlines() or [""]
        )
        state.pairs = self.diagnostics(state)
        self.checked[uri] = state
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=[d for d, _ in state.pairs]
            )
        )
        return state

    def recheck_all(self) -> None:
        load_config_file.cache_clear()
        for uri in list(self.checked):
            if uri in self.workspace.text_documents:
                self.check(uri)

    def diagnostics(self, state: Checked) -> list[tuple[types.Diagnostic, Problem]]:
        result = state.result
        if result is None:
            return []
        if result.error:
            diagnostic = types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=f"brieflint: {result.error}",
                severity=types.DiagnosticSeverity.Error,
                source="brieflint",
                code="input",
            )
            return [(diagnostic, None)]  # type: ignore[list-item]
        lang = state.config.lang if state.config else "ar"
        return [(self.diagnostic(state, p, lang), p) for p in result.problems]

    def diagnostic(self, state: Checked, problem: Problem, lang: str) -> types.Diagnostic:
        diagnostic = types.Diagnostic(
            range=self.range_of(state, problem.location),
            message=problem.message.get(lang),
            severity=_SEVERITY[problem.severity],
            code=problem.rule,
            source=problem.source,
            data={"rule": problem.rule, "fix": fix_kind(problem)},
        )
        if problem.source == "brieflint":
            diagnostic.code_description = types.CodeDescription(
                href=self.rule_docs.format(code=problem.rule, name=problem.name)
            )
        related = related_information(state, problem, self.range_of)
        if related:
            diagnostic.related_information = related
        if problem.rule in {"BL-FN002"}:
            diagnostic.tags = [types.DiagnosticTag.Unnecessary]
        return diagnostic

    def position(self, state: Checked, line: int, column: int) -> types.Position:
        """A 1-based (line, code-point column) of the reader's text as an LSP position."""
        line0 = max(line - 1, 0)
        if line0 >= len(state.lines):
            return types.Position(len(state.lines), 0)
        character = min(max(column - 1, 0), len(state.lines[line0]))
        return self.codec.position_to_client_units(
            state.lines, types.Position(line=line0, character=character)
        )

    def range_of(self, state: Checked, location: Location) -> types.Range:
        start = self.position(state, location.line, location.column)
        if location.end_line is None or location.end_column is None:
            return types.Range(start, start)
        end = self.position(state, location.end_line, location.end_column)
        return types.Range(start, end)

    def offset_position(self, state: Checked, offset: int) -> types.Position:
        """An offset of the editor's own text as an LSP position."""
        text = state.text
        line = text.count("\n", 0, offset)
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", line_start)
        raw = text[line_start : len(text) if line_end < 0 else line_end]
        character = self.codec.client_num_units(raw[: offset - line_start])
        return types.Position(line=line, character=character)

    # --- fixes ------------------------------------------------------------------------------

    def text_edits(self, state: Checked, fix: Fix) -> list[types.TextEdit] | None:
        """The fix as edits of the editor's text, or None when it cannot be placed."""
        if state.doc is None:
            return None
        text = _Text(state.text)
        edits = []
        for edit in fix.edits:
            placed = _place_markdown(state.doc, edit, text)
            if isinstance(placed, str):
                return None
            edits.append(
                types.TextEdit(
                    range=types.Range(
                        self.offset_position(state, placed.start),
                        self.offset_position(state, placed.end),
                    ),
                    new_text=placed.replacement,
                )
            )
        return edits

    def workspace_edit(self, state: Checked, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=state.uri, version=state.version
                    ),
                    edits=edits,  # type: ignore[arg-type]
                )
            ]
        )

    def quick_fixes(self, state: Checked, wanted: types.Range) -> list[types.CodeAction]:
        actions = []
        problems = [p for d, p in state.pairs if p is not None and _overlaps(d.range, wanted)]
        diagnostics = {id(p): d for d, p in state.pairs}
        for fix, found in group_fixes(fixable(problems, unsafe=True)):
            edits = self.text_edits(state, fix)
            if edits is None:
                continue
            title = f"{found[0].rule}: {describe_fix(fix)}"
            if not fix.safe:
                title = f"{title} (unsafe: check the context)"
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostics[id(p)] for p in found],
                    is_preferred=fix.safe,
                    edit=self.workspace_edit(state, edits),
                )
            )
        return actions

    def fix_all(self, state: Checked) -> types.WorkspaceEdit | None:
        """Every safe fix, in passes and verified, as ``brieflint fix`` applies them."""
        if state.config is None or state.doc is None:
            return None
        try:
            new = fix_markdown_text(state.path, state.text, state.config, FixReport(state.path))
        except BrieflintError as exc:
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Warning, f"brieflint: {exc}")
            )
            return None
        if new == state.text:
            return None
        return self.workspace_edit(state, self.diff_edits(state, new))

    def diff_edits(self, state: Checked, new: str) -> list[types.TextEdit]:
        """Line-level edits turning the editor's text into ``new``."""
        old_lines = state.text.splitlines(keepends=True)
        new_lines = new.splitlines(keepends=True)
        starts = [0]
        for line in old_lines:
            starts.append(starts[-1] + len(line))
        edits = []
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            edits.append(
                types.TextEdit(
                    range=types.Range(
                        self.offset_position(state, starts[a1]),
                        self.offset_position(state, starts[a2]),
                    ),
                    new_text="".join(new_lines[b1:b2]),
                )
            )
        return edits


def wants(uri: str, language_id: str | None) -> bool:
    """Markdown and plain-text drafts; never Word files, which an editor does not edit."""
    suffix = Path(uri.split("?", 1)[0]).suffix.lower()
    if suffix == ".docx":
        return False
    if language_id:
        return language_id in CHECKED_LANGUAGES or suffix in {".md", ".markdown"}
    return suffix in CHECKED_SUFFIXES


def draft_path(uri: str) -> str:
    """The file the draft is (its configuration is found from there); an unsaved draft is
    checked as if it were in the working folder."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return path or str(Path.cwd() / "untitled.md")


def fix_kind(problem: Problem) -> str | None:
    if problem.fix is None or problem.source != "brieflint":
        return None
    return problem.fix.applicability.value


def describe_fix(fix: Fix) -> str:
    edits = fix.edits
    if len(edits) == 1:
        return f"«{edits[0].expected}» → «{edits[0].replacement}»"
    changes = ", ".join(f"{e.expected or '∅'}→{e.replacement}" for e in edits[:4])
    return f"{len(edits)} edits: {changes}{' …' if len(edits) > 4 else ''}"


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def related_information(
    state: Checked, problem: Problem, range_of: Any
) -> list[types.DiagnosticRelatedInformation]:
    """Cross-references of a footnote or reference finding: the note's markers in the text,
    the note a marker points to, and the reference-list entry a message names."""
    doc = state.doc
    if doc is None or problem.category not in {"footnotes", "references"}:
        return []
    notes = doc.analysis.notes if doc.analysis is not None else None
    if notes is None:
        return []
    found: list[tuple[Location, str]] = []
    loc = problem.location
    number = problem.param("number")
    for note in notes.notes:
        name = note.number if note.number is not None else note.label
        at_note = note.location.line == loc.line and note.location.column == loc.column
        if at_note or (number is not None and note.number == number):
            for marker in notes.markers:
                if marker.label == note.label:
                    where = doc.locate(marker.block, marker.start, marker.end)
                    found.append((where, f"note {name} is referenced here"))
            if not at_note:
                found.append((note.location, f"note {name}"))
    for marker in notes.markers:
        where = doc.locate(marker.block, marker.start, marker.end)
        if (where.line, where.column) == (loc.line, loc.column):
            note = notes.note_for(marker.label)
            if note is not None and note.location != loc:
                name = note.number if note.number is not None else note.label
                found.append((note.location, f"note {name}"))
    line = problem.param("line")
    if isinstance(line, int):
        found.append((Location(line, 1), "the reference-list entry"))
    seen = set()
    related = []
    for where, message in found:
        key = (where.line, where.column, message)
        if key in seen or (where.line, where.column) == (loc.line, loc.column):
            continue
        seen.add(key)
        related.append(
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=state.uri, range=range_of(state, where)),
                message=message,
            )
        )
    return related


def hover_text(problem: Problem, lang: str) -> str:
    rule = rule_by_code(problem.rule) if problem.source == "brieflint" else None
    head = f"**{problem.rule}** `{problem.name}`: {problem.message.get(lang)}"
    if problem.suggestions:
        head += (
            "\n\n"
            + ("اقتراح: " if lang == "ar" else "Suggestions: ")
            + "، ".join(f"«{s}»" for s in problem.suggestions)
        )
    if rule is None:
        return head
    page = "صفحة القاعدة" if lang == "ar" else "Rule page"
    return (
        f"{head}\n\n```text\n{explain(rule)}```\n\n[{page}: {rule.code}]({rule_doc_url(rule.code)})"
    )


def _is_config(uri: str) -> bool:
    name = Path(uri).name
    return name in CONFIG_NAMES or name in {"pyproject.toml", ".brieflint-words.txt"}


def create_server() -> BriefServer:
    server = BriefServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: BriefServer, params: types.InitializeParams) -> None:
        options = params.initialization_options or {}
        if isinstance(options, dict) and isinstance(options.get("ruleDocs"), str):
            ls.rule_docs = options["ruleDocs"]

    @server.feature(types.INITIALIZED)
    def initialized(ls: BriefServer, params: types.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace and workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="brieflint-config-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BriefServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BriefServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check_soon(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: BriefServer, params: types.DidSaveTextDocumentParams) -> None:
        if _is_config(params.text_document.uri):
            ls.recheck_all()
        else:
            ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BriefServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.pending.discard(uri)
        if ls.checked.pop(uri, None) is not None:
            ls.checker.forget(draft_path(uri))
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: BriefServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    def code_action(ls: BriefServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        state = ls.up_to_date(uri)
        if state is None or state.doc is None:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        if not only or any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            actions.extend(ls.quick_fixes(state, params.range))
        wants_fix_all = not only or any(FIX_ALL_KIND.startswith(k) or k == "source" for k in only)
        if wants_fix_all and fixable(p for _, p in state.pairs if p is not None):
            action = types.CodeAction(
                title="brieflint: fix all safe problems",
                kind=FIX_ALL_KIND,
                data={"uri": uri, "version": state.version},
            )
            if not _resolves_edits(ls):
                action.edit = ls.fix_all(state)
                if action.edit is None:
                    return actions
            actions.append(action)
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    def resolve(ls: BriefServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        state = ls.up_to_date(data.get("uri", ""))
        if state is not None and action.kind == FIX_ALL_KIND:
            action.edit = ls.fix_all(state)
        return action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: BriefServer, params: types.HoverParams) -> types.Hover | None:
        state = ls.up_to_date(params.text_document.uri)
        if state is None:
            return None
        point = types.Range(params.position, params.position)
        found = [(d, p) for d, p in state.pairs if p is not None and _overlaps(d.range, point)]
        if not found:
            return None
        lang = state.config.lang if state.config else "ar"
        text = "\n\n---\n\n".join(hover_text(p, lang) for _, p in found)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=found[0][0].range,
        )

    return server


def _resolves_edits(ls: BriefServer) -> bool:
    document = ls.client_capabilities.text_document
    action = document and document.code_action
    support = action and action.resolve_support
    return bool(support and "edit" in support.properties)


def main() -> None:
    create_server().start_io()


if __name__ == "__main__":
    main()
