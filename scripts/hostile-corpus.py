#!/usr/bin/env python3
"""A hostile corpus for brieflint: generate each case, run the command line on it under CPU and
memory limits, and report the exit code, time and peak memory.

    python scripts/hostile-corpus.py [--only NAME...] [--keep DIR]

Every case must end with exit 0, 1 or 2 (4: an internal error, reported on one line) within its
budget (10 s CPU, 1 GB address space), with no traceback, and with the good file named next to it
still reported. ``tests/test_hostile.py`` runs this corpus in CI, with ``--grouped``: the cases
of a group (files refused on reading, regexes over long runs) are checked by one process, each
read from its entry in the JSON report, under the budget of one case. Without ``--grouped``
each case runs in its own process, which gives the time and memory of each.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOOD_MD = EXAMPLES / "situation-assessment.md"
GOOD_DOCX = EXAMPLES / "situation-assessment.docx"
CPU_SECONDS = 10
MEMORY_BYTES = 1024**3
WALL_SECONDS = 90  # a safety net on a loaded machine; the budget is the CPU time
OK_CODES = {0, 1, 2, 4}
NEAR_LIMIT = 480_000  # characters: just under brieflint's MAX_TEXT_CHARACTERS (500,000)
# (and brieflint's MAX_LINES is 10,000 lines that are not blank)


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # writes the case's files, returns the command's arguments
    codes: set[int] = field(default_factory=lambda: set(OK_CODES))
    expect: str = ""  # text that must appear in stderr or stdout
    good: bool = True  # a good draft is checked alongside and must still be reported
    verify: Callable[[Path], str | None] | None = None  # what else must hold, or the problem
    # Cases of one group are checked by one process (``check`` of every case's file and the
    # good draft): what they test is the file, not the process, and one launch saves seconds.
    # The group's CPU and memory budget is the one of a single case, so each case is bounded.
    group: str = ""
    cpu_seconds: int = CPU_SECONDS  # the RLIMIT_CPU of the process
    cpu_grace: int = 1  # seconds from the soft limit (SIGXCPU) to the hard one (SIGKILL)


@dataclass
class Outcome:
    name: str
    code: int | None
    cpu: float
    wall: float
    peak_mb: float
    problems: list[str]


# --- Word packages ---------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override '
    'PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.styles+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def _document(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
        "</w:body></w:document>"
    )


def _para(text: str, ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(path: Path, body: str, extra: dict[str, bytes | str] | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", _document(body))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)


def _rewrite_docx(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info)))


# --- cases -------------------------------------------------------------------------------------


def _md(text: str | bytes, name: str = "case.md") -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return ["check", str(path)]

    return make


def _good_text() -> str:
    return GOOD_MD.read_text("utf-8")


def _stray_bytes() -> bytes:
    data = GOOD_MD.read_bytes()
    cut = data.index(b"\n\n", len(data) // 2)
    return data[:cut] + b" \x96 " + data[cut : cut + 200] + b"\xff" + data[cut + 200 :]


def _fix_stray(folder: Path) -> list[str]:
    path = folder / "stray.md"
    path.write_bytes(_stray_bytes())
    return ["fix", "--lang", "en", str(path)]  # the expected reason is English


def _fifo(folder: Path) -> list[str]:
    path = folder / "pipe.md"
    os.mkfifo(path)
    return ["check", str(path)]


def _dev_zero(folder: Path) -> list[str]:
    path = folder / "zero.md"
    path.symlink_to("/dev/zero")
    return ["check", str(path)]


YAML_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "title: *h\n"
    "---\n\n# مقدمة\n\nنص.\n"
)


def _control_build(folder: Path) -> list[str]:
    path = folder / "control.md"
    text = _good_text().replace("\n\n", "\n\nنص\v فيه\f محارف\x01 تحكم\x1b و\ufffe هنا.\n\n", 3)
    path.write_text(text, "utf-8")
    return ["build", "--force", str(path), "-o", str(folder / "control.docx")]


def _image_escape(target: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        secret = folder / "outside" / "secret.png"
        secret.parent.mkdir()
        _png(secret)
        draft = folder / "draft" / "deep" / "escape.md"
        draft.parent.mkdir(parents=True)
        where = str(secret) if target == "absolute" else "../../outside/secret.png"
        text = _good_text()
        cut = text.index("\n## ", len(text) // 3)  # a figure in the body, before a section
        draft.write_text(text[:cut] + f"\n\n![سر]({where})\n\nشكل 1: سر.\n" + text[cut:], "utf-8")
        return ["build", "--force", str(draft), "-o", str(folder / "escape.docx")]

    return make


def _no_pictures(folder: Path) -> str | None:
    if not (folder / "escape.docx").is_file():
        return "no document written"
    with zipfile.ZipFile(folder / "escape.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    return f"embedded {media}" if media else None


def _png(path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _outline_style(folder: Path) -> list[str]:
    path = folder / "outline-style.docx"
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">'
        '<w:style w:type="paragraph" w:styleId="H"><w:name w:val="Odd"/>'
        '<w:pPr><w:outlineLvl w:val="x"/></w:pPr></w:style></w:styles>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    body = _para("عنوان", '<w:pPr><w:pStyle w:val="H"/><w:outlineLvl w:val="x"/></w:pPr>')
    _docx(path, body, {"word/styles.xml": styles, "word/_rels/document.xml.rels": rels})
    return ["check", str(path)]


def _damaged_deflate(folder: Path) -> list[str]:
    path = folder / "damaged.docx"
    shutil.copy(GOOD_DOCX, path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size, 400)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return ["check", str(path)]


def _lying_sizes(folder: Path) -> list[str]:
    """A member that inflates to 1.1 GB while its headers say 40 kB."""
    path = folder / "liar.docx"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"<w:p/>" * (2**20 // 6)
    body = io.BytesIO()
    body.write(compressor.compress(_document("").encode()[:-20]))
    for _ in range(1100):
        body.write(compressor.compress(chunk))
    body.write(compressor.compress(b"</w:body></w:document>"))
    body.write(compressor.flush())
    raw = body.getvalue()
    declared = 40_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", b"x" * declared)
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    name = info.filename.encode()
    local = info.header_offset
    head = bytearray(data[local : local + 30])
    head[18:22] = len(raw).to_bytes(4, "little")
    before = data[:local]
    after = data[local + 30 + len(name) + info.compress_size :]
    shift = len(raw) - info.compress_size
    central = after.index(b"PK\x01\x02")
    directory = bytearray(after[central:])
    # fix the central directory entry of document.xml and the end record's offset
    pos = 0
    while directory[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = (int.from_bytes(directory[pos + o : pos + o + 2], "little") for o in (28, 30, 32))
        entry_name = bytes(directory[pos + 46 : pos + 46 + n])
        offset = int.from_bytes(directory[pos + 42 : pos + 46], "little")
        if entry_name == name:
            directory[pos + 20 : pos + 24] = len(raw).to_bytes(4, "little")
        elif offset > local:
            directory[pos + 42 : pos + 46] = (offset + shift).to_bytes(4, "little")
        pos += 46 + n + m + k
    end = directory.index(b"PK\x05\x06")
    cd_offset = int.from_bytes(directory[end + 16 : end + 20], "little")
    directory[end + 16 : end + 20] = (cd_offset + shift).to_bytes(4, "little")
    path.write_bytes(before + bytes(head) + name + raw + after[:central] + bytes(directory))
    return ["check", str(path)]


def _many_parts(folder: Path) -> list[str]:
    """510 parts of 999,999 bytes: each under the per-member ratio check, 510 MB in all."""
    path = folder / "parts.docx"
    blob = b"\0" * 999_999
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", _document(_para("نص")))
        for i in range(510):
            archive.writestr(f"word/media/blob{i}.bin", blob)
    return ["check", str(path)]


def _external_footnotes(folder: Path) -> list[str]:
    path = folder / "external.docx"

    def change(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            return re.sub(
                rb'(<Relationship [^>]*Target="footnotes.xml")',
                rb'\1 TargetMode="External"',
                data,
            )
        return data

    _rewrite_docx(GOOD_DOCX, path, change)
    return ["fix", str(path), "-o", str(folder / "external.fixed.docx")]


def _xml_entities(folder: Path) -> list[str]:
    path = folder / "entities.docx"
    bomb = '<!DOCTYPE l [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;">]>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?>{bomb}<w:document xmlns:w="{W}"><w:body>'
            f"{_para('&l2;')}</w:body></w:document>",
        )
    return ["check", str(path)]


def _honest_bomb(folder: Path) -> list[str]:
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("word/document.xml", b"<w:document>" + b"\0" * (60 * 2**20) + b"</w")
    return ["check", str(path)]


def _random_runs(count: int) -> str:
    """``count`` one-letter runs with random revision ids: XML that compresses only ~10:1, so
    neither the zip-bomb ratio nor the package budget stops it."""
    rng = random.Random(count)
    runs = (f'<w:r w:rsidR="{rng.getrandbits(32):08X}"><w:t>م</w:t></w:r>' for _ in range(count))
    return "".join(f"<w:p>{''.join(chunk)}</w:p>" for chunk in _chunks(runs, 250))


def _chunks(items, size: int):
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _runs_docx(name: str, count: int) -> Callable[[Path], list[str]]:
    """A Word draft of ``count`` one-letter runs: 750,000 are 32 MB of XML, under its budget but
    far over the run bound; 850,000 are 36 MB, over the XML budget (the same shape at 187 MB
    took 290 s of CPU and 3.4 GB before the budget: python-docx's tree alone is 17 bytes a
    byte)."""

    def make(folder: Path) -> list[str]:
        _docx(folder / name, _random_runs(count))
        return ["check", str(folder / name)]

    return make


def _bytes_docx(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return ["check", str(folder / name)]

    return make


def _locked_folder(folder: Path) -> list[str]:
    tree = folder / "tree"
    (tree / "locked").mkdir(parents=True)
    shutil.copy(GOOD_MD, tree / "a.md")
    shutil.copy(GOOD_MD, tree / "locked" / "b.md")
    os.chmod(tree / "locked", 0)
    return ["check", str(tree)]


def _cache(setup: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        # the old default (./.brieflint-cache) and the user's cache folder (XDG_CACHE_HOME)
        (folder / "cache").mkdir()
        setup(folder / ".brieflint-cache")
        setup(folder / "cache" / "brieflint")
        return ["check", "--cache", str(folder / "draft.md")]

    return make


def _cache_is_file(cache: Path) -> None:
    cache.write_text("not a folder")


def _cache_read_only(cache: Path) -> None:
    cache.mkdir()
    os.chmod(cache, stat.S_IRUSR | stat.S_IXUSR)


def _jobs_mixed(folder: Path) -> list[str]:
    _outline_style(folder)
    shutil.copy(GOOD_MD, folder / "good2.md")
    return ["check", "--jobs", "2", str(folder / "outline-style.docx"), str(folder / "good2.md")]


def _reference_commas(folder: Path) -> list[str]:
    path = folder / "commas.md"
    text = _good_text()
    lines = text.splitlines(keepends=True)
    refs = max(i for i, line in enumerate(lines) if line.startswith("#"))
    for i in range(refs + 1, len(lines)):
        if "،" in lines[i]:
            lines[i] = lines[i].replace("،", "،،", 1)
            break
    path.write_text("".join(lines), "utf-8")
    return ["fix", str(path)]


def _mixed_endings(folder: Path) -> list[str]:
    path = folder / "endings.md"
    lines = _good_text().splitlines(keepends=True)
    path.write_bytes(
        "".join(
            line.rstrip("\n") + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines)
        ).encode()
    )
    return ["fix", str(path)]


def _long_brief(characters: int) -> str:
    """The good brief's body repeated to about ``characters``, each copy with notes of its own
    numbers: many paragraphs, list items and notes, as a very long draft has."""
    text = _good_text()
    head, body = text.split("\n## ", 1)
    body = "## " + body
    parts = [head]
    for copy in range(max(1, characters // len(body))):
        parts.append(
            re.sub(r"\[\^(\d+)\]", lambda m, c=copy: f"[^{int(m.group(1)) + c * 1000}]", body)
        )
    return "\n".join(parts)


def _near_limit(command: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / "near-limit.md"
        path.write_text(_long_brief(NEAR_LIMIT), "utf-8")
        if command == "build":
            return ["build", "--force", str(path), "-o", str(folder / "near-limit.docx")]
        return ["check", str(path)]

    return make


def _near_limit_list(folder: Path) -> list[str]:
    """Just under both bounds: 9,400 list items of a line each, 480,000 characters."""
    path = folder / "near-limit-list.md"
    item = "- بند من قائمة طويلة فيه كلام عربي يكفي لسطر كامل.\n"
    path.write_text("---\ntitle: قائمة\n---\n\n# مقدمة\n\n" + item * 9400, "utf-8")
    return ["build", "--force", str(path), "-o", str(folder / "near-limit-list.docx")]


def _too_long(size: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / "too-long.md"
        text = _long_brief(size // 2)
        data = text.encode("utf-8")[:size]
        path.write_bytes(data[: len(data.decode("utf-8", "ignore").encode("utf-8"))])
        return ["check", str(path)]

    return make


def _run(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def cases() -> list[Case]:
    # 0.1 MB runs: the regexes must be linear here; the cost per character of the Markdown
    # parser itself (markdown-it) is measured by benchmarks/bench_scaling.py
    big = 100_000
    return [
        # refused already
        Case("xml-entities.docx", _xml_entities, {2}, "entities", group="refused"),
        Case("honest-zip-bomb.docx", _honest_bomb, {2}, "zip bomb", group="refused"),
        Case(
            "encrypted.docx",
            _bytes_docx("enc.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
            {2},
            group="refused",
        ),
        Case("renamed.docx", _bytes_docx("renamed.docx", b"# not a zip\n"), {2}, group="refused"),
        Case("runs-750k.docx", _runs_docx("runs.docx", 750_000), {2}, "150,000", group="refused"),
        Case("xml-36mb.docx", _runs_docx("xml.docx", 850_000), {2}, "32 MiB", group="refused"),
        # decoding
        Case("stray-bytes.md", _md(_stray_bytes()), {1}, "BL-IN003", group="refused"),
        Case("fix-stray-bytes", _fix_stray, {2}, "not UTF-8", good=False),
        Case("fifo.md", _fifo, {2}, "not a regular file", group="refused"),
        Case("dev-zero.md", _dev_zero, {2}, "not a regular file", group="refused"),
        Case("yaml-alias-bomb.md", _md(YAML_BOMB), {2}, "alias", group="refused"),
        Case(
            "yaml-huge-int.md",
            _md("---\ntitle: " + "9" * 5000 + "\n---\n\n# مقدمة\n\nنص.\n"),
            {0, 1, 2},
            group="refused",
        ),
        # regexes over long runs without spaces
        Case("run-email.md", _md(_run("a.", big)), {0, 1}, group="runs-1"),
        Case("run-tatweel.md", _md("ب" + "ـ" * big), {0, 1}, group="runs-1"),
        Case("run-dots.md", _md("." * big), {0, 1}, group="runs-1"),
        Case("run-digits.md", _md("1" * big), {0, 1}, group="runs-1"),
        Case("run-diacritics.md", _md("ب" + "\u064e" * big), {0, 1}, group="runs-2"),
        Case("run-carets.md", _md("[^" * (big // 2)), {0, 1}),
        Case("run-footnote-labels.md", _md("نص[^1]" * (big // 6)), {0, 1}, group="runs-2"),
        Case("run-arabic-commas.md", _md("،" * big), {0, 1}, group="runs-2"),
        Case("many-lines.md", _md("- x\n" * 20_000), {2}, "too long", group="refused"),
        # Word packages
        Case("outline-x-style.docx", _outline_style, {0, 1}, group="refused"),
        Case("damaged-deflate.docx", _damaged_deflate, {2}, group="refused"),
        Case("lying-sizes.docx", _lying_sizes, {2}, "zip bomb"),
        Case("510-parts.docx", _many_parts, {2}),
        Case("external-footnotes-fix", _external_footnotes, {0, 1, 2}, good=False),
        Case("jobs-2-mixed", _jobs_mixed, {0, 1, 2}),
        # the file system
        # (as root, a folder without permission is still readable)
        Case("locked-folder", _locked_folder, {0, 1} if os.geteuid() == 0 else {2}, good=False),
        Case("cache-is-file", _cache(_cache_is_file), {0, 1, 2}, good=False),
        Case("cache-read-only", _cache(_cache_read_only), {0, 1, 2}, good=False),
        # writer and fixer
        Case("control-chars-build", _control_build, {0}, good=False),
        Case("image-absolute-build", _image_escape("absolute"), {0}, "", False, _no_pictures),
        Case("image-parent-build", _image_escape("parent"), {0}, "", False, _no_pictures),
        Case("reference-commas-fix", _reference_commas, {0}, good=False),
        Case("mixed-endings-fix", _mixed_endings, {0}, good=False),
        # bounds: up to the 20 MiB size limit, refused or done within the budget
        # (build runs the whole check first: one case bounds both)
        Case("near-limit-build.md", _near_limit("build"), {0}, good=False),
        Case("near-limit-list-build.md", _near_limit_list, {0}, good=False),
        Case("too-long-10mb.md", _too_long(10 * 10**6), {2}, "too long", group="refused"),
        Case("too-long-20mib.md", _too_long(20 * 2**20 - 1024), {2}, "too long", group="refused"),
        # a CPU limit reached: one line naming the draft, exit 2, no traceback
        Case(
            "cpu-limit-reached",
            _near_limit("check"),
            {2},
            "near-limit.md: stopped: the CPU time limit",
            good=False,
            cpu_seconds=1,
            # the signal waits for the C call it lands in (a fresh cache loads Hunspell: one
            # call of ~1–1.5 s of CPU); a one-second grace let the hard limit kill it first
            cpu_grace=4,
        ),
    ]


def _limits(cpu_seconds: int, grace: int = 1) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + grace))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))

    return apply


@dataclass
class _Run:
    code: int
    stdout: str
    stderr: str
    cpu: float
    wall: float
    peak_mb: float


def _launch(
    args: list[str],
    folder: Path,
    cpu_seconds: int,
    command: list[str] | None = None,
    grace: int = 1,
) -> _Run:
    """Run brieflint with ``args`` under the CPU and memory limits, in its own process group."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFLINT_DEBUG"}
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    exe = command or [sys.executable, "-m", "brieflint.cli"]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*exe, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=folder,
        env=env,
        preexec_fn=_limits(cpu_seconds, grace),
        start_new_session=True,  # a process group: a timeout kills the workers too
    )
    out: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda: out.__setitem__("stdout", proc.stdout.read())),
        threading.Thread(target=lambda: out.__setitem__("stderr", proc.stderr.read())),
    ]
    for thread in readers:
        thread.start()
    timer = threading.Timer(WALL_SECONDS, _kill_group, (proc.pid,))
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    _kill_group(proc.pid)  # leftover workers hold the pipes open
    seconds = time.perf_counter() - start
    for thread in readers:
        thread.join()
    return _Run(
        os.waitstatus_to_exitcode(status),
        out.get("stdout", b"").decode("utf-8", "replace"),
        out.get("stderr", b"").decode("utf-8", "replace"),
        usage.ru_utime + usage.ru_stime,
        seconds,
        usage.ru_maxrss / 1024,
    )


