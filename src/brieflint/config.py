"""Configuration files: ``.brieflint.yaml`` found upward from each draft, ``[tool.brieflint]`` in
``pyproject.toml``, or ``--config FILE``.

Layers merge in one order: shipped defaults → the configuration file → command-line options.
Every key is validated (``data/config.schema.json`` and each rule's own options); an unknown key
is an error that names the file and the key.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .engine import Config
from .errors import ConfigError
from .resources import data_file
from .rules import all_rules
from .rules.selectors import UnknownSelectorError, check_selectors, did_you_mean, suggestions
from .yamlio import load_yaml

CONFIG_NAMES = (".brieflint.yaml", ".brieflint.yml")
SEVERITIES = ("error", "warning", "info", "off")


@cache
def _config_schema() -> dict:
    return json.loads(data_file("config.schema.json").read_text("utf-8"))


def find_config(start: Path) -> Path | None:
    """The nearest ``.brieflint.yaml`` or ``pyproject.toml`` with ``[tool.brieflint]``."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.resolve().parents]:
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _pyproject_section(path: Path) -> dict | None:
    """``[tool.brieflint]`` of a pyproject.toml, parsed once per version of the file (the
    language server looks for the configuration on every change of a draft)."""
    try:
        info = path.stat()
    except OSError:
        return _read_pyproject_section(path, 0, 0)
    return _read_pyproject_section(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=32)
def _read_pyproject_section(path: Path, _mtime_ns: int, _size: int) -> dict | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return data.get("tool", {}).get("brieflint")


@cache
def load_config_file(path: Path) -> dict[str, Any]:
    """The validated contents of one configuration file."""
    if path.name == "pyproject.toml":
        data = _pyproject_section(path) or {}
    else:
        try:
            data = load_yaml(path.read_text("utf-8")) or {}
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(f"{path}: configuration is not valid YAML: {first}") from None
    validate(data, str(path))
    data = _resolve_dictionaries(data, path)
    if "extends" in data:
        base = _load_extended(data["extends"], path)
        data = merge_layers(base, data)
    return data


