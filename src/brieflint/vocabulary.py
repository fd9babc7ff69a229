"""The words brieflint shows users, in both languages: labels of severities, rule families,
categories and fix availability, and counted nouns with Arabic number agreement.

Every reporter and command that names a severity, a family or a category takes the label from
here, so that ``rules``, ``explain``, the text report, JSON and the HTML report say the same thing.

Digits: brieflint writes Western digits (0–9) in Arabic messages too. Locations (``12:3``),
paths, JSON and the house style of the briefs (``templates/house-style.yaml``) all use them, and
one digit system in a line keeps a count and a location from reading as two scripts.

Arabic counted nouns follow the agreement of the number (CLDR's plural categories of Arabic):

====================  ===================  ============================================
count                 form                 example
====================  ===================  ============================================
0                     «لا» + plural        لا أخطاء
1                     singular + «واحد»    خطأ واحد، ملاحظة واحدة
2                     dual                 خطآن، ملفان
3–10 (mod 100)        plural               3 أخطاء
11–99 (mod 100)       accusative singular  11 خطأً، 11 ملفًا
100, 101, 102, …      genitive singular    100 خطأ، 102 ملف
====================  ===================  ============================================
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import NoteKind, NoteRef

SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "error": {"en": "error", "ar": "خطأ"},
    "warning": {"en": "warning", "ar": "تحذير"},
    "info": {"en": "info", "ar": "ملاحظة"},
}

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "structure": {"en": "structure", "ar": "البنية"},
    "metadata": {"en": "metadata", "ar": "بيانات الغلاف"},
    "footnotes": {"en": "footnotes", "ar": "الحواشي"},
    "references": {"en": "references", "ar": "المراجع"},
    "spelling": {"en": "spelling", "ar": "الإملاء"},
    "grammar": {"en": "grammar", "ar": "النحو"},
    "punctuation": {"en": "punctuation", "ar": "الترقيم"},
    "consistency": {"en": "consistency", "ar": "الاتساق"},
    "style": {"en": "style", "ar": "الأسلوب"},
    "input": {"en": "input", "ar": "الملف"},
}

FAMILY_LABELS: dict[str, dict[str, str]] = {
    "structure": {"en": "structure", "ar": "البنية"},
    "metadata": {"en": "metadata", "ar": "بيانات الغلاف"},
    "footnotes": {"en": "footnotes", "ar": "الحواشي"},
    "references": {"en": "references", "ar": "المراجع"},
    "orthography": {"en": "orthography", "ar": "الإملاء"},
    "punctuation": {"en": "punctuation", "ar": "الترقيم"},
    "consistency": {"en": "consistency", "ar": "الاتساق"},
    "typography": {"en": "typography", "ar": "الطباعة"},
    "input": {"en": "input", "ar": "الملف"},
    "languagetool": {"en": "languagetool", "ar": "النحو"},
}

FIX_LABELS: dict[str, dict[str, str]] = {
    "never": {"en": "never", "ar": "لا يُصحَّح آليًّا"},
    "sometimes": {"en": "sometimes", "ar": "أحيانًا"},
    "always": {"en": "always", "ar": "دائمًا"},
    "safe": {"en": "safe", "ar": "آمن"},
    "unsafe": {"en": "unsafe", "ar": "غير آمن"},
}


def _label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    entry = table.get(key)
    if entry is None:
        return key
    return entry["ar"] if lang == "ar" else entry["en"]


def severity_label(severity: str, lang: str) -> str:
    return _label(SEVERITY_LABELS, severity, lang)


def category_label(category: str, lang: str) -> str:
    return _label(CATEGORY_LABELS, category, lang)


def family_label(family: str, lang: str) -> str:
    return _label(FAMILY_LABELS, family, lang)


def fix_label(value: str, lang: str) -> str:
    return _label(FIX_LABELS, value, lang)


@dataclass(frozen=True)
class Noun:
    """A counted noun: the English singular and plural, and the Arabic forms for agreement."""

    en_one: str
    en_many: str
    one: str  # «خطأ واحد», «ملاحظة واحدة»: the singular with the adjective «one» agreeing
    two: str  # the dual
    plural: str  # after 3–10, and after «لا» for zero
    accusative: str  # after 11–99: the singular with tanwin al-fath
    genitive: str  # after 100, 101, 102…: the singular


NOUNS: dict[str, Noun] = {
    "file": Noun("file", "files", "ملف واحد", "ملفان", "ملفات", "ملفًا", "ملف"),
    "error": Noun("error", "errors", "خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ"),
    "warning": Noun("warning", "warnings", "تحذير واحد", "تحذيران", "تحذيرات", "تحذيرًا", "تحذير"),
    "info": Noun("info", "info", "ملاحظة واحدة", "ملاحظتان", "ملاحظات", "ملاحظةً", "ملاحظة"),
    "finding": Noun("finding", "findings", "نتيجة واحدة", "نتيجتان", "نتائج", "نتيجةً", "نتيجة"),
    "fix": Noun("fix", "fixes", "تصحيح واحد", "تصحيحان", "تصحيحات", "تصحيحًا", "تصحيح"),
    "comment": Noun("comment", "comments", "تعليق واحد", "تعليقان", "تعليقات", "تعليقًا", "تعليق"),
    "change": Noun(
        "tracked change",
        "tracked changes",
        "تعديل متتبَّع واحد",
        "تعديلان متتبَّعان",
        "تعديلات متتبَّعة",
        "تعديلًا متتبَّعًا",
        "تعديل متتبَّع",
    ),
    "edit": Noun("edit", "edits", "تعديل واحد", "تعديلان", "تعديلات", "تعديلًا", "تعديل"),
    # the object of a verb («سيُسقط المستند عنصرين»): accusative one and two
    "item": Noun("item", "items", "عنصرًا واحدًا", "عنصرين", "عناصر", "عنصرًا", "عنصر"),
    "page": Noun("page", "pages", "صفحة واحدة", "صفحتان", "صفحات", "صفحةً", "صفحة"),
}


def arabic_plural_category(count: int) -> str:
    """CLDR's plural category of an Arabic cardinal: zero, one, two, few, many or other."""
    if count == 0:
        return "zero"
    if count == 1:
        return "one"
    if count == 2:
        return "two"
    rest = count % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


