"""Re-checking a draft as it is edited, for the language server.

The whole check runs again on every change — the reader, the outline and every rule — so that
the findings are always exactly those of ``brieflint check`` on the same text. What is expensive
and depends on one block only (the tokens of each block; the dictionary's verdict on each word is
memoised already) is cached by what it reads of the block, so an edit of one paragraph
re-tokenises only that paragraph; the document-wide rules are recomputed from the cached
per-block results.
"""

from __future__ import annotations

from .engine import Config, FileResult, check_document
from .model import Document
from .readers.markdown import read_markdown
from .spelling.tokens import token_key


class IncrementalChecker:
    """Checks the successive texts of open drafts, reusing per-block work between them."""

    def __init__(self) -> None:
        self._caches: dict[str, dict] = {}

    def check(self, path: str, text: str, config: Config) -> tuple[FileResult, Document]:
        cache = self._caches.setdefault(path, {})
        doc = read_markdown(path, text)
        result = check_document(doc, config, block_cache=cache)
        result.lang = config.lang
        used = {("tokens", *token_key(b)) for b in doc.every_block()}
        if len(cache) > 2 * len(used) + 64:  # drop what earlier versions left behind
            self._caches[path] = {k: cache[k] for k in used if k in cache}
        return result, doc

    def forget(self, path: str) -> None:
        self._caches.pop(path, None)
