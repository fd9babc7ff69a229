"""Classify every Arabic word of a draft: correct, or which orthography error it shows.

Each word gets at most one explanation, tried from the most specific to the least: Persian
letters, a negation particle glued to its verb, hamzat al-wasl written as qat', a missing hamza
or madda, ta marbuta/ha, alef maqsura/ya, a doubled letter — and only when none applies, an
unknown word.
A suggestion is only ever a form the dictionary accepts. Where the dictionary accepts both
spellings of a word, a frequency prior decides (``lexicon.variant_counts``: how often general
Arabic writes each spelling, from wordfreq), and context rules where frequency cannot (علي /
عليّ, «سنه واحدة»); such a verdict carries its evidence, and its fix is not certain. The
document's analysis (``analysis.Analysis.spelling``) classifies its words once; each spelling
rule then reports the words of its own kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from ..model import Block, Document, Location
from .dictionary import Dictionary, shipped_words
from .lexicon import (
    attested,
    common_frequency,
    construct_heads,
    genitive_nouns,
    given_names,
    hamza_corrections,
    joined_particles,
    maqsura_words,
    name_heads,
    name_titles,
    root_ha_words,
    variant_counts,
    wasl_nouns,
)
from .morphology import PREFIXES, splits, wasl_form
from .suggest import near_words  # noqa: F401 - importable from here, as before the split
from .tokens import Token, clean_word, tokenize

HAMZA_ALEFS = "أإ"
SHADDA = "\u0651"

# Frequency evidence (occurrences per billion words of general Arabic, wordfreq): how many times
# more often a competing spelling must be written than the word for the word to be reported.
HAMZA_RATIO = 2.5  # a known bare-alef form against its hamza spellings (وان → وأن/وإن)
VARIANT_RATIO = 5.0  # a known word against its ة/ه or ى/ي twin (سنه → سنة), with context
STRONG_RATIO = 20.0  # … whatever the context (غزه → غزة، نفسة → نفسه)
CONSTRUCT_RATIO = 3.0  # a listed construct head (دوره → دورة) before a definite noun
COMMON = 300  # a form written this often is not a typo (ممنهج، تغريدة)
HIS_RATIO = 0.5  # «…ه» (his …) written at least half as often as «…ة»: context may decide
FLOOR = 50  # the rarest count the shipped data holds: an unlisted form is rarer than this
# Persian and Urdu letters typed for the Arabic ones (a Persian keyboard layout)
PERSIAN = {"\u06cc": "ي", "\u06a9": "ك", "\u06d5": "ه", "\u06be": "ه", "\u06c1": "ه"}
_FUSED_PRONOUNS = {
    "ماهي": "ما هي",
    "ماهو": "ما هو",
    "ماهم": "ما هم",
    "ماهن": "ما هن",
    "ماهما": "ما هما",
}


@dataclass(frozen=True)
class Issue:
    kind: str  # persian, particle, hamza-wasl, hamza, madda, ta-marbuta, alef-maqsura, doubled,
    # unknown
    block: Block
    block_index: int | None  # index in doc.blocks, or None inside a note
    token: Token
    suggestion: str = ""  # the corrected word (clean form); alternatives separated by «|»
    detail: str = ""  # e.g. the verb pattern for hamzat al-wasl
    # Why a variant decision was taken when a dictionary alone cannot say: frequency evidence
    # or the context rule that decided (English, Arabic); empty for a dictionary decision.
    evidence: tuple[str, str] = ("", "")
    certain: bool = True  # False: the fix depends on context the checker cannot see (unsafe)

    @property
    def suggestions(self) -> list[str]:
        return self.suggestion.split("|") if self.suggestion else []

    @property
    def start(self) -> int:
        return self.token.start

    @property
    def end(self) -> int:
        return self.token.end


class Verdict(NamedTuple):
    kind: str
    suggestion: str
    detail: str = ""
    evidence: tuple[str, str] = ("", "")
    certain: bool = True


def _count(word: str) -> int:
    return variant_counts(word).get(word, 0)


def _rarity(word: str) -> int:
    """The count to divide by: the word's own when the data lists it (a rare twin such as
    «هشاشه» is listed with its small count), else FLOOR (an unlisted form is rarer than that)."""
    counts = variant_counts(word)
    return max(counts[word], 10) if word in counts else FLOOR


def _ratio_evidence(best: str, word: str) -> tuple[str, str]:
    """«general Arabic writes «best» N times as often as «word»» in both languages."""
    ratio = _count(best) / _rarity(word)
    shown = f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"
    return (
        f"variant evidence: general Arabic writes «{best}» {shown}× as often as «{word}»",
        f"دليل الشيوع: يُكتب «{best}» في العربية العامة {shown} ضعف «{word}»",
    )


def _both_words(first: str, second: str) -> tuple[str, str]:
    """Why a dotless final «ی» or a final «ە» is not read with certainty."""
    return (
        f"both «{first}» and «{second}» are words: the context decides",
        f"«{first}» و«{second}» كلتاهما كلمة صحيحة، والسياق يحدد المقصود",
    )


def _common(word: str) -> bool:
    """General Arabic writes ``word`` often, and no competing spelling far more often: it is a
    word (a name, a loanword, a derived form the dictionary lacks), not a typo."""
    counts = variant_counts(word)
    own = counts.get(word, 0)
    return own >= COMMON and all(c < HAMZA_RATIO * own for f, c in counts.items() if f != word)


def _only_hamza_added(word: str, other: str) -> bool:
    """``other`` is ``word`` with a hamza or madda put on the bare alef that begins its stem
    (after the clitics): «وان» → «وأن». An alef inside the word is left to the dictionary:
    «بدا» (it seemed) is no misspelt «بدأ»."""
    if len(word) != len(other) or word == other:
        return False
    changed = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    # …and the madda of the mafʿal pattern after its «م»: «مالات» → «مآلات», «ماسي» → «مآسي»
    return all(
        word[i] == "ا"
        and (
            (other[i] in "أإآ" and word[:i] in _CLITICS)
            or (other[i] == "آ" and i == 1 and word[0] == "م")
        )
        for i in changed
    )


class Classifier:
    """Explains one word, given the dictionary."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.known = dictionary.known
        self.base_word = dictionary.is_base_word

    def classify(self, word: str) -> tuple[str, str, str] | None:
        """(kind, suggestion, detail) for a misspelt word, or None if it is correct."""
        found = self.verdict(word)
        return tuple(found[:3]) if found else None  # type: ignore[return-value]

    def verdict(self, word: str) -> Verdict | None:
        """The explained verdict on ``word`` — kind, suggestion, detail, evidence and whether
        its fix is certain — or None if it is correct."""
        known = self.known(word)
        for check in (
            self._persian,
            self._particle,
            self._hamza_wasl,
            self._hamza,
            self._ta_marbuta,
            self._alef_maqsura,
        ):
            found = check(word, known)
            if found:
                return Verdict(*found)
        if known or _common(word) or attested(word) or self._prefix_and_root_letter(word):
            return None
        # «وديزني», «ونتفليكس»: a conjunction or preposition before a common form
        if any(
            s.prefix
            and s.prefix[-1] in "وفبلك"
            and len(s.stem) >= 4
            and (_common(s.stem) or attested(s.stem))
            for s in splits(word)
        ):
            return None
        found = self._doubled(word, known)
        if found:
            return Verdict(*found)
        return Verdict("unknown", "")

    def vowelled_alef(self, raw: str) -> Verdict | None:
        """A fatha or damma on a bare alef («ماَل», «اُسرة») stands for the hamza the author
        meant: an alef carries no vowel of its own. The word read with «آ» or «أ» in its place,
        the one the dictionary knows (the madda first after a first letter: «مآل»)."""
        at = next(
            (i for i, ch in enumerate(raw[:-1]) if ch == "ا" and raw[i + 1] in "\u064e\u064f"), -1
        )
        if at < 0:
            return None
        marked = clean_word(raw[:at] + "\u0000" + raw[at + 2 :])
        i = marked.index("\u0000")
        alefs = "آأ" if raw[at + 1] == "\u064e" and i == 1 else "أآ"
        if raw[at + 1] == "\u064f":
            alefs = "أ"
        found = [marked[:i] + a + marked[i + 1 :] for a in alefs]
        found = [c for c in found if self.known(c)]
        if not found:
            return None
        kind = "madda" if found[0][i] == "آ" else "hamza"
        return Verdict(kind, "|".join(found), "vowel-on-alef")

    def _persian(self, word: str, known: bool):
        if not any(ch in PERSIAN for ch in word):
            return None
        arabic = "".join(PERSIAN.get(ch, ch) for ch in word)
        candidates = [arabic]
        # A final Persian ye has no dots: it stands for ى as often as ي; a final ە (ae) for ة as
        # often as ه. The form the dictionary knows, and general Arabic writes more, comes first.
        other = {"\u06cc": "ى", "\u06d5": "ة"}.get(word[-1])
        if other:
            candidates = sorted(
                [arabic, arabic[:-1] + other], key=lambda c: (not self.known(c), -_count(c))
            )
        letters = "".join(dict.fromkeys(ch for ch in word if ch in PERSIAN))
        if self.known(candidates[0]):
            other = len(candidates) > 1 and self.known(candidates[1])
            certain = not other or _count(candidates[0]) >= VARIANT_RATIO * max(
                _count(candidates[1]), FLOOR
            )
            evidence = ("", "") if certain else _both_words(*candidates[:2])
            return "persian", candidates[0], letters, evidence, certain
        return "persian", arabic, letters, ("", ""), False

    def _particle(self, word: str, known: bool):
        for split in splits(word):
            if split.prefix in {"", "و", "ف"} and split.stem in _FUSED_PRONOUNS:
                return "particle", split.prefix + _FUSED_PRONOUNS[split.stem], "ما"
        if known or word in joined_particles():
            return None
        own = _count(word)
        for split in splits(word):
            if split.prefix not in {"", "و", "ف"}:
                continue
            stem = split.stem
            for particle in ("لا", "ما"):
                rest = stem[len(particle) :]
                if not stem.startswith(particle) or len(rest) < 3 or not self.known(rest):
                    continue
                hamza = split.prefix + stem[0] + "أ" + stem[2:]
                if _count(hamza) > max(own, FLOOR) and self.known(hamza):
                    continue  # «لانها» is «لأنها» without its hamza, not «لا نها»
                if particle == "ما" and self.known(split.prefix + "مآ" + stem[2:]):
                    continue  # «ماثرها» is «مآثرها» without its madda, not «ما ثرها»
                # «لا» negates a present-tense verb (لا يمكن); «ما» also a past one (ما قاله).
                # Anything else is more likely a name: «لامار»، «ماكارتي».
                verb = rest[0] in "يتنأ" or (particle == "ما" and _past_verb_shape(rest))
                if not verb:
                    continue
                # A joined form general Arabic writes often while its rest is rare is a name
                # of its own («مارفل»); «لايوجد» is common too, but «يوجد» far more so.
                if own >= 100 and not _count(rest):
                    continue
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
            # A foreign name that happens to fit a verb pattern («إستونيا») is written with its
            # hamza in general Arabic: no derived-verb explanation is invented for it.
            if not listed and _count(word) >= COMMON and _count(word) >= _count(candidate):
                continue
            # «ألتمان» is a name, not the article + «تمان» read as a form-VIII masdar: a stem
            # in «الت…» must be a word of its own.
            if not listed and plain.startswith("ال") and not self.base_word(plain):
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
                right = split.prefix + corrections[split.stem]
                if split.prefix and right[len(split.prefix)] == "أ":
                    # «فانه» is «فإنه» far more often than «فأنه»; «وانه» is either
                    other = split.prefix + "إ" + right[len(split.prefix) + 1 :]
                    ranked = sorted((right, other), key=lambda c: -_count(c))
                    if self.known(other) and _count(ranked[1]) * 5 >= _count(ranked[0]):
                        return "hamza", "|".join(ranked), ""
                    if self.known(other):
                        return "hamza", ranked[0], ""
                return "hamza", right, ""
        if known:
            by_frequency = self._hamza_by_frequency(word)
            if by_frequency and by_frequency[2] == "frequency":
                return by_frequency
            return self._mafal_madda(word) or by_frequency
        if word in joined_particles():
            return None  # «لازال» is «لا زال» joined, not «ل» + «أزال»
        found = set()
        for split in splits(word):
            stem = split.stem
            # The article's alef never takes a hamza (Ayaspell accepts «ألدولة» as «أ» + «الدولة»),
            # and a short stem after a clitic is more often a foreign name («باور») than a word.
            article = split.prefix.endswith("ال") or split.prefix.endswith("لل")
            if (
                stem[:1] != "ا"
                or (stem.startswith("ال") and not article)  # after the article: «الاليات»
                or (split.prefix and not article and len(stem) < 4)
            ):
                # A madda dropped after the stem's first letter: «ماخذ» → «مآخذ».
                # After a clitic only the mafʿal plural: «المارب» → «المآرب».
                if (
                    (not split.prefix or stem[0] == "م")
                    and len(stem) >= 4
                    and stem[1] == "ا"
                    and stem[0] != "ا"
                ):
                    for alef in "آأ" if not split.prefix else "آ":
                        candidate = split.prefix + stem[0] + alef + stem[2:]
                        if self.known(candidate):
                            found.add(candidate)
                continue
            for alef in "أإآ":
                candidate = split.prefix + alef + stem[1:]
                if self.known(candidate):
                    found.add(candidate)
        # «الاف» is «آلاف», not the article + «اف»: the first alef itself, when general Arabic
        # writes the word so.
        if word.startswith("ال"):
            for alef in "آأإ":
                candidate = alef + word[1:]
                if _count(candidate) > _count(word) and self.known(candidate):
                    found.add(candidate)
        # «ادي» → «أدى»: the spelling general Arabic writes far more than any other of the word's
        # group (hamza and final letter both restored), when the dictionary knows it.
        group = variant_counts(word)
        if group:
            top = max(group, key=group.__getitem__)
            rest = max((c for f, c in group.items() if f != top), default=0)
            hamza_added = any(a in "أإآ" and b == "ا" for a, b in zip(top, word, strict=False))
            if hamza_added and group[top] >= STRONG_RATIO * rest and self.known(top):
                found.add(top)
        own = _count(word)
        # A candidate general Arabic writes far less often than the word itself is no
        # correction («لازال» is no «لأزال»), nor a preposition glued to a rare word («كاغان» is
        # a name, not ك + «أغان»); «ان» keeps both «أن» and «إن».
        found = {
            c
            for c in found
            if (not own or _count(c) * 10 > own) and (c[0] not in "كبل" or c[1] == "ا" or _count(c))
        }
        if not found:
            return None
        # The most frequent spelling first, then أ, إ, آ (their frequency in prose): «الامن» →
        # «الأمن» before «الآمن». A madda after «م» (ماخذ → مآخذ, the plural pattern of a
        # hamza root) comes first whatever «مأخذ» counts.
        # With only an «أ» and an «آ» reading the madda comes first («اجال» → «آجال», «تاكل» →
        # «تآكل»: Ayaspell also accepts «أجال», «تأكل») unless general Arabic writes the «أ»
        # form ten times as often.
        order = "أإآ"
        madda = [c for c in found if "آ" in c]
        hamza = [c for c in found if "أ" in c]
        if (
            len(found) == 2
            and madda
            and hamza
            and _count(hamza[0]) < 10 * max(_count(madda[0]), FLOOR)
        ):
            order = "آأإ"
        ranked = sorted(
            found,
            key=lambda c: (
                not (c.startswith("مآ") and word.startswith("ما")),
                -_count(c) if order == "أإآ" else 0,
                next((order.index(ch) for ch in c if ch in order), len(order)),
            ),
        )
        kind = "madda" if "آ" in ranked[0] and "آ" not in word else "hamza"
        if ranked[0][-1] != word[-1]:  # the final letter too: filed under it, as «الي» → «إلى»
            kind = "alef-maqsura" if ranked[0][-1] in "ىي" else "ta-marbuta"
        evidence = _ratio_evidence(ranked[0], word) if _count(ranked[0]) else ("", "")
        return kind, "|".join(ranked), "", evidence, True

    def _hamza_by_frequency(self, word: str):
        """A word the dictionary knows (as clitic + stem, often) but general Arabic writes with a
        hamza far more often: «وان» → «وأن/وإن», «انهم» → «أنهم»."""
        counts = variant_counts(word)
        if not counts or "ا" not in word:
            return None
        own = max(counts.get(word, 0), FLOOR)
        rivals = sorted(
            ((c, f) for f, c in counts.items() if _only_hamza_added(word, f) and self.known(f)),
            reverse=True,
        )
        total = sum(c for c, _ in rivals)
        if not rivals or total < own:
            return None
        best = rivals[0][0]
        ranked = [f for c, f in rivals if c * 5 >= best]
        kind = "madda" if "آ" in ranked[0] else "hamza"
        # Informal writing drops this hamza almost as often as not («اعرف», «اجمل»): without a
        # clear majority, a context rule must rule out the bare form's own reading.
        detail = "frequency" if total >= HAMZA_RATIO * own else "hamza-context"
        return kind, "|".join(ranked), detail, _ratio_evidence(ranked[0], word), False

    def _mafal_madda(self, word: str):
        """A known word in «ما…» whose madda reading is a mafʿal plural general Arabic writes at
        least half as often: «ماسي» (of diamond) / «مآسي» (tragedies), «مالات» / «مآلات». Only
        the plural can head a construct; classify_words decides from the next word (unsafe)."""
        if len(word) < 4 or not word.startswith("ما"):
            return None
        plural = "مآ" + word[2:]
        if 2 * _count(plural) < _rarity(word) or not self.known(plural):
            return None
        return "madda", plural, "madda-context", ("", ""), False

    def _ta_marbuta(self, word: str, known: bool):
        if word in _PREPOSITION_WITH_TA:
            return "ta-marbuta", _PREPOSITION_WITH_TA[word], ""  # «لة» → «له»: no word in ة
        if len(word) < 3 or word[-1] not in "هة":
            return None
        swapped = word[:-1] + ("ة" if word[-1] == "ه" else "ه")
        if not self.known(swapped):
            return None
        own, other = _count(word), _count(swapped)
        if not known:
            # «تغريدة», «هشة»: a form general Arabic writes often is a word the dictionary lacks.
            if own >= COMMON and other < VARIANT_RATIO * own:
                return None
            evidence = _ratio_evidence(swapped, word) if other else ("", "")
            # Ayaspell lacks many nouns in ة: «…ه» is suggested only for a «his …» general
            # Arabic writes.
            if word[-1] == "ة" and other < FLOOR:
                return None
            # «…ة» → «…ه» is never certain: the dictionary may lack a noun or a name («أذنة»,
            # a wadi) whose «his …» twin is common.
            return "ta-marbuta", swapped, "", evidence, word[-1] == "ه"
        ratio = other / _rarity(word)
        if word[-1] == "ة":
            # «نفسة», «موقفة»: a noun in ة general Arabic hardly writes, beside a «…ه» it writes
            # all the time («عملة» (currency) / «عمله» (his work) are both too common to say).
            if ratio >= STRONG_RATIO and not _definite(word):
                return "ta-marbuta", swapped, "frequency", _ratio_evidence(swapped, word), False
            # Both common («عملة»/«عمله», «مصالحة»/«مصالحه»): a context rule decides, in
            # classify_words, whether the noun in ة can stand where it is written.
            if ratio >= HIS_RATIO and not _definite(word):
                return "ta-marbuta", swapped, "his-context", _ratio_evidence(swapped, word), False
            # «يؤدي دورة في …»: «دوره» (his role) is rarer than «دورة» (session), but the object
            # of a verb of playing a role is the role — classify_words looks at the verb.
            if word == "دورة":
                return "ta-marbuta", swapped, "role-context", ("", ""), False
            return None
        if _root_ha(word):
            return None
        # Known as «noun + his», but a definite noun cannot take a possessive pronoun, and a
        # nisba ending «يه» is a feminine adjective: «الحكومه» and «داخليه» mean «…ة».
        # The article must leave a stem of three letters: «والده» is و + «والد» + ه, not
        # و + ال + «ده», and «واليه» is «والي» + ه.
        definite = any(
            (s.prefix.endswith("ال") or s.prefix.endswith("لل")) and len(s.stem) >= 3
            for s in splits(word)
            if s.prefix
        )
        if definite and (not (own or other) or ratio >= 2):
            # «الموجه» (root و-ج-ه) is as common as «الموجة»: the frequency says it is a word
            return "ta-marbuta", swapped, "definite"
        # Without the article «…ه» is as often «his …»: only general Arabic's overwhelming
        # preference for «…ة» reports it, and its fix waits for a reader of the context.
        if not definite and ratio >= VARIANT_RATIO:
            detail = "frequency" if ratio >= STRONG_RATIO else "frequency-context"
            return "ta-marbuta", swapped, detail, _ratio_evidence(swapped, word), False
        # «دوره» (his role) is common beside «دورة» (session): only the construct rule, in
        # classify_words, decides — a definite noun that is no adjective follows.
        if not definite and ratio >= CONSTRUCT_RATIO and _construct_head(word):
            return (
                "ta-marbuta",
                swapped,
                "frequency-construct",
                _ratio_evidence(swapped, word),
                False,
            )
        return None

    def _alef_maqsura(self, word: str, known: bool):
        if word[-1:] not in "يى":
            return None
        swapped = word[:-1] + ("ى" if word[-1] == "ي" else "ي")
        if not known:
            if _common(word) and _count(swapped) < VARIANT_RATIO * _count(word):
                return None
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
                if split.stem in _PRONOUN_READINGS:
                    return "alef-maqsura", swapped, "contextual"
                return "alef-maqsura", split.prefix + split.stem[:-1] + "ى", ""
        if word[-1] == "ي" and not any(s.stem in _PRONOUN_READINGS for s in splits(word)):
            # «الأولي», «تتبني», «سوي»: general Arabic writes the ى form far more often
            ratio = _count(swapped) / _rarity(word)
            if ratio >= VARIANT_RATIO and self.known(swapped):
                return "alef-maqsura", swapped, "frequency", _ratio_evidence(swapped, word), False
            # «سعي» (effort) / «سعى» (he strove): after «قد» only the verb can stand
            if ratio >= 1 and self.known(swapped):
                return "alef-maqsura", swapped, "after-qad", _ratio_evidence(swapped, word), False
        if word[-1] == "ى":
            # «وفى» (he fulfilled) is a word, but general Arabic writes «وفي» (and in) 46× as often
            ratio = _count(swapped) / max(_count(word), FLOOR)
            if ratio >= 2 * VARIANT_RATIO and self.known(swapped):
                return "alef-maqsura", swapped, "frequency", _ratio_evidence(swapped, word), False
        return None

    def _prefix_and_root_letter(self, word: str) -> bool:
        """«وتتجذر» is و + ت (present tense) + «تجذر» (form V), «ممنهج» is م (participle) +
        «منهج»: the same letter twice at the start of a stem, when the stem without one is a
        word, is a prefix and a root letter — a derived form the dictionary lacks, not a typo."""
        for split in splits(word):
            stem = split.stem
            if (
                split.prefix in _VERB_PREFIXES
                and len(stem) >= 4
                and stem[0] == stem[1]
                and stem[0] in "تم"
                and self.known(split.prefix + stem[1:])
            ):
                return True
        return False

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


