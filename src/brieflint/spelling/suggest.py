"""Suggestions for an unknown word: dictionary words one plausible edit away."""

from __future__ import annotations

import time
from collections.abc import Callable

# Letters typed for one another: same shape but for dots or hamza, or neighbours on the Arabic
# keyboard. Substitutions and insertions try only these, which keeps a suggestion to a few
# hundred dictionary look-ups instead of thousands.
_CONFUSABLE = [
    "اأإآء",
    "ؤوء",
    "ئيىء",
    "هة",
    "تة",  # «الحكومت»: a ta marbuta typed, or heard, as an open ta
    "تثن",
    "بتثني",
    "جحخ",
    "دذ",
    "رز",
    "سش",
    "صض",
    "طظ",
    "عغ",
    "فق",
    "كل",
    "من",
    "ضص",
    "قف",
    "غع",
    "هخ",
    "يس",
    "بل",
    "ات",
    "نم",
    "كم",
    "طك",
]
_NEIGHBOURS: dict[str, str] = {}
for _group in _CONFUSABLE:
    for _letter in _group:
        _NEIGHBOURS[_letter] = "".join(
            dict.fromkeys(_NEIGHBOURS.get(_letter, "") + _group.replace(_letter, ""))
        )


def near_words(word: str, dictionary_known: Callable[[str], bool], budget_end: float) -> list[str]:
    """Dictionary words one edit away from ``word``, most plausible edit first: a deleted
    letter, two swapped letters, a confusable letter, a missing letter. Stops at
    ``budget_end`` (a time.perf_counter() value)."""
    found: list[str] = []
    seen = {word}

    def candidates():
        for i in range(len(word)):
            yield word[:i] + word[i + 1 :]
        for i in range(len(word) - 1):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i, letter in enumerate(word):
            for other in _NEIGHBOURS.get(letter, ""):
                yield word[:i] + other + word[i + 1 :]
        for i in range(len(word) + 1):
            near = set(_NEIGHBOURS.get(word[i - 1], "") if i else "") | set(word[i : i + 1])
            for letter in near | set("اوي"):
                yield word[:i] + letter + word[i:]

    for candidate in candidates():
        if candidate in seen:
            continue
        seen.add(candidate)
        if dictionary_known(candidate):
            found.append(candidate)
        if time.perf_counter() > budget_end:
            break
    return found
