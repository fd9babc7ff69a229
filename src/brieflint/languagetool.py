"""LanguageTool as a second opinion on grammar, through a running server.

The text of each block of prose is sent with everything that is not Arabic prose masked by
spaces (URLs, code, pasted footnote markers, Latin stretches), identical blocks once, several
blocks per request. Matches come back as findings coded ``LT:<rule id>`` at the exact place in
the source; where a built-in rule already reports the same span, the built-in finding stays (it
explains better) and only gains LanguageTool's suggestions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .analysis import notes_of
from .errors import BrieflintError
from .model import Block, Document, Location, Message, Problem, Severity
from .resources import data_file
from .spelling.prose import checked_blocks
from .spelling.tokens import skipped_spans
from .yamlio import load_yaml

SOURCE = "languagetool"
_TEXT_CATEGORIES = {"spelling", "grammar", "punctuation", "style", "consistency"}
BATCH_CHARACTERS = 20_000
_SEPARATOR = "\n\n"
_LATIN_STRETCH = re.compile(
    r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ .,:;/&()]+[A-Za-z0-9][A-Za-z0-9'’\-]*)*\.?"
)
_CATEGORY_BY_ISSUE = {
    "misspelling": "spelling",
    "grammar": "grammar",
    "typographical": "punctuation",
    "whitespace": "punctuation",
    "duplication": "grammar",
    "style": "style",
    "register": "style",
    "locale-violation": "style",
}
_CATEGORY_BY_ID = {
    "TYPOS": "spelling",
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "punctuation",
    "GRAMMAR": "grammar",
    "CONFUSED_WORDS": "grammar",
    "STYLE": "style",
    "REDUNDANCY": "style",
}


class LanguageToolUnavailable(BrieflintError):
    """The server cannot be used: refused, timed out, failed, or does not offer Arabic."""


@dataclass(frozen=True)
class LanguageToolSettings:
    server: str  # a URL, or "local" to let language-tool-python run its own server
    disabled_rules: tuple[str, ...] | None = None  # None: the shipped defaults
    enabled_categories: tuple[str, ...] = ()
    timeout: float = 60.0
    required: bool = False

    @property
    def rules_off(self) -> tuple[str, ...]:
        return default_disabled_rules() if self.disabled_rules is None else self.disabled_rules


@cache
def default_disabled_rules() -> tuple[str, ...]:
    """Rules that flag ordinary policy prose, measured by benchmarks/languagetool_rules.py."""
    data = load_yaml(data_file("languagetool/disabled-rules.yaml").read_text("utf-8"))
    return tuple(entry["rule"] for entry in data["disabled"])


_CLIENTS: dict[LanguageToolSettings, Any] = {}


def open_client(settings: LanguageToolSettings):
    """A language-tool-python client for ``settings``, checked to offer Arabic. Cached, and so
    is a failure: a run over a folder does not wait for a dead server once per file."""
    if settings in _CLIENTS:
        cached = _CLIENTS[settings]
        if isinstance(cached, LanguageToolUnavailable):
            raise cached
        return cached
    try:
        import language_tool_python
    except ImportError:
        raise LanguageToolUnavailable(
            "LanguageTool support is not installed: pip install 'brieflint[languagetool]'"
        ) from None
    # The library's request timeout is a class attribute; a subclass carries ours.
    client_class = type(
        "BrieflintLanguageTool",
        (language_tool_python.LanguageTool,),
        {"_TIMEOUT": settings.timeout},
    )
    where = (
        "a local LanguageTool"
        if settings.server == "local"
        else f"LanguageTool at {settings.server}"
    )
    try:
        if settings.server != "local":
            _probe(settings)
        if settings.server == "local":
            client = client_class("ar")
        else:
            client = client_class("ar", remote_server=settings.server)
    except Exception as exc:  # connection refused, timeout, HTTP error, no Arabic, no Java
        failure = LanguageToolUnavailable(
            f"{where} is unavailable: {_reason(exc, settings.timeout)}"
        )
        _CLIENTS[settings] = failure
        raise failure from None
    client.disabled_rules = set(settings.rules_off)
    if settings.enabled_categories:
        client.enabled_categories = set(settings.enabled_categories)
    _CLIENTS[settings] = client
    return client


class _ProbeFailed(Exception):
    pass


def _probe(settings: LanguageToolSettings) -> None:
    """Ask the server for its languages first: the one request that tells exactly why a server
    cannot be used (refused, silent, failing, or without Arabic)."""
    import requests

    url = settings.server.rstrip("/") + "/v2/languages"
    try:
        response = requests.get(url, timeout=settings.timeout)
    except requests.Timeout:
        raise _ProbeFailed(f"no answer within {settings.timeout:g} s") from None
    except requests.ConnectionError:
        raise _ProbeFailed("connection refused") from None
    except requests.RequestException as exc:
        raise _ProbeFailed(str(exc)[:160]) from None
    if response.status_code >= 400:
        raise _ProbeFailed(f"the server answered HTTP {response.status_code}")
    try:
        codes = {entry.get("code") for entry in response.json()}
    except (ValueError, AttributeError, TypeError):
        raise _ProbeFailed("the server's language list is not LanguageTool's JSON") from None
    if "ar" not in codes:
        raise _ProbeFailed("the server does not offer Arabic")


def _reason(exc: BaseException, timeout: float | None = None) -> str:
    """One readable line for why the server cannot be used."""
    text = " ".join(str(exc).split())
    if isinstance(exc, _ProbeFailed):
        return text
    chain = f"{type(exc).__name__} {text} {type(exc.__cause__).__name__ if exc.__cause__ else ''}"
    if (
        "unsupported language" in text.lower()
        or "is not a language code" in text
        or "LanguageTag" in chain
    ):
        return "the server does not offer Arabic"
    if "Timeout" in chain or "timed out" in text:
        return f"no answer within {timeout:g} s" if timeout else "the request timed out"
    if (
        "Connection refused" in text
        or "NewConnectionError" in text
        or "Failed to establish" in text
    ):
        return "connection refused"
    status = re.search(r"\b([45]\d\d)\b", text)
    if status:
        return f"the server answered HTTP {status.group(1)}"
    return text[:160] or type(exc).__name__


@dataclass
class _Unit:
    text: str  # masked text sent to the server
    masked: list[tuple[int, int]]
    places: list[tuple[Block, int | None]]


def masked_text(doc: Document, block: Block) -> tuple[str, list[tuple[int, int]]]:
    """The block's text with non-prose stretches replaced by spaces (offsets unchanged)."""
    text = block.text
    spans = list(skipped_spans(block))
    spans += [(m.start(), m.end()) for m in _LATIN_STRETCH.finditer(text)]
    spans += [(m.start, m.end) for m in block.marks if m.kind == "superscript"]
    for marker in notes_of(doc).markers:
        if marker.block is block and marker.manual:
            spans.append((marker.start, marker.end))
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars), sorted(spans)