_CLITICS = frozenset(PREFIXES)
# A one-letter preposition with the pronoun «ه» typed as «ة»: never a word of its own
_PREPOSITION_WITH_TA = {"لة": "له", "بة": "به", "ولة": "وله", "وبة": "وبه", "فلة": "فله"}
# «علي»، «إلي»، «لدي» are also «عليّ»، «إليّ»، «لديّ» (on me, to me, I have) and «علي» the name
_PRONOUN_READINGS = frozenset({"علي", "إلي", "لدي"})
_VERB_PREFIXES = frozenset({"", "و", "ف", "ل", "س", "وس", "فس", "ول", "فل"})


def _past_verb_shape(rest: str) -> bool:
    """Could ``rest`` be a past-tense verb, with an object pronoun or a subject ending? Three or
    four letters once the ending is taken off («قاله», «حدث», «جرى»), never a «…ي» nisba."""
    for ending in ("", "ه", "ها", "هم", "هما", "هن", "ت", "وا", "نا", "كم", "تم"):
        core = rest[: len(rest) - len(ending)] if ending else rest
        if ending and not rest.endswith(ending):
            continue
        if 3 <= len(core) <= 4 and not (len(core) == 4 and core.endswith("ي")):
            return True
    return False


_FUNCTION_WORDS_MAQSURA = frozenset({"فى", "الذى", "التى", "اللذى", "اللتى"})


