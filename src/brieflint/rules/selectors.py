"""Selectors: how a user names rules on the command line, in configuration files and in inline
suppressions.

A selector is a code (``BL-AR001``), a dotted name (``orthography.hamza-wasl``), a family
(``orthography``), a category (``spelling``), a code prefix (``BL-AR``, ``BL-AR00``) or a glob
(``orthography.*``, ``BL-ST00?``). Case does not matter: ``bl-st006`` is ``BL-ST006`` and
``Spelling`` is ``spelling``. In ``--select``, ``--ignore`` and configuration files every
selector must match at least one registered rule; one that matches none is an error that names
the closest valid selectors.
"""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Iterable

from ..errors import ConfigError
from .base import Rule, all_rules

_GLOB = set("*?[")


class UnknownSelectorError(ConfigError):
    """A selector that names no registered rule."""


def _fold(text: str) -> str:
    return text.strip().casefold()


def matches(selector: str, code: str, name: str, category: str) -> bool:
    """Whether ``selector`` names the rule (or finding) with this code, name and category."""
    wanted = _fold(selector)
    if not wanted:
        return False
    code, name, category = code.casefold(), name.casefold(), category.casefold()
    family = name.split(".", 1)[0]
    if wanted in (code, name, family, category):
        return True
    if _GLOB & set(wanted):
        return fnmatch.fnmatchcase(code, wanted) or fnmatch.fnmatchcase(name, wanted)
    return wanted.startswith("bl-") and len(wanted) < len(code) and code.startswith(wanted)


def rule_matches(rule: type[Rule], selectors: Iterable[str]) -> bool:
    return any(matches(s, rule.code, rule.name, rule.category) for s in selectors)


def rules_matching(selector: str) -> list[type[Rule]]:
    return [r for r in all_rules() if matches(selector, r.code, r.name, r.category)]


def valid_selectors() -> list[str]:
    """Every code, dotted name, family and category, for suggestions."""
    found: dict[str, None] = {}
    for rule in all_rules():
        for value in (rule.code, rule.name, rule.name.split(".", 1)[0], rule.category):
            found.setdefault(value, None)
    return list(found)


def suggestions(selector: str, candidates: Iterable[str] | None = None, n: int = 3) -> list[str]:
    """The closest valid selectors to a mistyped one (compared without case)."""
    pool = list(candidates) if candidates is not None else valid_selectors()
    by_fold = {c.casefold(): c for c in pool}
    close = difflib.get_close_matches(_fold(selector), list(by_fold), n=n, cutoff=0.6)
    return [by_fold[c] for c in close]


def did_you_mean(selector: str, candidates: Iterable[str] | None = None) -> str:
    close = suggestions(selector, candidates)
    if close:
        return "did you mean " + " or ".join(close) + "?"
    return "see `brieflint rules` for codes, names, families and categories"


def check_selectors(selectors: Iterable[str], context: str, prefix: str = "") -> None:
    """Raise :class:`UnknownSelectorError` for the first selector that matches no rule:
    ``{prefix}unknown rule selector 'speling' in {context}: …; did you mean spelling?``"""
    for selector in selectors:
        if not rules_matching(selector):
            raise UnknownSelectorError(
                f"{prefix}unknown rule selector {selector!r} in {context}: it matches no rule; "
                f"{did_you_mean(selector)}"
            )


__all__ = [
    "UnknownSelectorError",
    "check_selectors",
    "did_you_mean",
    "matches",
    "rule_matches",
    "rules_matching",
    "suggestions",
    "valid_selectors",
]
