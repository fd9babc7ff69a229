"""Runs the rules over one document: which rules, at what severity, in what order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .analysis import Analysis
from .errors import BrieflintError, InputError, RuleCrashed, internal_error_message
from .excerpts import finding_lines, note_markers
from .limits import working_on
from .model import Document, Problem, Severity
from .outline import build_outline
from .readers import SUPPORTED_SUFFIXES, read_markdown_bytes, read_path
from .rules import Rule, all_rules
from .rules.input.notices import UnusedSuppression
from .rules.selectors import check_selectors, rule_matches
from .schema import DEFAULT_KIND, BriefSchema, load_schema, schema_for_type_label, shipped_kinds
from .spelling.lexicon import lexicon_for
from .suppressions import apply as apply_suppressions


@dataclass
class Config:
    """What to check and how. Later layers (config files, command line) fill it in."""

    schema: str | None = None  # a shipped kind or a schema file; None: detect from the cover
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)  # code/name/family → severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code or name → options
    lang: str = "ar"
    languagetool: Any = (
        None  # languagetool.LanguageToolSettings, the grammar second opinion; None: off
    )
    warn_unused_ignores: bool = False
    # Document-wide: words every check accepts, and word-list files (absolute paths). Resolved
    # once per document, with the draft's .brieflint-words.txt files, into its lexicon.
    words: tuple[str, ...] = ()
    dictionaries: tuple[str, ...] = ()
    # Which files of a folder (or of the files named) are drafts: globs relative to the
    # configuration file's folder; see config.selected_file.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    default_exclude: bool = True


@dataclass
class FileResult:
    path: str
    format: str = ""
    kind: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    incomplete: str | None = None  # why an optional check (LanguageTool) could not run
    lang: str = ""  # the language of messages configured for this file
    internal: bool = False  # ``error`` is an unexpected error (exit code 4), not the input's
    traceback: str = ""  # of an internal error, shown with --debug
    # For the text report once the document is gone: the text of each line (paragraph) a
    # finding starts on, by excerpts.line_key; in a Word draft, each note's marker (line, column).
    lines: dict[str, str] = field(default_factory=dict)
    markers: dict[str, list[int]] = field(default_factory=dict)
    document: Document | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    def count_by(self, severity: str) -> int:
        return self.count(Severity(severity))


def selected_rules(config: Config) -> list[type[Rule]]:
    """The rules ``config`` selects; a selector that matches no rule raises
    :class:`~brieflint.rules.selectors.UnknownSelectorError` (for the Python API: the command
    line and configuration files have checked theirs already)."""
    return list(_selected_rules(tuple(config.select), tuple(config.ignore), len(all_rules())))


@lru_cache(maxsize=64)
def _selected_rules(
    select: tuple[str, ...], ignore: tuple[str, ...], _registered: int
) -> tuple[type[Rule], ...]:
    """Memoised: every document of a run asks (``_registered``: a rule added since is seen)."""
    check_selectors(select, "select")
    check_selectors(ignore, "ignore")
    rules = all_rules()
    if select:
        rules = [r for r in rules if rule_matches(r, select)]
    return tuple(r for r in rules if not rule_matches(r, ignore))


def _setting(settings: dict[str, Any], keys: tuple[str, ...]) -> list[Any]:
    """The values of ``settings`` whose key (in any case) is one of ``keys``, in that order."""
    folded: dict[str, list[Any]] = {}
    for key, value in settings.items():
        folded.setdefault(key.strip().casefold(), []).append(value)
    return [value for key in keys for value in folded.get(key.casefold(), [])]


def _severity_for(rule: type[Rule], config: Config) -> Severity:
    found = _setting(config.severities, (rule.code, rule.name, rule.name.split(".", 1)[0]))
    return Severity(found[0]) if found else rule.severity


def _options_for(rule: type[Rule], config: Config) -> dict[str, Any]:
    options = rule.default_options()
    for found in _setting(config.rule_options, (rule.name.split(".", 1)[0], rule.name, rule.code)):
        options.update(found)
    return options


def _configured(problems: Iterable[Problem], config: Config) -> list[Problem]:
    """Findings made outside ``Rule.check`` (the reader's, the suppression pass's) under the
    same selection and severities as the rest: those of rules not selected are dropped."""
    rules = {r.code: r for r in all_rules()}
    selected = {r.code for r in selected_rules(config)}
    kept = []
    for p in problems:
        rule = rules.get(p.rule)
        if rule is None:  # LanguageTool's findings have their own settings
            kept.append(p)
        elif p.rule in selected:
            severity = _severity_for(rule, config)
            kept.append(p if p.severity == severity else replace(p, severity=severity))
    return kept


def _any_kind_heading(extra: BriefSchema | None) -> Any:
    schemas = [load_schema(kind) for kind in shipped_kinds()]  # cached after the first file
    if extra is not None:
        schemas.append(extra)
    return lambda text: max(s.heading_match(text)[1] for s in schemas)


def _resolve_metadata(doc: Document, schema: BriefSchema) -> None:
    """Front matter may use Arabic keys or aliases («العنوان»): map them to the field ids."""
    resolved = {}
    for key, entry in doc.metadata.items():
        field_id = schema.metadata_field_for(key)
        # a second key for a field already given keeps its own name: build names it as left out
        resolved[key if field_id in resolved else field_id] = entry
    doc.metadata = resolved


def choose_schema(doc: Document, config: Config) -> BriefSchema:
    if config.schema:
        return load_schema(config.schema)
    label = doc.meta("type")
    return schema_for_type_label(label) or load_schema(DEFAULT_KIND)


def analyse(doc: Document, config: Config, block_cache: Any = None) -> Document:
    """Choose the schema, build the outline, and give the document its one :class:`Analysis`,
    made from the document, the outline and the lexicon of the configured words.
    ``block_cache`` keeps per-block results between versions of one draft (the language
    server's); the findings are the same with or without it."""
    schema = choose_schema(doc, config)
    _resolve_metadata(doc, schema)
    doc.schema = schema
    doc.outline = build_outline(doc, schema)
    try:
        lexicon = lexicon_for(doc.path, config.words, config.dictionaries)
    except BrieflintError as exc:  # an unreadable word list: the user's to fix
        raise InputError(doc.path, str(exc)) from None
    doc.analysis = Analysis(doc, doc.outline, lexicon, block_cache)
    return doc


def run_rules(doc: Document, config: Config) -> list[Problem]:
    problems: list[Problem] = _configured(doc.notices, config)
    for rule_class in selected_rules(config):
        rule = rule_class()
        severity = _severity_for(rule_class, config)
        try:
            found = list(rule.check(doc, _options_for(rule_class, config)))
        except BrieflintError as exc:  # a bad word list or option: the user's to fix
            raise InputError(doc.path, str(exc)) from None
        except Exception as exc:
            if os.environ.get("BRIEFLINT_DEBUG"):
                raise
            raise RuleCrashed(rule.code, exc) from exc  # an internal error of this file (exit 4)
        problems.extend(
            p if p.severity == severity else replace(p, severity=severity) for p in found
        )
    return sort_problems(problems, doc.format)


def sort_problems(problems: list[Problem], fmt: str = "markdown") -> list[Problem]:
    """Reading order. Word notes have no body position, so their findings come last."""
    unique: dict[tuple, Problem] = {}
    for p in problems:
        key = (p.rule, p.location, p.text, p.message.en)
        unique.setdefault(key, p)
    return sorted(
        unique.values(),
        key=lambda p: (
            p.location.note_key if fmt == "docx" else (0, 0),
            p.location.line,
            p.location.column,
            p.rule,
        ),
    )


def _result(doc: Document, problems: list[Problem]) -> FileResult:
    outline = doc.outline
    return FileResult(
        path=doc.path,
        format=doc.format,
        kind=doc.schema.kind,
        metadata={key: entry.value for key, entry in doc.metadata.items()},
        sections=[
            {"id": s.id, "heading": s.heading.text.strip(), "line": s.heading.location.line}
            for s in outline.recognised()
        ],
        problems=problems,
        document=doc,
    )


def check_document(doc: Document, config: Config, *, block_cache: dict | None = None) -> FileResult:
    analyse(doc, config, block_cache)
    problems = run_rules(doc, config)
    incomplete = None
    if config.languagetool is not None:
        from .languagetool import (
            LanguageToolUnavailable,
            check_with_languagetool,
            merge,
            open_client,
        )

        try:
            found = check_with_languagetool(doc, open_client(config.languagetool))
            problems = sort_problems(merge(problems, found), doc.format)
        except LanguageToolUnavailable as exc:
            if config.languagetool.required:
                raise InputError(doc.path, str(exc)) from None
            incomplete = str(exc)
    if doc.suppressions or config.warn_unused_ignores:
        kept = apply_suppressions(
            problems,
            doc.suppressions,
            docx_notes=doc.format == "docx",
            warn_unused=config.warn_unused_ignores,
        )
        unused = _configured([p for p in kept if p.rule == UnusedSuppression.code], config)
        problems = sort_problems(
            [p for p in kept if p.rule != UnusedSuppression.code] + unused, doc.format
        )
    result = _result(doc, problems)
    result.incomplete = incomplete
    result.lines = finding_lines(doc, problems)
    result.markers = {key: list(at) for key, at in note_markers(doc).items()}
    return result


def read_document(path: str, config: Config) -> Document:
    working_on(path)
    explicit = load_schema(config.schema) if config.schema else None
    return read_path(path, cover_heading=_any_kind_heading(explicit))


def check_file(path: str, config: Config) -> FileResult:
    """Check one draft; an unreadable one becomes a result with ``error`` set, and so does an
    unexpected error (``internal``): one file never stops the others."""
    try:
        return check_document(read_document(path, config), config)
    except InputError as exc:
        return FileResult(path=path, error=exc.problem)
    except BrieflintError:  # a usage error (an unknown selector): the caller's, not the file's
        raise
    except (Exception, RecursionError, MemoryError) as exc:
        return internal_result(path, exc)


def internal_result(path: str, exc: BaseException) -> FileResult:
    import traceback

    return FileResult(
        path=path,
        error=internal_error_message(exc),
        internal=True,
        traceback="".join(traceback.format_exception(exc)),
    )


def check_markdown_text(data: bytes, config: Config, path: str = "<stdin>") -> FileResult:
    try:
        return check_document(read_markdown_bytes(path, data), config)
    except InputError as exc:
        return FileResult(path=path, error=exc.problem)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Each draft to check, or (path, error) for a path that names none, and for a folder that
    cannot be read while walking (its drafts would otherwise go unchecked without a word)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, unreadable = _walk(path)
            if not found and not unreadable:
                yield raw, "folder contains no drafts (.md, .markdown, .txt, .docx)"
            yield from sorted(found + unreadable, key=lambda entry: Path(entry[0]))
        else:
            yield raw, None


def _walk(root: Path) -> tuple[list[tuple[str, None]], list[tuple[str, str]]]:
    found: list[tuple[str, None]] = []
    unreadable: list[tuple[str, str]] = []

    def failed(exc: OSError) -> None:
        where = exc.filename or str(root)
        unreadable.append((str(where), f"cannot read folder: {exc.strerror or exc}"))

    # Hidden folders are not descended into; symbolic links to folders are not followed.
    for folder, dirs, files in os.walk(root, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(("~$", ".")) or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            candidate = Path(folder) / name
            if candidate.is_file():
                found.append((str(candidate), None))
    return found, unreadable


def check_paths(paths: Iterable[str], config: Config) -> Iterator[FileResult]:
    for path, error in expand_paths(paths):
        if error:
            yield FileResult(path=path, error=error)
        else:
            yield check_file(path, config)


__all__ = [
    "Config",
    "FileResult",
    "analyse",
    "check_document",
    "check_file",
    "check_markdown_text",
    "check_paths",
    "expand_paths",
    "read_document",
    "run_rules",
    "selected_rules",
]