def _function_word(word: str) -> bool:
    return any(split.stem in _FUNCTION_WORDS_MAQSURA for split in splits(word))


def _definite(word: str) -> bool:
    return any(s.prefix.endswith("ال") or s.prefix.endswith("لل") for s in splits(word) if s.prefix)


def _root_ha(word: str) -> bool:
    return any(
        split.stem in root_ha_words() or ("ال" + split.stem) in root_ha_words()
        for split in splits(word)
    )


@cache
def classifier_for(dictionary: Dictionary) -> Classifier:
    """One classifier per dictionary, its verdicts memoised across the documents of a run."""
    classifier = Classifier(dictionary)
    classifier.verdict = lru_cache(maxsize=200_000)(classifier.verdict)
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
    named: set[str] = set()  # unknown words the draft uses as names somewhere
    for block, index, is_reference in blocks:
        words = tokens(block)
        for position, token in enumerate(words):
            found = classifier.verdict(token.clean)
            if token.raw != token.clean and (found is None or found.kind == "unknown"):
                found = classifier.vowelled_alef(token.raw) or found
            if found is None:
                continue
            kind, suggestion, detail, evidence, certain = found
            word = token.clean
            # Names of the draft's own cover and reference list are not misspellings, and the
            # reference list itself is full of names: only explained errors are looked for there.
            if kind in {"unknown", "doubled"} and (is_reference or _vouched(word, vouched)):
                continue
            if kind == "unknown" and (
                _marked_as_a_name(block.text, token)
                or (
                    _after_a_title_or_place(block, words, position)
                    and not _near_a_user_word(word, dictionary.extra)
                )
            ):
                named.add(word)
                continue
            if kind in {"unknown", "doubled"} and _after_a_first_name(
                block, words, position, classifier
            ):
                named.add(word)
                continue
            # «وادي أذنة»: a word in ة the dictionary lacks, after a place noun, is a place name,
            # not a misspelt «his …»
            if (
                kind == "ta-marbuta"
                and word[-1] == "ة"
                and not classifier.known(word)
                and _after_a_name_head(block, words, position)
            ):
                named.add(word)
                continue
            if (
                detail.startswith("frequency")
                and kind in {"alef-maqsura", "ta-marbuta"}
                and position
                and _after_a_name(words[position - 1])
            ):
                continue  # «محمد المنفي»: a family name, whatever general Arabic writes more
            if (
                kind == "ta-marbuta"
                and detail == "frequency"
                and word.endswith("ه")
                and _nominative_plural_follows(block, words, position, classifier)
            ):
                continue  # «نسبه الباحثون»: a subject follows — «him», never a construct head
            decided = _decided_in_context(
                (detail, evidence, certain), block, words, position, classifier
            )
            if decided is None:
                continue  # the context does not decide: no finding
            detail, evidence, certain = decided
            issues.append(Issue(kind, block, index, token, suggestion, detail, evidence, certain))
    # A word the draft uses as a name once («وادي أذنة») is that name wherever it recurs.
    if named:
        issues = [i for i in issues if i.kind != "unknown" or i.token.clean not in named]
    return issues


