"""The dictionary's verdicts kept between runs (spelling/verdicts.py): a second run answers from
the store without loading Hunspell, gives the same verdicts, and a store that is damaged,
edited or cannot be written is silently no store."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from brieflint.spelling import verdicts
from brieflint.spelling.dictionary import Dictionary
from brieflint.spelling.verdicts import VerdictStore, store_key

from .conftest import EXAMPLES, run_cli

# known, unknown (a typo), a name only the shipped list knows, a clitic + stem form
WORDS = ["الكتاب", "الزراغة", "والاتفاق", "للمفاوضات", "بالمنطقة", "كوشنارة"]


def _verdicts(dictionary: Dictionary) -> list[tuple[bool, bool]]:
    return [(dictionary.known(w), dictionary.is_base_word(w)) for w in WORDS]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "brieflint" / "dictionary"


@pytest.fixture(scope="module")
def truth() -> list[tuple[bool, bool]]:
    """Hunspell's own verdicts, with no store at all."""
    return _verdicts(Dictionary(store=VerdictStore(None)))


def test_a_second_run_answers_from_the_store_without_loading_hunspell(cache_home, truth):
    first = Dictionary()
    assert _verdicts(first) == truth
    assert first._hunspell is not None
    first.store.save()
    assert len(list(cache_home.glob("*.txt"))) == 1
    second = Dictionary()
    assert _verdicts(second) == truth
    assert second._hunspell is None  # every verdict came from the store


def _damage_truncate(path):
    path.write_bytes(path.read_bytes()[:-7])


def _damage_edit(path):  # one verdict flipped, the lists well formed: the digest no longer matches
    header, _, body = path.read_bytes().partition(b"\n")
    known, unknown, *rest = body.decode().split(verdicts.SEPARATOR)
    assert "الكتاب" in known.split("\n")
    known = "\n".join(word for word in known.split("\n") if word != "الكتاب")
    unknown = f"{unknown}\nالكتاب" if unknown else "الكتاب"
    path.write_bytes(header + b"\n" + verdicts.SEPARATOR.join([known, unknown, *rest]).encode())


def _damage_forge(path):  # a fifth word list, with a digest recomputed over it
    body = path.read_bytes().partition(b"\n")[2] + f"الكتاب{verdicts.SEPARATOR}".encode()
    path.write_bytes(verdicts._header(body) + body)


def _damage_binary(path):
    path.write_bytes(b"\x00\xff" * 5000)


def _damage_folder(path):
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    "damage", [_damage_truncate, _damage_edit, _damage_forge, _damage_binary, _damage_folder]
)
def test_a_damaged_store_is_no_store(cache_home, truth, damage):
    first = Dictionary()
    _verdicts(first)
    first.store.save()
    (path,) = cache_home.glob("*.txt")
    damage(path)
    second = Dictionary()
    assert _verdicts(second) == truth
    assert second._hunspell is not None  # nothing was trusted: Hunspell answered
    second.store.save()  # rewritten when it can be (a folder in its place stays)
    if path.is_file():
        assert _verdicts(Dictionary()) == truth


def test_a_cache_folder_that_cannot_be_written_is_no_cache(cache_home, truth):
    cache_home.parent.parent.mkdir(parents=True)
    cache_home.parent.write_text("a file where the cache folder goes")
    dictionary = Dictionary()
    assert _verdicts(dictionary) == truth
    dictionary.store.save()  # silently nothing
    assert cache_home.parent.is_file()


def test_the_store_follows_the_words_and_the_shipped_data(tmp_path, monkeypatch, cache_home):
    assert store_key(()) == store_key(())
    assert store_key(("كوشنارة",)) != store_key(())
    with_word = Dictionary(("كوشنارة",))
    assert with_word.known("كوشنارة") and with_word.known("وكوشنارة")
    assert not Dictionary().known("كوشنارة")
    data = tmp_path / "data"
    shutil.copytree(verdicts.data_file(""), data)
    monkeypatch.setattr(verdicts, "data_file", lambda name: data / name)
    before = store_key(())
    with (data / "words" / "proper-nouns.txt").open("a", encoding="utf-8") as handle:
        handle.write("كوشنارة\n")
    assert store_key(()) != before


def test_the_command_reports_the_same_with_a_fresh_a_warm_and_a_damaged_store(tmp_path, cache_home):
    draft = tmp_path / "draft.md"
    draft.write_bytes((EXAMPLES / "situation-assessment.md").read_bytes())

    def run():
        result = run_cli("check", "--format", "json", str(draft))
        assert "Traceback" not in result.stderr.decode()
        return result.returncode, json.loads(result.stdout)

    fresh = run()
    (store,) = cache_home.glob("*.txt")
    assert run() == fresh
    store.write_bytes(b"garbage\n" + store.read_bytes())
    assert run() == fresh


def test_verdicts_learnt_by_worker_processes_are_kept(tmp_path, cache_home):
    from brieflint.engine import Config
    from brieflint.readers import read_markdown_bytes
    from brieflint.runner import run
    from brieflint.spelling.dictionary import get_dictionary
    from brieflint.spelling.tokens import tokenize

    drafts = []
    for name in ("situation-assessment.md", "situation-assessment-2.md"):
        drafts.append(tmp_path / name)
        drafts[-1].write_bytes((EXAMPLES / name).read_bytes())
    # a word of the run's own makes a dictionary no earlier test of this process has built
    config = Config(words=("قرطبونيا",))
    results = list(run([(str(d), config) for d in drafts], jobs=2))
    assert all(r.error is None for r in results)
    dictionary = get_dictionary(("قرطبونيا",))
    store = dictionary.store
    assert dictionary._hunspell is None  # the parent loaded no Hunspell: the workers did
    # the parent checked no word itself: every verdict it holds came back from a worker
    known = store.verdicts["k"]
    for draft in drafts:
        doc = read_markdown_bytes(str(draft), draft.read_bytes())
        words = {t.clean for b in doc.blocks for t in tokenize(b)}
        assert len(words & set(known)) > 0.5 * len(words)
    store.save()
    assert len(list(cache_home.glob("*.txt"))) == 1


def test_stores_nobody_wrote_for_a_month_are_removed(cache_home):
    cache_home.mkdir(parents=True)
    old, recent = cache_home / ("0" * 64 + ".txt"), cache_home / ("1" * 64 + ".txt")
    for path in (old, recent):
        path.write_text("x")
    month_ago = time.time() - (verdicts.STALE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    dictionary = Dictionary()
    dictionary.known("الكتاب")
    dictionary.store.save()
    assert not old.exists() and recent.exists()
    assert len(list(cache_home.glob("*.txt"))) == 2
