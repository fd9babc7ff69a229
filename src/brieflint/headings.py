"""Whether a line that is not formatted as a heading is one: the same evidence for every form.

A draft names its sections with ``##`` headings, Word heading styles, bold lines («**مقدمة:**»),
colon-ended lines, or — in text pasted from a web page — short lines of their own. What the
line says is matched by :meth:`~brieflint.schema.BriefSchema.heading_match` (one matcher and one
confidence for every form); whether the line *is* a heading is decided here, from its length,
punctuation, formatting and position, so that a body sentence that happens to contain «حدود» or
«دوافع» never becomes a section.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .arabic import ordinal_prefix
from .model import Block, BlockKind, parse_number

HEADING_MAX_WORDS = 8  # after the ordinal prefix
PLAIN_HEADING_MAX_WORDS = 6  # a pasted line with no formatting at all
_COLONS = (":", "：")
_SENTENCE_END = re.compile(r"[.!?؟…]$")
_INNER_PUNCT = re.compile(r"[،,؛;.!?؟]")
_NOT_HEADING_STYLES = {"title", "subtitle", "author", "date", "abstract"}

# text -> how sure a section match is (0: none), e.g. lambda t: schema.heading_match(t)[1]
Matcher = Callable[[str], float]


def line_text(block: Block) -> str:
    return block.text.strip().strip("*_").strip()


def looks_like_heading(
    block: Block,
    confidence: Matcher,
    *,
    following: Block | None = None,
    plain: bool = False,
    min_confidence: float = 0.7,
    plain_max_words: int = PLAIN_HEADING_MAX_WORDS,
    max_words: int = HEADING_MAX_WORDS,
    previous: Block | None = None,
) -> bool:
    """A paragraph that reads as a section heading.

    Evidence for: it names a section (``confidence``), is short, has no sentence punctuation,
    and is set apart — bold, ending in a colon, or numbered («ثانياً:», «3.»). ``plain`` is for
    drafts with no formatting at all (pasted text, no real headings): there a short line that
    names a section by its leading word is a heading too. ``min_confidence`` is raised where
    position speaks against a heading: on a cover, a title often ends «… دوافعه وحدوده». Evidence against: a sentence's
    punctuation (a full stop, a comma), length, and — for a colon-ended line in plain type —
    a list right after it, which makes it the sentence that leads into the list.
    """
    # Pasted «1. مقدمة» reads as a list of one item: numbered, alone, it is a numbered line.
    numbered_line = (
        plain
        and block.kind == BlockKind.LIST_ITEM
        and block.list_item is not None
        and block.list_item.ordered
        and not _is_item(previous)
        and (not _is_item(following) or not _continues(block, following))
    )
    if block.kind != BlockKind.PARAGRAPH and not numbered_line:
        return False
    if block.style.strip().lower() in _NOT_HEADING_STYLES:
        return False
    text = line_text(block)
    if not text or "\n" in text:
        return False
    prefix = ordinal_prefix(text)
    rest = text[len(prefix) :].strip()
    colon = rest.endswith(_COLONS)
    rest = rest.rstrip("".join(_COLONS)).strip()
    words = rest.split()
    if not words or len(words) > max_words:
        return False
    if _SENTENCE_END.search(rest) or _INNER_PUNCT.search(rest):
        return False
    score = confidence(text)
    if score <= 0 or score < min_confidence:
        return False
    if block.bold or prefix or numbered_line:
        return True
    if colon:
        return following is None or following.kind != BlockKind.LIST_ITEM
    if plain and score >= 0.9 and len(words) <= plain_max_words:
        return True
    # A line that is exactly a section's name, with a numbered list under it: «المراجع» typed
    # without a heading style above the reference list.
    return score >= 1.0 and len(words) <= 3 and _numbered(following)


_NUMBERED = re.compile(r"^\s*(?:[\(\[]?[0-9٠-٩]{1,3}[\)\]]?\s*[-–.)]|[\(\[][0-9٠-٩]{1,3}[\)\]])")


def _is_item(block: Block | None) -> bool:
    return block is not None and block.kind == BlockKind.LIST_ITEM


def _typed_number(block: Block) -> int | None:
    digits = re.sub(r"\D", "", block.list_item.marker) if block.list_item else ""
    return parse_number(digits) if digits else None


def _continues(block: Block, following: Block) -> bool:
    """Whether ``following`` is the next item of ``block``'s list as typed («10. المراجع» then
    «1. …»: the entries restart, so «10. المراجع» is a heading above them)."""
    number = _typed_number(block)
    return number is None or _typed_number(following) == number + 1


def heading_text(block: Block) -> str:
    """A heading's text as a reader sees it: no closing colon; a numbered line that reads as a
    list item («1. مقدمة») keeps its number."""
    text = block.text.strip().rstrip(":：").strip()
    if block.kind == BlockKind.LIST_ITEM and block.list_item and block.list_item.marker:
        return f"{block.list_item.marker} {text}"
    return text


def _numbered(block: Block | None) -> bool:
    if block is None:
        return False
    if block.kind == BlockKind.LIST_ITEM:
        return True
    return block.kind == BlockKind.PARAGRAPH and bool(_NUMBERED.match(block.text))
