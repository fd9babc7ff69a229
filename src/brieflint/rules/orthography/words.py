"""Arabic orthography: each rule reports the words of one kind of error, explained.

The words are classified once per document (``doc.analysis.spelling``, by
``spelling.checker``) against the lexicon of the run; these rules turn the classification into
findings with a message that says why the word is wrong and a suggestion
the dictionary accepts.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Iterator
from typing import Any, ClassVar

from ...model import Applicability, Document, Fix, FixAvailability, Message, Problem, Severity
from ...spelling.checker import Issue
from ...spelling.lexicon import joined_particles, ranked_by_frequency, repeatable_words
from ...spelling.suggest import near_words
from ..base import Rule


class WordRule(Rule):
    """Shared machinery: report the classified words of kind ``kind``."""

    kind: ClassVar[str]
    category = "spelling"
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for issue in doc.analysis.spelling:
            if issue.kind == self.kind:
                yield self.report(doc, issue, options)

    def message_key(self, issue: Issue) -> str:
        return "default"

    def report(self, doc: Document, issue: Issue, options: dict[str, Any]) -> Problem:
        token = issue.token
        # Replace only a word typed without diacritics or tatweel, and only when one correction
        # fits: then nothing else changes and nothing is guessed. A correction that rests on
        # frequency or on a context rule is offered as an unsafe fix (--unsafe-fixes).
        suggestions = issue.suggestions
        fixable = len(suggestions) == 1 and token.raw == token.clean
        fix = None
        if fixable:
            applicability = Applicability.SAFE if issue.certain else Applicability.UNSAFE
            fix = Fix.replace(
                issue.block, token.start, token.end, suggestions[0], applicability=applicability
            )
        problem = self.problem(
            doc.locate(issue.block, token.start, token.end),
            self.message_key(issue),
            text=token.raw,
            word=token.raw,
            suggestion=" / ".join(suggestions),
            detail=issue.detail,
            suggestions=suggestions,
            fix=fix,
            block_index=issue.block_index,
        )
        english, arabic = issue.evidence
        if not english:
            return problem
        # The variant decision explains itself: which evidence, how strong, or which context
        # rule decided.
        message = Message(
            en=f"{problem.message.en} ({english})", ar=f"{problem.message.ar} ({arabic})"
        )
        return dataclasses.replace(problem, message=message)


class HamzaWasl(WordRule):
    """The masdar and past tense of derived verbs (forms VII, VIII, X) and a few nouns begin with
    hamzat al-wasl, written as a plain alef.

    The most frequent error in Arabic drafts. Form IV masdars (إعلان، إنهاء، إنشاء) do take a
    hamza and are not reported.

    Fails::

        عقد الطرفان إجتماعاً طارئاً بعد الإنسحاب من الإتفاق.

    Passes::

        عقد الطرفان اجتماعاً طارئاً بعد الانسحاب من الاتفاق، ثم أعلنا إنهاء الخلاف.
    """

    code = "BL-AR001"
    name = "orthography.hamza-wasl"
    kind = "hamza-wasl"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}» takes hamzat al-wasl: the masdar and past tense of the derived pattern «{detail}» begin with a plain alef — write «{suggestion}»",
            "«{word}» همزته همزة وصل لا قطع: مصدر الفعل المزيد على وزن «{detail}» وماضيه يبدآن بألف وصل بلا همزة، فاكتب «{suggestion}»",
        ),
        "noun": (
            "«{word}» takes hamzat al-wasl (like اسم، ابن، امرأة، اثنان): write «{suggestion}»",
            "«{word}» تبدأ بهمزة وصل (مثل: اسم، ابن، امرأة، اثنان)، فاكتب «{suggestion}»",
        ),
    }

    def message_key(self, issue: Issue) -> str:
        return "noun" if issue.detail == "noun" else "default"


class Hamza(WordRule):
    """Hamzat al-qat' is written, and on its right seat.

    Besides the words the dictionary rejects and the listed bare forms (اكثر، مسئول), a form
    the dictionary accepts only as clitic + stem is reported when general Arabic writes it with
    a hamza far more often (``variant-frequencies.tsv``, from wordfreq): «وان» → «وأن/وإن»,
    «لان» → «لأن». The message gives the frequency ratio; such a fix is unsafe
    (``--unsafe-fixes``), since the context decides between «أن» and «إن».

    Fails::

        وهو اكثر الملفات تعقيداً، وتتولى المسئولية عنه هيئة اخرى.

    Passes::

        وهو أكثر الملفات تعقيداً، وتتولى المسؤولية عنه هيئة أخرى.
    """

    code = "BL-AR002"
    # A hamza read from frequency (وان → وأن/وإن) waits for a reader of the context.
    fix_applicabilities = (Applicability.SAFE, Applicability.UNSAFE)
    name = "orthography.hamza"
    kind = "hamza"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}»: the hamza is missing or on the wrong seat — write «{suggestion}»",
            "«{word}»: الهمزة ساقطة أو على غير كرسيها، والصواب «{suggestion}»",
        )
    }


class Madda(WordRule):
    """An alef followed by a hamza-alef is written with a madda (آ).

    Fails::

        يتعين الان مراجعة الاليات المتبعة.

    Passes::

        يتعين الآن مراجعة الآليات المتبعة.
    """

    code = "BL-AR003"
    # A madda read from frequency on a word the dictionary knows is unsafe, like BL-AR002's.
    fix_applicabilities = (Applicability.SAFE, Applicability.UNSAFE)
    name = "orthography.madda"
    kind = "madda"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}»: the alef carries a madda (آ) — write «{suggestion}»",
            "«{word}»: الألف هنا ممدودة (آ)، والصواب «{suggestion}»",
        )
    }


class TaMarbuta(WordRule):
    """Ta marbuta (ة) and ha (ه) are not confused at the end of a word.

    A word with the article «ال» cannot carry a possessive pronoun, so «الحكومه» can only be
    «الحكومة» (when the article leaves a stem of three letters: «والده» is «his father», and
    general Arabic writes «الموجه» as often as «الموجة»). Without the article «قوته» (his
    strength) and «قوة» are both words: a «…ه» is reported when general Arabic writes the «…ة»
    form at least 20 times as often (غزه، منطقه), or 5 times as often and a context rule makes
    «his …» impossible — a feminine adjective or a name follows («سنه واحدة»), a comparative
    precedes («أكثر حده»), a «لل…» complement follows («قابله للانهيار»); or, for a noun that
    heads constructs (``construct-heads.txt``: «دوره» his role / «دورة» session, «جوده» his
    generosity / «جودة» quality), from 3 times as often, a definite noun that cannot be an
    adjective follows — a derived masdar, a plural in ات, a noun of ``genitive-nouns.txt``:
    «دوره الانعقاد», «جوده التعليم» (while «دوره الكبير», «دوره الإقليمي» are «his …»); and
    «دورة» right after a verb of playing a role with nothing to complete it is «دوره» («يؤدي
    دورة في …»). A noun in ة the
    dictionary lacks is not turned into «…ه» when general Arabic writes it («تغريدة»، «هشة»).
    Frequency and context decisions are unsafe fixes and say which evidence decided.

    Fails::

        أعلنت الحكومه خطة جديدة، وأكد الوزير رأية.

    Passes::

        أعلنت الحكومة خطة جديدة، وأكد الوزير رأيه.
    """

    code = "BL-AR004"
    # Frequency and context decisions (سنه واحدة، …ة → …ه) are unsafe; «الحكومه» is safe.
    fix_applicabilities = (Applicability.SAFE, Applicability.UNSAFE)
    name = "orthography.ta-marbuta"
    kind = "ta-marbuta"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}»: ta marbuta (ة) and ha (ه) confused at the end of the word — write «{suggestion}»",
            "«{word}»: خلط بين التاء المربوطة (ة) والهاء (ه) في آخر الكلمة، والصواب «{suggestion}»",
        ),
        "definite": (
            "«{word}»: a word with the article ال cannot take a possessive pronoun, so it ends in ta marbuta — write «{suggestion}»",
            "«{word}»: الكلمة المعرّفة بـ«ال» لا يتصل بها ضمير، فآخرها تاء مربوطة: «{suggestion}»",
        ),
    }

    def message_key(self, issue: Issue) -> str:
        return "definite" if issue.detail == "definite" else "default"


class AlefMaqsura(WordRule):
    """Final alef maqsura (ى) and ya (ي) are not confused.

    «علي»، «إلي»، «لدي» are also «عليّ»، «إليّ»، «لديّ» (on me, to me, I have) and «علي» the
    name Ali: context rules decide, and their fixes are unsafe. Never with a shadda; not at the
    end of a clause; «علي» not after a title or a verb of saying nor before a name; «لدي» only
    before a definite word or «أن». A word general Arabic writes with the other letter far
    more often is reported too («الأولي»، «وفى»), and «سعي» after «قد» (a verb must follow).

    Fails::

        وافق الطرفان علي الخطة حتي نهاية العام، في الذى يلي.

    Passes::

        وافق الطرفان على الخطة حتى نهاية العام، في الذي يلي.
    """

    code = "BL-AR005"
    # «علي»/«إلي» read as prepositions by a context rule, and frequency decisions, are unsafe.
    fix_applicabilities = (Applicability.SAFE, Applicability.UNSAFE)
    name = "orthography.alef-maqsura"
    kind = "alef-maqsura"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}»: final alef maqsura (ى) and ya (ي) confused — write «{suggestion}»",
            "«{word}»: خلط بين الألف المقصورة (ى) والياء (ي) في آخر الكلمة، والصواب «{suggestion}»",
        )
    }


class ParticleSpacing(WordRule):
    """The negation particles «لا» and «ما» are separate words.

    «مازال/ما زال» and «لابد/لا بد» are written both ways by respected style guides: the option
    ``joined`` decides — ``allow`` (default: both), ``separate`` or ``joined``.

    Fails::

        لايوجد اتفاق، ومايحدث الآن لايعني شيئاً.

    Passes::

        لا يوجد اتفاق، وما يحدث الآن لا يعني شيئاً.
    """

    code = "BL-AR006"
    name = "orthography.particle-spacing"
    kind = "particle"
    severity = Severity.ERROR
    options = {
        "joined": {
            "enum": ["allow", "separate", "joined"],
            "default": "allow",
            "description": "House style for مازال/ما زال، لابد/لا بد، مادام/ما دام، لاسيما/لا سيما.",
        },
    }
    messages = {
        "default": (
            "«{word}»: the negation particle «{detail}» is a separate word — write «{suggestion}»",
            "«{word}»: حرف النفي «{detail}» كلمة مستقلة، فاكتب «{suggestion}»",
        ),
        "house-style": (
            "«{word}»: the house style writes «{suggestion}»",
            "«{word}»: أسلوب الدار يكتبها «{suggestion}»",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        yield from super().check(doc, options)
        style = options.get("joined", "allow")
        if style == "allow":
            return
        pairs = joined_particles()
        separate = {v: k for k, v in pairs.items()}
        analysis = doc.analysis
        for block, index, _ in analysis.prose:
            tokens = analysis.tokens(block)
            for i, token in enumerate(tokens):
                if style == "separate" and token.clean in pairs:
                    yield self._house(
                        doc, block, index, token.start, token.end, token.raw, pairs[token.clean]
                    )
                if style == "joined" and i + 1 < len(tokens):
                    nxt = tokens[i + 1]
                    pair = f"{token.clean} {nxt.clean}"
                    if pair in separate and block.text[token.end : nxt.start] == " ":
                        yield self._house(
                            doc,
                            block,
                            index,
                            token.start,
                            nxt.end,
                            block.text[token.start : nxt.end],
                            separate[pair],
                        )

    def _house(self, doc, block, index, start, end, text, suggestion) -> Problem:
        return self.problem(
            doc.locate(block, start, end),
            "house-style",
            text=text,
            word=text,
            suggestion=suggestion,
            suggestions=[suggestion],
            fix=Fix.replace(block, start, end, suggestion),
            block_index=index,
        )


class DoubledLetter(WordRule):
    """No letter is typed twice by mistake.

    Fails::

        تراجعت معدلات التتنمية في الأقاليم.

    Passes::

        تراجعت معدلات التنمية في الأقاليم.
    """

    code = "BL-AR007"
    name = "orthography.doubled-letter"
    kind = "doubled"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}»: the letter «{detail}» is typed twice — write «{suggestion}»",
            "«{word}»: الحرف «{detail}» مكرر خطأً، والصواب «{suggestion}»",
        )
    }


class RepeatedWord(Rule):
    """A word is not typed twice in a row.

    Fails::

        وقد أسهم في في تعزيز الثقة.

    Passes::

        وقد أسهم في تعزيز الثقة.
    """

    code = "BL-AR008"
    fix_availability = FixAvailability.SOMETIMES
    name = "orthography.repeated-word"
    category = "spelling"
    severity = Severity.WARNING
    messages = {
        "repeated": (
            "the word «{word}» is repeated",
            "الكلمة «{word}» مكررة",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        allowed = repeatable_words()
        analysis = doc.analysis
        for block, index, _ in analysis.prose:
            tokens = analysis.tokens(block)
            for i, (first, second) in enumerate(itertools.pairwise(tokens)):
                if first.clean != second.clean or first.clean in allowed or len(first.clean) < 2:
                    continue
                if block.text[first.end : second.start].strip(" \u00a0"):
                    continue  # two identical words in a row, separated by spaces only
                if _grammatical_repeat(tokens, i):
                    continue
                yield self.problem(
                    doc.locate(block, first.start, second.end),
                    "repeated",
                    text=block.text[first.start : second.end],
                    word=first.raw,
                    suggestions=[first.raw],
                    fix=Fix.replace(block, first.end, second.end, ""),
                    block_index=index,
                )


def _grammatical_repeat(tokens, i: int) -> bool:
    """Context rules for a legitimate repeat at ``tokens[i]``, ``tokens[i + 1]``: spelled-out
    Latin letters of an acronym («سي إن إن»: the repeated letter follows another short one),
    and «من من» (from whom) before a verb or a pronoun («تحقق من من يقف وراءه»)."""
    word = tokens[i].clean
    # Walk back over the run of the same word to the letter before it: «سي إن إن إن …» (CNN,
    # then «إن»), «وسي إن إن».
    j = i - 1
    while j >= 0 and j >= i - 2 and tokens[j].clean == word:
        j -= 1
    before = tokens[j].clean if j >= 0 else ""
    if before[:1] in {"و", "ف"} and len(before) == 3:
        before = before[1:]
    if len(word) <= 2 and before and len(before) <= 2 and before != word:
        return True
    following = tokens[i + 2].clean if i + 2 < len(tokens) else ""
    return word == "من" and (following[:1] in {"ي", "ت"} or following in {"هم", "هو", "هي"})


class UnknownWord(WordRule):
    """A word the dictionary does not know and no rule explains.

    Names and terms of the draft's own cover and reference list, the shipped lists of proper
    nouns and loanwords, ``.brieflint-words.txt`` files found upward from the draft and the
    configuration's top-level ``words`` and ``dictionaries`` are all accepted, and so are a form
    general Arabic writes often (``variant-frequencies.tsv``: a common form is not a typo), a
    name the author marks (a Latin gloss in parentheses, a short «title», alone in
    parentheses) and a surname after a given name. Suggestions are dictionary words one edit
    away, the most common in general Arabic first (``word-frequencies.txt``, from wordfreq, read
    only when a word has several suggestions; equally rare ones keep the order of the edits),
    computed once per distinct word within a time budget.

    Fails::

        تواجه الحكومة تحديات في قطاع الزراغة.

    Passes::

        تواجه الحكومة تحديات في قطاع الزراعة.
    """

    code = "BL-AR009"
    fix_availability = FixAvailability.NEVER
    name = "orthography.unknown-word"
    kind = "unknown"
    severity = Severity.INFO
    options = {
        "budget_seconds": {
            "type": "number",
            "default": 2.0,
            "description": "Time allowed per document for computing suggestions.",
        },
        "max_suggestions": {
            "type": "integer",
            "default": 3,
            "description": "Suggestions per word.",
        },
    }
    messages = {
        "default": (
            "«{word}» is not in the dictionary (a typo, or a name to add to .brieflint-words.txt)",
            "«{word}» غير موجودة في المعجم (خطأ كتابي، أو اسم يضاف إلى ‎.brieflint-words.txt)",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        known = doc.analysis.lexicon.dictionary.known
        budget_end = time.perf_counter() + float(options.get("budget_seconds", 2.0))
        limit = int(options.get("max_suggestions", 3))
        suggestions: dict[str, list[str]] = {}
        for issue in doc.analysis.spelling:
            if issue.kind != self.kind:
                continue
            word = issue.token.clean
            if word not in suggestions:
                # The most common word first (stable: equally rare ones keep edit order).
                suggestions[word] = ranked_by_frequency(near_words(word, known, budget_end))[:limit]
            problem = self.report(doc, issue, options)
            yield problem.__class__(**{**problem.__dict__, "suggestions": tuple(suggestions[word])})


class PersianLetter(WordRule):
    """Arabic words are typed with Arabic letters, not the Persian or Urdu ones a Persian
    keyboard layout gives: «ی» (Persian ye) for «ي»/«ى», «ک» (keheh) for «ك», «ە» or «ھ» for «ه».

    They look alike and most fonts draw them alike, but search, sorting and spell-checking treat
    them as other letters. A final «ی» has no dots and may stand for «ى» or «ي»: the form the
    dictionary knows, or the far more common one, is suggested; when both fit, the fix is unsafe.

    Fails::

        ناقشت اللجنة مشروع الميزانیة والکتاب الأبيض.

    Passes::

        ناقشت اللجنة مشروع الميزانية والكتاب الأبيض.
    """

    code = "BL-AR010"
    # A final «ی» that may be «ي» or «ى» (both words) is an unsafe fix.
    fix_applicabilities = (Applicability.SAFE, Applicability.UNSAFE)
    name = "orthography.persian-letter"
    kind = "persian"
    severity = Severity.ERROR
    messages = {
        "default": (
            "«{word}» is typed with the Persian/Urdu letter «{detail}» — write «{suggestion}»",
            "«{word}» مكتوبة بالحرف الفارسي/الأردي «{detail}»، والصواب «{suggestion}»",
        )
    }
