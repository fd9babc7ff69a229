"""Where the shipped data folders are: inside the wheel, or at the root of a source checkout."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def shipped_dir(name: str, checkout_path: str | None = None) -> Path:
    """``schema`` or ``templates``: packaged into the wheel, kept at the repository root (or at
    ``checkout_path`` there: the rule pages ``rule_docs`` are ``docs/rules`` in a checkout)."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / (checkout_path or name)  # src/brieflint/../../name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"brieflint data folder {name!r} is missing from the installation")


def data_file(name: str) -> Path:
    """A file under ``brieflint/data`` (word lists, presets)."""
    return _PACKAGE / "data" / name


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/brieflint``, or ``~/.cache/brieflint``."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "brieflint"
