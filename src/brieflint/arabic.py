"""Arabic text normalisation used to compare headings, names and titles by meaning."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .model import to_western_digits

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
_INVISIBLE = re.compile(f"[{TATWEEL}{BIDI_CONTROLS}{ZERO_WIDTH}]")
_LETTER_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و"})
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
LATIN_LETTER = re.compile("[A-Za-z]")

# Ordinal prefixes authors put before headings: «أولاً:», «ثانياً -», «1.», «(أ)».
_ORDINALS = [
    "اولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "خامسا",
    "سادسا",
    "سابعا",
    "ثامنا",
    "تاسعا",
    "عاشرا",
    "الحادي",
    "عشر",
    "الثاني",
    "عشر",
    "حادي",
    "عشر",
    "ثاني",
    "عشر",
]
_NUMBERING = re.compile(
    r"^\s*(?:[\(\[]?[0-9٠-٩]+[\)\]\.\-–:]?|[\(\[]?[أ-ي][\)\]]|[IVXivx]+[\.\-])\s+"
)
_CLITICS = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Compare-equal form: no diacritics, tatweel or invisibles; one alef, ya and ha shape.
    (Memoised: several rules fold every paragraph, and the language server the same ones on
    every change.)"""
    text = unicodedata.normalize("NFKC", text)
    text = DIACRITICS.sub("", strip_invisible(text))
    return to_western_digits(text.translate(_LETTER_FOLD)).lower()


def words(text: str) -> list[str]:
    """Folded words of ``text`` without punctuation."""
    return _PUNCT.sub(" ", fold(text)).split()


def strip_clitics(word: str, *, min_stem: int = 3) -> str:
    """Remove one leading clitic cluster (و، ف، ب، ل، ك، ال…) from a folded word."""
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= min_stem:
            return word[len(clitic) :]
    return word


def heading_words(text: str) -> list[str]:
    """The content words of a heading: no numbering, ordinal prefix, punctuation or clitics."""
    text = _NUMBERING.sub("", fold(text).strip())
    tokens = words(text)
    while tokens and tokens[0] in _ORDINALS:
        tokens = tokens[1:]
    return [strip_clitics(t) for t in tokens]


_ORDINAL_WORD = re.compile(
    r"^\s*(?:[اأإآ]ول|ثان|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)[يىا\u064b-\u0652]{0,4}"
    r"\s*[:：\-–.)]\s*"
)
_NUMBER_PREFIX = re.compile(r"^\s*[\(\[]?[0-9٠-٩]{1,2}[\)\]]?\s*[\.\-–:)]?\s+")


def ordinal_prefix(text: str) -> str:
    """The numbering a heading starts with, as typed: «رابعاً: », «ثانياً - », «1. », «(3) »,
    «٤- »; "" when there is none."""
    match = _ORDINAL_WORD.match(text) or _NUMBER_PREFIX.match(text)
    return match.group(0) if match else ""


def heading_key(text: str) -> str:
    return " ".join(heading_words(text))


@lru_cache(maxsize=4096)
def is_mostly_latin(text: str) -> bool:
    latin = len(LATIN_LETTER.findall(text))
    arabic = len(ARABIC_LETTER.findall(text))
    return latin > arabic