def _feminine_in_context(
    block: Block, tokens: list[Token], position: int, classifier: Classifier
) -> tuple[str, str] | None:
    """The context rule that makes «…ه» a noun in ة rather than «his …»: a feminine adjective
    (an indefinite word in ة: «سنه واحدة») or a name («حكومه نتنياهو») follows it. A masculine
    adjective («عامه السادس»), a preposition or the end of the clause leave «his …» possible."""
    token = tokens[position]
    if position and tokens[position - 1].clean in _COMPARATIVES:
        previous = tokens[position - 1].clean
        return (
            f"context rule: after the comparative «{previous}» comes a noun, not «his …»",
            f"قاعدة السياق: بعد اسم التفضيل «{previous}» يأتي تمييز لا اسم مضاف إلى ضمير",
        )
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    if nxt is None or _CLAUSE_END.match(block.text[token.end : nxt.start]):
        return None
    following = nxt.clean
    feminine = following.endswith("ة") or following in _FEMININE_ELATIVES
    if feminine and not _definite(following) and classifier.known(following):
        return (
            f"context rule: the feminine adjective «{following}» follows",
            f"قاعدة السياق: تليها الصفة المؤنثة «{following}»",
        )
    if following.startswith("لل") and len(following) > 4:
        return (
            f"context rule: «{following}» completes an adjective in ة (قابلة للتطبيق)",
            f"قاعدة السياق: «{following}» متعلق بصفة مؤنثة (قابلة للتطبيق)",
        )
    if any(split.stem in shipped_words() for split in splits(following)):
        return (
            f"context rule: the name «{following}» follows it in construct",
            f"قاعدة السياق: يليها الاسم «{following}» مضافاً إليه",
        )
    return None