def _budget_problems(case: Case, run: _Run) -> list[str]:
    problems = []
    if "Traceback" in run.stderr or "Traceback" in run.stdout:
        problems.append("traceback")
    if run.cpu > CPU_SECONDS:  # the budget of every case (a case may set a lower rlimit)
        problems.append(f"{run.cpu:.1f} s CPU")
    return problems


def run_case(case: Case, folder: Path, command: list[str] | None = None) -> Outcome:
    folder.mkdir(parents=True, exist_ok=True)
    args = case.make(folder)
    if case.good and args[0] == "check":
        good = folder / "good.md"
        shutil.copy(GOOD_MD, good)
        args = [*args, "--format", "json", str(good)]
    if case.name.startswith("cache-"):
        shutil.copy(GOOD_MD, folder / "draft.md")
    run = _launch(args, folder, case.cpu_seconds, command, case.cpu_grace)
    code = run.code
    problems = []
    if code not in case.codes:
        problems.append(f"exit {code} (expected {sorted(case.codes)})")
    problems += _budget_problems(case, run)
    if case.expect and case.expect.lower() not in (run.stderr + run.stdout).lower():
        problems.append(f"no «{case.expect}» in output")
    if case.good and args[0] == "check" and code in {0, 1, 2, 4}:
        try:
            report = json.loads(run.stdout)
            files = {f["path"]: f for f in report["files"]}
            if files.get(str(folder / "good.md"), {}).get("error", "x") is not None:
                problems.append("good file not reported")
        except (ValueError, KeyError):
            problems.append("no JSON report")
    if case.verify is not None and code in {0, 1}:
        found = case.verify(folder)
        if found:
            problems.append(found)
    if problems and run.stderr.strip():
        problems.append("stderr: " + run.stderr.strip().splitlines()[-1][:160])
    _unlock(folder)
    return Outcome(case.name, code, run.cpu, run.wall, run.peak_mb, problems)


