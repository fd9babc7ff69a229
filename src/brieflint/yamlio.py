"""YAML reading through libyaml when PyYAML has it (several times faster than the pure-Python
loader, which matters for a cold start), with the same safe semantics.

In an untrusted text (front matter) anchors and aliases are refused: a few hundred bytes of nested aliases («billion laughs») expand
into billions of values for whatever walks the result. Values the constructor cannot build (an
integer of thousands of digits) and nesting too deep to walk are refused as invalid YAML too.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError
MAX_DEPTH = 64


class RefusedYAML(yaml.YAMLError):
    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def _check_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise RefusedYAML(
                "anchors and aliases (&name, *name) are not allowed", event.start_mark
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise RefusedYAML(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str, *, untrusted: bool = False) -> Any:
    """``untrusted`` (a draft's front matter): refuse anchors, aliases and deep nesting."""
    if untrusted:
        _check_events(text)
    try:
        return yaml.load(text, Loader=_LOADER)
    except (ValueError, RecursionError, OverflowError) as exc:
        raise RefusedYAML(f"a value cannot be read ({exc})") from None
