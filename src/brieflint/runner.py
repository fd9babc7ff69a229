"""Checking many files: in parallel processes, and with an opt-in content-hash cache.

Results come back in the order the files were named, whatever finishes first. The cache key
covers everything a result depends on: the file's bytes, brieflint's version and data files,
the effective configuration, and the word lists that apply to the file (the configured
``dictionaries`` and the ``.brieflint-words.txt`` files found from it).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import asdict
from functools import cache
from pathlib import Path

from . import __version__
from .engine import Config, FileResult, check_file
from .fileio import atomic_write
from .model import Applicability, Edit, Fix, Location, Message, NoteKind, NoteRef, Problem, Severity
from .resources import data_file
from .spelling.dictionary import find_user_words

CACHE_DIR = ".brieflint-cache"


def _work(item: tuple[str, Config]) -> FileResult:
    path, config = item
    result = check_file(path, config)
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
        _warm_up(*todo[0][1])
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as executor:
            # Small chunks keep every worker busy to the end.
            chunk = max(1, len(todo) // (jobs * 20))
            done = executor.map(_work, [item for _, item in todo], chunksize=chunk)
            fresh = dict(zip((i for i, _ in todo), done, strict=True))
    for i, item in enumerate(items):
        if i in cached:
            yield cached[i]
            continue
        result = fresh[i] if i in fresh else _work(item)
        if cache_dir is not None and i in keys and result.error is None and not result.incomplete:
            _store(cache_dir, keys[i], result)
        yield result


def _warm_up(path: str, config: Config) -> None:
    """Load the rules, the schemas and the dictionary before the workers start: on Linux they
    are forked and inherit them, instead of each paying half a second to load the dictionary."""
    from .errors import BrieflintError
    from .rules import all_rules
    from .schema import load_schema, shipped_kinds
    from .spelling.dictionary import get_dictionary
    from .spelling.lexicon import lexicon_for

    all_rules()
    for kind in shipped_kinds():
        load_schema(kind)
    get_dictionary()
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
    try:
        content = Path(path).read_bytes()
    except OSError:
        return None
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


def _load(cache_dir: Path, key: str) -> FileResult | None:
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text("utf-8"))
        return _from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(cache_dir: Path, key: str, result: FileResult) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = {k: v for k, v in asdict(result).items() if k != "document"}
    atomic_write(cache_dir / f"{key}.json", json.dumps(data, ensure_ascii=False, default=str))


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
