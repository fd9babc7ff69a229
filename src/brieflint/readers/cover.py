"""Cover metadata of a Word draft, read from the paragraphs before the first section.

Hand-made covers have no fields: the institution's names come first, then a month and year, the
title (Title style, or the largest type), a quoted subtitle, the type label «تقدير موقف», and an
«إعداد» block with the author's name, degree and affiliation lines and an e-mail address.
"""

from __future__ import annotations

import re

from ..arabic import ARABIC_LETTER, fold, heading_key, is_mostly_latin
from ..model import Block, DocxSource, Location, MetadataField

# The paragraph styles of a cover written by pandoc or Word (Title, Subtitle, Author, Date).
COVER_STYLES = {"title", "subtitle", "author", "date", "abstract"}
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # look-behind: linear
_YEAR = re.compile(r"(?:19|20)\d{2}|[١٢][٠٩][٠-٩]{2}")
_MONTHS = {
    fold(m)
    for m in [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "إبريل",
        "مايو",
        "يونيو",
        "يونيه",
        "يوليو",
        "يوليه",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
        "كانون",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين",
        "جانفي",
        "فيفري",
        "أفريل",
        "جوان",
        "جويلية",
        "أوت",
    ]
}
_PREPARED_BY = fold("إعداد")
_DEGREE = re.compile(r"^\s*(?:أ\.\s?د\.|د\.|الدكتورة?\s|الأستاذة?\s|Dr\.?\s|Prof\.?\s)")
# Words that open a type label on a cover; the labels themselves come from the shipped kinds.
_TYPE_LABEL_STARTS = (
    "تقدير موقف",
    "تقدير الموقف",
    "ورقة سياسات",
    "ورقة سياسة",
    "ورقة تحليلية",
    "دراسة",
    "تحليل سياسات",
    "ورقة بحثية",
    "تقرير",
)
_TYPE_KEYS = {heading_key(label) for label in _TYPE_LABEL_STARTS}


def _is_date(text: str) -> bool:
    words = fold(text).replace("/", " ").replace("-", " ").split()
    return (
        bool(_YEAR.search(text))
        and len(words) <= 6
        and (any(w.strip("،,") in _MONTHS for w in words) or len(words) <= 2)
    )


def _is_month(text: str) -> bool:
    """A line that is only a month name («أبريل/نيسان», «مارس / آذار»)."""
    words = fold(text).replace("/", " ").replace("-", " ").replace("،", " ").split()
    return (
        bool(words)
        and len(words) <= 4
        and all(w in _MONTHS or w == "الاول" or w == "الثاني" for w in words)
    )


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:(?:19|20)\d{2}|[١٢][٠٩][٠-٩]{2})\s*م?\.?\s*", text))


def is_cover(lines: list[Block]) -> bool:
    """Lines that say they are a cover: a type label, «إعداد» or an e-mail address."""
    for block in lines:
        text = block.text.strip()
        if EMAIL.search(text) or heading_key(text) in _TYPE_KEYS:
            return True
        if fold(text).startswith(_PREPARED_BY) and len(text.split()) <= 6:
            return True
    return False


def _type_text(text: str) -> str:
    """A type label as typed between dots or dashes («... تقدير موقف ...»)."""
    return text.strip().strip(" .…-–—*_|").strip()


def _field(block: Block, value: str | None = None) -> MetadataField:
    return MetadataField((value if value is not None else block.text).strip(), block.location)


