"""Bad input: one clear line naming the file, exit code 2, no traceback, other files checked."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from .conftest import EXAMPLES, run_cli
from .docx_builder import para, run, write_docx

GOOD = EXAMPLES / "situation-assessment.md"


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", b"<w:document>" + b"\0" * (60 * 2**20) + b"</w:document>"
        )


def _entities(path):
    billion_laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    )
    write_docx(path, [para(run("&lol2;"))], document_prefix=billion_laughs)


def _no_document(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word file")


CASES = {
    "missing.md": (None, "no such file or folder"),
    "empty.md": (lambda p: p.write_bytes(b""), "file is empty"),
    "blank.md": (lambda p: p.write_bytes(b"\n \n"), "file is empty"),
    "latin1.md": (
        lambda p: p.write_bytes("caf\u00e9 na\u00efve".encode("latin-1")),
        "not UTF-8 text",
    ),
    "notes.rtf": (lambda p: p.write_text("نص", "utf-8"), "unsupported file type '.rtf'"),
    "empty.txt": (lambda p: p.write_bytes(b""), "file is empty"),
    "empty.docx": (lambda p: p.write_bytes(b""), "file is empty"),
    "text.docx": (lambda p: p.write_text("هذا ليس ملف وورد", "utf-8"), "not a zip archive"),
    "legacy.docx": (
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
        "old binary .doc",
    ),
    "nodoc.docx": (_no_document, "no word/document.xml"),
    "bomb.docx": (_zip_bomb, "zip bomb"),
    "entities.docx": (_entities, "declares XML entities"),
    "badyaml.md": (
        lambda p: p.write_text("---\ntitle: [x\n---\n\nنص\n", "utf-8"),
        "front matter is not valid YAML",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_and_exit_2(tmp_path, name):
    make, expected = CASES[name]
    path = tmp_path / name
    if make:
        make(path)
    result = run_cli("check", "--format", "json", str(path), str(GOOD))
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert str(path) in lines[0] and expected in lines[0]
    report = json.loads(result.stdout)
    by_path = {f["path"]: f for f in report["files"]}
    assert expected in by_path[str(path)]["error"]
    # the good file was still checked
    assert by_path[str(GOOD)]["error"] is None
    assert by_path[str(GOOD)]["kind"] == "situation-assessment"


def test_folder_without_drafts(tmp_path):
    (tmp_path / "notes.rtf").write_text("x", "utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert f"brieflint: {tmp_path}: folder contains no drafts" in result.stderr.decode()


def test_windows_1256_draft_is_decoded_not_refused(tmp_path):
    path = tmp_path / "old.md"
    path.write_bytes(GOOD.read_text("utf-8").encode("cp1256", errors="replace"))
    result = run_cli("check", "--format", "json", str(path))
    report = json.loads(result.stdout)
    findings = report["files"][0]["findings"]
    assert report["files"][0]["error"] is None
    assert any(f["rule"] == "BL-IN001" for f in findings)


def test_invalid_schema_option_is_exit_2(tmp_path):
    bad = tmp_path / "kind.yaml"
    bad.write_text("kind: x\n", "utf-8")
    result = run_cli("check", "--schema", str(bad), str(GOOD))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"brieflint: {bad}: invalid schema at (top level): 'name' is a required property"
    )


def test_checked_files_are_never_written(tmp_path, pandoc_docx):
    files = [GOOD, EXAMPLES / "flawed-structure.md", pandoc_docx(GOOD)]
    before = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    run_cli("check", *map(str, files))
    after = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    assert before == after
