"""The language server, driven over stdio by a real LSP client (pytest-lsp) in its own process:
initialize → didOpen → diagnostics → codeAction → apply the edit → didChange → diagnostics →
hover → fix all → configuration reload → shutdown. The diagnostics must be what
``brieflint check`` reports on the same text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from brieflint.links import rule_doc_url  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "flawed-footnotes.md"
SRC = str(ROOT / "src")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    return env


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "brieflint.cli", "lsp"], server_env=_env()
)


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"ruleDocs": "https://example.org/rules#{code}"},
        )
    )
    yield
    await lsp_client.shutdown_session()


def check_json(path: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "brieflint.cli", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    return json.loads(out.stdout)["files"][0]["findings"]


def as_cli(diagnostics) -> list[tuple]:
    """The diagnostics in the JSON report's terms (1-based; Arabic is one UTF-16 unit a char)."""
    return sorted(
        (
            d.code,
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.range.end.line + 1,
            d.range.end.character + 1,
            d.message,
        )
        for d in diagnostics
    )


def from_cli(findings: list[dict], text: str = "", encoding: str = "utf-16") -> list[tuple]:
    """The JSON report's findings; with ``text``, columns in the negotiated code units."""
    lines = text.split("\n")

    def units(line: int, column: int) -> int:
        if not text or encoding == "utf-32":
            return column
        before = lines[line - 1][: column - 1]
        if encoding == "utf-8":
            return len(before.encode("utf-8")) + 1
        return len(before.encode("utf-16-le")) // 2 + 1

    rows = []
    for f in findings:
        end_line = f.get("end_line", f["line"])
        end_column = f.get("end_column", f["column"])
        rows.append(
            (
                f["rule"],
                f["line"],
                units(f["line"], f["column"]),
                end_line,
                units(end_line, end_column),
                f["message"],
            )
        )
    return sorted(rows)


async def open_and_wait(client: LanguageClient, path: Path, text: str, version: int = 1):
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def change_and_wait(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def apply_edit(text: str, edit: types.WorkspaceEdit) -> str:
    """Apply a WorkspaceEdit as an editor does (the edits of one document, end first)."""
    edits = [e for change in edit.document_changes or [] for e in change.edits]
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(p: types.Position) -> int:
        line = lines[p.line] if p.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= p.character:
                return starts[min(p.line, len(lines))] + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return starts[min(p.line, len(lines))] + len(line)

    for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


@pytest.mark.asyncio
async def test_full_session(client: LanguageClient, tmp_path: Path):
    draft = tmp_path / "brief.md"
    shutil.copy(EXAMPLE, draft)
    text = draft.read_text("utf-8")
    uri = await open_and_wait(client, draft, text)

    # The diagnostics are brieflint check's findings on the same file.
    diagnostics = client.diagnostics[uri]
    assert diagnostics
    assert as_cli(diagnostics) == from_cli(check_json(draft))
    first = diagnostics[0]
    assert first.source == "brieflint"
    assert first.code_description.href == f"https://example.org/rules#{first.code}"
    assert {d.severity for d in diagnostics} <= {
        types.DiagnosticSeverity.Error,
        types.DiagnosticSeverity.Warning,
        types.DiagnosticSeverity.Information,
    }
    # Cross-references: a footnote finding points at the other end of the reference.
    assert any(d.related_information for d in diagnostics if str(d.code).startswith("BL-FN"))

    # A quick fix for a finding with a safe fix.
    fixable = [d for d in diagnostics if d.data and d.data.get("fix") == "safe"]
    assert fixable, "the example has findings with a safe fix"
    target = fixable[0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=types.CodeActionContext(
                diagnostics=[target], only=[types.CodeActionKind.QuickFix]
            ),
        )
    )
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert quick and quick[0].is_preferred
    assert quick[0].title.startswith(str(target.code))
    fixed = apply_edit(text, quick[0].edit)
    assert fixed != text

    # Apply it, tell the server, and the finding is gone.
    await change_and_wait(client, uri, fixed, 2)
    after = client.diagnostics[uri]
    assert len(after) < len(diagnostics)
    assert (target.code, target.range) not in [(d.code, d.range) for d in after]
    draft.write_text(fixed, "utf-8")
    assert as_cli(after) == from_cli(check_json(draft))

    # Hover on a finding explains its rule.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=after[0].range.start
        )
    )
    assert hover is not None
    assert str(after[0].code) in hover.contents.value
    assert f"({rule_doc_url(str(after[0].code))})" in hover.contents.value  # its page

    # Fix all safe problems: the result is what `brieflint fix` writes.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.brieflint"
    if fix_all.edit is None:
        fix_all = await client.code_action_resolve_async(fix_all)
    all_fixed = apply_edit(fixed, fix_all.edit)
    subprocess.run(
        [sys.executable, "-m", "brieflint.cli", "fix", str(draft)],
        env=_env(),
        capture_output=True,
        check=False,
    )
    assert all_fixed == draft.read_text("utf-8")
    await change_and_wait(client, uri, all_fixed, 3)
    assert not [d for d in client.diagnostics[uri] if d.data and d.data.get("fix") == "safe"]


