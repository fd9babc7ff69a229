"""Readers turn a file into the shared document model; they never write to it."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from ..arabic import ARABIC_LETTER
from ..errors import InputError
from ..model import Document, Location
from .markdown import read_markdown

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)  # pasted plain text, read as Markdown with one paragraph a line
DOCX_SUFFIXES = (".docx",)
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES + DOCX_SUFFIXES
MAX_MARKDOWN_BYTES = 20 * 1024 * 1024


def decode_text(path: str, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), UTF-16 with BOM, or
    Windows-1256 — the encoding of many Arabic drafts saved by older Windows editors."""
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    else:
        bom = ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text file")
    try:
        return data.decode("utf-8"), bom or "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if ARABIC_LETTER.match(ch))
    if letters and arabic / len(letters) > 0.5:
        return text, "cp1256"
    raise InputError(
        path,
        f"not UTF-8 text (invalid byte at offset {utf8_error.start}) and not Windows-1256 Arabic",
    )


def read_markdown_bytes(
    path: str,
    data: bytes,
    cover_heading: Callable[[str], float] | None = None,
    *,
    plain: bool | None = None,
) -> Document:
    """A Markdown draft, or pasted plain text (``plain``; by default: a ``.txt`` path)."""
    if not data.strip():
        raise InputError(path, "file is empty")
    text, encoding = decode_text(path, data)
    if not text.strip():
        raise InputError(path, "file is empty")
    if plain is None:
        plain = path.lower().endswith(TEXT_SUFFIXES)
    doc = read_markdown(path, text, plain=plain, cover_heading=cover_heading)
    if encoding == "cp1256":
        from ..rules.input.notices import Encoding

        doc.notices.append(Encoding().problem(Location(1, 1), "cp1256"))
    return doc


def read_path(path: str | Path, cover_heading: Callable[[str], float] | None = None) -> Document:
    """Read a draft by its extension; InputError names the file and the problem."""
    name = str(path)
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(name, "no such file or folder")
    if path.is_dir():
        raise InputError(name, "is a folder, not a draft")
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            name,
            f"unsupported file type '{suffix or path.name}' (brieflint reads .md, .markdown, .txt, .docx)",
        )
    if suffix in DOCX_SUFFIXES:
        from .docx import read_docx  # python-docx and lxml load only for Word drafts

        return read_docx(name, cover_heading)
    try:
        size = path.stat().st_size
        if size > MAX_MARKDOWN_BYTES:
            raise InputError(name, f"file is too large ({size // 2**20} MiB; the limit is 20 MiB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read file: {exc.strerror or exc}") from None
    return read_markdown_bytes(name, data, cover_heading)


__all__ = [
    "DOCX_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "decode_text",
    "read_markdown_bytes",
    "read_path",
]