def _units(doc: Document) -> list[_Unit]:
    units: dict[str, _Unit] = {}
    for block, index, is_reference in checked_blocks(doc, doc.outline):
        if is_reference or not block.text.strip():
            continue  # the reference list is names and titles, not prose
        text, masked = masked_text(doc, block)
        if not text.strip():
            continue
        unit = units.setdefault(text, _Unit(text, masked, []))
        unit.places.append((block, index))
    return list(units.values())


def _batches(units: list[_Unit]) -> Iterable[tuple[str, list[int], list[_Unit]]]:
    batch: list[_Unit] = []
    size = 0
    for unit in units:
        if batch and size + len(unit.text) > BATCH_CHARACTERS:
            yield _join(batch)
            batch, size = [], 0
        batch.append(unit)
        size += len(unit.text) + len(_SEPARATOR)
    if batch:
        yield _join(batch)


def _join(batch: list[_Unit]) -> tuple[str, list[int], list[_Unit]]:
    starts, position = [], 0
    for unit in batch:
        starts.append(position)
        position += len(unit.text) + len(_SEPARATOR)
    return _SEPARATOR.join(u.text for u in batch), starts, batch


def category_of(match: Any) -> str:
    issue = getattr(match, "rule_issue_type", "") or ""
    return _CATEGORY_BY_ISSUE.get(issue) or _CATEGORY_BY_ID.get(
        getattr(match, "category", ""), "grammar"
    )


def check_with_languagetool(doc: Document, client) -> list[Problem]:
    """LanguageTool's findings for ``doc``, located in the source."""
    problems: list[Problem] = []
    for text, starts, batch in _batches(_units(doc)):
        try:
            matches = client.check(text)
        except Exception as exc:
            raise LanguageToolUnavailable(
                f"LanguageTool failed while checking {doc.path}: {_reason(exc)}"
            ) from None
        for match in matches:
            offset, length = match.offset, match.error_length
            i = bisect_right(starts, offset) - 1
            unit, local = batch[i], offset - starts[i]
            if local + length > len(unit.text) or any(
                s < local + length and local < e for s, e in unit.masked
            ):
                continue  # spans a separator or touches a masked stretch
            for block, index in unit.places:
                problems.append(_problem(doc, block, index, match, local, local + length))
    return problems


def _problem(
    doc: Document, block: Block, index: int | None, match: Any, start: int, end: int
) -> Problem:
    message = " ".join(str(match.message).split())
    return Problem(
        rule=f"LT:{match.rule_id}",
        name=f"languagetool.{str(match.rule_id).lower()}",
        category=category_of(match),
        severity=Severity.WARNING,
        location=doc.locate(block, start, end),
        message=Message(en=f"LanguageTool: {message}", ar=message),
        text=block.text[start:end],
        suggestions=tuple(match.replacements[:5]),
        block_index=index,
        source=SOURCE,
    )


def _span(location: Location) -> tuple[tuple[int, int | None], int, int]:
    end = location.end_column if location.end_column is not None else location.column + 1
    return (location.line, location.note), location.column, max(end, location.column + 1)


def merge(builtin: list[Problem], found: list[Problem]) -> list[Problem]:
    """Built-in findings plus LanguageTool's, without two reports of one span: where they
    overlap the built-in finding stays and takes LanguageTool's differing suggestions."""
    by_line: dict[tuple[int, int | None], list[int]] = {}
    for i, problem in enumerate(builtin):
        if problem.text and problem.category in _TEXT_CATEGORIES:  # not «section missing here»
            by_line.setdefault(_span(problem.location)[0], []).append(i)
    merged = list(builtin)
    extra: list[Problem] = []
    for problem in found:
        key, start, end = _span(problem.location)
        overlapping = [
            i
            for i in by_line.get(key, ())
            if _span(merged[i].location)[1] < end and start < _span(merged[i].location)[2]
        ]
        if not overlapping:
            extra.append(problem)
            continue
        i = overlapping[0]
        new = tuple(s for s in problem.suggestions if s not in merged[i].suggestions)
        if new:
            merged[i] = replace(merged[i], suggestions=merged[i].suggestions + new)
    return merged + extra
