"""One choice throughout the document: digits, spellings, month names, compound hyphens.

Each rule finds the document's majority choice and reports the places that depart from it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from ...arabic import is_mostly_latin
from ...model import Document, Fix, FixAvailability, Problem, Severity
from ...resources import data_file
from ...spelling.prose import is_cover_text
from ...spelling.tokens import skipped_spans
from ..base import Rule
from ..textscan import ARABIC, outside, prose_blocks

_WESTERN = re.compile(r"[0-9]+")
_INDIC = re.compile(r"[٠-٩۰-۹]+")
_TO_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_TO_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _majority(counts: Counter[str]) -> str | None:
    """The most frequent choice; on a tie, None (no majority to report against)."""
    ranked = counts.most_common()
    if len(ranked) < 2 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


class DigitSystem(Rule):
    """Arabic prose uses one digit system: Western (2026) or Arabic-Indic (٢٠٢٦).

    The cover metadata counts too: Western digits on the cover and Arabic-Indic digits in the
    body is a finding. English paragraphs (references in English) are not counted.

    Fails::

        وقّع الاتفاق في 15 مارس/آذار ٢٠٢٦، ونُفذ في ٣ أبريل/نيسان ٢٠٢٦.

    Passes::

        وقّع الاتفاق في 15 مارس/آذار 2026، ونُفذ في 3 أبريل/نيسان 2026.
    """

    code = "BL-CN001"
    fix_availability = FixAvailability.SOMETIMES
    name = "consistency.digits"
    category = "consistency"
    severity = Severity.WARNING
    messages = {
        "digits": (
            "«{digits}» uses {this} digits while the document mostly uses {usual} digits: write «{converted}»",
            "«{digits}» مكتوب بأرقام {this_ar} وأغلب الوثيقة بأرقام {usual_ar}: اكتب «{converted}»",
        )
    }
    _NAMES = {"western": ("Western", "غربية"), "indic": ("Arabic-Indic", "هندية")}

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        runs = []  # (system, digits, block, index, start, end, location)
        # Cover text that is checked as prose (below) is counted there, with a fix.
        checked = [b.text for b in doc.cover_blocks if is_cover_text(b)]
        for key, entry in doc.metadata.items():
            if any(entry.value.strip() and entry.value.strip() in text for text in checked):
                continue
            for pattern, system in ((_WESTERN, "western"), (_INDIC, "indic")):
                for match in pattern.finditer(entry.value):
                    if key != "email":
                        runs.append((system, match.group(0), None, None, 0, 0, entry.location))
        for block, index in prose_blocks(doc):
            if is_mostly_latin(block.text):
                continue
            skipped = skipped_spans(block)
            for pattern, system in ((_WESTERN, "western"), (_INDIC, "indic")):
                for match in pattern.finditer(block.text):
                    if outside(skipped, match.start(), match.end()):
                        runs.append(
                            (system, match.group(0), block, index, match.start(), match.end(), None)
                        )
        usual = _majority(Counter(run[0] for run in runs))
        if usual is None:
            return
        for system, digits, block, index, start, end, location in runs:
            if system == usual:
                continue
            converted = digits.translate(_TO_INDIC if usual == "indic" else _TO_WESTERN)
            yield self.problem(
                location or doc.locate(block, start, end),
                "digits",
                text=digits,
                digits=digits,
                converted=converted,
                this=self._NAMES[system][0],
                usual=self._NAMES[usual][0],
                this_ar=self._NAMES[system][1],
                usual_ar=self._NAMES[usual][1],
                suggestions=[converted],
                fix=Fix.replace(block, start, end, converted) if block is not None else None,
                block_index=index,
            )


_HAMZA_FREE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


class SpellingVariants(Rule):
    """A word is spelled one way throughout the document.

    Words written both with and without a hamza on an alef, and the variant spellings listed in
    ``data/orthography/variants.tsv`` (أبريل/إبريل، ميليشيا/مليشيا، ديمقراطية/ديموقراطية), are
    reported where they depart from the form the document uses most. Forms the orthography
    rules already report are left to them.

    Fails::

        تعززت الميليشيات في الشمال، ثم امتدت الميليشيات جنوباً، وبقيت المليشيات قوية.

    Passes::

        تعززت الميليشيات في الشمال، ثم امتدت الميليشيات جنوباً، وبقيت الميليشيات قوية.
    """

    code = "BL-CN002"
    name = "consistency.spelling-variant"
    category = "consistency"
    severity = Severity.WARNING
    messages = {
        "variant": (
            "«{word}» is also spelled «{usual}» in this document ({count} times): use one spelling",
            "«{word}» مكتوبة في موضع آخر من الوثيقة «{usual}» ({count} مرة): وحّد الكتابة",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        flagged = {issue.token.clean for issue in doc.analysis.spelling if issue.kind != "unknown"}
        places = defaultdict(list)  # hamza-free key → [(form, block, index, token)]
        for block, index in prose_blocks(doc):
            keyed = doc.analysis.per_block(
                self.code, block, lambda block: _variant_keys(doc.analysis.tokens(block))
            )
            for place, word, token in keyed:
                places[place].append((word, block, index, token))
        for occurrences in places.values():
            first = occurrences[0][0]
            if all(form == first for form, *_ in occurrences):
                continue  # one spelling throughout: most words
            counts = Counter(form for form, *_ in occurrences)
            listed = any(form in known_variants() for form in counts)
            if (
                len(counts) < 2
                or flagged & set(counts)
                or not (listed or _hamza_variants(list(counts)))
            ):
                continue
            usual = _majority(counts)
            if usual is None:
                continue
            for form, block, index, token in occurrences:
                if form != usual:
                    yield self.problem(
                        doc.locate(block, token.start, token.end),
                        "variant",
                        text=token.raw,
                        word=token.raw,
                        usual=usual,
                        count=counts[usual],
                        suggestions=[usual],
                        block_index=index,
                    )


def _variant_keys(tokens: list) -> list[tuple[str, str, Any]]:
    """(place, word, token) of each token that may be a spelling variant: its listed canonical
    form, or its hamza-free form."""
    keyed = []
    for token in tokens:
        word = token.clean
        place = _variant_place(word)
        if place is not None:
            keyed.append((place, word, token))
    return keyed


@lru_cache(maxsize=100_000)
def _variant_place(word: str) -> str | None:
    """The key under which ``word``'s spelling variants are gathered, or None (memoised per
    word form: a brief repeats its words)."""
    listed = known_variants().get(word)
    if listed:
        return f"={listed}"
    if len(word) >= 5 and any(ch in "اأإآ" for ch in word):
        return word.translate(_HAMZA_FREE)
    return None


@cache
def known_variants() -> dict[str, str]:
    """Each listed spelling → its canonical form (data/orthography/variants.tsv)."""
    table = {}
    for line in data_file("orthography/variants.tsv").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            canonical, variant = line.split("\t")
            table[canonical] = table[variant] = canonical
    return table


def _hamza_variants(forms: list[str]) -> bool:
    """Forms that differ only by a hamza present or absent on an alef (الإستراتيجية /
    الاستراتيجية). Two different hamzas at one place (الأعلام / الإعلام: flags, media) are two
    different words."""
    for position in range(len(forms[0])):
        letters = {form[position] for form in forms} - {"ا"}
        if len(letters) > 1:
            return False
    return True


_MONTHS = {
    "western": "يناير فبراير مارس أبريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "levantine": "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين",
    "maghrebi": "جانفي فيفري أفريل جوان جويلية أوت",
}
_MONTH_SYSTEM = {m: system for system, names in _MONTHS.items() for m in names.split()}
_MONTH = re.compile("|".join(sorted(map(re.escape, _MONTH_SYSTEM), key=len, reverse=True)))
_PAIR_GAP = re.compile(r"^\s*(?:/|\(|،)\s*(?:ال(?:ثاني|أول)\s*(?:/|\()?\s*)?$")


class MonthNames(Rule):
    """Month names come from one system (مارس or آذار), unless each is written as a pair
    («مارس/آذار»).

    Fails::

        وقّع الاتفاق في مارس 2026، وصادق عليه البرلمان في مايو، ثم نُفذ في حزيران.

    Passes::

        وقّع الاتفاق في مارس/آذار 2026، وصادق عليه البرلمان في مايو/أيار، ثم نُفذ في يونيو/حزيران.
    """

    code = "BL-CN003"
    name = "consistency.month-names"
    category = "consistency"
    severity = Severity.WARNING
    messages = {
        "month": (
            "«{month}» is a {this} month name while the document uses {usual} names: write it in the same system or as a pair",
            "«{month}» من أسماء الشهور {this_ar} والوثيقة تستعمل الأسماء {usual_ar}: وحّد النظام أو اكتب الاسمين معاً",
        )
    }
    _NAMES = {
        "western": ("Western", "الغربية (يناير، فبراير…)"),
        "levantine": ("Levantine", "الشامية (كانون، شباط…)"),
        "maghrebi": ("Maghrebi", "المغاربية (جانفي، فيفري…)"),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        single = []  # (system, month, block, index, start, end)
        for block, index in prose_blocks(doc):
            found = [
                (m, _MONTH_SYSTEM[m.group(0)])
                for m in _MONTH.finditer(block.text)
                if _whole_word(block.text, m)
            ]
            for i, (match, system) in enumerate(found):
                if not _paired(block.text, found, i):
                    single.append(
                        (system, match.group(0), block, index, match.start(), match.end())
                    )
        usual = _majority(Counter(s[0] for s in single))
        if usual is None:
            return
        for system, month, block, index, start, end in single:
            if system != usual:
                yield self.problem(
                    doc.locate(block, start, end),
                    "month",
                    text=month,
                    month=month,
                    this=self._NAMES[system][0],
                    usual=self._NAMES[usual][0],
                    this_ar=self._NAMES[system][1],
                    usual_ar=self._NAMES[usual][1],
                    block_index=index,
                )


def _whole_word(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not re.match(f"[{ARABIC}]", before) and not re.match(f"[{ARABIC}]", after)


def _paired(text: str, found, i: int) -> bool:
    match, system = found[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(found):
            other, other_system = found[j]
            if other_system == system:
                continue
            gap = text[match.end() : other.start()] if j > i else text[other.end() : match.start()]
            if _PAIR_GAP.match(gap):
                return True
    return False


# The look-behind starts a match only at a word's start: a long run of letters (or tatweel)
# without a hyphen was otherwise rescanned from every position — quadratic.
_COMPOUND = re.compile(rf"(?<![{ARABIC}])([{ARABIC}]+)(\s*)[-–](\s*)([{ARABIC}]+)")


class HyphenStyle(Rule):
    """A compound repeated in the document keeps one hyphen style («الاقتصادي-الأمني» or
    «الاقتصادي - الأمني»).

    Fails::

        التعاون الاقتصادي-الأمني قائم، والتنسيق الاقتصادي-الأمني مستمر، والملف الاقتصادي - الأمني مفتوح.

    Passes::

        التعاون الاقتصادي-الأمني قائم، والتنسيق الاقتصادي-الأمني مستمر، والملف الاقتصادي-الأمني مفتوح.
    """

    code = "BL-CN004"
    fix_availability = FixAvailability.SOMETIMES
    name = "consistency.hyphen-style"
    category = "consistency"
    severity = Severity.INFO
    messages = {
        "style": (
            "«{written}» is written «{usual}» elsewhere in the document",
            "«{written}» مكتوبة في موضع آخر «{usual}»",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        groups = defaultdict(list)
        for block, index in prose_blocks(doc):
            if "-" not in block.text and "–" not in block.text:
                continue  # most blocks: _COMPOUND's look-behind is tried at every letter
            for match in _COMPOUND.finditer(block.text):
                left, right = match.group(2), match.group(3)
                if bool(left) != bool(right):
                    continue  # asymmetric spacing is punctuation.hyphen-spacing's
                style = "spaced" if left else "tight"
                groups[(match.group(1), match.group(4))].append((style, match, block, index))
        for (first, second), items in groups.items():
            usual = _majority(Counter(style for style, *_ in items))
            if usual is None:
                continue
            written = f"{first}-{second}" if usual == "tight" else f"{first} - {second}"
            for style, match, block, index in items:
                if style != usual:
                    yield self.problem(
                        doc.locate(block, match.start(), match.end()),
                        "style",
                        text=match.group(0),
                        written=match.group(0),
                        usual=written,
                        suggestions=[written],
                        fix=Fix.replace(block, match.start(), match.end(), written),
                        block_index=index,
                    )


# Tanween al-fath with its alef: on the alef («طارئاً») or on the letter before it («طارئًا»).
_TANWEEN = re.compile(f"(?<=[{ARABIC}])(?:ا\u064b|\u064bا)(?![{ARABIC}])")
_TANWEEN_STYLES = {"on-alef": "ا\u064b", "before-alef": "\u064bا"}


class TanweenPlacement(Rule):
    """Tanween al-fath is placed one way throughout the document: on the alef («طارئاً») or on
    the letter before it («طارئًا»).

    Both are correct — a house-style convention, not an error. By default (``tanween:
    accept-both``) only a document that mixes the two is reported, at the places that depart
    from its usual placement; ``on-alef`` or ``before-alef`` makes every other placement a
    finding. The fix moves the mark.

    Fails::

        عقد الطرفان اجتماعاً طارئاً، وأصدرا بياناً مشتركاً، ثم عقدا لقاءً ثانيًا.

    Passes::

        عقد الطرفان اجتماعاً طارئاً، وأصدرا بياناً مشتركاً، ثم عقدا لقاءً ثانياً.
    """

    code = "BL-CN005"
    fix_availability = FixAvailability.ALWAYS
    name = "consistency.tanween-placement"
    category = "consistency"
    severity = Severity.INFO
    options = {
        "tanween": {
            "enum": ["accept-both", "on-alef", "before-alef"],
            "default": "accept-both",
            "description": "House style for tanween al-fath: on the alef (اً), before it (ًا), "
            "or either as long as the document is consistent.",
        },
    }
    messages = {
        "mixed": (
            "«{word}» places the tanween {this} while the document places it {usual}: write «{suggestion}»",
            "«{word}»: التنوين {this_ar} والوثيقة تضعه {usual_ar}، فاكتب «{suggestion}»",
        ),
        "house-style": (
            "«{word}»: the house style places the tanween {usual}: write «{suggestion}»",
            "«{word}»: أسلوب الدار يضع التنوين {usual_ar}، فاكتب «{suggestion}»",
        ),
    }
    _NAMES = {
        "on-alef": ("on the alef", "على الألف"),
        "before-alef": ("before the alef", "قبل الألف"),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        found = []  # (style, block, index, match)
        for block, index in prose_blocks(doc):
            if "\u064b" not in block.text:
                continue  # no tanween al-fath at all (most blocks): skip the look-behind scan
            skipped = skipped_spans(block)
            for match in _TANWEEN.finditer(block.text):
                if outside(skipped, match.start(), match.end()):
                    style = "on-alef" if match.group(0)[0] == "ا" else "before-alef"
                    found.append((style, block, index, match))
        wanted = options.get("tanween", "accept-both")
        key = "house-style"
        if wanted not in _TANWEEN_STYLES:
            wanted, key = _majority(Counter(f[0] for f in found)), "mixed"
            if wanted is None:
                return
        for style, block, index, match in found:
            if style == wanted:
                continue
            start, end = match.span()
            word_start = start
            while word_start > 0 and re.match(
                f"[{ARABIC}\u064b-\u0652]", block.text[word_start - 1]
            ):
                word_start -= 1
            replacement = _TANWEEN_STYLES[wanted]
            word = block.text[word_start:end]
            suggestion = block.text[word_start:start] + replacement
            yield self.problem(
                doc.locate(block, word_start, end),
                key,
                text=word,
                word=word,
                suggestion=suggestion,
                this=self._NAMES[style][0],
                this_ar=self._NAMES[style][1],
                usual=self._NAMES[wanted][0],
                usual_ar=self._NAMES[wanted][1],
                suggestions=[suggestion],
                fix=Fix.replace(block, start, end, replacement),
                block_index=index,
            )