def _nominative_plural_follows(
    block: Block, tokens: list[Token], position: int, classifier: Classifier
) -> bool:
    """«نسبه الباحثون إلى …» (the researchers attributed it): the word right after «…ه» is a
    definite sound plural in the nominative («ال…ون» whose «ال…ين» is a word), so it is a
    subject and «…ه» a verb with «him» — a noun in ة heading a construct would take the
    genitive («نسبة الباحثين»). The «…ين» twin must be a word general Arabic writes:
    «الفنون», «القانون» are no sound plurals and do not count."""
    token = tokens[position]
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    if nxt is None or block.text[token.end : nxt.start].strip():
        return False
    following = nxt.clean
    if not (following.startswith("ال") and following.endswith("ون") and len(following) >= 6):
        return False
    genitive = following[:-2] + "ين"
    return classifier.known(genitive) and common_frequency(genitive) > 0


def _genitive_in_context(
    block: Block, tokens: list[Token], position: int
) -> tuple[str, str] | None:
    """The context rule that makes «…ه» a noun in ة heading a construct: a noun of
    construct-heads.txt («دوره», «جوده») directly followed by a definite noun that cannot be an
    adjective — «دوره الانعقاد», «جوده التعليم». After «his role» only an adjective can follow
    («دوره الكبير», «دوره الإقليمي», «جوده المعروف»). Not after a verb of playing a role, whose
    subject may come after its object («يؤدي دوره الإعلام»)."""
    token = tokens[position]
    word = token.clean
    if not _construct_head(word):
        return None
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    if nxt is None or block.text[token.end : nxt.start].strip():
        return None
    previous = tokens[position - 1].clean if position else ""
    if previous in _ROLE_VERBS or (previous[:1] in {"و", "ف"} and previous[1:] in _ROLE_VERBS):
        return None
    following = nxt.clean
    kind = _genitive_kind(following)
    if kind is None:
        return None
    english, arabic = kind
    noun = word[:-1] + "ة"
    return (
        f"context rule: {english} «{following}» follows, not an adjective: «{word}» heads a "
        f"construct with it — «{noun}», not «his …»",
        f"قاعدة السياق: يليها {arabic} «{following}» لا صفة، فهي مضافة إليه: «{noun}» لا «…ـه»",
    )


