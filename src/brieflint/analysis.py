"""One analysis per document: what several rules derive from a draft, computed at most once.

The engine builds an :class:`Analysis` for each document from explicit inputs — the document,
its outline (which carries the schema) and the :class:`~brieflint.spelling.lexicon.Lexicon` of
words the run accepts — and rules reach it as ``doc.analysis``. Every property is computed on
first use from those inputs only, so a rule's findings cannot depend on which rules ran before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from .spelling.lexicon import Lexicon
from .spelling.prose import checked_blocks
from .spelling.tokens import Token, token_key, tokenize

if TYPE_CHECKING:
    from .citations import CitedNote, ReferenceEntry
    from .model import Block, Document
    from .notes import NoteIndex
    from .spelling.checker import Issue


T = TypeVar("T")


class Analysis:
    """The shared analyses of one document: notes, reference entries, the footnotes against the
    reference list, the tokens of each block and the classified misspelt words."""

    def __init__(
        self,
        doc: Document,
        outline: Any = None,
        lexicon: Lexicon | None = None,
        block_cache: Any = None,
    ) -> None:
        self.doc = doc
        self.outline = outline  # outline.Outline; None before the engine has built one
        self.lexicon = lexicon  # None: no run configured one (a writer's own use)
        self._tokens: dict[int, list[Token]] = {}
        self._keys: dict[int, tuple] = {}
        # Per-block results kept between successive versions of one draft (the language
        # server's incremental.BlockCache), by what they read of a block: see per_block.
        self.block_cache = block_cache

    @cached_property
    def notes(self) -> NoteIndex:
        """Every marker and note, real and pasted."""
        from .notes import build_note_index

        return build_note_index(self.doc)

    @cached_property
    def references(self) -> list[ReferenceEntry]:
        """The entries of the references section(s), in order."""
        from .citations import read_reference_entries

        return read_reference_entries(self.doc, self.outline, self.notes.manual_note_blocks)

    @cached_property
    def crosscheck(self) -> list[CitedNote]:
        """Each note citing a source, with its best reference entry."""
        from .citations import cross_reference

        return cross_reference(self.notes, self.references, self.outline)

    @cached_property
    def prose(self) -> list[tuple[Block, int | None, bool]]:
        """(block, index in doc.blocks or None, is_reference_entry) for every checked block."""
        return list(checked_blocks(self.doc, self.outline))

    def tokens(self, block: Block) -> list[Token]:
        """The Arabic word tokens of ``block``."""
        key = id(block)
        if key not in self._tokens:
            self._tokens[key] = self.per_block("tokens", block, tokenize)
        return self._tokens[key]

    def _key(self, block: Block) -> tuple:
        key = self._keys.get(id(block))
        if key is None:
            key = self._keys[id(block)] = token_key(block)
        return key

    def per_block(self, name: str, block: Block, compute: Callable[[Block], T]) -> T:
        """``compute(block)``, which must depend only on what :func:`tokenize` reads of the
        block (its text, its code and URL spans) and on ``name``: kept between versions of a
        draft when the analysis has a block cache, so that an unchanged block is not scanned
        again."""
        if self.block_cache is None:
            return compute(block)
        key = (name, *self._key(block))
        found = self.block_cache.get(key)
        if found is None:
            found = self.block_cache[key] = compute(block)
        return found

    @cached_property
    def spelling(self) -> list[Issue]:
        """Every misspelt word of the document, classified against the lexicon."""
        from .spelling.checker import classify_words

        if self.lexicon is None:
            raise RuntimeError("spelling needs a lexicon: the engine builds the analysis")
        return classify_words(self.doc, self.prose, self.tokens, self.lexicon.dictionary)


def notes_of(doc: Document) -> NoteIndex:
    """Every marker and note of ``doc``, real and pasted (computed once per document)."""
    return analysis_of(doc).notes


def analysis_of(doc: Document) -> Analysis:
    """``doc.analysis``; a document no engine analysed gets one without a lexicon."""
    if doc.analysis is None:
        doc.analysis = Analysis(doc, doc.outline)
    return doc.analysis
