"""Cover metadata of a Word draft, read from the paragraphs before the first section.

Hand-made covers have no fields: the institution's names come first, then a month and year, the
title (Title style, or the largest type), a quoted subtitle, the type label «تقدير موقف», and an
«إعداد» block with the author's name, degree and affiliation lines and an e-mail address.
"""

from __future__ import annotations

import re

from ..arabic import ARABIC_LETTER, fold, heading_key, is_mostly_latin
from ..model import Block, DocxSource, Location, MetadataField

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
    for index, block in blocks:
        text = block.text.strip()
        if index in used:
            continue
        if EMAIL.search(text) and "email" not in found:
            take("email", index, block, EMAIL.search(text).group(0))
        elif heading_key(text) in _TYPE_KEYS and "type" not in found:
            take("type", index, block)
        elif fold(text).startswith(_PREPARED_BY):
            used.add(index)
            rest = text[len("إعداد") :].strip(" :：-–")
            _prepared_by(blocks, index, rest, block, found, used)
        elif _is_date(text) and "date" not in found:
            take("date", index, block)
    title_index = _title(blocks, used, found)
    for index, block in blocks:
        if index in used or (title_index is not None and index > title_index):
            continue
        if is_mostly_latin(block.text):
            take("institution_en", index, block)
        elif ARABIC_LETTER.search(block.text):
            take("institution", index, block)
    if title_index is not None and "subtitle" not in found:
        following = [(i, b) for i, b in blocks if i > title_index and i not in used]
        if following and following[0][0] == title_index + 1 and _quoted(following[0][1].text):
            take("subtitle", *following[0])
    if "title" not in found and core_title.strip():
        found["title"] = MetadataField(core_title.strip(), Location(1, 1))
    if "author" not in found and core_author.strip():
        found["author"] = MetadataField(core_author.strip(), Location(1, 1))
    return found


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
    for i, b in after:
        text = b.text.strip()
        if EMAIL.search(text) or _is_date(text) or heading_key(text) in _TYPE_KEYS:
            break
        lines.append(text)
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
    if largest:
        index, block = next((i, b) for i, b in candidates if _font_size(b) == largest)
    else:
        # No sizes: institution first, the title after it.
        index, block = candidates[1] if len(candidates) > 1 else candidates[0]
    found["title"] = _field(block)
    used.add(index)
    return index


def _font_size(block: Block) -> int:
    return block.source.font_size if isinstance(block.source, DocxSource) else 0