def _role_in_context(block: Block, tokens: list[Token], position: int) -> tuple[str, str] | None:
    """«يؤدي دورة في ضبط السوق»: after a verb of playing a role, with nothing to complete it (a
    preposition or the end of the clause follows), «دورة» is the role, «دوره»; «تؤدي الأرض دورة
    كاملة» (a revolution) and «عقد دورة» (a session) are left alone."""
    token = tokens[position]
    previous = tokens[position - 1].clean if position else ""
    if not (
        previous in _ROLE_VERBS or (previous[:1] in {"و", "ف"} and previous[1:] in _ROLE_VERBS)
    ):
        return None
    if block.text[tokens[position - 1].end : token.start].strip():
        return None
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    ends = nxt is None or _CLAUSE_END.match(block.text[token.end : nxt.start]) is not None
    if not ends and nxt.clean not in _PREPOSITIONS:
        return None
    return (
        f"context rule: «{previous}» plays a role, and nothing completes «{token.clean}»: "
        "«دوره» (his role)",
        f"قاعدة السياق: بعد «{previous}» يأتي الدور، ولا مضاف إليه ولا صفة بعدها: «دوره»",
    )


def _construct_head(word: str) -> bool:
    """``word`` is a listed construct head written with «ه», after at most a conjunction or a
    preposition: «دوره», «وجوده» (و + جوده), «بجوده»."""
    if word[-1:] != "ه":
        return False
    return any(
        s.prefix in _HEAD_PREFIXES and s.stem[:-1] + "ة" in construct_heads() for s in splits(word)
    )


def _genitive_kind(word: str) -> tuple[str, str] | None:
    """What makes the definite ``word`` a noun that cannot be an adjective — a derived masdar
    (التعليم، الانعقاد، الاستثمار، التعاون، الإنتاج), a plural in ات (الخدمات) or a noun of
    genitive-nouns.txt (الحياة), a plural of participles or of the مفاعيل pattern
    (المستثمرين، المشاريع) — in English and Arabic, or None (an adjective, or unknown)."""
    if not word.startswith("ال") or len(word) < 5 or word in _TIME_PLURALS:
        return None  # «تعزز دوره الأيام الأخيرة»: a time adverb, not a genitive
    if word in genitive_nouns():
        return "the noun", "الاسم"
    stem = word[2:]
    if stem.endswith(("ي", "ية", "يات")):
        return None  # a nisba: «الإقليمي», «التنموية»
    if stem.endswith(("ات", "آت")) and len(stem) >= 4:
        return "the plural noun", "جمع المؤنث"  # الخدمات، المنشآت
    # A plural cannot describe «his …» (one thing): participles in ين (المستثمرين — a short
    # «…ين» may be an adjective: الرصين، المتين) and the مفاعيل plural (المشاريع، المعايير).
    if (stem.startswith("م") and stem.endswith("ين") and len(stem) >= 6) or re.match(_MAFAIL, stem):
        return "the plural noun", "الجمع"
    if re.match(_DERIVED_MASDAR, stem):
        return "the masdar", "المصدر"
    return None


# The masdars of the derived verb forms (and the أفعال plural, spelt like إفعال): nouns that
# no masculine adjective shares a shape with. Patterns as strings: re compiles them on first use,
# so a check that never asks pays nothing at start-up.
_DERIVED_MASDAR = (
    r"^(?:"
    r"ت[^ا]{2}ي[^ا]"  # تفعيل: التعليم، التدريب
    r"|ت[^ا]ا[^ا]{2}"  # تفاعل: التعاون، التفاوض
    r"|ت[^ا]{3}"  # تفعّل: التقدم، التطور
    r"|ا[^ا]ت[^ا]ا[^ا]"  # افتعال: الاستثمار is below; الاجتماع، الانتخاب
    r"|ا(?:زد|صط|ضط|ظط)[^ا]ا[^ا]"  # افتعال: الازدهار، الاضطراب
    r"|ان[^ا]{2}ا[^ا]"  # انفعال: الانعقاد، الانسحاب
    r"|است[^ا]{2}ا[^ا]"  # استفعال: الاستثمار، الاستقرار
    r"|[إأا][^ا]{2}ا[^ا]"  # إفعال: الإنتاج، الإصلاح; أفعال: الأسعار، الألعاب
    r")$"
)
_TIME_PLURALS = frozenset(
    {"الأيام", "السنوات", "الأعوام", "الأشهر", "الشهور", "الأسابيع", "العقود", "الساعات"}
)
_MAFAIL = r"^م[^ا]ا[^ا]ي[^ا]$"
_HEAD_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "وب", "فب", "ول", "فل"})
# Verbs whose subject may follow an object that carries its pronoun («يؤدي دوره الإعلام»)
_ROLE_VERBS = frozenset(
    {"أدى", "يؤدي", "تؤدي", "لعب", "يلعب", "تلعب", "مارس", "يمارس", "تمارس", "واصل", "يواصل"}
)


def _pronoun_in_context(
    block: Block, tokens: list[Token], position: int, classifier: Classifier
) -> tuple[str, str] | None:
    """The context rule that makes a known noun in ة a misspelt «his …» («عملة» for «عمله»),
    when general Arabic writes both: a definite nisba adjective follows (an indefinite noun
    takes none: «مصالحة الاقتصادية»); or, where «…ه» is by far the more common, the noun is
    the subject of «إن/أن» (a definite subject: «إن دخلة تراجع») or nothing completes it — a
    preposition or the end of the clause follows («ترك عملة في»)."""
    token = tokens[position]
    word = token.clean
    twin = word[:-1] + "ه"
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    ends = nxt is None or _CLAUSE_END.match(block.text[token.end : nxt.start]) is not None
    following = "" if ends or nxt is None else nxt.clean
    if following.endswith("ية") and _definite(following) and classifier.known(following):
        return (
            f"context rule: an indefinite noun takes no definite adjective («{following}»)",
            f"قاعدة السياق: النكرة لا توصف بالمعرفة «{following}»",
        )
    if _count(twin) < VARIANT_RATIO * _rarity(word):
        return None
    previous = tokens[position - 1].clean if position else ""
    # «إن عملة البلاد»، «إن مصالحة وطنية»: a genitive or an adjective after it makes the noun
    # in ة the subject itself
    completed = _definite(following) or following.endswith("ة")
    if (
        previous in _INNA
        and not completed
        and not block.text[tokens[position - 1].end : token.start].strip()
    ):
        return (
            f"context rule: after «{previous}» comes a definite subject",
            f"قاعدة السياق: اسم «{previous}» يكون معرفة",
        )
    if ends or following in _PREPOSITIONS:
        return (
            "context rule: nothing completes the noun in ة (a preposition or the end of the "
            "clause follows)",
            "قاعدة السياق: لا مضاف إليه ولا صفة بعد الاسم المختوم بالتاء",
        )
    return None


