"""What of the draft ``build`` writes besides its body, and what it leaves out.

The principle: every piece of the source reaches the built document or is named here. The
cover shows the cover fields; a summary (``summary``/``abstract``) and keywords from the front
matter follow them on the cover page; lines of a typed cover that are no field (a second
author, a status line «مسودة أولية … لا تنشر») are kept on the cover as they were. What cannot
be placed — a note no marker refers to (a footnote needs an anchor), a front-matter key that
is neither a cover field nor a summary or keywords, a picture that cannot be placed and has no
caption to stand for it — is an :class:`Omission`: ``build`` refuses to leave it out unless
``--force`` is given, and then names each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import notes_of
from .arabic import fold
from .model import Block, BlockKind, Document, Location, Message
from .vocabulary import note_name

# The cover fields the house style writes, in the order it writes them.
COVER_FIELDS = (
    "institution",
    "institution_en",
    "date",
    "title",
    "subtitle",
    "type",
    "author",
    "affiliation",
    "email",
)
# Front-matter keys written after the cover fields, with the label shown before them.
SUMMARY_KEYS = {"summary": "ملخص", "abstract": "ملخص", "ملخص": "ملخص", "الملخص": "ملخص"}
KEYWORD_KEYS = {
    "keywords": "الكلمات المفتاحية",
    "الكلمات المفتاحية": "الكلمات المفتاحية",
    "كلمات مفتاحية": "الكلمات المفتاحية",
}
_PREPARED_BY = fold("إعداد")
_WORD = re.compile(r"\w")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u200e", " ").replace("\u200f", " ").split())


def cover_extras(doc: Document) -> list[tuple[str, str]]:
    """(label, text) of the front-matter summary and keywords, in the order typed."""
    found = []
    for key, entry in doc.metadata.items():
        label = SUMMARY_KEYS.get(key.strip().lower()) or KEYWORD_KEYS.get(key.strip().lower())
        if label and entry.value.strip():
            found.append((label, entry.value.strip()))
    return found


def cover_leftovers(doc: Document) -> list[Block]:
    """Lines of a typed cover (a Word cover, a cover pasted at the top of a draft) that no
    cover field holds: the writer keeps them on the cover, in their order."""
    values = sorted(
        (_norm(doc.meta(name)) for name in COVER_FIELDS if doc.meta(name)), key=len, reverse=True
    )
    leftovers = []
    for block in doc.cover_blocks:
        if block.style.startswith("front-matter:"):
            continue  # a front-matter value: carried by its key (see omissions)
        rest = _norm(block.text)
        if any(rest in value for value in values):
            continue  # a piece of a field (the month on a line, the year on the next)
        for value in values:
            rest = rest.replace(value, " ")
        rest = fold(rest).replace(_PREPARED_BY, " ", 1)
        if _WORD.search(rest):
            leftovers.append(block)
    return leftovers


@dataclass(frozen=True)
class Omission:
    """Something of the draft the built document does not hold."""

    location: Location
    message: Message
    text: str = ""  # all of what is left out

    def line(self, path: str, lang: str) -> str:
        where = f"{path}:{self.location.line}"
        if self.location.note is not None and self.location.note.number is not None:
            where += f" ({note_name(self.location.note, lang)})"
        return f"{where}: {self.message.get(lang)}"


def _snippet(text: str) -> str:
    text = _norm(text)
    return text if len(text) <= 60 else text[:60] + "…"


def omissions(doc: Document, placeable) -> list[Omission]:
    """What ``build`` would leave out of ``doc`` (an analysed document). ``placeable(image)``
    says whether the writer can place a picture."""
    found: list[Omission] = []
    index = notes_of(doc)
    referenced = index.referenced_labels()
    for note in index.notes:
        if note.label in referenced or not note.text:
            continue
        text = _snippet(note.text)
        name = note.marker_text.strip() or (
            f"[^{note.label}]" if doc.format == "markdown" else str(note.number or note.label)
        )
        found.append(
            Omission(
                note.location,
                Message(
                    f"note {name} is left out: no marker refers to it «{text}»",
                    f"الحاشية {name} لم تُكتب: لا علامة تحيل إليها «{text}»",
                ),
                note.text,
            )
        )
    for key, entry in doc.metadata.items():
        name = key.strip().lower()
        if name in COVER_FIELDS or name in SUMMARY_KEYS or name in KEYWORD_KEYS:
            continue
        if not entry.value.strip():
            continue
        value = _snippet(entry.value)
        found.append(
            Omission(
                entry.location,
                Message(
                    f"front-matter key `{key}` is left out: it is no cover field «{value}»",
                    f"مفتاح المقدمة `{key}` لم يُكتب: ليس من حقول الغلاف «{value}»",
                ),
                entry.value,
            )
        )
    for block in doc.blocks:
        if block.kind == BlockKind.FIGURE and _norm(block.text):
            continue  # the caption stands for a picture that cannot be placed
        for image in block.images:
            if placeable(image):
                continue
            alt = _snippet(image.alt) or image.origin
            found.append(
                Omission(
                    block.location,
                    Message(
                        f"picture «{alt}» is left out: its file cannot be found or shown",
                        f"الصورة «{alt}» لم تُوضع: ملفها غير موجود أو لا يمكن عرضه",
                    ),
                    image.alt,
                )
            )
    return found
