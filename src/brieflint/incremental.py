"""Re-checking a draft as it is edited, for the language server.

The whole check runs again on every change — the reader, the outline and every rule — so that
the findings are always exactly those of ``brieflint check`` on the same text. What is expensive
and depends on one block only is cached by what it reads of the block (its text, its code and
URL spans; never its position), through ``Analysis.per_block``: the tokens of each block (the
dictionary's verdict on each word is memoised already), the matches of the pattern rules, the
unbalanced brackets, the spelling-variant keys. An edit of one paragraph re-scans only that
paragraph; the document-wide rules (notes, references, consistency, structure) are recomputed
from the cached per-block results. The Markdown is parsed again in full.
"""

from __future__ import annotations

from .engine import Config, FileResult, check_document
from .model import Document
from .readers.markdown import read_markdown


class BlockCache:
    """Per-block results of the last check of a draft (``previous``) and of this one
    (``current``): what this check does not ask for is dropped when the next one starts."""

    def __init__(self) -> None:
        self.previous: dict = {}
        self.current: dict = {}

    def next_version(self) -> None:
        self.previous, self.current = self.current, {}

    def get(self, key):
        found = self.current.get(key)
        if found is None:
            found = self.previous.get(key)
            if found is not None:
                self.current[key] = found
        return found

    def __setitem__(self, key, value) -> None:
        self.current[key] = value

    def __len__(self) -> int:
        return len(self.current)


class IncrementalChecker:
    """Checks the successive texts of open drafts, reusing per-block work between them."""

    def __init__(self) -> None:
        self._caches: dict[str, BlockCache] = {}

    def check(self, path: str, text: str, config: Config) -> tuple[FileResult, Document]:
        cache = self._caches.setdefault(path, BlockCache())
        cache.next_version()
        doc = read_markdown(path, text)
        result = check_document(doc, config, block_cache=cache)
        result.lang = config.lang
        return result, doc

    def forget(self, path: str) -> None:
        self._caches.pop(path, None)
