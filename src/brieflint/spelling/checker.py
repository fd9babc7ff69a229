"""Classify every Arabic word of a draft: correct, or which orthography error it shows.

Each word gets at most one explanation, tried from the most specific to the least: a negation
particle glued to its verb, hamzat al-wasl written as qat', a missing hamza or madda, ta
marbuta/ha, alef maqsura/ya, a doubled letter — and only when none applies, an unknown word.
A suggestion is only ever a form the dictionary accepts. The document's analysis
(``analysis.Analysis.spelling``) classifies its words once; each spelling rule then reports the
words of its own kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from ..model import Block, Document, Location
from .dictionary import Dictionary, shipped_words
from .lexicon import (
    hamza_corrections,
    joined_particles,
    maqsura_words,
    name_titles,
    root_ha_words,
    wasl_nouns,
)
from .morphology import splits, wasl_form
from .suggest import near_words  # noqa: F401 - importable from here, as before the split
from .tokens import Token, tokenize

HAMZA_ALEFS = "أإ"


@dataclass(frozen=True)
class Issue:
    kind: str  # particle, hamza-wasl, hamza, madda, ta-marbuta, alef-maqsura, doubled, unknown
    block: Block
    block_index: int | None  # index in doc.blocks, or None inside a note
    token: Token
    suggestion: str = ""  # the corrected word (clean form); alternatives separated by «|»
    detail: str = ""  # e.g. the verb pattern for hamzat al-wasl

    @property
    def suggestions(self) -> list[str]:
        return self.suggestion.split("|") if self.suggestion else []

    @property
    def start(self) -> int:
        return self.token.start

    @property
    def end(self) -> int:
        return self.token.end


class Classifier:
    """Explains one word, given the dictionary."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.known = dictionary.known
        self.base_word = dictionary.is_base_word

    def classify(self, word: str) -> tuple[str, str, str] | None:
        """(kind, suggestion, detail) for a misspelt word, or None if it is correct."""
        known = self.known(word)
        for check in (
            self._particle,
            self._hamza_wasl,
            self._hamza,
            self._ta_marbuta,
            self._alef_maqsura,
            self._doubled,
        ):
            found = check(word, known)
            if found:
                return found
        if not known:
            return "unknown", "", ""
        return None

    def _particle(self, word: str, known: bool):
        if known or word in joined_particles():
            return None
        for split in splits(word):
            if split.prefix not in {"", "و", "ف"}:
                continue
            stem = split.stem
            for particle in ("لا", "ما"):
                rest = stem[len(particle) :]
                if stem.startswith(particle) and len(rest) >= 2 and self.known(rest):
                    return "particle", f"{split.prefix}{particle} {rest}", particle
        return None

    def _hamza_wasl(self, word: str, known: bool):
        for split in splits(word):
            stem = split.stem
            if stem[:1] not in HAMZA_ALEFS or len(stem) < 3:
                continue
            plain = "ا" + stem[1:]
            listed = plain in wasl_nouns() or any(
                plain.startswith(n) for n in wasl_nouns() if len(n) > 6
            )
            form = wasl_form(plain)
            if not (form or listed):
                continue
            if known and not listed:
                continue
            candidate = split.prefix + plain
            if (
                split.prefix.endswith("ل")
                and not split.prefix.endswith("ال")
                and plain.startswith("ال")
            ):
                continue
            if self.known(candidate):
                detail = form[1] if form else "noun"
                return "hamza-wasl", candidate, detail
        return None

    def _hamza(self, word: str, known: bool):
        corrections = hamza_corrections()
        for split in splits(word):
            # «واحد» is a word of its own, not «و» + «احد»: a clitic reading must be the only one.
            if split.stem in corrections and (not split.prefix or not self.base_word(word)):
                return "hamza", split.prefix + corrections[split.stem], ""
        if known:
            return None
        found = set()
        for split in splits(word):
            stem = split.stem
            # The article's alef never takes a hamza (Ayaspell accepts «ألدولة» as «أ» + «الدولة»),
            # and a short stem after a clitic is more often a foreign name («باور») than a word.
            article = split.prefix.endswith("ال") or split.prefix.endswith("لل")
            if (
                stem[:1] != "ا"
                or stem.startswith("ال")
                or (split.prefix and not article and len(stem) < 4)
            ):
                continue
            for alef in "أإآ":
                candidate = split.prefix + alef + stem[1:]
                if self.known(candidate):
                    found.add(candidate)
        if not found:
            return None
        # «الاليات»: Ayaspell also accepts «أليات», but the word is «آليات»: with only those two
        # readings the madda comes first; otherwise أ, then إ, then آ (their frequency in prose).
        order = (
            "آأإ"
            if len(found) == 2 and any("آ" in c for c in found) and any("أ" in c for c in found)
            else "أإآ"
        )
        ranked = sorted(found, key=lambda c: next(order.index(ch) for ch in c if ch in order))
        kind = "madda" if "آ" in ranked[0] and "آ" not in word else "hamza"
        return kind, "|".join(ranked), ""

    def _ta_marbuta(self, word: str, known: bool):
        if len(word) < 3 or word[-1] not in "هة":
            return None
        swapped = word[:-1] + ("ة" if word[-1] == "ه" else "ه")
        if not known:
            return ("ta-marbuta", swapped, "") if self.known(swapped) else None
        # Known as «noun + his», but a definite noun cannot take a possessive pronoun, and a
        # nisba ending «يه» is a feminine adjective: «الحكومه» and «داخليه» mean «…ة».
        if word[-1] == "ه" and self.known(swapped) and not _root_ha(word):
            definite = any(
                s.prefix.endswith("ال") or s.prefix.endswith("لل") for s in splits(word) if s.prefix
            )
            # Without the article, «…يه» is as often «أراضيه» (its lands) as «داخليه»: only the
            # definite form is certain.
            if definite:
                return "ta-marbuta", swapped, "definite"
        return None

    def _alef_maqsura(self, word: str, known: bool):
        if word[-1:] not in "يى":
            return None
        swapped = word[:-1] + ("ى" if word[-1] == "ي" else "ي")
        if not known:
            # A final ى written for ي is certain on a definite word (الأمريكى) and on the
            # function words (فى، الذى، التى); elsewhere «…ى» is as often a name (يحيى، موسى).
            definite = any(s.prefix.endswith("ال") for s in splits(word) if s.prefix)
            if self.known(swapped) and (word[-1] == "ي" or definite or _function_word(word)):
                return "alef-maqsura", swapped, ""
            # «الي» → «إلى»: a missing hamza and a dotted final ya at once
            if word.endswith("الي") and self.known(word[:-3] + "إلى"):
                return "alef-maqsura", word[:-3] + "إلى", ""
            return None
        if word[-1] == "ي":
            for split in splits(word):
                if (
                    split.prefix not in {"", "و", "ف"}
                    or split.stem[:-1] + "ى" not in maqsura_words()
                ):
                    continue
                if split.prefix and self.base_word(word):
                    continue  # «فعلي» (actual) is a word, not ف + «علي»
                if split.stem in {"علي", "إلي"}:
                    return "alef-maqsura", swapped, "contextual"
                return "alef-maqsura", split.prefix + split.stem[:-1] + "ى", ""
        return None

    def _doubled(self, word: str, known: bool):
        if known:
            return None
        for i in range(len(word) - 1):
            if i == 0 and word[0] in "بلكفو":
                continue  # «ببغداد» is ب + بغداد; a doubled clitic letter is usually a name
            if word[i] == word[i + 1]:
                candidate = word[:i] + word[i + 1 :]
                if self.known(candidate):
                    return "doubled", candidate, word[i]
        return None