def count_of(count: int, noun: str, lang: str) -> str:
    """``count`` of ``noun`` in ``lang``, with the agreement Arabic needs: «ملفان», «3 ملفات»,
    «11 ملفًا», «100 ملف»; English: «1 file», «3 files»."""
    forms = NOUNS[noun]
    if lang != "ar":
        return f"{count} {forms.en_one if count == 1 else forms.en_many}"
    category = arabic_plural_category(count)
    if category == "zero":
        return f"لا {forms.plural}"
    if category == "one":
        return forms.one
    if category == "two":
        return forms.two
    if category == "few":
        return f"{count} {forms.plural}"
    if category == "many":
        return f"{count} {forms.accusative}"
    return f"{count} {forms.genitive}"


def note_name(note: NoteRef, lang: str) -> str:
    """«footnote 2» / «الحاشية 2», or the endnote's."""
    number = note.number if note.number is not None else note.label
    if note.kind is NoteKind.ENDNOTE:
        return f"endnote {number}" if lang == "en" else f"التعليق الختامي {number}"
    return f"footnote {number}" if lang == "en" else f"الحاشية {number}"


__all__ = [
    "CATEGORY_LABELS",
    "FAMILY_LABELS",
    "FIX_LABELS",
    "NOUNS",
    "SEVERITY_LABELS",
    "arabic_plural_category",
    "category_label",
    "count_of",
    "family_label",
    "fix_label",
    "note_name",
    "severity_label",
]
