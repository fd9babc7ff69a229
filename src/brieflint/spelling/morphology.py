"""Just enough Arabic morphology to explain an error: clitics, and the patterns of the derived
verb forms whose masdar and past tense begin with hamzat al-wasl."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Proclitic clusters, longest first: conjunction, preposition, article.
PREFIXES = (
    "وبال",
    "فبال",
    "وكال",
    "فكال",
    "وللل",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ال",
    "وب",
    "فب",
    "ول",
    "فل",
    "وك",
    "فك",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "",
)
# Suffixes after the stem of a masdar or past tense: plural/dual/feminine endings, pronouns.
_SUFFIX = r"(?:ات|ة|ه|ها|هما|هم|هن|ي|ية|يات|يين|يان|ين|ون|وا|ت|تا|تم|تن|نا|ك|كم|ان|ا)?"
_SUFFIX_PLUS = _SUFFIX + r"(?:ها|هم|ه|هما|كم|نا)?"

# (pattern on the hamza-less stem, form, Arabic name of the pattern)
WASL_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rf"^{core}{_SUFFIX_PLUS}$"), form, name)
    for core, form, name in (
        # Form VIII before VII: «انتخاب» is افتعال of ن-خ-ب, not انفعال.
        (r"ا[^ا]ت[^ا]ا[^ا]", "VIII", "افتعال"),  # اجتماع، انتخاب، اعتقال
        (r"ا[^ا]ت[^ا]ا[ءئ]", "VIII", "افتعال"),  # ابتداء، اقتضاء
        (r"ا(?:زد|صط|ضط|ظط|طّ?|دّ?|تّ?)[^ا]ا[^ا]", "VIII", "افتعال"),  # ازدياد، اضطراب، اتفاق
        (r"ا[^ا]ت[^ا]{2}", "VIII", "افتعل"),  # اجتمع (past)
        (r"است[^ا]{2}ا[^ا]", "X", "استفعال"),  # استثمار، استقرار
        (r"است[^ا]ا[^ا]", "X", "استفعال"),  # استفادة (hollow root: استفاد + ة)
        (r"است[^ا][^ا]ا[ءئ]", "X", "استفعال"),  # استدعاء
        (r"است[^ا]{2,3}", "X", "استفعل"),  # استقال، استثمر (past)
        (r"ان[^ا]{2}ا[^ا]", "VII", "انفعال"),  # انسحاب، انتشار
        (r"ان[^ا]{3}", "VII", "انفعل"),  # انسحب (past)
    )
)


# The prefixes a word can start with, by its first letter, in PREFIXES order ("" last).
_PREFIXES_BY_LETTER = {
    letter: tuple(p for p in PREFIXES if p.startswith(letter) or not p)
    for letter in {p[0] for p in PREFIXES if p}
}


@dataclass(frozen=True)
class Split:
    prefix: str
    stem: str


@lru_cache(maxsize=100_000)
def splits(word: str) -> tuple[Split, ...]:
    """Every way to read ``word`` as proclitics + a stem of at least two letters (memoised:
    the checks of one word ask several times, and a brief repeats its words)."""
    candidates = _PREFIXES_BY_LETTER.get(word[:1], ("",))
    return tuple(
        Split(p, word[len(p) :])
        for p in candidates
        if word.startswith(p) and len(word) - len(p) >= 2
    )


def wasl_form(stem: str) -> tuple[str, str] | None:
    """(form, pattern name) when ``stem`` (written with a plain alef) is the masdar or past tense
    of a derived form VII, VIII or X verb."""
    for pattern, form, name in WASL_PATTERNS:
        if pattern.match(stem):
            return form, name
    return None
