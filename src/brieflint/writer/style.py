"""House styles: ``templates/house-style*.yaml``, validated by ``house-style.schema.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..resources import shipped_dir
from ..yamlio import load_yaml

DEFAULT_STYLE = "house-style"


@dataclass(frozen=True)
class HouseStyle:
    data: dict[str, Any]
    path: Path

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, *keys: str, default: Any = None) -> Any:
        value: Any = self.data
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return value

    @property
    def arabic_font(self) -> str:
        return self.data["fonts"]["arabic"]

    @property
    def latin_font(self) -> str:
        return self.data["fonts"]["latin"]

    def size(self, name: str) -> float:
        return float(self.data["sizes"][name])


@cache
def _schema() -> dict:
    return json.loads((shipped_dir("templates") / "house-style.schema.json").read_text("utf-8"))


def load_style(name_or_path: str | None = None) -> HouseStyle:
    """A shipped style by name (``house-style``, ``house-style-compact``) or a YAML file."""
    import jsonschema

    name_or_path = name_or_path or DEFAULT_STYLE
    shipped = shipped_dir("templates") / f"{name_or_path}.yaml"
    path = shipped if shipped.is_file() else Path(name_or_path)
    try:
        data = load_yaml(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read house style: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: house style is not valid YAML: {str(exc).splitlines()[0]}"
        ) from None
    errors = sorted(
        jsonschema.Draft202012Validator(_schema()).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise ConfigError(f"{path}: invalid house style at {where}: {errors[0].message}")
    return HouseStyle(data, path)
