"""Readers turn a file into the shared document model; they never write to it."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..arabic import ARABIC_LETTER
from ..errors import InputError
from ..limits import MAX_LINES, MAX_TEXT_CHARACTERS
from ..model import Document, Location
from .markdown import read_markdown

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)  # pasted plain text, read as Markdown with one paragraph a line
DOCX_SUFFIXES = (".docx",)
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES + DOCX_SUFFIXES
MAX_INPUT_BYTES = 20 * 1024 * 1024  # Markdown and Word drafts alike
MAX_MARKDOWN_BYTES = MAX_INPUT_BYTES


# A UTF-8 file with a few stray bytes (a Windows-1252 dash pasted in) is still UTF-8: at most
# this many invalid bytes, and fewer than one for every STRAY_RATIO well-formed non-ASCII letters.
MAX_STRAY_BYTES = 64
STRAY_RATIO = 20


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    stray: tuple[int, ...] = ()  # byte offsets of invalid UTF-8, each decoded as U+FFFD

    @property
    def clean(self) -> bool:
        return not self.stray


def _stray_bytes(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with every invalid byte replaced by U+FFFD, and the offsets of those bytes."""
    offsets: list[int] = []

    def handler(exc: UnicodeDecodeError) -> tuple[str, int]:
        offsets.extend(range(exc.start, exc.end))
        if len(offsets) > MAX_STRAY_BYTES:
            raise exc
        return "\ufffd" * (exc.end - exc.start), exc.end

    name = f"brieflint-stray-{id(offsets)}"
    codecs.register_error(name, handler)
    return data.decode("utf-8", errors=name), offsets


def decode(path: str, data: bytes) -> Decoded:
    """Text and the encoding it was in, decided from the evidence: UTF-8 (with or without BOM),
    UTF-16 with BOM, UTF-8 with a few stray bytes (kept as U+FFFD, their offsets reported), or
    Windows-1256 — the encoding of many Arabic drafts saved by older Windows editors."""
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    else:
        bom = ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text file")
    try:
        return Decoded(data.decode("utf-8"), bom or "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text, stray = _stray_bytes(data)
    except UnicodeDecodeError:
        text, stray = "", []
    if text:
        well_formed = sum(1 for ch in text if ord(ch) > 0x7F) - len(stray)
        if bom or well_formed >= STRAY_RATIO * len(stray):
            return Decoded(text, bom or "utf-8", tuple(stray))
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if ARABIC_LETTER.match(ch))
    if letters and arabic / len(letters) > 0.5:
        return Decoded(text, "cp1256")
    raise InputError(
        path,
        f"not UTF-8 text (invalid byte at offset {utf8_error.start}) and not Windows-1256 Arabic",
    )


def decode_text(path: str, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in (see :func:`decode`)."""
    decoded = decode(path, data)
    return decoded.text, decoded.encoding


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
    decoded = decode(path, data)
    text = decoded.text
    if not text.strip():
        raise InputError(path, "file is empty")
    too_long(path, len(text), _non_blank_lines(text))
    if plain is None:
        plain = path.lower().endswith(TEXT_SUFFIXES)
    doc = read_markdown(path, text, plain=plain, cover_heading=cover_heading)
    if decoded.encoding == "cp1256" or decoded.stray:
        from ..rules.input.notices import Encoding, InvalidBytes

        if decoded.stray:
            first = text.index("\ufffd")
            line = text.count("\n", 0, first) + 1
            column = first - (text.rfind("\n", 0, first) + 1) + 1
            doc.notices.append(
                InvalidBytes().problem(
                    Location(line, column),
                    "stray-bytes",
                    text="\ufffd",
                    count=len(decoded.stray),
                    offsets=_offsets(decoded.stray),
                )
            )
        else:
            doc.notices.append(Encoding().problem(Location(1, 1), "cp1256"))
    return doc


def too_long(
    path: str, characters: int, lines: int, unit: str = "lines", line_limit: int = MAX_LINES
) -> None:
    """Refuse a draft with more text, or more lines (paragraphs), than brieflint checks within
    its time bound (limits.py)."""
    if characters > MAX_TEXT_CHARACTERS:
        raise InputError(
            path,
            f"too long to check: {characters:,} characters of text (the limit is "
            f"{MAX_TEXT_CHARACTERS:,}, about 80,000 words); split it into parts",
        )
    if lines > line_limit:
        raise InputError(
            path,
            f"too long to check: {lines:,} {unit} (the limit is {line_limit:,}); "
            "split it into parts",
        )


def _non_blank_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def _offsets(offsets: tuple[int, ...], shown: int = 8) -> str:
    listed = ", ".join(str(o) for o in offsets[:shown])
    return listed + (f" … ({len(offsets)} in all)" if len(offsets) > shown else "")


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
    try:
        # Only regular files: a FIFO or a device (/dev/zero named x.md) would block or never end.
        # The file is opened without following it into a FIFO's wait (O_NONBLOCK), then checked.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(name, f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(name, "not a regular file (a pipe, device or socket)")
            if info.st_size > MAX_INPUT_BYTES:
                raise InputError(
                    name,
                    f"file is too large ({info.st_size // 2**20} MiB; the limit is "
                    f"{MAX_INPUT_BYTES // 2**20} MiB)",
                )
            data = None if suffix in DOCX_SUFFIXES else handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(name, f"cannot read file: {exc.strerror or exc}") from None
    if data is None:
        from .docx import read_docx  # python-docx and lxml load only for Word drafts

        return read_docx(name, cover_heading)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(name, f"file is too large (the limit is {MAX_INPUT_BYTES // 2**20} MiB)")
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