_FUNCTION_WORDS_MAQSURA = frozenset({"فى", "الذى", "التى", "اللذى", "اللتى"})


def _function_word(word: str) -> bool:
    return any(split.stem in _FUNCTION_WORDS_MAQSURA for split in splits(word))


def _root_ha(word: str) -> bool:
    return any(
        split.stem in root_ha_words() or ("ال" + split.stem) in root_ha_words()
        for split in splits(word)
    )


@cache
def classifier_for(dictionary: Dictionary) -> Classifier:
    """One classifier per dictionary, its verdicts memoised across the documents of a run."""
    classifier = Classifier(dictionary)
    classifier.classify = lru_cache(maxsize=200_000)(classifier.classify)
    return classifier


def document_words(doc: Document, reference_blocks: Iterable[Block]) -> frozenset[str]:
    """Words the document itself vouches for: its cover metadata and its reference list."""
    texts = [entry.value for entry in doc.metadata.values()]
    texts += [block.text for block in reference_blocks]
    return _words_of(tuple(texts))


@lru_cache(maxsize=32)
def _words_of(texts: tuple[str, ...]) -> frozenset[str]:
    """The stems of the words of ``texts`` (the same texts again, as the language server
    re-checks a draft whose cover and references did not change, cost nothing)."""
    words: set[str] = set()
    for text in texts:
        for token in tokenize(Block("paragraph", text, Location(1, 1))):
            for split in splits(token.clean):
                words.add(split.stem)
    return frozenset(words)


def classify_words(
    doc: Document,
    blocks: Iterable[tuple[Block, int | None, bool]],
    tokens: Callable[[Block], list[Token]],
    dictionary: Dictionary,
) -> list[Issue]:
    """Every misspelt word of ``blocks`` — (block, index, is_reference_entry) — classified."""
    blocks = list(blocks)
    classifier = classifier_for(dictionary)
    vouched = document_words(doc, (block for block, _, is_reference in blocks if is_reference))
    issues: list[Issue] = []
    for block, index, is_reference in blocks:
        words = tokens(block)
        for position, token in enumerate(words):
            word = token.clean
            found = classifier.classify(word)
            if found is None:
                continue
            kind, suggestion, detail = found
            # Names of the draft's own cover and reference list are not misspellings, and the
            # reference list itself is full of names: only explained errors are looked for there.
            if kind in {"unknown", "doubled"} and (is_reference or _vouched(word, vouched)):
                continue
            if detail == "contextual" and not _preposition_in_context(words, position, classifier):
                continue
            issues.append(Issue(kind, block, index, token, suggestion, detail))
    return issues


def _vouched(word: str, vouched: set[str]) -> bool:
    return any(split.stem in vouched for split in splits(word))


def _preposition_in_context(tokens: list[Token], position: int, classifier: Classifier) -> bool:
    """«علي» is the name Ali after a title or before an unknown word (a surname); otherwise, in
    policy prose, it is the preposition على typed with a dotted ya."""
    previous = tokens[position - 1].clean if position else ""
    following = tokens[position + 1].clean if position + 1 < len(tokens) else ""
    if previous in name_titles() or following in name_titles():
        return False
    if any(split.stem in shipped_words() for split in splits(following)):
        return False  # «علي خامنئي»: a surname from the list of proper nouns
    return bool(following) and classifier.known(following)
