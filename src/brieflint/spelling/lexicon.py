"""What the spelling checks accept and explain with: the shipped data lists behind the
explanations, and the lexicon of one document — the words configured for the run (``words``,
``dictionaries``) and the ``.brieflint-words.txt`` files found upward from the draft."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..resources import data_file
from .dictionary import Dictionary, find_user_words, get_dictionary, read_word_list


def _lines(name: str) -> list[str]:
    path = data_file(f"orthography/{name}")
    rows = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append(line)
    return rows


@cache
def wasl_nouns() -> frozenset[str]:
    return frozenset(_lines("wasl-nouns.txt"))


@cache
def hamza_corrections() -> dict[str, str]:
    return dict(line.split("\t") for line in _lines("hamza-qat.tsv"))


@cache
def root_ha_words() -> frozenset[str]:
    return frozenset(_lines("ha-final.txt"))


@cache
def maqsura_words() -> frozenset[str]:
    return frozenset(_lines("alef-maqsura.txt"))


@cache
def joined_particles() -> dict[str, str]:
    return dict(line.split("\t") for line in _lines("joined-particles.txt"))


@cache
def repeatable_words() -> frozenset[str]:
    return frozenset(_lines("repeated-ok.txt"))


@cache
def name_titles() -> frozenset[str]:
    return frozenset(_lines("name-titles.txt"))


@dataclass(frozen=True)
class Lexicon:
    """The words one document's checks accept beyond the dictionary and the shipped lists."""

    words: frozenset[str] = frozenset()

    @property
    def dictionary(self) -> Dictionary:
        """The dictionary with these words added (one per set of words and process)."""
        return get_dictionary(self.words)


@lru_cache(maxsize=64)
def _word_file(version: tuple[str, int, int]) -> tuple[str, ...]:
    """The words of one version (path, mtime, size) of a word-list file."""
    return tuple(read_word_list(Path(version[0])))


def read_words(path: Path) -> tuple[str, ...]:
    """A word list, read once per run while it does not change. Raises ConfigError."""
    try:
        stat = path.stat()
    except OSError:
        return tuple(read_word_list(path))  # the reader names the file and the problem
    return _word_file((str(path), stat.st_mtime_ns, stat.st_size))


def lexicon_for(path: str, words: Iterable[str] = (), dictionaries: Iterable[str] = ()) -> Lexicon:
    """The lexicon of the draft at ``path``: the configured ``words``, the word-list files
    ``dictionaries`` (absolute paths) and every ``.brieflint-words.txt`` from the draft's folder
    upward. A draft without a path (standard input) gets the configured words only."""
    found = set(words)
    for name in dictionaries:
        found.update(read_words(Path(name)))
    if path and not path.startswith("<"):
        for user_file in find_user_words(Path(path)):
            found.update(read_words(user_file))
    return Lexicon(frozenset(found))
