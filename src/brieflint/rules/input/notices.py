"""Notices about the input itself: how a draft was decoded, directives that silence nothing.

These rules find nothing in the document model: what they report is known only while the file
is read (its encoding) or after every other rule has run (which suppressions were used). The
reader and the suppression pass create their findings through these classes (``problem()``), so
that they have a code, a name and documentation like every other finding, and the engine applies
``select``, ``ignore``, severities and inline suppressions to them in the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import Document, Problem, Severity
from ..base import Rule


class Encoding(Rule):
    """The draft is UTF-8 text.

    A Markdown draft that is not UTF-8 but reads as Arabic Windows-1256 (the encoding of many
    drafts saved by older Windows editors) is decoded as Windows-1256 and checked; this notice
    says so, because other tools will show it as mojibake. Save the file as UTF-8.

    The reader creates this finding while decoding the file: ``check`` yields nothing, since the
    document model no longer knows the bytes it came from.

    Fails::

        (a .md file saved as Windows-1256 / "Arabic (Windows)")

    Passes::

        (the same file saved as UTF-8)
    """

    code = "BL-IN001"
    name = "input.encoding"
    category = "input"
    severity = Severity.INFO
    messages = {
        "cp1256": (
            "the file is Windows-1256, not UTF-8: it was decoded as Arabic Windows-1256; "
            "save it as UTF-8",
            "الملف بترميز Windows-1256 وليس UTF-8، وقد فُكّ ترميزه على هذا الأساس؛ احفظه بترميز UTF-8",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        return iter(())  # produced by the reader (readers.read_markdown_bytes)


class InvalidBytes(Rule):
    """A UTF-8 draft has no bytes that are not UTF-8.

    A draft that is UTF-8 except a few bytes (a Windows-1252 dash or a stray 0xFF pasted in
    from another program) is read as UTF-8, each invalid byte as «\ufffd», and this finding
    names the byte offsets. Replace those characters in an editor: ``fix`` refuses a draft whose
    bytes did not all decode, rather than write the replacement characters back.

    The reader creates this finding while decoding the file: ``check`` yields nothing.

    Fails::

        (a UTF-8 .md file with a stray byte 0x96 in a sentence)

    Passes::

        (the same file with the byte replaced by «–»)
    """

    code = "BL-IN003"
    name = "input.invalid-bytes"
    category = "input"
    severity = Severity.ERROR
    messages = {
        "stray-bytes": (
            "the file is UTF-8 except {count} invalid byte(s) at byte offset {offsets}, "
            "read as «\ufffd»: replace them",
            "الملف بترميز UTF-8 عدا {count} بايت غير صالح عند الموضع {offsets}، "
            "قُرئ كل منها «\ufffd»: استبدلها",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        return iter(())  # produced by the reader (readers.read_markdown_bytes)


class ImageOutside(Rule):
    """Pictures come from the draft's folder or below.

    ``build`` embeds the pictures a Markdown draft names; an absolute path or one that climbs
    out of the draft's folder (``../../``) could put any image on the machine into the document,
    so such a picture is left out and reported here. Move the picture next to the draft, or
    list its folder in ``allowed_folders`` (absolute, or relative to the draft's folder).

    Fails::

        ![خريطة المنطقة](/home/user/Pictures/map.png)

    Passes::

        ![خريطة المنطقة](figures/map.png)
    """

    code = "BL-IN004"
    name = "input.image-outside"
    category = "input"
    severity = Severity.WARNING
    options = {
        "allowed_folders": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "More folders pictures may come from (absolute, or relative to the "
            "draft's folder).",
        }
    }
    messages = {
        "outside": (
            "the picture «{origin}» is outside the draft's folder: build leaves it out",
            "الصورة «{origin}» خارج مجلد المسودة: لن تُدرج في المستند",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        from ...images import confined, is_remote

        allowed = options.get("allowed_folders") or ()
        for block in doc.every_block():
            for image in block.images:
                if image.data is not None or not image.origin or is_remote(image.origin):
                    continue
                if confined(doc.path, image.origin, allowed) is None:
                    yield self.problem(
                        block.location, "outside", text=image.origin, origin=image.origin
                    )


class UnusedSuppression(Rule):
    """Every inline suppression silences something (with ``--warn-unused-ignores``).

    A ``brieflint-disable`` directive that no finding falls under is left over from an earlier
    draft, or names the wrong rule; it would silently hide the next real finding.

    The suppression pass creates this finding after every other rule has run, when it knows
    which directives were used: ``check`` yields nothing. It is reported only when
    ``--warn-unused-ignores`` is given.

    Fails::

        نص سليم. <!-- brieflint-disable-line BL-AR001 -->

    Passes::

        عقد الطرفان إجتماعا. <!-- brieflint-disable-line BL-AR001 -->
    """

    code = "BL-IN002"
    name = "input.unused-suppression"
    category = "input"
    severity = Severity.WARNING
    messages = {
        "unused": (
            "brieflint-{directive} ({names}) suppresses nothing",
            "التعليمة brieflint-{directive} ({names}) لا تُسكت أي ملاحظة",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        return iter(())  # produced by the suppression pass (suppressions.apply)
