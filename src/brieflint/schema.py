"""Brief kinds: the YAML files in ``schema/``, validated by ``schema/brief-kind.schema.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .arabic import fold, heading_key, heading_words, strip_clitics
from .errors import ConfigError
from .resources import shipped_dir
from .yamlio import load_yaml

DEFAULT_KIND = "situation-assessment"
MAX_MEMOISED_HEADINGS = 20_000


@dataclass(frozen=True)
class Bounds:
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class MetadataSpec:
    id: str
    label: str
    label_en: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    pattern_hint: str = ""
    pattern_hint_en: str = ""


@dataclass(frozen=True)
class SectionSpec:
    id: str
    name: str
    name_en: str
    required: bool = True
    repeatable: bool = False
    variants: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    words: Bounds = Bounds()
    guidance: str = ""
    description: str = ""


@dataclass(frozen=True)
class BriefSchema:
    kind: str
    name: str
    name_en: str
    type_labels: tuple[str, ...]
    metadata: tuple[MetadataSpec, ...]
    sections: tuple[SectionSpec, ...]
    words: Bounds = Bounds()
    path: str = ""
    _variant_index: dict[str, SectionSpec] = field(default_factory=dict, compare=False)
    _keyword_index: dict[str, SectionSpec] = field(default_factory=dict, compare=False)
    _phrase_index: dict[tuple[str, ...], SectionSpec] = field(default_factory=dict, compare=False)
    _metadata_aliases: dict[str, str] = field(default_factory=dict, compare=False)
    # Look-up structures over the two indexes above (built by _index_keywords) and the
    # memoised answers of heading_match: it is asked about every short block of every draft.
    _keyword_rank: dict[str, tuple[int, SectionSpec]] = field(default_factory=dict, compare=False)
    _phrases_by_first: dict[str, list[tuple[tuple[str, ...], SectionSpec]]] = field(
        default_factory=dict, compare=False
    )
    _matches: dict[str, tuple[SectionSpec | None, float]] = field(
        default_factory=dict, compare=False
    )

    def section(self, section_id: str) -> SectionSpec:
        return next(s for s in self.sections if s.id == section_id)

    def position(self, section_id: str) -> int:
        return next(i for i, s in enumerate(self.sections) if s.id == section_id)

    def metadata_field_for(self, key: str) -> str:
        """The field id a front-matter key names: the id itself, an alias («العنوان»), a label."""
        return (
            self._metadata_aliases.get(key) or self._metadata_aliases.get(heading_key(key)) or key
        )

    def metadata_spec(self, field_id: str) -> MetadataSpec | None:
        return next((m for m in self.metadata if m.id == field_id), None)

    def match_heading(self, text: str) -> SectionSpec | None:
        """The section a heading names, by meaning rather than exact text (see
        :meth:`heading_match`)."""
        return self.heading_match(text)[0]

    def heading_match(self, text: str) -> tuple[SectionSpec | None, float]:
        """The section a heading names and how sure the match is (0 to 1).

        The same for every form a heading takes (``##``, a Word heading style, a bold line, a
        short pasted line): numbering and ordinal prefixes («رابعاً:», «1.», «(3)», «٤-») and a
        trailing colon are ignored. A heading that equals a known variant wins outright (1.0).
        Otherwise the first keyword in the heading decides — in Arabic the head noun of a
        heading usually comes first («حدود التأثير» is about limits, «تأثير الحدود» about
        implications), but a section may be named by a later word («الجانب الأمني وحدوده» is
        about limits, «أهم ما نص عليه الاتفاق» about content): 0.9 when the keyword leads the
        heading, 0.7 when it comes later.
        """
        found = self._matches.get(text)
        if found is None:
            found = self._heading_match(text)
            if len(self._matches) >= MAX_MEMOISED_HEADINGS:
                self._matches.clear()
            self._matches[text] = found
        return found

    def _heading_match(self, text: str) -> tuple[SectionSpec | None, float]:
        key = heading_key(text)
        if not key:
            return None, 0.0
        if key in self._variant_index:
            return self._variant_index[key], 1.0
        words = key.split()
        for position, word in enumerate(words):
            confidence = 0.9 if position == 0 else 0.7
            # the first phrase of _phrase_index that matches here (only phrases starting
            # with this word can), then the first keyword of _keyword_index that starts the
            # word (only the word's own prefixes can)
            for phrase, spec in self._phrases_by_first.get(word, ()):
                if tuple(words[position : position + len(phrase)]) == phrase:
                    return spec, confidence
            ranked = (self._keyword_rank.get(word[:end]) for end in range(len(word) + 1))
            best = min((r for r in ranked if r is not None), default=None, key=lambda r: r[0])
            if best is not None:
                return best[1], confidence
        return None, 0.0

    def is_type_label(self, text: str) -> bool:
        key = heading_key(text)
        return any(key == heading_key(label) for label in self.type_labels)


def _bounds(raw: dict | None) -> Bounds:
    raw = raw or {}
    return Bounds(raw.get("min"), raw.get("max"))


def _build(data: dict, path: str) -> BriefSchema:
    metadata = tuple(
        MetadataSpec(
            id=m["id"],
            label=m["label"],
            label_en=m["label_en"],
            required=m.get("required", True),
            aliases=tuple(m.get("aliases", ())),
            pattern=re.compile(m["pattern"]) if m.get("pattern") else None,
            pattern_hint=m.get("pattern_hint", ""),
            pattern_hint_en=m.get("pattern_hint_en", ""),
        )
        for m in data["metadata"]
    )
    sections = tuple(
        SectionSpec(
            id=s["id"],
            name=s["name"],
            name_en=s["name_en"],
            required=s.get("required", True),
            repeatable=s.get("repeatable", False),
            variants=tuple(s["variants"]),
            keywords=tuple(s.get("keywords", ())),
            words=_bounds(s.get("words")),
            guidance=s.get("guidance", ""),
            description=s.get("description", ""),
        )
        for s in data["sections"]
    )
    schema = BriefSchema(
        kind=data["kind"],
        name=data["name"],
        name_en=data["name_en"],
        type_labels=tuple(data["type_labels"]),
        metadata=metadata,
        sections=sections,
        words=_bounds(data.get("words")),
        path=path,
    )
    for meta in metadata:
        schema._metadata_aliases[meta.id] = meta.id
        for alias in (*meta.aliases, meta.label):
            schema._metadata_aliases.setdefault(heading_key(alias), meta.id)
    for spec in sections:
        for variant in (*spec.variants, spec.name):
            schema._variant_index.setdefault(heading_key(variant), spec)
        for keyword in spec.keywords:
            words = tuple(strip_clitics(fold(word)) for word in heading_words(keyword))
            if len(words) > 1:  # a phrase («نص عليه») matches whole words in sequence
                schema._phrase_index.setdefault(words, spec)
            elif words:
                schema._keyword_index.setdefault(words[0], spec)
    _index_keywords(schema)
    return schema


def _index_keywords(schema: BriefSchema) -> None:
    """Keywords by rank (their order in _keyword_index decides between two that both start a
    word) and phrases by their first word, in _phrase_index order."""
    for rank, (keyword, spec) in enumerate(schema._keyword_index.items()):
        schema._keyword_rank[keyword] = (rank, spec)
    for phrase, spec in schema._phrase_index.items():
        schema._phrases_by_first.setdefault(phrase[0], []).append((phrase, spec))


@cache
def _meta_schema() -> dict:
    return json.loads((shipped_dir("schema") / "brief-kind.schema.json").read_text("utf-8"))


def _error_path(error) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(top level)"


def load_schema_file(path: str | Path, *, validate: bool = True) -> BriefSchema:
    """Read and validate a brief-kind file; ConfigError names the file, the path and the reason.

    The shipped kinds are validated by the test suite, not at every start (jsonschema is the
    slowest import of a cold ``brieflint check``)."""
    path = Path(path)
    try:
        data = load_yaml(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read schema: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{path}: schema is not valid YAML: {reason}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: schema must be a mapping of keys to values")
    if validate:
        _validate(data, path)
    return _build(data, str(path))


def _validate(data: dict, path: Path) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        _meta_schema(), format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise ConfigError(f"{path}: invalid schema at {_error_path(first)}: {first.message}")
    ids = [s["id"] for s in data["sections"]]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise ConfigError(f"{path}: invalid schema at sections: duplicate section id {duplicate!r}")


@cache
def _shipped_kinds() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in shipped_dir("schema").glob("*.yaml")))


def shipped_kinds() -> list[str]:
    return list(_shipped_kinds())


@cache
def load_schema(name_or_path: str = DEFAULT_KIND) -> BriefSchema:
    """A shipped kind by name (``policy-paper``) or a schema file by path."""
    if name_or_path in shipped_kinds():
        return load_schema_file(shipped_dir("schema") / f"{name_or_path}.yaml", validate=False)
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        return load_schema_file(path)
    known = ", ".join(shipped_kinds())
    raise ConfigError(
        f"unknown brief kind {name_or_path!r} (shipped kinds: {known}; or a .yaml file)"
    )


def schema_for_type_label(label: str) -> BriefSchema | None:
    """The shipped kind whose cover type label is ``label`` («ورقة سياسات» → policy-paper)."""
    if not label.strip():
        return None
    for kind in shipped_kinds():
        schema = load_schema(kind)
        if schema.is_type_label(label):
            return schema
    return None
