"""Which libhunspell the Hunspell binding (chunspell) runs on: the system's optimised library
when one is present and has proved compatible, else the one bundled in chunspell's wheel.

chunspell's Linux wheel bundles libhunspell-1.7.so.0 built without optimisation (its build
passes ``CXXFLAGS=-static-libstdc++``, which replaces autoconf's ``-g -O2``): loading the
Ayaspell files takes about 1.1 s with it and about 0.3 s with Debian's ``libhunspell-1.7-0``.
The binding's extension asks for the library by its SONAME, ``libhunspell-1.7.so.0`` (RUNPATH
``$ORIGIN``); a library of that SONAME loaded before ``import hunspell`` (RTLD_GLOBAL) is the
one it binds to.

A library cannot be unloaded, nor a failed import retried, in the same process: so the system
library is used only once a probe in a subprocess has loaded it, imported the binding on it,
seen that the binding runs on it and nothing else, built the dictionary the way
:mod:`.dictionary` does and found the verdicts of ``probe-verdicts.txt`` (the bundled library's
answers). The outcome is kept in the user cache folder (``hunspell-probe/``), named by the
fingerprints (path, size, time) of the two libraries, the extension, the shipped dictionary and
this file: a new library, binding or dictionary is probed again. Anything that goes wrong —
no cache folder to keep the outcome in included — means the bundled library, never an error.

``BRIEFLINT_HUNSPELL=bundled`` always uses the bundled library; ``system`` is the default
(``auto``) that also says on stderr why the system library is not used when it is not; a path
to a ``libhunspell-1.7.so.0*`` file probes and uses that library instead of the system's.

This module imports nothing of brieflint at its top: the probe runs it alone (``python -I -S``).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

SONAME = "libhunspell-1.7.so.0"
ENVIRONMENT = "BRIEFLINT_HUNSPELL"
MODES = ("auto", "system", "bundled")
PROBE_TIMEOUT = 60.0  # seconds; loading the dictionary takes ~0.3 s with a system library
PROBE_FORMAT = "brieflint-hunspell-probe-1"
# Where distributions put shared libraries ({multiarch}: x86_64-linux-gnu, aarch64-linux-gnu…).
SYSTEM_FOLDERS = (
    "/usr/lib/{multiarch}",
    "/lib/{multiarch}",
    "/usr/lib64",
    "/lib64",
    "/usr/lib",
    "/lib",
    "/usr/local/lib",
)
# The two questions brieflint asks Hunspell (the tags of the verdict store, verdicts.py).
KNOWN, BASE = "k", "b"


def answer(speller, question: str, word: str) -> bool:
    """Hunspell's answer to one question: is ``word`` known (KNOWN), is it a stem of its own
    (BASE, not only clitic + stem)."""
    if question == KNOWN:
        return bool(speller.spell(word))
    return word in speller.stem(word)


def build_speller(hunspell_module, folder: Path, words: Iterable[str], affix_example: str):
    """Hunspell with the Ayaspell files of ``folder`` and ``words`` added, each with the
    affixes ``affix_example`` takes."""
    speller = hunspell_module.Hunspell("ar", hunspell_data_dir=str(folder))
    for word in sorted(words):
        speller.add_with_affix(word, affix_example)
    return speller


@dataclass(frozen=True)
class Library:
    """The libhunspell the binding runs on in this process, and why."""

    kind: str  # "system" or "bundled"
    path: Path | None
    reason: str

    @property
    def fingerprint(self) -> str:
        return f"{self.kind}:{_file_fingerprint(self.path) if self.path else 'none'}"

    def describe(self) -> str:
        where = str(self.path.resolve()) if self.path else "not found"
        return f"{self.kind} libhunspell ({where}): {self.reason}"


def _file_fingerprint(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path.resolve()}:{info.st_size}:{info.st_mtime_ns}"


@cache
def binding_folder() -> Path | None:
    """The folder of the installed binding (found without importing it)."""
    spec = find_spec("hunspell")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


def bundled_library() -> Path | None:
    folder = binding_folder()
    if folder is None or not (folder / SONAME).is_file():
        return None
    return folder / SONAME


def binding_extension() -> Path | None:
    folder = binding_folder()
    if folder is None:
        return None
    found = sorted(folder.glob("hunspell*.so")) + sorted(folder.glob("hunspell*.pyd"))
    return found[0] if found else None


def system_library() -> Path | None:
    """The system's libhunspell-1.7.so.0 in the usual folders (Linux only: elsewhere the
    binding's own library is the only one it can bind to by this name)."""
    if not sys.platform.startswith("linux"):
        return None
    # CPython's multiarch triplet (x86_64-linux-gnu), without importing sysconfig's data
    multiarch = getattr(sys.implementation, "_multiarch", "") or ""
    bundled = bundled_library()
    for pattern in SYSTEM_FOLDERS:
        if "{multiarch}" in pattern and not multiarch:
            continue
        candidate = Path(pattern.format(multiarch=multiarch)) / SONAME
        if candidate.is_file() and (bundled is None or not _same_file(candidate, bundled)):
            return candidate
    return None


