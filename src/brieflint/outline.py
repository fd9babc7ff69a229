"""The outline of a draft: which blocks are section headings and which schema section each names.

Real drafts mix proper headings with bold lines («مقدمة:») typed as paragraphs. Both become
sections here; the latter are flagged ``pseudo`` so a rule can ask for a real heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .headings import looks_like_heading
from .model import PROSE_KINDS, Block, Document
from .schema import BriefSchema, SectionSpec


@dataclass
class Section:
    spec: SectionSpec | None  # None: a heading that names no section of the schema
    heading: Block
    heading_index: int
    level: int
    pseudo: bool = False
    block_indexes: list[int] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return self.spec.id if self.spec else None


@dataclass
class Outline:
    schema: BriefSchema
    sections: list[Section]
    title_block: Block | None = None
    section_level: int = 2
    # Heading-like lines inside the section they name («السيناريو الأول: …» under
    # «السيناريوهات»): sub-headings of a draft that cannot show levels; built as headings.
    subheadings: set[int] = field(default_factory=set)

    def words(self, doc: Document, section: Section) -> int:
        return sum(
            doc.blocks[i].words for i in section.block_indexes if doc.blocks[i].kind in PROSE_KINDS
        )

    def body_words(self, doc: Document) -> int:
        """Words a reader reads: the body's prose and the notes, without headings and the
        reference list."""
        skip = {s.heading_index for s in self.sections}
        skip.update(i for s in self.find("references") for i in s.block_indexes)
        body = sum(
            b.words for i, b in enumerate(doc.blocks) if b.kind in PROSE_KINDS and i not in skip
        )
        return body + sum(b.words for note in doc.footnotes for b in note.blocks)

    def recognised(self) -> list[Section]:
        return [s for s in self.sections if s.spec is not None]

    def find(self, section_id: str) -> list[Section]:
        return [s for s in self.sections if s.id == section_id]


def is_pseudo_heading(
    block: Block,
    schema: BriefSchema,
    *,
    following: Block | None = None,
    plain: bool = False,
    previous: Block | None = None,
) -> bool:
    """A line typed as a paragraph (bold, colon-ended, numbered, or — in a draft with no
    formatting — a short line of its own) that names a section (see :mod:`brieflint.headings`)."""
    return looks_like_heading(
        block,
        lambda text: schema.heading_match(text)[1],
        following=following,
        plain=plain,
        previous=previous,
    )


SUBHEADING_MAX_WORDS = 12  # «السيناريو الثاني: انضمام ليبيا وتحول الاتفاق إلى إطار ثلاثي»


def _subheading_line(doc: Document, index: int, schema: BriefSchema, plain: bool) -> bool:
    """A pasted line inside the section it names, a little longer than a section heading
    («السيناريو الثاني: انضمام ليبيا وتحول الاتفاق إلى إطار ثلاثي»): a sub-heading."""
    following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
    return plain and looks_like_heading(
        doc.blocks[index],
        lambda text: schema.heading_match(text)[1],
        following=following,
        plain=True,
        plain_max_words=SUBHEADING_MAX_WORDS,
        max_words=SUBHEADING_MAX_WORDS,
    )


# «المسار الأول: …», «السيناريو الثاني: …», «الاحتمال الثالث: …»: a label with an ordinal.
_ORDINAL_LABEL = re.compile(
    r"^\S+\s+ال(?:أول|أولى|ثاني|ثانية|ثالث|ثالثة|رابع|رابعة|خامس|خامسة|سادس|سادسة)\s*[:：]\s*(.+)$"
)
_PUNCT = re.compile(r"[،,؛;.!?؟…]")


def _labelled_line(block: Block) -> bool:
    """A pasted line «المسار الأول: تنفيذ بطيء للمرحلة الأولى» inside a section: a
    sub-heading whatever its label, when it is short and no sentence."""
    if block.kind != "paragraph":
        return False
    match = _ORDINAL_LABEL.match(block.text.strip())
    return (
        bool(match)
        and len(block.text.split()) <= SUBHEADING_MAX_WORDS
        and not _PUNCT.search(match.group(1))
    )


def _title_heading(doc: Document) -> int | None:
    """A lone level-1 heading at the top of a Markdown draft is its title, not a section."""
    headings = [(i, b) for i, b in enumerate(doc.blocks) if b.kind == "heading"]
    if not headings or headings[0][1].level != 1:
        return None
    if sum(1 for _, b in headings if b.level == 1) != 1:
        return None
    return headings[0][0]


def _section_level(
    doc: Document, schema: BriefSchema, title_index: int | None, pseudo: set[int]
) -> int:
    """The heading level that sections are written at.

    Usually the highest heading level in the body. But when a draft types its sections as bold
    lines («مقدمة:») and uses real headings only inside them (each scenario as a heading), the
    bold lines are the sections and every real heading is a sub-heading.
    """
    real = [(i, b) for i, b in enumerate(doc.blocks) if b.kind == "heading" and i != title_index]
    default = 2 if doc.format == "markdown" else 1
    if not real:
        return default
    top = min(b.level for _, b in real)
    real_ids = {s.id for _, b in real if b.level == top and (s := schema.match_heading(b.text))}
    pseudo_ids = {s.id for i in pseudo if (s := schema.match_heading(doc.blocks[i].text))}
    if len(pseudo_ids) > len(real_ids):
        return top - 1 if top > 1 else default
    return top


def build_outline(doc: Document, schema: BriefSchema) -> Outline:
    title_index = _title_heading(doc)
    plain = not any(b.kind == "heading" for b in doc.blocks)
    pseudo = {
        i
        for i, b in enumerate(doc.blocks)
        if is_pseudo_heading(
            b,
            schema,
            following=doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None,
            plain=plain,
            previous=doc.blocks[i - 1] if i > 0 else None,
        )
    }
    section_level = _section_level(doc, schema, title_index, pseudo)
    outline = Outline(
        schema=schema,
        sections=[],
        title_block=doc.blocks[title_index] if title_index is not None else None,
        section_level=section_level,
    )
    current: Section | None = None
    for index, block in enumerate(doc.blocks):
        if index == title_index:
            continue
        is_heading = block.kind == "heading" and block.level <= section_level
        # Which section a block names matters only for a heading, a heading-like line, or a
        # line of pasted text (a possible sub-heading): not for every paragraph of a draft.
        named = is_heading or index in pseudo or (plain and current is not None)
        spec = schema.match_heading(block.text) if named else None
        if (
            not is_heading
            and current is not None
            and spec is not None
            and spec == current.spec
            and not spec.repeatable
            and (index in pseudo or _subheading_line(doc, index, schema, plain))
        ):
            # A heading-like line inside the section it names («السيناريو الأول: …» under
            # «السيناريوهات»): a sub-heading, as pasted text cannot show its level.
            current.block_indexes.append(index)
            outline.subheadings.add(index)
            continue
        if is_heading or index in pseudo:
            current = Section(
                spec=spec,
                heading=block,
                heading_index=index,
                level=block.level if is_heading else section_level,
                pseudo=not is_heading,
            )
            outline.sections.append(current)
        elif current is not None:
            current.block_indexes.append(index)
            if plain and _labelled_line(block):
                outline.subheadings.add(index)
    return outline