def _file_code(entry: dict) -> int:
    """The exit code a ``check`` of this one file alone would have had."""
    error = entry.get("error")
    if error:
        return 4 if str(error).startswith("internal error") else 2
    return 1 if any(f.get("severity") == "error" for f in entry.get("findings", [])) else 0


def run_group(group: list[Case], folder: Path, command: list[str] | None = None) -> list[Outcome]:
    """The cases of one group checked by one process, each case's outcome read from its entry
    in the JSON report; the time and memory shown for each are the whole process's."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in group:
        (folder / case.name).mkdir()
        args = case.make(folder / case.name)
        assert args[0] == "check" and len(args) == 2, f"{case.name}: a group case is one check"
        paths.append(args[1])
    good = folder / "good.md"
    shutil.copy(GOOD_MD, good)
    run = _launch(["check", "--format", "json", *paths, str(good)], folder, CPU_SECONDS, command)
    try:
        files = {f["path"]: f for f in json.loads(run.stdout)["files"]}
    except (ValueError, KeyError):
        files = None
    outcomes = []
    for case, path in zip(group, paths, strict=True):
        problems = _budget_problems(case, run)
        entry = (files or {}).get(path)
        if files is None:
            problems.append(f"no JSON report (exit {run.code})")
        elif entry is None:
            problems.append("not reported")
        else:
            code = _file_code(entry)
            if code not in case.codes:
                problems.append(f"file result {code} (expected {sorted(case.codes)})")
            shown = json.dumps(entry, ensure_ascii=False) + run.stderr
            if case.expect and case.expect.lower() not in shown.lower():
                problems.append(f"no «{case.expect}» in its result")
        if files is not None and (files.get(str(good)) or {}).get("error", "x") is not None:
            problems.append("good file not reported")
        code = _file_code(entry) if entry else run.code
        outcomes.append(Outcome(case.name, code, run.cpu, run.wall, run.peak_mb, problems))
    _unlock(folder)
    return outcomes


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _unlock(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)


def _expected_cost(unit: list[Case]) -> float:
    """Roughly the CPU seconds of a unit: start-up, and the heavy cases' own work."""
    heavy = {"near-limit": 5.0, "run-carets": 5.0, "run-footnote-labels": 2.0, "cpu-limit": 0.0}
    own = sum(next((v for k, v in heavy.items() if c.name.startswith(k)), 0.3) for c in unit)
    return 1.7 + own


