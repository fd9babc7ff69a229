"""What the spelling checks accept and explain with: the shipped data lists behind the
explanations, and the lexicon of one document — the words configured for the run (``words``,
``dictionaries``) and the ``.brieflint-words.txt`` files found upward from the draft."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
def hamza_corrections() -> dict[str, str]:
    return dict(line.split("\t") for line in _lines("hamza-qat.tsv"))


@cache
def joined_particles() -> dict[str, str]:
    return dict(line.split("\t") for line in _lines("joined-particles.txt"))


def _word_set(filename: str) -> Callable[[], frozenset[str]]:
    """The accessor of a word list in data/orthography: read on first use, then kept."""

    @cache
    def words() -> frozenset[str]:
        return frozenset(_lines(filename))

    return words


wasl_nouns = _word_set("wasl-nouns.txt")
root_ha_words = _word_set("ha-final.txt")
maqsura_words = _word_set("alef-maqsura.txt")
repeatable_words = _word_set("repeated-ok.txt")
name_titles = _word_set("name-titles.txt")
name_heads = _word_set("name-heads.txt")
given_names = _word_set("given-names.txt")
construct_heads = _word_set("construct-heads.txt")
genitive_nouns = _word_set("genitive-nouns.txt")


def variant_key(word: str) -> str:
    """The key of a word's group of competing spellings: every hamza-alef written ا, a final
    ة written ه, a final ى written ي (as scripts/make-variant-frequencies.py computes it)."""
    word = word.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if word[-1:] == "ة":
        word = word[:-1] + "ه"
    elif word[-1:] == "ى":
        word = word[:-1] + "ي"
    return word


HEADER_LINES = 3  # the comment lines at the top of variant-frequencies.tsv


@cache
def _variant_lines() -> dict[bytes, bytes]:
    """key → «form count form count …» (UTF-8), read with two C-level passes over the bytes:
    a few milliseconds for the whole file, each line decoded only when a word asks for it."""
    data = data_file("orthography/variant-frequencies.tsv").read_bytes()
    fields = iter(data.replace(b"\t", b"\n").split(b"\n")[HEADER_LINES:])
    return dict(zip(fields, fields, strict=False))


@lru_cache(maxsize=50_000)
def variant_counts(word: str) -> dict[str, int]:
    """The spellings competing with ``word`` (itself included when it is common), each with
    its frequency per billion words of general Arabic (wordfreq, CC BY-SA 4.0); empty when
    general Arabic knows no competing spelling."""
    line = _variant_lines().get(variant_key(word).encode("utf-8"))
    if not line:
        return {}
    fields = line.decode("utf-8").split(" ")
    return {fields[i]: int(fields[i + 1]) for i in range(0, len(fields) - 1, 2)}


@cache
def _attested_bytes() -> bytes:
    """attested-forms.txt as bytes, one form a line, framed by newlines for whole-line search."""
    return b"\n" + data_file("orthography/attested-forms.txt").read_bytes()


@lru_cache(maxsize=20_000)
def attested(word: str) -> bool:
    """General Arabic writes ``word`` (100+ per billion words, wordfreq), though the dictionary
    lacks it and no competing spelling is far more common: a name or a loanword, not a typo.
    Asked only of words the dictionary rejects; one C-level search of 0.25 MB, no parsing."""
    return _attested_bytes().find(b"\n" + word.encode("utf-8") + b"\n") >= 0


def frequency(word: str) -> int:
    """How often general Arabic writes ``word`` (per billion words), as far as the shipped
    variant data knows; 0 for a form it does not list."""
    return variant_counts(word).get(word, 0)


@cache
def _general_bytes() -> bytes:
    """word-frequencies.txt: sorted «form<TAB>code» lines (UTF-8), read as bytes only when a word
    has several suggestions to rank, and never parsed: a look-up bisects the bytes in place."""
    return data_file("orthography/word-frequencies.txt").read_bytes()


def _general_code(key: bytes) -> int:
    """The frequency code of the form ``key`` in word-frequencies.txt, or -1: a binary search
    over byte offsets, each probe widened to the line it falls in (the comment lines at the top
    sort before every Arabic form)."""
    data = _general_bytes()
    low, high = 0, len(data)  # both at the start of a line (or the end)
    while low < high:
        start = max(low, data.rfind(b"\n", low, (low + high) // 2) + 1)  # the probe's line
        end = data.find(b"\n", start, high)
        end = high if end < 0 else end
        tab = data.find(b"\t", start, end)
        form = data[start : tab if tab >= 0 else end]
        if form == key and tab >= 0 and tab + 1 < end:
            return data[tab + 1] - ord("0")
        if form < key:
            low = end + 1
        else:
            high = start
    return -1


@lru_cache(maxsize=20_000)
def common_frequency(word: str) -> float:
    """How often general Arabic writes ``word`` (per billion words, wordfreq): the variant data's
    count, else word-frequencies.txt's (to a tenth of a power of ten, from 100 per billion); 0 for
    a rarer form or one the dictionary does not know."""
    count = frequency(word)
    if count:
        return count
    code = _general_code(word.encode("utf-8"))
    return 10 ** ((code + 20) / 10) if code >= 0 else 0.0


def ranked_by_frequency(candidates: list[str]) -> list[str]:
    """``candidates`` the most common first; equally common or unknown ones keep their order (the
    data is loaded only when there is an order to decide)."""
    if len(candidates) < 2:
        return list(candidates)
    return sorted(candidates, key=lambda word: -common_frequency(word))


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
