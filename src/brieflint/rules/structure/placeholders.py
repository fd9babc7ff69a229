"""Text left over from the skeleton `brieflint new` writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ...arabic import fold
from ...model import Document, Problem, Severity
from ...resources import shipped_dir
from ...yamlio import load_yaml
from ..base import Rule

_MARKER = re.compile(r"\[\^\w+\]")
# Front-matter values of a skeleton that are real values in a draft too (not placeholders).
_KEPT = {"تقدير موقف", "ورقة سياسات"}


@cache
def skeleton_placeholders() -> tuple[frozenset[str], frozenset[str]]:
    """(cover values, body lines) of every shipped skeleton, folded for comparison. The
    skeletons in templates/ are the data: a new skeleton needs no change here."""
    values: set[str] = set()
    lines: set[str] = set()
    for path in sorted(shipped_dir("templates").glob("*.md")):
        text = path.read_text("utf-8")
        if text.startswith("---\n"):
            front, _, body = text[4:].partition("\n---\n")
            data = load_yaml(front) or {}
            values |= {fold(str(v)) for v in data.values() if str(v).strip() not in _KEPT}
        else:
            body = text
        for line in body.splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "<!--", "[^")):
                lines.add(fold(_without_markers(line)))
    return frozenset(values), frozenset(lines)


def _without_markers(text: str) -> str:
    return _MARKER.sub("", text).strip()


class Placeholder(Rule):
    """No skeleton text is left in the draft.

    `brieflint new` writes a skeleton whose cover fields and paragraphs are placeholders
    («عنوان التقدير», «اكتب هنا نص القسم.»). One left in a draft would be printed on the cover or
    in the body, so `build` refuses the draft until each is replaced.

    Fails::

        ---
        title: عنوان التقدير
        ---

        اكتب هنا نص القسم.

    Passes::

        ---
        title: اتفاق المياه الجوفية بين الجزائر وتونس
        ---

        وقّع البلدان اتفاقاً لإدارة المياه الجوفية المشتركة.
    """

    code = "BL-ST008"
    name = "structure.placeholder"
    category = "structure"
    severity = Severity.ERROR
    messages = {
        "cover": (
            "the cover field «{field}» still holds the skeleton's placeholder «{placeholder}»",
            "حقل الغلاف «{field}» ما زال يحمل النص المؤقت للهيكل «{placeholder}»",
        ),
        "body": (
            "the skeleton's placeholder «{placeholder}» is still in the draft: write the section",
            "النص المؤقت للهيكل «{placeholder}» ما زال في المسودة: اكتب القسم",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        values, lines = skeleton_placeholders()
        for key, entry in doc.metadata.items():
            if entry.value.strip() and fold(entry.value.strip()) in values:
                yield self.problem(
                    entry.location,
                    "cover",
                    text=entry.value.strip(),
                    field=key,
                    **_quoted(entry.value),
                )
        for index, block in enumerate(doc.blocks):
            if block.text.strip() and fold(_without_markers(block.text)) in lines:
                yield self.problem(
                    doc.locate(block, 0, len(block.text)),
                    "body",
                    text=block.text,
                    block_index=index,
                    **_quoted(block.text),
                )


def _quoted(text: str) -> dict[str, str]:
    text = " ".join(text.split())
    return {"placeholder": text if len(text) <= 60 else text[:59] + "…"}