def run_all(chosen: list[Case], base: Path, workers: int = 1, *, grouped: bool = True):
    """Outcomes in the order of ``chosen``, ``workers`` processes at a time; ``grouped`` runs
    the cases of a group in one process (else each in its own, to measure each case)."""
    from concurrent.futures import ThreadPoolExecutor

    units: list[list[Case]] = []
    by_group: dict[str, list[Case]] = {}
    for case in chosen:
        if grouped and case.group:
            if case.group not in by_group:
                by_group[case.group] = []
                units.append(by_group[case.group])
            by_group[case.group].append(case)
        else:
            units.append([case])
    # The longest first (a near-limit build takes several seconds, a refused file one): the
    # workers then finish together instead of one waiting on the last long case.
    units.sort(key=_expected_cost, reverse=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {}
        for number, unit in enumerate(units):
            if unit[0].group and grouped:
                folder = base / f"{number:02d}-group-{unit[0].group}"
                futures[number] = pool.submit(run_group, unit, folder)
            else:
                folder = base / f"{number:02d}-{unit[0].name}"
                futures[number] = pool.submit(lambda c, f: [run_case(c, f)], unit[0], folder)
        outcomes = {case.name: None for case in chosen}
        for future in futures.values():
            for outcome in future.result():
                outcomes[outcome.name] = outcome
    yield from outcomes.values()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=1, help="cases run at a time")
    parser.add_argument(
        "--grouped",
        action="store_true",
        help="check the cases of a group in one process, as the test does (default: each case "
        "in its own process, to measure each)",
    )
    options = parser.parse_args(argv)
    chosen = [c for c in cases() if not options.only or c.name in options.only]
    base = options.keep or Path(tempfile.mkdtemp(prefix="brieflint-hostile-"))
    failures = 0
    print(f"{'case':28} {'exit':>4} {'CPU s':>6} {'wall s':>6} {'peak MB':>8}  result")
    for outcome in run_all(chosen, base, options.workers, grouped=options.grouped):
        failures += bool(outcome.problems)
        verdict = "ok" if not outcome.problems else "; ".join(outcome.problems)
        print(
            f"{outcome.name:28} {outcome.code!s:>4} {outcome.cpu:6.2f} {outcome.wall:6.1f} "
            f"{outcome.peak_mb:8.0f}  {verdict}",
            flush=True,
        )
    if options.keep is None:
        _unlock(base)
        shutil.rmtree(base, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
