"""The Arabic dictionary: Hunspell (chunspell) with the shipped Ayaspell files, the shipped
allow-lists of names and loanwords, and the user's own words.

Loading the Ayaspell files takes most of a second (a third with the system's libhunspell,
:mod:`.hunspell_library`), so one Dictionary is built per process and
per set of user words, look-ups are memoised, and Hunspell's verdicts are kept between runs
(:mod:`.verdicts`): Hunspell is loaded only when a word comes up that no earlier run asked
about.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from ..errors import ConfigError
from ..resources import data_file
from .hunspell_library import answer, bind_hunspell, build_speller
from .tokens import clean_word
from .verdicts import BASE, KNOWN, VerdictStore

# An example word whose affixes (و، ف، ب، ل، ك، ال…) a proper noun added by the user takes.
AFFIX_EXAMPLE = "لبنان"
USER_WORDS_FILE = ".brieflint-words.txt"


def read_word_list(path: Path) -> list[str]:
    """One word a line; «#» starts a comment. Raises ConfigError naming the file."""
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: word list is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read word list: {exc.strerror or exc}") from None
    if "\x00" in text:
        raise ConfigError(f"{path}: word list contains binary data")
    words = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(clean_word(word))
    return words


@cache
def shipped_words() -> frozenset[str]:
    words: set[str] = set()
    for name in ("proper-nouns.txt", "loanwords.txt", "names-maqsura.txt"):
        words.update(read_word_list(data_file(f"words/{name}")))
    return frozenset(words)


class Dictionary:
    """Is a word Arabic as the dictionary knows it?"""

    def __init__(
        self, extra_words: Iterable[str] = (), *, store: VerdictStore | None = None
    ) -> None:
        self.extra = frozenset(extra_words)
        self.store = store if store is not None else VerdictStore.open(self.extra)
        self._hunspell = None  # loaded by _speller on the first word the store does not know
        self._loading = threading.Lock()
        self.known = lru_cache(maxsize=200_000)(self._known)
        self.is_base_word = lru_cache(maxsize=200_000)(self._is_base_word)

    def load(self) -> None:
        """Load Hunspell now (before forking worker processes, which then share it)."""
        self._speller()

    def _speller(self):
        if self._hunspell is None:
            with self._loading:
                if self._hunspell is None:
                    hunspell, as_chosen = bind_hunspell()
                    if not as_chosen:  # the store's name says another library: keep nothing
                        self.store.forget()
                    words = shipped_words() | self.extra
                    self._hunspell = build_speller(
                        hunspell, data_file("hunspell"), words, AFFIX_EXAMPLE
                    )
        return self._hunspell

    def _known(self, word: str) -> bool:
        if not word:
            return False
        verdict = self.store.get(KNOWN, word)
        if verdict is None:
            verdict = answer(self._speller(), KNOWN, word)
            self.store.put(KNOWN, word, verdict)
        return verdict

    def _is_base_word(self, word: str) -> bool:
        """The dictionary knows ``word`` as a stem of its own (not only as clitic + stem)."""
        verdict = self.store.get(BASE, word)
        if verdict is None:
            verdict = answer(self._speller(), BASE, word)
            self.store.put(BASE, word, verdict)
        return verdict


_DICTIONARIES: dict[frozenset[str], Dictionary] = {}
_BUILDING = threading.Lock()


def get_dictionary(extra_words: Iterable[str] = ()) -> Dictionary:
    """One Dictionary per set of extra words and process; a caller waits for one being built."""
    key = frozenset(extra_words)
    if key not in _DICTIONARIES:
        with _BUILDING:
            if key not in _DICTIONARIES:
                _DICTIONARIES[key] = Dictionary(key)
    return _DICTIONARIES[key]


def drain_fresh_verdicts() -> dict[frozenset[str], list[tuple[str, str, bool]]]:
    """The verdicts this process's dictionaries learnt since the last call, by extra words."""
    found = {key: d.store.drain_fresh() for key, d in list(_DICTIONARIES.items())}
    return {key: verdicts for key, verdicts in found.items() if verdicts}


def adopt_verdicts(learnt: dict[frozenset[str], list[tuple[str, str, bool]]]) -> None:
    """Keep verdicts another process learnt (a worker's) in this process's stores."""
    for key, verdicts in learnt.items():
        store = get_dictionary(key).store
        for question, word, verdict in verdicts:
            store.put(question, word, verdict)


def find_user_words(start: Path) -> list[Path]:
    """``.brieflint-words.txt`` files from ``start``'s folder up to the root, nearest first."""
    folder = start if start.is_dir() else start.parent
    found = []
    for candidate in [folder, *folder.resolve().parents]:
        path = candidate / USER_WORDS_FILE
        if path.is_file():
            found.append(path)
    return found
