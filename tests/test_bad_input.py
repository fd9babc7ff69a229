"""Bad input: one clear line naming the file, exit code 2, no traceback, other files checked."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile

import pytest

from .conftest import EXAMPLES, hostile_corpus, run_cli
from .docx_builder import para, run, write_docx

HOSTILE = hostile_corpus()

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
    "aliases.md": (
        lambda p: p.write_text(HOSTILE.YAML_BOMB, "utf-8"),
        "anchors and aliases",
    ),
    "bigint.md": (
        lambda p: p.write_text("---\ntitle: " + "9" * 5000 + "\n---\n\nنص\n", "utf-8"),
        "front matter is not valid YAML",
    ),
    "pipe.md": (lambda p: os.mkfifo(p), "not a regular file"),
    "damaged.docx": (lambda p: HOSTILE._damaged_deflate(p.parent), "corrupt Word file"),
    "liar.docx": (lambda p: HOSTILE._lying_sizes(p.parent), "zip bomb"),
    "parts.docx": (lambda p: HOSTILE._many_parts(p.parent), "zip bomb"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_and_exit_2(tmp_path, name):
    make, expected = CASES[name]
    path = tmp_path / name
    if make:
        make(path)
    result = run_cli("check", "--lang", "en", "--format", "json", str(path), str(GOOD))
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
    result = run_cli("check", "--lang", "en", str(tmp_path))
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
    result = run_cli("check", "--lang", "en", "--schema", str(bad), str(GOOD))
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


def test_utf8_with_stray_bytes_is_utf8_with_a_finding(tmp_path):
    path = tmp_path / "stray.md"
    path.write_bytes(HOSTILE._stray_bytes())
    result = run_cli("check", "--format", "json", "--lang", "en", str(path))
    assert result.returncode == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    stray = [f for f in findings if f["rule"] == "BL-IN003"]
    assert len(stray) == 1 and "byte offset" in stray[0]["message"]
    assert not any(f["rule"] == "BL-IN001" for f in findings)  # not mojibake
    assert len(findings) < 20


def test_fix_refuses_a_draft_that_did_not_decode_cleanly(tmp_path):
    path = tmp_path / "stray.md"
    path.write_bytes(HOSTILE._stray_bytes())
    before = path.read_bytes()
    result = run_cli("fix", "--lang", "en", str(path))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "not UTF-8" in lines[0]
    assert path.read_bytes() == before


def test_outline_level_not_a_number_in_a_style(tmp_path):
    HOSTILE._outline_style(tmp_path)
    result = run_cli("check", str(tmp_path / "outline-style.docx"))
    assert result.returncode in (0, 1), result.stderr.decode()


def test_control_characters_do_not_crash_build(tmp_path):
    args = HOSTILE._control_build(tmp_path)
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(tmp_path / "control.docx") as archive:
        xml = archive.read("word/document.xml").decode()
    assert "محارف" in xml
    assert not any(c in xml for c in "\x0b\x0c\x01\x1b\ufffe")


def test_pictures_outside_the_draft_folder_are_not_embedded(tmp_path):
    args = HOSTILE._image_escape("parent")(tmp_path)
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr.decode()
    assert HOSTILE._no_pictures(tmp_path) is None
    draft = tmp_path / "draft" / "deep" / "escape.md"
    report = json.loads(run_cli("check", "--format", "json", str(draft)).stdout)
    assert any(f["rule"] == "BL-IN004" for f in report["files"][0]["findings"])


def test_an_internal_error_is_one_line_exit_4_and_other_files_are_reported(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from brieflint import engine
    from brieflint.cli import main

    monkeypatch.delenv("BRIEFLINT_DEBUG", raising=False)
    bad = tmp_path / "bad.md"
    bad.write_text(GOOD.read_text("utf-8"), "utf-8")
    real = engine.check_document

    def crash(doc, config):
        if doc.path == str(bad):
            raise RuntimeError("boom <object at 0x1>")
        return real(doc, config)

    monkeypatch.setattr(engine, "check_document", crash)
    result = CliRunner().invoke(main, ["check", "-j", "1", "--format", "json", str(bad), str(GOOD)])
    assert result.exit_code == 4
    report = json.loads(result.stdout)
    by_path = {f["path"]: f for f in report["files"]}
    assert "internal error (RuntimeError" in by_path[str(bad)]["error"]
    assert by_path[str(GOOD)]["error"] is None
    assert "Traceback" not in result.stderr
    debug = CliRunner().invoke(main, ["check", "-j", "1", "--debug", str(bad)])
    assert debug.exit_code == 4 and "Traceback" in debug.stderr


def test_an_edited_cache_entry_is_not_trusted(tmp_path):
    draft = tmp_path / "flawed.md"
    draft.write_bytes((EXAMPLES / "flawed-structure.md").read_bytes())
    cache = tmp_path / "cache"
    first = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(draft))
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1
    digest, payload = entries[0].read_text("utf-8").split("\n", 1)
    data = json.loads(payload)
    data["problems"] = []
    entries[0].write_text(digest + "\n" + json.dumps(data), "utf-8")  # well-formed, but edited
    second = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(draft))
    assert second.returncode == first.returncode == 1
    assert json.loads(second.stdout) == json.loads(first.stdout)


@pytest.mark.parametrize("damage", ["file", "read-only", "entry-is-folder", "deep-json"])
def test_a_broken_cache_is_no_cache(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    draft = tmp_path / "draft.md"
    draft.write_bytes(GOOD.read_bytes())
    cache = tmp_path / "xdg" / "brieflint"
    cache.parent.mkdir()
    if damage == "file":
        cache.write_text("x")
    elif damage == "read-only":
        cache.mkdir()
        cache.chmod(0o500)
    else:
        run_cli("check", "--cache", str(draft))
        (entry,) = cache.glob("*.json")
        entry.unlink()
        if damage == "entry-is-folder":
            entry.mkdir()
        else:
            entry.write_text("x\n" + "[" * 100_000 + "]" * 100_000, "utf-8")
    result = run_cli("check", "--cache", str(draft))
    if cache.is_dir():
        cache.chmod(0o755)
    assert result.returncode in (0, 1), result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_the_cache_is_in_the_user_cache_folder(tmp_path, monkeypatch):
    from brieflint.runner import default_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "brieflint"


def test_drafts_beyond_the_documented_bounds_are_refused_on_one_line(tmp_path):
    """limits.py: more than 500,000 characters of text, or more than 10,000 lines (a Word
    draft: paragraphs), is refused at once with exit 2; the draft beside it is still checked."""
    from brieflint.limits import MAX_LINES, MAX_TEXT_CHARACTERS

    long_text = tmp_path / "long.md"
    long_text.write_text("# مقدمة\n\n" + "كلمة " * (MAX_TEXT_CHARACTERS // 5 + 10), "utf-8")
    many_lines = tmp_path / "lines.md"
    many_lines.write_text("- بند\n" * (MAX_LINES + 1), "utf-8")
    many_paragraphs = write_docx(
        tmp_path / "paragraphs.docx", [para(run("فقرة")) for _ in range(MAX_LINES + 1)]
    )
    good = tmp_path / "good.md"
    good.write_bytes((EXAMPLES / "situation-assessment.md").read_bytes())
    result = run_cli(
        "check",
        "--format",
        "json",
        str(long_text),
        str(many_lines),
        str(many_paragraphs),
        str(good),
    )
    assert result.returncode == 2
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert "500,000" in files[str(long_text)]["error"]
    assert f"{MAX_LINES + 1:,} lines" in files[str(many_lines)]["error"]
    assert f"{MAX_LINES + 1:,} paragraphs" in files[str(many_paragraphs)]["error"]
    assert files[str(good)]["error"] is None
    stderr = result.stderr.decode()
    # the JSON error is the API's English; the line on stderr is in the user's language (Arabic)
    assert stderr.count("أطول من أن يُفحص") == 3 and "Traceback" not in stderr
