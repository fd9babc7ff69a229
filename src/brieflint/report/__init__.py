"""Reporters: turn file results into text for people or data for programs."""

from __future__ import annotations

from collections.abc import Callable

from ..engine import FileResult
from . import github, html, json_report, sarif, text

Reporter = Callable[[list[FileResult], dict], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": html.render,
}

__all__ = ["REPORTERS", "Reporter"]
