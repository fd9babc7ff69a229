"""``--format sarif``: SARIF 2.1.0, the format code-scanning services read."""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__
from ..engine import FileResult
from ..links import REPOSITORY, help_url, rule_doc_url
from ..model import Problem
from ..rules import all_rules
from .json_report import fix_applicability

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _rule_descriptor(rule) -> dict[str, Any]:
    doc = inspect.getdoc(rule) or rule.name
    summary = doc.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": f"**{rule.code} {rule.name}**\n\n```\n{doc}\n```"},
        "helpUri": rule_doc_url(rule.code),
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {
            "category": rule.category,
            "tags": [rule.category],
            "fixAvailability": rule.fix_availability.value,
            "fixApplicability": rule.fix_applicability.value,
            "fixApplicabilities": [a.value for a in rule.fix_applicabilities],
        },
    }


def _external_descriptor(problem: Problem) -> dict[str, Any]:
    return {
        "id": problem.rule,
        "name": problem.name,
        "shortDescription": {"text": f"LanguageTool rule {problem.rule[3:]}"},
        "fullDescription": {
            "text": f"A match of LanguageTool's rule {problem.rule[3:]}, merged into brieflint's report."
        },
        "help": {"text": "See LanguageTool's rule documentation."},
        "helpUri": help_url(problem.rule),
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": problem.category, "source": problem.source},
    }


def _uri(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = path
    return Path(relative).as_posix()


def _result(problem: Problem, path: str, rule_index: int, lang: str, fmt: str) -> dict[str, Any]:
    loc = problem.location
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line:
        region["endLine"] = loc.end_line
    if loc.end_column and loc.end_column > loc.column:
        region["endColumn"] = loc.end_column
    if problem.text:
        region["snippet"] = {"text": problem.text}
    result: dict[str, Any] = {
        "ruleId": problem.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[problem.severity.value],
        "message": {"text": problem.message.get(lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(path), "uriBaseId": "SRCROOT"},
                    "region": region,
                }
            }
        ],
        "properties": {"category": problem.category, "source": problem.source},
    }
    if fmt == "docx":
        result["properties"]["lineIsParagraph"] = True
    if loc.footnote is not None:
        result["properties"]["footnote"] = loc.footnote
    if loc.note is not None:
        result["properties"]["note"] = loc.note.as_dict()
    if problem.suggestions:
        result["properties"]["suggestions"] = list(problem.suggestions)
    if problem.fix is not None:
        # A fix's edits address parsed blocks (after Markdown markup is stripped), not regions
        # of the file, so they are described in the properties rather than as SARIF ``fixes``.
        result["properties"]["fix"] = {
            "edits": [
                {"expected": e.expected, "replacement": e.replacement} for e in problem.fix.edits
            ],
            "applicability": fix_applicability(problem),
        }
    return result


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    rules = [_rule_descriptor(r) for r in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    sarif_results = []
    notifications = []
    for file_result in results:
        if file_result.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{file_result.path}: {file_result.error}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": _uri(file_result.path),
                                    "uriBaseId": "SRCROOT",
                                }
                            }
                        }
                    ],
                }
            )
            continue
        if file_result.incomplete:
            notifications.append({"level": "warning", "message": {"text": file_result.incomplete}})
        for problem in file_result.problems:
            if problem.rule not in index:
                index[problem.rule] = len(rules)
                rules.append(_external_descriptor(problem))
            sarif_results.append(
                _result(problem, file_result.path, index[problem.rule], lang, file_result.format)
            )
    run = {
        "tool": {
            "driver": {
                "name": "brieflint",
                "version": __version__,
                "informationUri": REPOSITORY,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().as_uri() + "/"}},
        "invocations": [
            {
                "executionSuccessful": not any(r.error for r in results),
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": sarif_results,
    }
    return (
        json.dumps(
            {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2
        )
        + "\n"
    )
