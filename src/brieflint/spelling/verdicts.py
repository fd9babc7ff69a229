"""The dictionary's verdicts kept between runs, so that a run can skip loading Hunspell.

Loading the Ayaspell files costs most of a cold ``brieflint check`` (about 0.8 s of CPU on
chunspell's own libhunspell, 0.3 s on the system's), while a brief asks the dictionary about
only a few thousand distinct words. Every verdict Hunspell gives — is this word known, is it a stem of its own — is stored in the user
cache folder (``$XDG_CACHE_HOME/brieflint/dictionary``, default ``~/.cache/brieflint/…``) in
one file per dictionary, named by a key that covers everything a verdict depends on: the
shipped Hunspell files and word lists (their bytes), the code that adds words to Hunspell
(dictionary.py), the extra words of the run, the Hunspell binding, the libhunspell it runs
on (the system's or its own, hunspell_library.py) and this file format.
Shipped data or a user word list that changes gives another key, hence a new, empty store:
nothing is ever invalidated in place.

A run reads the store of its dictionary, loads Hunspell only for a word the store does not
know, and writes the store back at exit when it learnt something. The file carries the
SHA-256 digest of its content: a store that is missing, truncated, edited, oversized or
unreadable is an empty store, and a cache folder that cannot be written is no cache — never
an error, never a different verdict.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import threading
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from ..resources import data_file, user_cache_dir
from .hunspell_library import BASE, KNOWN, binding_folder, chosen_library

FORMAT = "brieflint-dictionary-verdicts-2"
MAX_ENTRIES = 300_000  # a store that grew past this keeps only the words of its last run
MAX_FILE_BYTES = 16 * 2**20
STALE_DAYS = 30
SHIPPED_FILES = (
    "hunspell/ar.aff",
    "hunspell/ar.dic",
    "words/proper-nouns.txt",
    "words/loanwords.txt",
    "words/names-maqsura.txt",
)
# The file's body is four lists of words, one word per line, each list ended by SEPARATOR:
# the words Hunspell knows, does not know, takes as a stem of their own, does not (the two
# questions, KNOWN and BASE). Reading is then a few calls that run in C (split,
# dict.fromkeys) however large the store has grown; a line per verdict read in a Python loop
# cost 0.3–0.6 s for a store of 220,000 verdicts, more than loading Hunspell itself.
SECTIONS = ((KNOWN, True), (KNOWN, False), (BASE, True), (BASE, False))
SEPARATOR = "\x1e"  # the ASCII record separator: never in a word the store keeps


def _binding_fingerprint() -> str:
    """The installed Hunspell binding (its compiled files' names, sizes and times), found
    without importing it, and the libhunspell it runs on in this process (the bundled one or
    the system's, hunspell_library.py): another chunspell or library may judge a word
    differently."""
    folder = binding_folder()
    if folder is None:
        return "no-hunspell"
    parts = [f"library={chosen_library().fingerprint}"]
    for path in sorted(folder.iterdir()):
        if path.suffix in {".so", ".pyd", ".py"} or ".so." in path.name:
            info = path.stat()
            parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(parts)


def store_key(extra_words: Iterable[str]) -> str:
    """The name of the store of the dictionary with these extra words."""
    digest = hashlib.sha256(FORMAT.encode())
    digest.update(_binding_fingerprint().encode())
    shipped = [(name, data_file(name)) for name in SHIPPED_FILES]
    # the code that builds the dictionary (how the shipped and extra words are added) too
    shipped.append(("dictionary.py", Path(__file__).with_name("dictionary.py")))
    for name, path in shipped:
        content = path.read_bytes()
        digest.update(f"\n{name}:{len(content)}\n".encode())
        digest.update(content)
    for word in sorted(extra_words):
        digest.update(f"\n+{word}".encode())
    return digest.hexdigest()


def _header(body: bytes) -> bytes:
    return f"{FORMAT} {hashlib.sha256(body).hexdigest()}\n".encode()


class VerdictStore:
    """Verdicts by question (KNOWN, BASE) and word; ``path`` None keeps them in memory only."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.verdicts: dict[str, dict[str, bool]] = {KNOWN: {}, BASE: {}}
        self.asked: set[tuple[str, str]] = set()  # what this run asked (kept when trimming)
        self.learnt = 0
        self.fresh: list[tuple[str, str, bool]] = []  # learnt since the last drain_fresh
        self._lock = threading.Lock()
        self._saving = False
        self._forgotten = False  # forget(): verdicts kept for this run only, sent nowhere

    @classmethod
    def open(cls, extra_words: Iterable[str]) -> VerdictStore:
        """The store of a dictionary, read from the user cache folder (empty when there is
        none or it cannot be trusted)."""
        try:
            path = user_cache_dir() / "dictionary" / f"{store_key(extra_words)}.txt"
        except (OSError, ValueError):
            return cls(None)
        store = cls(path)
        store._read()
        return store

    def _read(self) -> None:
        try:
            if not self.path.is_file() or self.path.stat().st_size > MAX_FILE_BYTES:
                return
            data = self.path.read_bytes()
        except OSError:
            return
        header, _, body = data.partition(b"\n")
        if header + b"\n" != _header(body):
            return
        try:
            sections = body.decode("utf-8").split(SEPARATOR)
        except UnicodeDecodeError:
            return
        if len(sections) != len(SECTIONS) + 1 or sections[-1]:
            return  # not a file this code wrote: trust none of it
        verdicts: dict[str, dict[str, bool]] = {KNOWN: {}, BASE: {}}
        for (question, verdict), words in zip(SECTIONS, sections[:-1], strict=True):
            if words:
                verdicts[question].update(dict.fromkeys(words.split("\n"), verdict))
        self.verdicts = verdicts

    def get(self, question: str, word: str) -> bool | None:
        self.asked.add((question, word))
        return self.verdicts[question].get(word)

    def put(self, question: str, word: str, verdict: bool) -> None:
        if not word or "\n" in word or "\r" in word or SEPARATOR in word:
            return
        with self._lock:
            self.verdicts[question][word] = verdict
            self.asked.add((question, word))
            if not self._forgotten:
                self.fresh.append((question, word, verdict))
            self.learnt += 1
            if self.path is not None and not self._saving:
                self._saving = True
                atexit.register(self.save)

    def forget(self) -> None:
        """Keep nothing of this run: its verdicts come from another library than the store's
        name says (the binding was imported, on another library, before brieflint chose)."""
        with self._lock:
            self.path = None
            self.fresh = []
            self._forgotten = True

    def drain_fresh(self) -> list[tuple[str, str, bool]]:
        """The verdicts learnt since the last call (a worker process sends them to the parent,
        which keeps the store: a worker exits without running atexit)."""
        with self._lock:
            fresh, self.fresh = self.fresh, []
        return fresh

    def save(self) -> None:
        """Write the store back (atomically, without fsync: a torn file fails its digest and
        is rebuilt). Any failure leaves the cache as it was."""
        if self.path is None or not self.learnt:
            return
        with self._lock:
            keep = sum(map(len, self.verdicts.values())) <= MAX_ENTRIES
            sections = [
                "\n".join(
                    word
                    for word, said in self.verdicts[question].items()
                    if said == verdict and (keep or (question, word) in self.asked)
                )
                + SEPARATOR
                for question, verdict in SECTIONS
            ]
            body = "".join(sections).encode("utf-8")
            self.learnt = 0
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(_header(body) + body)
            os.replace(temporary, self.path)
            _prune(self.path.parent)
        except OSError:
            if temporary is not None:
                with suppress(OSError):
                    temporary.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Remove the stores no run has written for STALE_DAYS (each set of extra words, each
    version of the shipped data, has its own: old ones would otherwise pile up)."""
    limit = time.time() - STALE_DAYS * 86400
    with suppress(OSError):
        for entry in os.scandir(folder):
            with suppress(OSError):
                if entry.name.endswith(".txt") and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
