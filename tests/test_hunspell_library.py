"""The libhunspell the dictionary runs on (spelling/hunspell_library.py): the system's optimised
library gives exactly the bundled library's verdicts on every word of the corpus and the
examples, is used only after its probe passed, and anything that fails means the bundled
library — same findings, same exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from brieflint.spelling import hunspell_library
from brieflint.spelling.hunspell_library import SONAME, bundled_library, system_library

from .conftest import EXAMPLES, IN_CI, ROOT, require_tool

CORPUS = ROOT / "tests" / "corpus" / "orthography"

# In a new process on the library BRIEFLINT_HUNSPELL chooses: both of brieflint's questions
# (known, a stem of its own) for every distinct word of the corpus and the examples, for every
# one-edit candidate the suggestions would ask about for their unknown words, and for the
# probe's sample; with the libraries the binding ran on.
VERDICTS = """
import json, sys
from brieflint.readers import read_path
from brieflint.spelling.dictionary import Dictionary
from brieflint.spelling.hunspell_library import chosen_library, mapped_libraries
from brieflint.spelling.suggest import near_words
from brieflint.spelling.tokens import tokenize
from brieflint.spelling.verdicts import VerdictStore

words = set()
for path in sys.argv[1:]:
    doc = read_path(path)
    words.update(t.clean for b in doc.blocks for t in tokenize(b))
words.discard("")
dictionary = Dictionary(store=VerdictStore(None))
unknown = sorted(w for w in words if not dictionary.known(w))
candidates = set()
for word in unknown:
    near_words(word, lambda w: candidates.add(w) or False, float("inf"))
asked = sorted(words | candidates)
print(json.dumps({
    "library": chosen_library().kind,
    "mapped": sorted(map(str, mapped_libraries())),
    "words": len(words), "unknown": len(unknown),
    "known": {w: dictionary.known(w) for w in asked},
    "base": {w: dictionary.is_base_word(w) for w in asked},
}, ensure_ascii=False))
"""


def _verdicts(mode: str, tmp_path) -> dict:
    drafts = sorted(str(p) for p in [*CORPUS.rglob("*"), *EXAMPLES.glob("*.md")] if p.is_file())
    drafts = [d for d in drafts if d.endswith((".md", ".txt", ".docx"))]
    env = {**os.environ, "BRIEFLINT_HUNSPELL": mode, "XDG_CACHE_HOME": str(tmp_path / mode)}
    done = subprocess.run(
        [sys.executable, "-c", VERDICTS, *drafts],
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def _require_system_library():
    if system_library() is None:
        if IN_CI:
            pytest.fail(f"CI installs libhunspell-1.7-0, but no system {SONAME} was found")
        pytest.skip(f"no system {SONAME} on this machine")


def test_the_system_library_gives_the_bundled_library_s_verdicts(tmp_path):
    _require_system_library()
    system = _verdicts("system", tmp_path)
    bundled = _verdicts("bundled", tmp_path)
    assert system["library"] == "system"
    assert system["mapped"] == [str(system_library().resolve())]
    assert bundled["library"] == "bundled"
    assert bundled["mapped"] == [str(bundled_library().resolve())]
    assert system["words"] > 3000 and system["unknown"] > 50  # the corpus was read
    assert len(system["known"]) > 20_000  # with the suggestions' candidates
    for question in ("known", "base"):
        differ = {
            w: (system[question][w], bundled[question][w])
            for w in bundled[question]
            if system[question][w] != bundled[question][w]
        }
        assert not differ, f"{question}: system vs bundled differ on {differ}"


def test_the_probe_s_sample_is_what_the_bundled_library_says():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "hunspell-probe-verdicts.py"), "--check"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


def _version(tmp_path, mode: str = "") -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("BRIEFLINT_HUNSPELL", None)
    if mode:
        env["BRIEFLINT_HUNSPELL"] = mode
    done = subprocess.run(
        [sys.executable, "-m", "brieflint.cli", "--version"],
        capture_output=True,
        env=env,
        timeout=120,
        check=True,
    )
    return done.stdout.decode() + done.stderr.decode()


def test_version_names_the_library_and_the_probe_outcome_is_kept(tmp_path):
    _require_system_library()
    said = _version(tmp_path)
    assert f"Hunspell: system libhunspell ({system_library().resolve()})" in said
    (record,) = (tmp_path / "xdg" / "brieflint" / "hunspell-probe").glob("*.txt")
    assert record.read_text().splitlines() == [hunspell_library.PROBE_FORMAT, "ok"]
    bundled = _version(tmp_path, "bundled")
    assert f"Hunspell: bundled libhunspell ({bundled_library().resolve()})" in bundled


def _fake_library_without_symbols(tmp_path):
    """A real shared library named and SONAMEd libhunspell-1.7.so.0 that has none of
    Hunspell's symbols: importing the binding on it fails (undefined symbol)."""
    compiler = require_tool("gcc")  # CI installs it
    source = tmp_path / "empty.c"
    source.write_text("int brieflint_not_hunspell(void) { return 0; }\n")
    library = tmp_path / "lib" / SONAME
    library.parent.mkdir()
    flags = ["-shared", "-fPIC", "-nostdlib", f"-Wl,-soname,{SONAME}"]
    subprocess.run(
        [compiler, *flags, "-o", str(library), str(source)],
        check=True,
        capture_output=True,
    )
    return library


