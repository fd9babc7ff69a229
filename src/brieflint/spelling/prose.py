"""Which blocks are prose: the one list of block kinds every module counts, checks or scans."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import PROSE_KINDS, Block, BlockKind, Document

# What the spelling, punctuation and consistency checks read: prose, headings and figure text.
CHECKED_KINDS = PROSE_KINDS | {BlockKind.HEADING, BlockKind.FIGURE}


def checked_blocks(doc: Document, outline: Any) -> Iterator[tuple[Block, int | None, bool]]:
    """(block, index in doc.blocks or None, is_reference_entry) for every checked block, body
    then notes. ``outline`` (outline.Outline, or None) says which blocks are the reference list."""
    references = set()
    if outline is not None:
        references = {i for s in outline.find("references") for i in s.block_indexes}
    for index, block in enumerate(doc.blocks):
        if block.kind in CHECKED_KINDS:
            yield block, index, index in references
    for note in doc.footnotes:
        for block in note.blocks:
            yield block, None, False
