"""The reference list itself: numbering, duplicates, dates, URLs and commas."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...citations import URL, ReferenceEntry, similarity
from ...model import ARABIC_INDIC, Document, Edit, Fix, FixAvailability, Problem, Severity
from ..base import Rule


def _short(entry: ReferenceEntry, limit: int = 60) -> str:
    text = entry.text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LIST_MARKER = re.compile(r"^(\s*(?:>\s*)*)(\d+)([.)])\s+$")
_TYPED = re.compile(r"^\s*(?:\[(\d+)\]|\((\d+)\)|(\d+)\s*[-–.)])")


def _in_digits_of(number: int, like: str) -> str:
    """``number`` written in the digit system of ``like`` (Arabic-Indic or Western)."""
    text = str(number)
    if like and like[0] in ARABIC_INDIC:
        return text.translate(str.maketrans("0123456789", ARABIC_INDIC))
    return text


def renumber_references(doc: Document, entries: list[ReferenceEntry]) -> Fix | None:
    """One fix that numbers the reference list 1..N: typed numbers rewritten in their own digit
    system, Markdown list markers rewritten in the source, an unnumbered entry given a number.
    Only when most entries are numbered already (then numbering them all is the answer)."""
    numbered = [e for e in entries if e.numbered]
    if not numbered or len(numbered) * 2 < len(entries):
        return None
    edits = []
    for expected, entry in enumerate(entries, start=1):
        if entry.numbered == "list":
            if doc.format != "markdown":
                continue  # Word numbers its own lists
            offsets = entry.block.source_offsets
            if not offsets or entry.start >= len(offsets):
                return None
            text_start = offsets[entry.start]
            line_start = doc.source.rfind("\n", 0, text_start) + 1
            marker = _LIST_MARKER.match(doc.source[line_start:text_start])
            if marker is None:
                return None
            old = marker.group(2)
            if old != str(expected):
                start = line_start + marker.start(2)
                edits.append(Edit(None, start, start + len(old), str(expected), old))
        elif entry.numbered == "typed":
            typed = _TYPED.match(entry.raw)
            if typed is None:
                return None
            group = next(i for i in (1, 2, 3) if typed.group(i))
            old = typed.group(group)
            new = _in_digits_of(expected, old)
            if old != new:
                start = entry.start + typed.start(group)
                edits.append(Edit(entry.block.id, start, start + len(old), new, old))
        elif doc.format == "markdown":  # a list marker in the source, not text of the entry
            offsets = entry.block.source_offsets
            if not offsets or entry.start >= len(offsets):
                return None
            at = offsets[entry.start]
            edits.append(Edit(None, at, at, f"{expected}. ", ""))
        else:
            edits.append(Edit(entry.block.id, entry.start, entry.start, f"{expected}. ", ""))
    return Fix(tuple(edits)) if edits else None


class ReferenceNumbering(Rule):
    """The reference list is numbered throughout (or not at all), 1, 2, 3… without gaps.

    Fails::

        1. أحمد الزغبي، «احتياجات إعادة الإعمار»، 2026.
        James Porter, "Egyptian Labour in Libya," 2026.
        3. هبة السيد، «العمالة المصرية في ليبيا»، 2026.

    Passes::

        1. أحمد الزغبي، «احتياجات إعادة الإعمار»، 2026.
        2. James Porter, "Egyptian Labour in Libya," 2026.
        3. هبة السيد، «العمالة المصرية في ليبيا»، 2026.
    """

    code = "BL-RF001"
    fix_availability = FixAvailability.SOMETIMES
    name = "references.numbering"
    category = "references"
    severity = Severity.WARNING
    messages = {
        "unnumbered": (
            "reference «{entry}» is not numbered while the other entries are",
            "المرجع «{entry}» غير مرقّم وسائر المراجع مرقّمة",
        ),
        "numbered": (
            "reference «{entry}» is numbered while the other entries are not",
            "المرجع «{entry}» مرقّم وسائر المراجع غير مرقّمة",
        ),
        "sequence": (
            "reference number {number} follows {previous}: expected {expected}",
            "رقم المرجع {number} يأتي بعد {previous}، والمتوقع {expected}",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        entries = doc.analysis.references
        numbered = [e for e in entries if e.numbered]
        fix = renumber_references(doc, entries) if numbered else None
        if numbered and len(numbered) < len(entries):
            majority_numbered = len(numbered) * 2 >= len(entries)
            for entry in entries:
                if bool(entry.numbered) != majority_numbered:
                    key = "unnumbered" if majority_numbered else "numbered"
                    yield self.problem(
                        entry.location, key, text=entry.raw.strip(), entry=_short(entry), fix=fix
                    )
        previous = 0
        for entry in numbered:
            if entry.number is None:
                continue
            if entry.number != previous + 1:
                yield self.problem(
                    entry.location,
                    "sequence",
                    text=entry.raw.strip(),
                    number=entry.number,
                    previous=previous,
                    expected=previous + 1,
                    fix=fix,
                )
            previous = max(previous, entry.number)


class DuplicateReference(Rule):
    """Each source appears once in the reference list.

    Fails::

        8. داليا منصور، «اتفاقيات العمالة الثنائية»، 2026.
        10. داليا منصور، «اتفاقيات العمالة الثنائية»، 2026.

    Passes::

        8. داليا منصور، «اتفاقيات العمالة الثنائية»، 2026.
    """

    code = "BL-RF002"
    name = "references.duplicate"
    category = "references"
    severity = Severity.WARNING
    messages = {
        "duplicate": (
            "reference «{entry}» repeats the entry at line {line}",
            "المرجع «{entry}» مكرر (ورد في السطر {line})",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        seen: list[tuple[str, set[str], ReferenceEntry]] = []
        for entry in doc.analysis.references:
            key = entry.folded
            words = set(key.split())
            original = next((e for k, w, e in seen if _near_duplicate(k, w, key, words)), None)
            if original is not None:
                yield self.problem(
                    entry.location,
                    "duplicate",
                    text=entry.raw.strip(),
                    entry=_short(entry),
                    line=original.location.line,
                )
            else:
                seen.append((key, words, entry))


def _near_duplicate(key: str, words: set[str], other_key: str, other_words: set[str]) -> bool:
    """Equal, or 97% alike character by character. Entries that share few words are not
    compared character by character at all (that comparison is quadratic)."""
    if key == other_key:
        return True
    if len(words & other_words) < 0.9 * max(len(words), len(other_words)):
        return False
    return similarity(key, other_key, 0.97) >= 0.97


class MissingDate(Rule):
    """Each reference has a date (a year), when the house style asks for one.

    Fails::

        عادل المنفي، «الحدود الشرقية لليبيا»، مجلة الأمن الإقليمي.

    Passes::

        عادل المنفي، «الحدود الشرقية لليبيا»، مجلة الأمن الإقليمي، 20 ديسمبر/كانون الأول 2025.
    """

    code = "BL-RF003"
    name = "references.missing-date"
    category = "references"
    severity = Severity.WARNING
    options = {
        "require_date": {
            "type": "boolean",
            "default": True,
            "description": "Every entry must carry a year.",
        }
    }
    messages = {"missing": ("reference «{entry}» has no date", "المرجع «{entry}» بلا تاريخ")}

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        if not options.get("require_date", True):
            return
        for entry in doc.analysis.references:
            if not entry.citation.has_year:
                yield self.problem(
                    entry.location, "missing", text=entry.raw.strip(), entry=_short(entry)
                )


class MissingUrl(Rule):
    """Each reference gives the address where it is available, when the house style asks for one.

    Fails::

        عادل المنفي، «الحدود الشرقية لليبيا»، مجلة الأمن الإقليمي، 2025.

    Passes::

        عادل المنفي، «الحدود الشرقية لليبيا»، مجلة الأمن الإقليمي، 2025، متاح على الرابط التالي: https://example.org/a
    """

    code = "BL-RF004"
    name = "references.missing-url"
    category = "references"
    severity = Severity.WARNING
    options = {
        "require_url": {
            "type": "boolean",
            "default": True,
            "description": "Every entry must give a URL.",
        }
    }
    messages = {
        "missing": (
            "reference «{entry}» has no URL («متاح على الرابط التالي: …»)",
            "المرجع «{entry}» بلا رابط («متاح على الرابط التالي: …»)",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        if not options.get("require_url", True):
            return
        for entry in doc.analysis.references:
            if not entry.citation.urls:
                yield self.problem(
                    entry.location, "missing", text=entry.raw.strip(), entry=_short(entry)
                )


_BROKEN_SCHEME = re.compile(r"https?:/{0,2}\s+\S", re.IGNORECASE)
_URL_TAIL = re.compile(r"\s+([A-Za-z0-9][A-Za-z0-9_\-./%?=&#~]*[A-Za-z0-9/])(?=\s*[.،,؛]?\s*$)")


def malformed_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, reason) of each malformed URL in ``text``."""
    for match in _BROKEN_SCHEME.finditer(text):
        yield match.start(), match.end(), "space"
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,،;؛:»")
        end = match.start() + len(url)
        tail = _URL_TAIL.match(text, end)
        if (
            tail
            and ("-" in tail.group(1) or "/" in tail.group(1))
            and not re.search("[\u0600-\u06ff]", tail.group(1))
        ):
            yield match.start(), tail.end(), "space"
        elif url.count("(") != url.count(")"):
            yield match.start(), end, "parenthesis"
        before = text[: match.start()].rstrip()
        if before.endswith("<") and not text[end:].lstrip().startswith(">"):
            yield match.start() - 1, end, "angle"
    opened = text.count("<")
    if opened != text.count(">"):
        position = text.find("<") if "<" in text else text.find(">")
        yield position, position + 1, "angle"