def _construct_in_context(
    block: Block, tokens: list[Token], position: int
) -> tuple[str, str] | None:
    """«ماسي الحرب», «مالات هذه التحولات»: the word heads a construct — a definite word or a
    demonstrative follows in the same phrase — so it is the noun, the mafʿal plural with its
    madda, not the adjective or a form the dictionary reads otherwise."""
    token = tokens[position]
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    if nxt is None or block.text[token.end : nxt.start].strip():
        return None
    following = nxt.clean
    if not (_definite(following) or following in _DEMONSTRATIVES):
        return None
    return (
        f"context rule: «{token.clean}» heads a construct with «{following}»: the plural "
        f"«{'مآ' + token.clean[2:]}»",
        f"قاعدة السياق: «{token.clean}» مضافة إلى «{following}»، فهي جمع «{'مآ' + token.clean[2:]}»",
    )


# Words after which a bare-alef form cannot be the imperative it also spells («اعرف» know!):
# a subject pronoun, a particle that governs or negates a verb, a conditional or temporal word.
_NO_IMPERATIVE_AFTER = frozenset(
    {
        "أنا",
        "وأنا",
        "فأنا",
        "هو",
        "هي",
        "لم",
        "ولم",
        "فلم",
        "لن",
        "ولن",
        "أن",
        "وأن",
        "إن",
        "وإن",
        "لأن",
        "كي",
        "لكي",
        "سوف",
        "إذا",
        "وإذا",
        "فإذا",
        "ما",
        "عندما",
        "حين",
        "حينما",
        "كنت",
        "لا",
        "ولا",
        "قد",
        "لقد",
        "وقد",
        # as typed by an author who drops the hamza of these too
        "انا",
        "وانا",
        "ان",
        "وان",
        "لان",
        "اذا",
        "واذا",
        "ماهو",
        "ماهي",
    }
)
_NAMING_WORDS = frozenset({"باسم", "اسم", "يدعى", "تدعى", "المسمى", "المسماة", "سمي", "سميت"})
_DEMONSTRATIVES = frozenset({"هذه", "هذا", "هذين", "هاتين", "تلك", "ذلك", "هؤلاء", "أولئك"})
_INNA = frozenset({"إن", "أن", "لأن", "بأن", "وإن", "فإن", "لكن", "ولكن", "كأن"})
_PREPOSITIONS = frozenset(
    {"في", "من", "إلى", "على", "عن", "مع", "منذ", "عند", "لدى", "خلال", "بعد", "قبل"}
)


def _after_a_name(previous: Token) -> bool:
    return previous.clean in given_names() or previous.clean in name_titles()


_FEMININE_ELATIVES = frozenset({"أخرى", "كبرى", "صغرى", "عظمى", "أولى", "قصوى", "دنيا", "عليا"})
_COMPARATIVES = frozenset({"أكثر", "أقل", "أشد", "أعلى", "أدنى", "أكبر", "أضعف"})


_LATIN_GLOSS = re.compile(r"^[\s»\"]*\(\s*[A-Za-z]")
_SHORT_QUOTE = re.compile(r"«([^«»\n]{1,40})»")
_ALONE_IN_PARENS = re.compile(r"\(\s*([^()\s]+)\s*\)")


def _after_a_first_name(
    block: Block, tokens: list[Token], position: int, classifier: Classifier
) -> bool:
    """A surname: the word follows, in the same phrase, a given name (the shipped lists of given
    names and proper nouns: «روبرت كاغان»), or a name general Arabic writes but the
    dictionary lacks («يورغن هابرماس», «كلاوديا شينباوم»)."""
    if not position:
        return False
    previous = tokens[position - 1]
    if block.text[previous.end : tokens[position].start].strip():
        return False  # punctuation between them
    word = previous.clean
    if word in given_names():
        return True
    if position >= 2 and tokens[position - 2].clean in {"عبد", "أبو", "أبي", "بن", "ابن"}:
        return True  # «عبد الغني الككلي»: after a compound given name
    stems = [s.stem for s in splits(word) if s.prefix in {"", "و"}]
    return any(
        stem in shipped_words()
        or (not classifier.known(stem) and (_common(stem) or attested(stem)))
        for stem in stems
    )


def _near_a_user_word(word: str, user_words: frozenset[str]) -> bool:
    """``word`` (or its stem after a clitic) is one letter away from a word the author added:
    «بلدة زنقاخة» is a typo of the configured «زنقاحة», not a new name."""
    if not user_words:
        return False
    stems = {s.stem for s in splits(word)}
    return any(_one_edit(stem, known) for stem in stems for known in user_words)


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _after_a_title_or_place(block: Block, tokens: list[Token], position: int) -> bool:
    """An unknown word right after a title («الرئيس», «الدكتور»), a place noun («وادي»,
    «معبد», «جامعة») or a naming word («باسم», «يدعى») is the name it introduces, not a typo."""
    if not position:
        return False
    previous = tokens[position - 1]
    if block.text[previous.end : tokens[position].start].strip():
        return False
    return (
        previous.clean in name_titles()
        or previous.clean in _NAMING_WORDS  # «عرفت باسم أربانت»
        or _after_a_name_head(block, tokens, position)
    )


def _after_a_name_head(block: Block, tokens: list[Token], position: int) -> bool:
    if not position:
        return False
    previous = tokens[position - 1]
    if block.text[previous.end : tokens[position].start].strip():
        return False
    return any(s.stem in name_heads() for s in splits(previous.clean) if s.prefix in _CLITICS)