def _same_file(one: Path, other: Path) -> bool:
    with suppress(OSError):
        return one.samefile(other)
    return False


def mapped_libraries() -> set[Path]:
    """The libhunspell files mapped into this process (Linux: /proc/self/maps)."""
    found = set()
    with suppress(OSError):
        for line in Path("/proc/self/maps").read_text().splitlines():
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and "libhunspell" in Path(fields[5].strip()).name:
                found.add(Path(fields[5].strip()).resolve())
    return found


_CHOSEN: Library | None = None
_CHOOSING = threading.Lock()


def chosen_library() -> Library:
    """The library this process uses (decided once; a forked worker inherits the decision)."""
    global _CHOSEN
    if _CHOSEN is None:
        with _CHOOSING:
            if _CHOSEN is None:
                _CHOSEN = _choose()
    return _CHOSEN


def _mode() -> tuple[str, Path | None]:
    """auto, system or bundled, or "file" and the library file the variable names."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    if "/" in value:
        if Path(value).name.startswith(SONAME):
            return "file", Path(value)
        _warn(f"{ENVIRONMENT}={value!r} is not a file named {SONAME}*: using auto")
        return "auto", None
    if value.lower() not in (*MODES, ""):
        _warn(f"{ENVIRONMENT}={value!r} is not one of {', '.join(MODES)} or a path: using auto")
        return "auto", None
    return value.lower() or "auto", None


def _warn(message: str) -> None:
    with suppress(OSError, ValueError):
        print(f"brieflint: {message}", file=sys.stderr)


def _choose() -> Library:
    mode, named = _mode()
    bundled = bundled_library()
    if mode == "bundled":
        return Library("bundled", bundled, f"{ENVIRONMENT}=bundled")
    if "hunspell" in sys.modules:  # imported before brieflint chose: it runs on what it found
        mapped = mapped_libraries()
        if bundled is not None and mapped and mapped != {bundled.resolve()}:
            return Library("system", next(iter(mapped)), "the binding was imported before")
        return Library("bundled", bundled, "the binding was imported before")
    system = named if named is not None else system_library()
    if system is None or not system.is_file():
        missing = f"{named} is not a file" if named else f"no system {SONAME} was found"
        chosen = Library("bundled", bundled, missing)
    elif bundled is None or binding_extension() is None:
        chosen = Library("bundled", bundled, "the binding's own files were not found")
    else:
        try:
            failure = probe_outcome(system)
        except Exception as exc:  # whatever it is, it means the bundled library, not an error
            failure = f"the probe could not be prepared ({type(exc).__name__}: {exc})"
        if failure is None:
            return Library("system", system, "it passed the compatibility probe")
        chosen = Library("bundled", bundled, f"the system library {system} did not pass: {failure}")
    if mode in ("system", "file"):
        _warn(f"{ENVIRONMENT}: using the bundled libhunspell: {chosen.reason}")
    return chosen


def bind_hunspell():
    """Import the binding on the chosen library (loading a system library first). Returns the
    module and whether the binding runs on the library ``chosen_library`` names (it does not
    when something imported the binding earlier, on another library)."""
    library = chosen_library()
    if library.kind == "system" and "hunspell" not in sys.modules:
        import ctypes

        # gone since the probe (an upgrade under way): the binding then loads its own, and
        # as_chosen below says so
        with suppress(OSError):
            ctypes.CDLL(str(library.path), mode=ctypes.RTLD_GLOBAL)
    import hunspell

    mapped = mapped_libraries()
    as_chosen = library.path is None or not mapped or mapped == {library.path.resolve()}
    return hunspell, as_chosen


# --- the probe ------------------------------------------------------------------------------


def _probe_inputs() -> dict:
    """What the probe checks: the dictionary as brieflint builds it, and the verdicts the
    bundled library gives (data/hunspell/probe-verdicts.txt)."""
    from ..resources import data_file
    from .dictionary import AFFIX_EXAMPLE, shipped_words

    checks = []
    for line in data_file("hunspell/probe-verdicts.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            checks.append((line[0], line[2:], line[1] == "1"))
    return {
        "dictionary": str(data_file("hunspell")),
        "words": sorted(shipped_words()),
        "affix_example": AFFIX_EXAMPLE,
        "checks": checks,
    }


def _probe_key(system: Path) -> str:
    from ..resources import data_file

    digest = hashlib.sha256(PROBE_FORMAT.encode())
    files = [system, bundled_library(), binding_extension(), Path(__file__)]
    files += [data_file(f"hunspell/{name}") for name in ("ar.aff", "ar.dic")]
    files += [data_file("hunspell/probe-verdicts.txt"), Path(__file__).with_name("dictionary.py")]
    files += [data_file(f"words/{name}") for name in _SHIPPED_LISTS]
    for path in files:
        digest.update(f"\n{_file_fingerprint(path) if path else 'none'}".encode())
    digest.update(f"\n{sys.executable}:{sys.version}".encode())
    return digest.hexdigest()


_SHIPPED_LISTS = ("proper-nouns.txt", "loanwords.txt", "names-maqsura.txt")


def probe_outcome(system: Path) -> str | None:
    """None when the system library passed the probe, else why not. The outcome comes from the
    cache when one is kept for these files; a probe that could not run (a timeout, no way to
    start Python) is not kept, and without a cache folder to keep it in each run probes
    (about 0.4 s, against the 0.8 s the system library saves on loading)."""
    from ..resources import user_cache_dir

    record = user_cache_dir() / "hunspell-probe" / f"{_probe_key(system)}.txt"
    with suppress(OSError, UnicodeDecodeError):
        kept = record.read_text("utf-8")
        if kept.startswith(PROBE_FORMAT + "\n"):
            outcome = kept.split("\n", 1)[1].strip()
            return None if outcome == "ok" else outcome
    failure, definite = run_probe(system)
    if definite:
        temporary = record.with_name(f".{record.name}.{os.getpid()}.tmp")
        try:
            record.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(f"{PROBE_FORMAT}\n{failure or 'ok'}\n", "utf-8")
            os.replace(temporary, record)
        except OSError:  # no cache: the outcome holds for this run
            with suppress(OSError):
                temporary.unlink(missing_ok=True)
    return failure


def run_probe(system: Path) -> tuple[str | None, bool]:
    """Probe ``system`` in a subprocess: (None, True) when it passed, (why, definite) when not;
    ``definite`` is False when the probe could not say (it could not start, timed out, ran out
    of memory or was stopped by a resource limit): then it is tried again by the next run."""
    import subprocess  # only a run that probes (once per machine) pays for the import

    folder = binding_folder()
    inputs = dict(_probe_inputs(), library=str(system), path=[str(folder.parent)])
    command = [sys.executable, "-I", "-S", str(Path(__file__).resolve())]
    try:
        done = subprocess.run(
            command,
            input=json.dumps(inputs).encode(),
            capture_output=True,
            timeout=PROBE_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"the probe could not run ({type(exc).__name__})", False
    said = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode == 0 and said == "ok":
        return None, True
    if done.returncode < 0:  # a crash says the library is wrong; a resource limit does not
        crashed = -done.returncode in _CRASHES
        return f"the probe was killed by signal {-done.returncode}", crashed
    last = (said or done.stderr.decode("utf-8", "replace").strip()).splitlines()[-1:]
    why = last[0][:300] if last else f"the probe exited with {done.returncode}"
    return why, done.returncode == 1


_CRASHES = {
    getattr(signal, name)
    for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGABRT", "SIGFPE")
    if hasattr(signal, name)
}
INCONCLUSIVE = 3  # the probe's exit code when it ran out of memory: try again another time


def _probe(inputs: dict) -> str:
    """In the probe's process: bind the binding to the system library, build the dictionary,
    check the verdicts. Returns "ok" or what went wrong."""
    import ctypes

    library = Path(inputs["library"]).resolve()
    ctypes.CDLL(str(library), mode=ctypes.RTLD_GLOBAL)
    sys.path[:0] = inputs["path"]
    import hunspell

    mapped = mapped_libraries()
    if mapped != {library}:
        return f"the binding ran on {sorted(map(str, mapped))}, not on {library}"
    speller = build_speller(
        hunspell, Path(inputs["dictionary"]), inputs["words"], inputs["affix_example"]
    )
    wrong = [
        f"{question}{int(verdict)}{word}"
        for question, word, verdict in inputs["checks"]
        if answer(speller, question, word) != verdict
    ]
    if not any(speller.spell(w) for q, w, verdict in inputs["checks"] if q == KNOWN and verdict):
        raise _DictionaryNotLoaded  # Hunspell fails to load quietly when memory is short
    if wrong:
        return f"{len(wrong)} verdicts differ from the bundled library's: {' '.join(wrong[:5])}"
    return "ok"


class _DictionaryNotLoaded(Exception):
    """Not one word the dictionary knows is known: it did not load (not a fault of the
    library: a memory limit, for one)."""


if __name__ == "__main__":  # the probe (run_probe): inputs as JSON on stdin
    try:
        outcome = _probe(json.loads(sys.stdin.buffer.read()))
    except (MemoryError, _DictionaryNotLoaded) as exc:  # a limit of this run (ulimit -v)
        print(type(exc).__name__.lstrip("_"))
        sys.exit(INCONCLUSIVE)
    except Exception as exc:  # any failure is the probe's answer, not a crash of brieflint
        print(f"{type(exc).__name__}: {exc}".replace("\n", " "))
        sys.exit(1)
    print(outcome)
    sys.exit(0 if outcome == "ok" else 1)