class MalformedUrl(Rule):
    """URLs are whole: no spaces inside, balanced ``<…>`` and parentheses.

    Fails::

        متاح على الرابط التالي: https://example.org/med-migration/eu libya-border

    Passes::

        متاح على الرابط التالي: https://example.org/med-migration/eu-libya-border
    """

    code = "BL-RF005"
    name = "references.malformed-url"
    category = "references"
    severity = Severity.ERROR
    messages = {
        "space": ("URL «{url}» contains a space", "الرابط «{url}» فيه مسافة"),
        "parenthesis": (
            "URL «{url}» has unbalanced parentheses",
            "الرابط «{url}» أقواسه غير متوازنة",
        ),
        "angle": (
            "URL «{url}» has an unbalanced «<» or «>»",
            "الرابط «{url}» فيه «<» أو «>» بلا مقابل",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for entry in doc.analysis.references:
            for start, end, reason in malformed_urls(entry.raw):
                url = entry.raw[start:end]
                offset = entry.start
                yield self.problem(
                    doc.locate(entry.block, offset + start, offset + end), reason, text=url, url=url
                )


# A comma needs a space after it unless a closing quote or bracket or a digit (1,000) follows.
_CLOSING = "\"”’'»)]"
_COMMA_SPACING = re.compile(r"(\s+)([،,])|([،,])(?=[^\s\d\"”’'»)\]])")


class ReferenceCommaSpacing(Rule):
    """Inside references, no space before «،» or «,» and one space after.

    Fails::

        كريم الشاذلي،«العمالة السودانية والتشادية في ليبيا» ، منتدى الساحل

    Passes::

        كريم الشاذلي، «العمالة السودانية والتشادية في ليبيا»، منتدى الساحل
    """

    code = "BL-RF006"
    fix_availability = FixAvailability.SOMETIMES
    name = "references.comma-spacing"
    category = "references"
    severity = Severity.WARNING
    messages = {
        "before": ("space before «{comma}» in a reference", "مسافة قبل «{comma}» في المرجع"),
        "after": ("no space after «{comma}» in a reference", "لا مسافة بعد «{comma}» في المرجع"),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for entry in doc.analysis.references:
            urls = [(m.start(), m.end()) for m in URL.finditer(entry.raw)]
            for match in _COMMA_SPACING.finditer(entry.raw):
                if any(s <= match.start() < e for s, e in urls):
                    continue
                offset = entry.start
                if match.group(1) is not None:
                    start, end = match.start(1), match.end(2)
                    comma = match.group(2)
                    following = entry.raw[end : end + 1]
                    needs_space = (
                        following and not following.isspace() and following not in _CLOSING
                    )
                    key, replacement = "before", comma + (" " if needs_space else "")
                else:
                    start, end = match.start(3), match.end(3)
                    comma = match.group(3)
                    key, replacement = "after", comma + " "
                if start == 0 or "\n" in match.group(0):
                    continue
                yield self.problem(
                    doc.locate(entry.block, offset + start, offset + end),
                    key,
                    text=entry.raw[start:end],
                    comma=comma,
                    suggestions=[replacement],
                    fix=Fix.replace(entry.block, offset + start, offset + end, replacement),
                    block_index=entry.block_index,
                )
