"""Checking many files: in parallel processes, and with an opt-in content-hash cache.

Results come back in the order the files were named, whatever finishes first. Every file is
isolated: an unexpected error in one (even a worker process that dies) is that file's result,
and every other file is still checked.

The cache key covers everything a result depends on: the file's bytes, brieflint's version and
data files, the effective configuration, and the word lists that apply to the file (the
configured ``dictionaries`` and the ``.brieflint-words.txt`` files found from it). Each entry
stores the SHA-256 digest of its content and its key: an entry that was edited, truncated or
belongs to another key is ignored and the file checked again. The cache lives in the user's
cache folder (``$XDG_CACHE_HOME/brieflint``, default ``~/.cache/brieflint``); a cache that cannot
be read or written is no cache, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import asdict
from functools import cache
from pathlib import Path

from . import __version__
from .engine import Config, FileResult, check_file, internal_result
from .errors import BrieflintError
from .fileio import atomic_write
from .model import Applicability, Edit, Fix, Location, Message, NoteKind, NoteRef, Problem, Severity
from .resources import data_file, user_cache_dir
from .spelling.dictionary import adopt_verdicts, drain_fresh_verdicts, find_user_words

CACHE_FORMAT = 3  # 3: results keep the lines of their findings and the notes' markers


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/brieflint``, or ``~/.cache/brieflint``."""
    return user_cache_dir()


def _work(item: tuple[str, Config]) -> FileResult:
    path, config = item
    try:
        result = check_file(path, config)
    except BrieflintError as exc:  # a usage error, the same for every file
        result = FileResult(path=path, error=str(exc))
    except (Exception, RecursionError, MemoryError) as exc:  # what escapes check_file
        result = internal_result(path, exc)
    result.document = None  # the model stays in the worker; reports need only the findings
    return result


def run(
    items: list[tuple[str, Config]], jobs: int = 1, cache_dir: Path | None = None
) -> Iterator[FileResult]:
    """Check ``(path, config)`` pairs; ``jobs`` > 1 uses that many processes."""
    cached: dict[int, FileResult] = {}
    keys: dict[int, str] = {}
    if cache_dir is not None:
        for i, (path, config) in enumerate(items):
            key = cache_key(path, config)
            if key is None:
                continue
            keys[i] = key
            hit = _load(cache_dir, key)
            if hit is not None:
                hit.path = path
                cached[i] = hit
    todo = [(i, item) for i, item in enumerate(items) if i not in cached]
    fresh: dict[int, FileResult] = {}
    if jobs > 1 and len(todo) > 1:
        with suppress(Exception):
            _warm_up(*todo[0][1])
        fresh = _parallel(todo, jobs)
    for i, item in enumerate(items):
        if i in cached:
            yield cached[i]
            continue
        result = fresh[i] if i in fresh else _work(item)
        if cache_dir is not None and i in keys and result.error is None and not result.incomplete:
            _store(cache_dir, keys[i], result)
        yield result


def _work_in_worker(item: tuple[str, Config]) -> tuple[FileResult, dict]:
    """A worker's check, with the dictionary verdicts it learnt (for the parent's store)."""
    result = _work(item)
    return result, drain_fresh_verdicts()


def _parallel(todo: list[tuple[int, tuple[str, Config]]], jobs: int) -> dict[int, FileResult]:
    """Each file in a worker process; a file whose worker failed (it died, or its result could
    not be sent back) is an internal error of that file alone."""
    from concurrent.futures import ProcessPoolExecutor  # not imported by a one-file check
    from concurrent.futures.process import BrokenProcessPool

    fresh: dict[int, FileResult] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as executor:
        futures = {i: executor.submit(_work_in_worker, item) for i, item in todo}
        for i, item in todo:
            try:
                fresh[i], learnt = futures[i].result()
                adopt_verdicts(learnt)
            except BrokenProcessPool as exc:
                fresh[i] = internal_result(item[0], exc)
            except Exception as exc:
                fresh[i] = internal_result(item[0], exc)
    return fresh