def _other_library_named_hunspell(tmp_path):
    """Another library (libz, whose SONAME is not libhunspell's) copied under Hunspell's name:
    the binding does not bind to it and loads its own library beside it."""
    import ctypes.util

    name = ctypes.util.find_library("z") or "libz.so.1"
    folders = ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
    source = next((f"{d}/{name}" for d in folders if os.path.isfile(f"{d}/{name}")), None)
    if source is None:
        pytest.skip("no libz to copy")
    library = tmp_path / "lib" / SONAME
    library.parent.mkdir()
    shutil.copy(source, library)
    return library


@pytest.mark.parametrize("make", [_fake_library_without_symbols, _other_library_named_hunspell])
def test_a_library_that_fails_the_probe_means_the_bundled_one(tmp_path, make):
    library = make(tmp_path)
    draft = tmp_path / "draft.md"
    draft.write_bytes((EXAMPLES / "situation-assessment.md").read_bytes())
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("BRIEFLINT_DEBUG", None)

    def check(mode: str):
        done = subprocess.run(
            [sys.executable, "-m", "brieflint.cli", "check", "--format", "json", str(draft)],
            capture_output=True,
            env={**env, "BRIEFLINT_HUNSPELL": mode},
            timeout=300,
            check=False,
        )
        return done.returncode, json.loads(done.stdout), done.stderr.decode()

    expected = check("bundled")
    code, report, said = check(str(library))
    assert (code, report) == expected[:2]
    assert "Traceback" not in said
    assert f"using the bundled libhunspell: the system library {library} did not pass" in said
    (record,) = (tmp_path / "xdg" / "brieflint" / "hunspell-probe").glob("*.txt")
    assert record.read_text().splitlines()[1] != "ok"  # the failure is kept: not probed again
    assert check(str(library))[:2] == expected[:2]


def test_the_bundled_library_serves_a_check_and_forked_workers_the_default_one(tmp_path):
    """BRIEFLINT_HUNSPELL=bundled (the path CI would otherwise not take) in one process, and
    the default library in --jobs 2 workers forked from the process that chose it, each with
    an empty verdict store: the same report."""
    drafts = []
    for name in ("situation-assessment.md", "situation-assessment-2.md", "policy-paper.md"):
        drafts.append(tmp_path / name)
        drafts[-1].write_bytes((EXAMPLES / name).read_bytes())
    reports = []
    for mode, jobs in (("bundled", "1"), ("", "2")):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"xdg-{mode}")}
        env.pop("BRIEFLINT_DEBUG", None)
        env["BRIEFLINT_HUNSPELL"] = mode
        done = subprocess.run(
            [sys.executable, "-m", "brieflint.cli", "check", "--jobs", jobs, "--format", "json"]
            + [str(d) for d in drafts],
            capture_output=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.stderr == b""
        reports.append((done.returncode, json.loads(done.stdout)))
        assert list((tmp_path / f"xdg-{mode}" / "brieflint" / "dictionary").glob("*.txt"))
    assert reports[0] == reports[1]
    assert reports[0][1]  # findings to compare


def test_the_verdict_store_is_named_by_the_library(tmp_path, monkeypatch):
    from brieflint.spelling.verdicts import store_key

    keys = {}
    for mode in ("bundled", "system"):
        monkeypatch.setenv("BRIEFLINT_HUNSPELL", mode)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        monkeypatch.setattr(hunspell_library, "_CHOSEN", None)
        keys[mode] = (store_key(()), hunspell_library.chosen_library().kind)
    if keys["system"][1] == "system":
        assert keys["system"][0] != keys["bundled"][0]
    else:
        _require_system_library()


def test_a_binding_imported_behind_brieflint_s_back_keeps_no_verdicts(tmp_path):
    """The binding imported by other code after brieflint chose the system library and before
    it loaded Hunspell runs on its own library: the run's verdicts are kept nowhere (the
    store's name says the system library)."""
    _require_system_library()
    code = (
        "from brieflint.spelling.hunspell_library import chosen_library\n"
        "from brieflint.spelling.dictionary import Dictionary\n"
        "assert chosen_library().kind == 'system'\n"
        "import hunspell  # binds to its own library: nothing preloaded yet\n"
        "d = Dictionary()\n"
        "print(d.known('الكتاب'), d.known('الزراغة'), d.store.path, d.store.drain_fresh())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("BRIEFLINT_HUNSPELL", None)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=False
    )
    assert done.stdout.decode().split() == ["True", "False", "None", "[]"], done.stderr
    assert not list((tmp_path / "xdg" / "brieflint").glob("dictionary/*.txt"))