@pytest.mark.asyncio
async def test_configuration_is_discovered_and_reloaded(client: LanguageClient, tmp_path: Path):
    draft = tmp_path / "brief.md"
    shutil.copy(EXAMPLE, draft)
    config = tmp_path / ".brieflint.yaml"
    config.write_text("lang: en\n", "utf-8")
    uri = await open_and_wait(client, draft, draft.read_text("utf-8"))
    watched = [r for r in client.registrations if r.method == "workspace/didChangeWatchedFiles"]
    assert watched
    diagnostics = client.diagnostics[uri]
    assert as_cli(diagnostics) == from_cli(check_json(draft))
    assert any(d.message.startswith("footnote") for d in diagnostics)
    assert any(d.code == "BL-RF009" for d in diagnostics)

    config.write_text("lang: en\nignore: [references]\n", "utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    reloaded = client.diagnostics[uri]
    assert not any(str(d.code).startswith("BL-RF") for d in reloaded)
    assert as_cli(reloaded) == from_cli(check_json(draft))


@pytest.mark.asyncio
async def test_word_files_are_skipped_and_positions_are_utf16(
    client: LanguageClient, tmp_path: Path
):
    docx = tmp_path / "brief.docx"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=docx.as_uri(), language_id="markdown", version=1, text="x"
            )
        )
    )
    # An astral character (two UTF-16 units) before a finding on the same line.
    draft = tmp_path / "astral.md"
    text = "# عنوان\n\n𝐀 قال الوزير  إن الاتفاق مهم .\n"
    draft.write_text(text, "utf-8")
    uri = await open_and_wait(client, draft, text)
    assert docx.as_uri() not in client.diagnostics
    cli = from_cli(check_json(draft))
    lsp = as_cli(client.diagnostics[uri])
    assert len(cli) == len(lsp)
    shifted = False
    for ours, theirs in zip(lsp, cli, strict=True):
        if ours[1] == 3:  # the line with 𝐀: after it, one column more in UTF-16 units
            assert ours[2] == theirs[2] + (theirs[2] > 1)
            assert ours[4] == theirs[4] + (theirs[4] > 1)
            shifted = shifted or theirs[2] > 1
        else:
            assert ours == theirs
    assert shifted


@pytest_lsp.fixture(config=SERVER, params=["visual-studio-code", "neovim", "emacs"])
async def editor(lsp_client: LanguageClient, request):
    """The server as each editor's client starts it (their captured client capabilities)."""
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities(request.param))
    )
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_each_editor_gets_diagnostics_fixes_and_hover(editor: LanguageClient, tmp_path):
    draft = tmp_path / "brief.md"
    text = "# عنوان\n\nقال الوزير  إن الاتفاق مهم .\n"
    draft.write_text(text, "utf-8")
    uri = await open_and_wait(editor, draft, text)
    diagnostics = editor.diagnostics[uri]
    assert as_cli(diagnostics) == from_cli(check_json(draft), text, editor.encoding)
    fixable = [d for d in diagnostics if d.data and d.data.get("fix") == "safe"]
    assert fixable
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=fixable[0].range,
            context=types.CodeActionContext(diagnostics=[fixable[0]]),
        )
    )
    kinds = {a.kind for a in actions}
    assert types.CodeActionKind.QuickFix in kinds and "source.fixAll.brieflint" in kinds
    hover = await editor.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=fixable[0].range.start
        )
    )
    assert hover is not None and str(fixable[0].code) in hover.contents.value


@pytest.mark.asyncio
async def test_changes_that_arrive_together_make_one_check_of_the_last(
    client: LanguageClient, tmp_path: Path
):
    draft = tmp_path / "brief.md"
    text = "# عنوان\n\nقال الوزير إن الاتفاق مهم.\n"
    draft.write_text(text, "utf-8")
    uri = await open_and_wait(client, draft, text)
    versions = []
    features = client.protocol.fm.features
    default = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def published(*args) -> None:
        versions.append(args[-1].version)
        default(*args)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = published

    typed = text
    for version in range(2, 7):
        typed = typed.replace("مهم", "مهم جدا", 1) if version < 6 else typed + "\nكلمة  كلمة .\n"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=typed)],
            )
        )
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(4, 5)
        )
    )
    while 6 not in versions:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert versions[-1] == 6 and len(versions) < 5
    draft.write_text(typed, "utf-8")
    assert as_cli(client.diagnostics[uri]) == from_cli(check_json(draft))
    assert hover is not None  # the hover saw the last version's findings
