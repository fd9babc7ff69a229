"""Arabic word tokens with offsets into a block's text.

URLs, e-mail addresses, inline code, Latin words and numbers are not tokens. A token keeps its
raw form (as typed, with diacritics and tatweel) and a clean form for dictionary look-ups.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..arabic import DIACRITICS, TATWEEL
from ..model import Block

# An e-mail address starts only where a word starts (the look-behind), and a note label stops at
# the next «[»: otherwise a long run without spaces («a.a.a.…», «[^[^[^…») was rescanned from
# every position — quadratic.
_SKIP = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[\^[^\]\[]*\]",
    re.IGNORECASE,
)
MAX_WORD = 40  # longer runs of letters are not words (pasted junk, a missing space everywhere)


class Token(NamedTuple):
    """A word: its span in the block's text, as typed, and without diacritics or tatweel.
    (A named tuple: a brief has thousands of words, and tuples are cheap to make.)"""

    start: int
    end: int
    raw: str
    clean: str


def clean_word(raw: str) -> str:
    return DIACRITICS.sub("", raw).replace(TATWEEL, "")


@lru_cache(maxsize=4096)
def _skipped_in_text(text: str) -> tuple[tuple[int, int], ...]:
    """URLs, e-mail addresses and note labels in ``text`` (a pure function of the text: the
    rules ask for it block by block, and the language server for the same blocks again)."""
    return tuple((m.start(), m.end()) for m in _SKIP.finditer(text))


def skipped_spans(block: Block) -> list[tuple[int, int]]:
    spans = list(_skipped_in_text(block.text))
    spans += [(m.start, m.end) for m in block.marks if m.kind in {"code", "url"}]
    return spans


def token_key(block: Block) -> tuple:
    """What :func:`tokenize` reads of a block: its text and its code and URL spans."""
    return (block.text, tuple((m.start, m.end) for m in block.marks if m.kind in {"code", "url"}))


_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d5\u0640\u064b-\u065f\u0670"
_GLUED = "A-Za-z0-9\u0660-\u0669"
# A whole run of letters (possessive: never a shorter piece of it) that touches no Latin letter or
# digit on either side — «الـGDP», «5أ»: a word glued to Latin letters or digits is not checked
# as Arabic. The look-behind also refuses a start inside a run, so a refused run yields nothing.
# One regex instead of a Python test per word: tokenizing is the checks' largest single cost.
_FREE_WORD = re.compile(f"(?<![{_LETTERS}{_GLUED}])[{_LETTERS}]++(?![{_GLUED}])")

_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of a NamedTuple


def tokenize(block: Block) -> list[Token]:
    text = block.text
    matches = _FREE_WORD.finditer(text)
    skipped = skipped_spans(block)
    if skipped:
        matches = [m for m in matches if not any(s <= m.start() < e for s, e in skipped)]
    if _MARKS.search(text) is None:  # most paragraphs have no diacritics or tatweel
        return [
            _new_token(Token, (m.start(), m.end(), word, word))
            for m in matches
            if len(word := m.group()) <= MAX_WORD
        ]
    tokens = []
    for match in matches:
        raw = match.group()
        clean = clean_word(raw)
        if clean and len(clean) <= MAX_WORD:
            tokens.append(_new_token(Token, (match.start(), match.end(), raw, clean)))
    return tokens
