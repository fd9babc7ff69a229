"""YAML reading through libyaml when PyYAML has it (several times faster than the pure-Python
loader, which matters for a cold start), with the same safe semantics."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)