def _marked_as_a_name(text: str, token: Token) -> bool:
    """The author marks the word as a name: glossed with its Latin original («تريتون»
    (Triton)), quoted as a short title of at most three words («أمازون ويب سيرفيسز»), or alone
    in parentheses after the thing it names (البوندسفير)."""
    if _LATIN_GLOSS.match(text[token.end : token.end + 12]):
        return True
    for pattern in (_SHORT_QUOTE, _ALONE_IN_PARENS):
        for match in pattern.finditer(text, max(0, token.start - 41), token.end + 41):
            inside = match.start(1) <= token.start and token.end <= match.end(1)
            if inside and len(match.group(1).split()) <= 3:
                return True
    return False


def _vouched(word: str, vouched: set[str]) -> bool:
    return any(split.stem in vouched for split in splits(word))


_CLAUSE_END = re.compile(r"^[^\w]*[.،؛:!؟?,;)\]»\n]")
_SPEECH_VERBS = frozenset(
    {"قال", "وقال", "أكد", "وأكد", "أضاف", "وأضاف", "أوضح", "وأوضح", "صرح", "وصرح", "يقول", "ويقول"}
)


def _preposition_in_context(
    block: Block, tokens: list[Token], position: int, classifier: Classifier
) -> tuple[str, str] | None:
    """Which context rule makes «علي»، «إلي»، «لدي» the prepositions على، إلى، لدى (its
    explanation), or None when the context makes it «عليّ» (on me), «إليّ», «لديّ» or the name
    Ali. Written with a shadda it is always the pronoun; «علي» after a title, a verb of saying
    or before a name or an unknown word (a surname) is the name; at the end of a clause it is
    the pronoun; before a definite word (على الحكومة) or «أن» it is the preposition."""
    token = tokens[position]
    if SHADDA in token.raw:
        return None
    word = token.clean
    previous = tokens[position - 1].clean if position else ""
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    if nxt is None or _CLAUSE_END.match(block.text[token.end : nxt.start]):
        return None  # «يجب عليّ.»، «بالنسبة إليّ،»
    following = nxt.clean
    if word == "علي":
        before = tokens[position - 2].clean if position >= 2 else ""
        if (
            previous in name_titles()
            or following in name_titles()
            or previous in _SPEECH_VERBS
            or (before in name_titles() and _definite(previous))  # «المحلل المالي علي …»
        ):
            return None
        if following in given_names() or any(
            split.stem in shipped_words() for split in splits(following)
        ):
            return None  # «علي حسن»، «علي خامنئي»: a name
        if not classifier.known(following):
            return None  # an unknown word after «علي» is a surname
    definite = any(s.prefix.endswith("ال") or s.prefix == "لل" for s in splits(following))
    if definite or following in {"أن", "أنه", "أنها", "أنهم", "ان"}:
        return (
            f"context rule: before «{following}» «{word}» is the preposition",
            f"قاعدة السياق: قبل «{following}» تكون «{word}» حرف جر",
        )
    if word in {"علي", "إلي"}:  # «إليّ» before an indefinite word is rare; «لدي» is not
        return (
            f"context rule: «{word}» followed by «{following}» is read as the preposition "
            "(check that it is not the pronoun form with shadda, or the name Ali)",
            f"قاعدة السياق: «{word}» قبل «{following}» تُقرأ حرف جر (تحقق من أنها ليست المشددة أو اسم علي)",
        )
    return None  # «لدي معلومات»: «I have» is as likely as «لدى»


_QAD = frozenset({"قد", "وقد", "فقد", "لقد", "ولقد"})


def _after_qad(tokens: list[Token], position: int) -> tuple[str, str] | None:
    """«قد» is followed by a verb."""
    previous = tokens[position - 1].clean if position else ""
    if previous not in _QAD:
        return None
    return (
        f"context rule: after «{previous}» comes a verb",
        f"قاعدة السياق: بعد «{previous}» يأتي فعل",
    )


def _no_imperative(tokens: list[Token], position: int) -> tuple[str, str] | None:
    """After these words (a particle, a pronoun…) the bare-alef form cannot be an imperative."""
    previous = tokens[position - 1].clean if position else ""
    if previous not in _NO_IMPERATIVE_AFTER:
        return None
    return (
        f"context rule: after «{previous}» the word is no imperative",
        f"قاعدة السياق: بعد «{previous}» لا يأتي فعل أمر",
    )


# The context rules a classification waits for, by its detail: each says why the word is wrong
# where it stands (English, Arabic), or None when the context does not decide.
_ContextRule = Callable[[Block, list[Token], int, Classifier], tuple[str, str] | None]
_CONTEXT_RULES: dict[str, _ContextRule] = {
    "after-qad": lambda _, tokens, at, __: _after_qad(tokens, at),
    "hamza-context": lambda _, tokens, at, __: _no_imperative(tokens, at),
    "frequency-context": lambda block, tokens, at, classifier: (
        _feminine_in_context(block, tokens, at, classifier)
        or _genitive_in_context(block, tokens, at)
    ),
    "frequency-construct": lambda block, tokens, at, _: _genitive_in_context(block, tokens, at),
    "his-context": _pronoun_in_context,
    "madda-context": lambda block, tokens, at, _: _construct_in_context(block, tokens, at),
    "role-context": lambda block, tokens, at, _: _role_in_context(block, tokens, at),
    "contextual": _preposition_in_context,
}
# Most context rules add their reason to the frequency evidence, and the finding is then a
# frequency finding; these give the whole evidence and the detail the finding carries.
_CONTEXT_OWNS_EVIDENCE = {"madda-context": "frequency", "role-context": "context"}


def _decided_in_context(
    finding: tuple[str, tuple[str, str], bool],
    block: Block,
    tokens: list[Token],
    position: int,
    classifier: Classifier,
) -> tuple[str, tuple[str, str], bool] | None:
    """A finding's (detail, evidence, certain) once the context rule its detail waits for has
    read the context — unchanged when it waits for none, None when the context does not
    decide (then there is no finding)."""
    detail, evidence, certain = finding
    rule = _CONTEXT_RULES.get(detail)
    if rule is None:
        return finding
    reason = rule(block, tokens, position, classifier)
    if reason is None:
        return None
    if detail == "contextual":  # a preposition read from context: a suggestion, never certain
        return detail, reason, False
    if detail in _CONTEXT_OWNS_EVIDENCE:
        return _CONTEXT_OWNS_EVIDENCE[detail], reason, certain
    return "frequency", (f"{evidence[0]}; {reason[0]}", f"{evidence[1]}؛ {reason[1]}"), certain