def _resolve_dictionaries(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Word lists named by ``dictionaries`` (relative to the configuration file ``path``) become
    absolute paths; a missing or unreadable one is an error naming the file. Each is read once
    per run; the engine puts its words into every document's lexicon."""
    if not data.get("dictionaries"):
        return data
    from .spelling.lexicon import read_words

    resolved = []
    for name in data["dictionaries"]:
        target = (path.parent / name).resolve()
        if not target.is_file():
            raise ConfigError(f"{path}: dictionary {name!r} not found ({target})")
        read_words(target)
        resolved.append(str(target))
    return {**data, "dictionaries": resolved}


def _load_extended(name: str, path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A shipped preset (``default``, ``strict``, ``relaxed``) or a file relative to ``path``."""
    preset = data_file(f"presets/{name}.yaml")
    target = preset if preset.is_file() else (path.parent / name).resolve()
    if target in seen or target == path.resolve():
        raise ConfigError(f"{path}: extends {name!r} makes a cycle")
    if not target.is_file():
        presets = ", ".join(sorted(p.stem for p in data_file("presets").glob("*.yaml")))
        raise ConfigError(f"{path}: extends {name!r}: no such preset ({presets}) or file")
    data = load_yaml(target.read_text("utf-8")) or {}
    validate(data, str(target))
    data = _resolve_dictionaries(data, target)
    if "extends" in data:
        data = merge_layers(_load_extended(data["extends"], target, (*seen, path.resolve())), data)
    return data


def merge_layers(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """``top`` over ``base``: rule settings merge per rule, ``ignore``, ``words`` and
    ``dictionaries`` add up, everything else in ``top`` replaces ``base``."""
    merged = {**base, **{k: v for k, v in top.items() if k != "extends"}}
    rules = {key: dict(value) for key, value in (base.get("rules") or {}).items()}
    for key, value in (top.get("rules") or {}).items():
        rules.setdefault(key, {}).update(value)
    merged["rules"] = rules
    for key in ("ignore", "words", "dictionaries"):
        if key in base or key in top:
            merged[key] = list(dict.fromkeys([*base.get(key, []), *top.get(key, [])]))
    return merged


def validate(data: Any, where: str) -> None:
    import jsonschema

    if not isinstance(data, dict):
        raise ConfigError(f"{where}: configuration must be a mapping of keys to values")
    validator = jsonschema.Draft202012Validator(_config_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        path = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        if error.validator == "additionalProperties":
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            known = ", ".join(sorted(error.schema.get("properties", {})))
            raise ConfigError(
                f"{where}: unknown key {unknown[0]!r} at {path} (known keys: {known})"
            )
        raise ConfigError(f"{where}: invalid configuration at {path}: {error.message}")
    for key in ("select", "ignore"):
        check_selectors(data.get(key) or (), key, prefix=f"{where}: ")
    for key, settings in (data.get("rules") or {}).items():
        _validate_rule_entry(key, settings, where)


def _rule_keys() -> list[str]:
    """What a key of ``rules`` may be: a code, a dotted name or a family."""
    keys: dict[str, None] = {}
    for rule in all_rules():
        for value in (rule.code, rule.name, rule.name.split(".")[0]):
            keys.setdefault(value, None)
    return list(keys)


def _rule_targets(key: str) -> list:
    wanted = key.strip().casefold()
    return [
        r
        for r in all_rules()
        if wanted in (r.code.casefold(), r.name.casefold(), r.name.split(".")[0].casefold())
    ]


def _validate_rule_entry(key: str, settings: dict, where: str) -> None:
    import jsonschema

    targets = _rule_targets(key)
    if not targets:
        raise UnknownSelectorError(
            f"{where}: unknown rule {key!r} at rules: it names no rule (a code, a dotted name or "
            f"a family); {did_you_mean(key, _rule_keys())}"
        )
    options = {k: v for k, v in settings.items() if k != "severity"}
    if "words" in options:
        raise ConfigError(
            f"{where}: 'words' at rules/{key} is not a rule option: words apply to the whole "
            "document, so put `words:` at the top level of the configuration"
        )
    for option, value in options.items():
        specs = [r.options[option] for r in targets if option in r.options]
        if not specs:
            names = sorted({o for r in targets for o in r.options})
            hint = did_you_mean(option, names) if suggestions(option, names) else ""
            raise ConfigError(
                f"{where}: unknown option {option!r} at rules/{key} "
                f"({(hint + '; ') if hint else ''}options: {', '.join(names) or 'none'})"
            )
        spec = {k: v for k, v in specs[0].items() if k not in {"default", "description"}}
        try:
            jsonschema.validate(value, spec)
        except jsonschema.ValidationError as exc:
            raise ConfigError(
                f"{where}: invalid value at rules/{key}/{option}: {exc.message}"
            ) from None


def apply(config: Config, data: dict[str, Any]) -> Config:
    """``config`` with the settings of a configuration file laid over it (explicit fields of the
    command line are applied afterwards by the caller)."""
    severities = dict(config.severities)
    rule_options = {k: dict(v) for k, v in config.rule_options.items()}
    ignore = list(config.ignore)
    for key, settings in (data.get("rules") or {}).items():
        severity = settings.get("severity")
        if severity == "off":
            ignore.append(key)
        elif severity:
            severities[key] = severity
        options = {k: v for k, v in settings.items() if k != "severity"}
        if options:
            rule_options.setdefault(key, {}).update(options)
    languagetool = config.languagetool
    if data.get("languagetool"):
        from .languagetool import LanguageToolSettings  # only when configured: a cold start

        lt = data["languagetool"]
        languagetool = LanguageToolSettings(
            server=lt["server"],
            disabled_rules=tuple(lt["disabled_rules"]) if "disabled_rules" in lt else None,
            enabled_categories=tuple(lt.get("enabled_categories", ())),
            timeout=float(lt.get("timeout", 60.0)),
            required=bool(lt.get("required", False)),
        )
    return replace(
        config,
        schema=data.get("schema", config.schema),
        lang=data.get("lang", config.lang),
        select=tuple(data.get("select", config.select)),
        ignore=tuple(dict.fromkeys([*ignore, *data.get("ignore", ())])),
        severities=severities,
        rule_options=rule_options,
        languagetool=languagetool,
        words=tuple(dict.fromkeys([*config.words, *data.get("words", ())])),
        dictionaries=tuple(dict.fromkeys([*config.dictionaries, *data.get("dictionaries", ())])),
        include=tuple(data.get("include", config.include)),
        exclude=tuple(dict.fromkeys([*config.exclude, *data.get("exclude", ())])),
        default_exclude=bool(data.get("default_exclude", config.default_exclude)),
    )


# Files of a repository of drafts that are not drafts: what the pre-commit hook and a folder
# walk meet beside the briefs.
DEFAULT_EXCLUDE = ("README*", "CHANGELOG*", "CONTRIBUTING*", "LICENSE*", ".github/")


def _glob_matches(relative: PurePosixPath, pattern: str) -> bool:
    """gitignore-like: ``name*`` (no slash) matches a file or folder name at any depth,
    ``folder/`` any file below a folder of that name, ``a/b*.md`` the path from the root."""
    pattern = pattern.strip()
    if not pattern:
        return False
    folders, name = relative.parts[:-1], relative.name
    if pattern.endswith("/"):
        stem = pattern.rstrip("/")
        if "/" in stem:
            return fnmatch.fnmatchcase(str(relative.parent), stem) or any(
                fnmatch.fnmatchcase(str(PurePosixPath(*folders[: i + 1])), stem)
                for i in range(len(folders))
            )
        return any(fnmatch.fnmatchcase(folder, stem) for folder in folders)
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in (*folders, name))
    return fnmatch.fnmatchcase(str(relative), pattern.lstrip("/"))


def selected_file(
    draft: str, config: Config, root: Path, extra_exclude: tuple[str, ...] = ()
) -> bool:
    """Whether ``draft`` is checked: it matches an ``include`` glob (when there are any) and no
    ``exclude`` glob, the default ones (README*, CHANGELOG*, CONTRIBUTING*, LICENSE*, .github/)
    included unless ``default_exclude: false``. Globs are relative to ``root``."""
    path = Path(draft).resolve()
    try:
        relative = PurePosixPath(path.relative_to(root.resolve()).as_posix())
    except ValueError:
        relative = PurePosixPath(Path(draft).as_posix().lstrip("/"))
    excluded = (
        *(DEFAULT_EXCLUDE if config.default_exclude else ()),
        *config.exclude,
        *extra_exclude,
    )
    if any(_glob_matches(relative, pattern) for pattern in excluded):
        return False
    return not config.include or any(_glob_matches(relative, p) for p in config.include)


def effective_config(
    base: Config, draft: str, explicit: Path | None = None, overrides: dict | None = None
) -> tuple[Config, Path | None]:
    """The configuration that applies to ``draft``: the file given or found, then overrides."""
    path = explicit or (find_config(Path(draft)) if draft and not draft.startswith("<") else None)
    config = apply(base, load_config_file(path.resolve())) if path else base
    if overrides:
        config = replace(config, **overrides)
    return config, path


def describe(config: Config, path: Path | None) -> dict[str, Any]:
    """The effective configuration as data (``brieflint config``)."""
    lt = config.languagetool
    return {
        "file": str(path) if path else None,
        "schema": config.schema or "(from the cover's type label; default situation-assessment)",
        "lang": config.lang,
        "select": list(config.select),
        "ignore": list(config.ignore),
        "severities": config.severities,
        "words": list(config.words),
        "dictionaries": list(config.dictionaries),
        "include": list(config.include),
        "exclude": [*(DEFAULT_EXCLUDE if config.default_exclude else ()), *config.exclude],
        "rules": config.rule_options,
        "languagetool": None
        if lt is None
        else {
            "server": lt.server,
            "disabled_rules": list(lt.rules_off),
            "enabled_categories": list(lt.enabled_categories),
            "timeout": lt.timeout,
            "required": lt.required,
        },
    }


__all__ = [
    "DEFAULT_EXCLUDE",
    "SEVERITIES",
    "apply",
    "describe",
    "effective_config",
    "find_config",
    "load_config_file",
    "selected_file",
    "validate",
]