def _warm_up(path: str, config: Config) -> None:
    """Load the rules, the schemas and the dictionary's stored verdicts before the workers
    start: on Linux they are forked and inherit them. Hunspell itself is not loaded here: a
    worker loads it only for a word the store does not know (with a warm store, none does)."""
    from .errors import BrieflintError
    from .rules import all_rules
    from .schema import load_schema, shipped_kinds
    from .spelling.dictionary import get_dictionary
    from .spelling.lexicon import lexicon_for

    all_rules()
    for kind in shipped_kinds():
        load_schema(kind)
    with suppress(BrieflintError):  # a bad word list: the worker checking that file reports it
        get_dictionary(lexicon_for(path, config.words, config.dictionaries).words)


@cache
def _data_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    root = data_file("")
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def cache_key(path: str, config: Config) -> str | None:
    """The key of a file's result, or None (no caching) for anything but a readable regular
    file of at most the input size limit."""
    try:
        return _cache_key(path, config)
    except (OSError, ValueError, RecursionError):
        return None


def _cache_key(path: str, config: Config) -> str | None:
    from .readers import MAX_INPUT_BYTES

    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_INPUT_BYTES:
        return None
    content = Path(path).read_bytes()
    digest = hashlib.sha256()
    digest.update(_data_fingerprint().encode())
    digest.update(repr(config).encode())
    digest.update(Path(path).suffix.lower().encode())
    digest.update(hashlib.sha256(content).digest())
    word_lists = [Path(name) for name in config.dictionaries]
    for words in [*word_lists, *find_user_words(Path(path).resolve())]:
        try:
            digest.update(words.read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


MAX_ENTRY_BYTES = 64 * 2**20


def _digest(key: str, payload: str) -> str:
    return hashlib.sha256(f"{CACHE_FORMAT}:{key}:{payload}".encode()).hexdigest()


def _load(cache_dir: Path, key: str) -> FileResult | None:
    """The cached result for ``key``, or None: missing, unreadable, edited (its digest does not
    match its content) or malformed entries are all a miss."""
    try:
        entry = cache_dir / f"{key}.json"
        if not entry.is_file() or entry.stat().st_size > MAX_ENTRY_BYTES:
            return None
        digest, _, payload = entry.read_text("utf-8").partition("\n")
        if digest != _digest(key, payload):
            return None
        return _from_dict(json.loads(payload))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _store(cache_dir: Path, key: str, result: FileResult) -> None:
    """Write one entry: its digest on the first line, the result as JSON on the second. A cache
    folder that cannot be written (a file in its place, read-only) is skipped silently."""
    skip = {"document", "traceback"}
    data = {k: v for k, v in asdict(result).items() if k not in skip}
    payload = json.dumps(data, ensure_ascii=False, default=str)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(cache_dir / f"{key}.json", f"{_digest(key, payload)}\n{payload}")
    except OSError:
        pass


def _from_dict(data: dict) -> FileResult:
    problems = [
        Problem(
            rule=p["rule"],
            name=p["name"],
            category=p["category"],
            severity=Severity(p["severity"]),
            location=_location(p["location"]),
            message=Message(**p["message"]),
            text=p["text"],
            suggestions=tuple(p["suggestions"]),
            fix=_fix(p["fix"]) if p["fix"] else None,
            block_index=p["block_index"],
            source=p["source"],
            params=tuple((k, v) for k, v in p.get("params", ())),
        )
        for p in data["problems"]
    ]
    return FileResult(
        **{**{k: v for k, v in data.items() if k != "problems"}, "problems": problems}
    )


def _location(data: dict) -> Location:
    note = data.get("note")
    if note:
        note = NoteRef(NoteKind(note["kind"]), note["number"], note.get("label", ""))
    return Location(**{**data, "note": note})


def _fix(data: dict) -> Fix:
    return Fix(tuple(Edit(**edit) for edit in data["edits"]), Applicability(data["applicability"]))


def default_jobs() -> int:
    return os.cpu_count() or 1