def extract_cover_metadata(
    cover: list[Block], core_title: str = "", core_author: str = ""
) -> dict[str, MetadataField]:
    found: dict[str, MetadataField] = {}
    used: set[int] = set()
    blocks = [(i, b) for i, b in enumerate(cover) if b.text.strip()]

    def take(name: str, index: int, block: Block, value: str | None = None) -> None:
        if name not in found:
            found[name] = _field(block, value)
            used.add(index)

    styled = {"title": "title", "subtitle": "subtitle", "author": "author", "date": "date"}
    for index, block in blocks:
        style = block.style.strip().lower()
        if style in styled and styled[style] not in found:
            take(styled[style], index, block)
        elif style == "title" and "title" in found:  # a title typed over two Title paragraphs
            found["title"] = MetadataField(
                f"{found['title'].value} {block.text.strip()}", found["title"].location
            )
            used.add(index)
        elif style == "author" and _is_affiliation(block.text) and "affiliation" not in found:
            # pandoc writes the author's affiliation as a second Author paragraph
            take("affiliation", index, block)
    for index, block in blocks:
        text = block.text.strip()
        if index in used:
            continue
        if EMAIL.search(text) and "email" not in found:
            take("email", index, block, EMAIL.search(text).group(0))
        elif heading_key(text) in _TYPE_KEYS and "type" not in found:
            take("type", index, block, _type_text(text))
        elif fold(text).startswith(_PREPARED_BY):
            used.add(index)
            rest = text[len("إعداد") :].strip(" :：-–")
            _prepared_by(blocks, index, rest, block, found, used)
        elif _DEGREE.match(text) and "author" not in found and len(text.split()) <= 6:
            # No «إعداد»: the name with its degree («د. …») opens the author's block.
            used.add(index)
            _prepared_by(blocks, index, text, block, found, used)
        elif _is_date(text) and "date" not in found:
            take("date", index, block)
        elif _is_month(text) and "date" not in found:
            # The month and the year on lines of their own (a cover pasted from a web page).
            after = next(((i, b) for i, b in blocks if i > index), None)
            if after is not None and _is_year(after[1].text):
                take("date", index, block, f"{text} {after[1].text.strip()}")
                used.add(after[0])
    title_index = _title(blocks, used, found)
    if title_index is not None and "subtitle" not in found:
        following = [(i, b) for i, b in blocks if i > title_index and i not in used]
        if following and following[0][0] == title_index + 1 and _quoted(following[0][1].text):
            take("subtitle", *following[0])
    for index, block in blocks:
        if index in used:
            continue
        if is_mostly_latin(block.text):
            take("institution_en", index, block)
        elif ARABIC_LETTER.search(block.text) and (title_index is None or index < title_index):
            take("institution", index, block)
    for index, block in blocks:  # a pasted cover names its institution after the author
        if index not in used and ARABIC_LETTER.search(block.text):
            take("institution", index, block)
    if "title" not in found and core_title.strip():
        found["title"] = MetadataField(core_title.strip(), Location(1, 1))
    if "author" not in found and core_author.strip():
        found["author"] = MetadataField(core_author.strip(), Location(1, 1))
    return found


_AFFILIATION_WORDS = {
    fold(w)
    for w in ("باحث", "باحثة", "أستاذ", "أستاذة", "مركز", "معهد", "جامعة", "كلية", "مدير", "مديرة")
}


def _is_affiliation(text: str) -> bool:
    """An Author paragraph that is not a name but a position («باحثة أولى في …، مركز …»):
    a co-author's name is short, has no comma and no word of a position or an institution."""
    words = [w.strip("،,.") for w in fold(text).split()]
    return "،" in text or "," in text or len(words) > 6 or bool(_AFFILIATION_WORDS & set(words))


def _quoted(text: str) -> bool:
    text = text.strip()
    return text[:1] in '«"“(' and text[-1:] in '»"”)'


def _prepared_by(blocks, index, rest, block, found, used) -> None:
    """«إعداد: د. فلان» or «إعداد» followed by the name, then affiliation lines."""
    after = [(i, b) for i, b in blocks if i > index and i not in used]
    if rest:
        found.setdefault("author", _field(block, rest))
    elif after:
        i, name_block = after.pop(0)
        found.setdefault("author", _field(name_block))
        used.add(i)
    lines = []
    first_location = None
    taken = []
    for i, b in after:
        text = b.text.strip()
        if (
            EMAIL.search(text)
            or _is_date(text)
            or _is_month(text)
            or heading_key(text) in _TYPE_KEYS
            or is_mostly_latin(text)
        ):
            # The Arabic name of the institution comes just before its English name.
            latin_name = is_mostly_latin(text) and not EMAIL.search(text)
            if latin_name and len(lines) > 1 and "institution" not in found:
                found["institution"] = _field(taken[-1][1])
                lines.pop()
            break
        lines.append(text)
        taken.append((i, b))
        first_location = first_location or b.location
        used.add(i)
    if lines and "affiliation" not in found:
        found["affiliation"] = MetadataField("، ".join(lines), first_location)


def _title(blocks, used, found) -> int | None:
    """Index of the title paragraph: the Title style, else the largest type on the cover."""
    if "title" in found:
        return next((i for i, b in blocks if b.location == found["title"].location), None)
    candidates = [(i, b) for i, b in blocks if i not in used and ARABIC_LETTER.search(b.text)]
    if not candidates:
        return None
    largest = max(_font_size(b) for _, b in candidates)
    quoted_next = [
        (i, b)
        for i, b in candidates
        if not _quoted(b.text)
        and any(j == i + 1 and j not in used and _quoted(n.text) for j, n in blocks)
    ]
    if largest:
        index, block = next((i, b) for i, b in candidates if _font_size(b) == largest)
    elif quoted_next:  # the line right above a quoted subtitle
        index, block = quoted_next[0]
    elif "institution" in found:  # named after the author: the first line is the title
        index, block = candidates[0]
    else:
        # No sizes: institution first, the title after it.
        index, block = candidates[1] if len(candidates) > 1 else candidates[0]
    found["title"] = _field(block)
    used.add(index)
    return index


def _font_size(block: Block) -> int:
    return block.source.font_size if isinstance(block.source, DocxSource) else 0
