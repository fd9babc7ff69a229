"""Punctuation in Arabic prose: Arabic marks, spacing, pairs and quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...model import Block, Document, FixAvailability, Problem, Severity
from ...spelling.tokens import skipped_spans
from ..base import Rule
from ..textscan import ARABIC, ARABIC_LETTER, PatternRule, outside, prose_blocks

_ARABIC_MARK = {",": "،", ";": "؛", "?": "؟"}
_DIACRITIC = "\u064b-\u0652"


class LatinPunctuation(PatternRule):
    """Arabic sentences use the Arabic comma, semicolon and question mark: «، ؛ ؟».

    Fails::

        تراجعت الصادرات, وارتفعت الواردات; فهل تتغير السياسة?

    Passes::

        تراجعت الصادرات، وارتفعت الواردات؛ فهل تتغير السياسة؟
    """

    code = "BL-PN001"
    name = "punctuation.latin-in-arabic"
    category = "punctuation"
    severity = Severity.WARNING
    trigger = re.compile("[,;?]")
    pattern = re.compile(rf"(?<=[{ARABIC}{_DIACRITIC}»)])\s*([,;?])(?=\s*(?:[{ARABIC}«(]|$))", re.M)
    messages = {
        "latin": (
            "Latin «{mark}» in an Arabic sentence: write «{arabic}»",
            "علامة «{mark}» اللاتينية في جملة عربية: اكتب «{arabic}»",
        )
    }

    def finding(self, text, match, options):
        mark = match.group(1)
        start = match.start(1)
        return (
            start,
            start + 1,
            "latin",
            _ARABIC_MARK[mark],
            {"mark": mark, "arabic": _ARABIC_MARK[mark]},
        )


class SpaceBeforePunctuation(PatternRule):
    """No space before «، ؛ ؟ . : !» or a closing bracket.

    Fails::

        أعلنت الحكومة خطتها ، ثم تراجعت عنها .

    Passes::

        أعلنت الحكومة خطتها، ثم تراجعت عنها.
    """

    code = "BL-PN002"
    name = "punctuation.space-before"
    category = "punctuation"
    severity = Severity.WARNING
    trigger = re.compile("[ \t\u00a0][،؛؟.:!)»]")
    pattern = re.compile(rf"(?<=[{ARABIC}{_DIACRITIC}\w»)])([ \t\u00a0]+)([،؛؟.:!)»])(?![.]{{2}})")
    messages = {
        "space": (
            "space before «{mark}»",
            "مسافة قبل «{mark}»",
        )
    }

    def finding(self, text, match, options):
        mark = match.group(2)
        end = match.end(2)
        # «… الخ .» at the very start of a number («3 .5») is not prose punctuation
        if mark == "." and end < len(text) and text[end].isdigit():
            return None
        return match.start(1), end, "space", mark, {"mark": mark}


class SpaceAfterPunctuation(PatternRule):
    """One space after «، ؛ ؟ . : !» before the next word.

    Fails::

        تراجعت الصادرات،وارتفعت الواردات.وبقي العجز كما هو.

    Passes::

        تراجعت الصادرات، وارتفعت الواردات. وبقي العجز كما هو.
    """

    code = "BL-PN003"
    name = "punctuation.space-after"
    category = "punctuation"
    severity = Severity.WARNING
    trigger = re.compile(f"[،؛؟.:!][{ARABIC}«(]")
    pattern = re.compile(rf"(?<=[{ARABIC}{_DIACRITIC}»)])([،؛؟.:!])(?=[{ARABIC}«(])")
    messages = {
        "space": (
            "no space after «{mark}»",
            "لا مسافة بعد «{mark}»",
        )
    }

    def finding(self, text, match, options):
        mark = match.group(1)
        return match.start(1), match.end(1), "space", mark + " ", {"mark": mark}


class HyphenSpacing(PatternRule):
    """A hyphen between words has the same spacing on both sides.

    Fails::

        التعاون الاقتصادي- الأمني

    Passes::

        التعاون الاقتصادي-الأمني
    """

    code = "BL-PN004"
    # Which side the space belongs to («الاقتصادي-الأمني» or «الاقتصادي - الأمني») is the
    # author's choice: the finding names both, and never fixes.
    fix_availability = FixAvailability.NEVER
    name = "punctuation.hyphen-spacing"
    category = "punctuation"
    severity = Severity.WARNING
    trigger = re.compile("[-–]")
    pattern = re.compile(rf"(?<=[{ARABIC}{_DIACRITIC}])( [-–]|[-–] )(?=[{ARABIC}])")
    messages = {
        "asymmetric": (
            "unequal spaces around «{mark}»: write «{tight}» or «{spaced}»",
            "المسافات حول «{mark}» غير متساوية: اكتب «{tight}» أو «{spaced}»",
        )
    }

    def finding(self, text, match, options):
        mark = match.group(1).strip()
        left = text[: match.start()].split()[-1] if text[: match.start()].split() else ""
        right = text[match.end() :].split()[0] if text[match.end() :].split() else ""
        return (
            match.start(1),
            match.end(1),
            "asymmetric",
            None,
            {"mark": mark, "tight": f"{left}{mark}{right}", "spaced": f"{left} {mark} {right}"},
        )


class DoubledPunctuation(PatternRule):
    """A punctuation mark is not typed twice («،،», «..»); «...» is an ellipsis.

    Fails::

        تراجعت الصادرات،، وارتفعت الواردات..

    Passes::

        تراجعت الصادرات، وارتفعت الواردات...
    """

    code = "BL-PN005"
    name = "punctuation.doubled"
    category = "punctuation"
    severity = Severity.WARNING
    trigger = re.compile("[،؛,;:!؟?.]{2}")
    pattern = re.compile(r"([،؛,;:!؟?])\1+|(?<!\.)\.\.(?!\.)")
    messages = {
        "doubled": (
            "«{mark}» is typed twice",
            "«{mark}» مكررة",
        )
    }

    def finding(self, text, match, options):
        mark = match.group(0)[0]
        return match.start(), match.end(), "doubled", mark, {"mark": mark}


_PAIRS = {"(": ")", "[": "]", "«": "»", "“": "”", "{": "}"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# «أ) … ب) …», «1) … 2) …»: a lone letter or a one- or two-digit number before «)» labels a point
# of an enumeration; that bracket closes nothing by design.
_ENUMERATION_LABEL = re.compile(
    r"(?:^|[\s،؛:.(])(?:[\u0621-\u064A]|[0-9]{1,2}|[\u0660-\u0669]{1,2})$"
)
_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


class UnbalancedPairs(Rule):
    """Brackets and quotation marks come in pairs within a paragraph.

    Fails::

        وصف الوزير الاتفاق بأنه «تاريخي (وغير مسبوق.

    Passes::

        وصف الوزير الاتفاق بأنه «تاريخي» (وغير مسبوق).
    """

    code = "BL-PN006"
    name = "punctuation.unbalanced"
    category = "punctuation"
    severity = Severity.WARNING
    messages = {
        "unclosed": (
            "«{mark}» is never closed in this paragraph",
            "«{mark}» لم تُغلق في هذه الفقرة",
        ),
        "unopened": (
            "«{mark}» closes nothing in this paragraph",
            "«{mark}» لا يقابلها فتح في هذه الفقرة",
        ),
        "quote": (
            'an odd number of straight quotes (") in this paragraph',
            'عدد علامات التنصيص المستقيمة (") في الفقرة فردي',
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for block, index in prose_blocks(doc):
            for mark, position, key in doc.analysis.per_block(self.code, block, _unbalanced):
                yield self._report(doc, block, index, mark, position, key)

    def _report(self, doc, block, index, mark, position, key) -> Problem:
        return self.problem(
            doc.locate(block, position, position + 1), key, text=mark, mark=mark, block_index=index
        )


class StraightQuotes(PatternRule):
    """Arabic quotations use «…», not straight quotes, when the house style says so.

    The option ``quotes`` is ``guillemets`` (default) or ``any``.

    Fails::

        وصف الوزير الاتفاق بأنه "تاريخي".

    Passes::

        وصف الوزير الاتفاق بأنه «تاريخي».
    """

    code = "BL-PN007"
    name = "punctuation.straight-quotes"
    category = "punctuation"
    severity = Severity.WARNING
    options = {
        "quotes": {
            "enum": ["guillemets", "any"],
            "default": "guillemets",
            "description": "House-style quotation marks.",
        }
    }
    trigger = re.compile('["“]')
    pattern = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')
    messages = {
        "quotes": (
            "straight or English quotes around Arabic text: write «{inner}»",
            "علامات تنصيص لاتينية حول نص عربي: اكتب «{inner}»",
        )
    }

    def finding(self, text, match, options):
        if options.get("quotes", "guillemets") == "any":
            return None
        inner = match.group(1) or match.group(2)
        if not ARABIC_LETTER.search(inner):
            return None  # an English title in an English reference keeps its quotes
        return match.start(), match.end(), "quotes", f"«{inner}»", {"inner": inner}


def _unbalanced(block: Block) -> list[tuple[str, int, str]]:
    """(mark, position, message key) of each unbalanced bracket or quote of one block."""
    text = block.text
    skipped = skipped_spans(block)
    found: list[tuple[str, int, str]] = []
    stack: list[tuple[str, int]] = []
    for match in _BRACKET.finditer(text):  # only the brackets, not every character
        position, ch = match.start(), match.group()
        if not outside(skipped, position, position + 1):
            continue
        if ch in _PAIRS:
            stack.append((ch, position))
        elif stack and stack[-1][0] == _CLOSERS[ch]:
            stack.pop()
        elif ch == ")" and _ENUMERATION_LABEL.search(text[max(0, position - 4) : position]):
            continue
        elif any(opener == _CLOSERS[ch] for opener, _ in stack):
            while stack and stack[-1][0] != _CLOSERS[ch]:
                found.append((*stack.pop(), "unclosed"))
            stack.pop()
        else:
            found.append((ch, position, "unopened"))
    for ch, position in stack:
        found.append((ch, position, "unclosed"))
    quotes = [m.start() for m in re.finditer('"', text) if outside(skipped, m.start(), m.end())]
    if len(quotes) % 2:
        found.append(('"', quotes[-1], "quote"))
    return found
