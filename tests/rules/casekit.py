"""Rule cases as data: load ``cases/BL-XX000.yaml``, build each case's document, run one rule.

A case file names its rule and lists cases::

    rule: BL-AR001
    cases:
      - name: hamza-wasl-masdar        # the test id is «BL-AR001-hamza-wasl-masdar»
        kind: fail                     # fail | pass | fix
        text: قررت البلدية إستخدام المياه.  # Markdown
        wrap: brief                    # optional: the text becomes body text of cases/_brief.md
        config:                        # optional
          options: {...}               #   the rule's options
          words: [...]                 #   accepted words (document-wide)
          warn_unused_ignores: true
          select: [BL-PN001]           #   other rules to run beside it (a suppression's target)
        encoding: cp1256               # optional: the draft's bytes are in this encoding
                                       #   (utf-8+surrogateescape: "\udc96" is the byte 0x96)
        expect: [إستخدام]              # fail only: the text of findings that must appear
                                       #   ({message: …}: part of a message), or their count
        fixed: …                       # fix only: the whole text after `brieflint fix`
                                       #   (of the snippet, when it is wrapped)
        xfail: "why the rule is wrong here"
    docstring: references              # optional: how the rule's Fails::/Passes:: examples
                                       #   are run (one wrap, or {fails: …, passes: …})

Wraps: ``none`` (the text is the whole draft), ``brief`` (the text replaces the ``{{case}}``
line of ``cases/_brief.md``, a complete situation assessment that draws no finding),
``front-matter`` (``key: value`` lines merged into the brief's front matter) and
``references`` (the brief with the text's entries as its reference list and its ``[^n]:``
lines as notes, referenced from the body).

Each case runs with ``Config(select=(code,))``: only the rule under test (plus the reader's
notices), so a case says something about that rule alone, stays fast (no unknown-word
suggestions computed for every case) and is fixed exactly as ``brieflint fix --select CODE``
would fix it.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from brieflint.engine import Config, check_document
from brieflint.model import Problem
from brieflint.readers import read_markdown_bytes
from brieflint.readers.markdown import read_markdown

CASES_DIR = Path(__file__).resolve().parent / "cases"
BRIEF = CASES_DIR / "_brief.md"
PLACEHOLDER = "{{case}}"
KINDS = ("fail", "pass", "fix")
CASE_KEYS = {"name", "kind", "text", "wrap", "config", "encoding", "expect", "fixed", "xfail"}
CONFIG_KEYS = {"words", "options", "warn_unused_ignores", "select"}
WRAPS = ("none", "brief", "front-matter", "references", "described")
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Case:
    code: str
    name: str
    kind: str
    text: str
    wrap: str = "none"
    config: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    expect: list[str | dict[str, str]] | int | None = None
    fixed: str | None = None
    xfail: str | None = None

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def case_files() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("BL-*.yaml"))


@cache
def load_file(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text("utf-8"))


def load_cases(path: Path) -> list[Case]:
    data = load_file(path)
    return [
        Case(
            code=data["rule"],
            name=raw["name"],
            kind=raw["kind"],
            text=raw["text"],
            wrap=raw.get("wrap", "none"),
            config=raw.get("config") or {},
            encoding=raw.get("encoding", "utf-8"),
            expect=raw.get("expect"),
            fixed=raw.get("fixed"),
            xfail=raw.get("xfail"),
        )
        for raw in data.get("cases") or []
    ]


def all_cases() -> list[Case]:
    return [case for path in case_files() for case in load_cases(path)]


# --- documents -----------------------------------------------------------------------------


@cache
def brief_text() -> str:
    return BRIEF.read_text("utf-8")


def wrap(text: str, how: str) -> str:
    """The document a snippet stands for: itself, the body of the minimal brief, or keys
    merged into the brief's front matter (a value given there replaces the brief's)."""
    if how == "none":
        return text
    if how == "brief":
        return brief_text().replace(PLACEHOLDER, text.strip("\n"))
    if how == "front-matter":
        return _merge_front_matter(text)
    if how == "references":
        return _as_reference_list(text)
    raise ValueError(f"unknown wrap {how!r}")


def _merge_front_matter(text: str) -> str:
    brief = brief_text().replace(PLACEHOLDER, "")
    _, head, body = brief.split("---\n", 2)
    lines = [line for line in text.strip("\n").split("\n") if line.strip() != "---"]
    given = {line.split(":", 1)[0].strip() for line in lines if ":" in line}
    kept = [line for line in head.split("\n") if line and line.split(":", 1)[0] not in given]
    return "---\n" + "\n".join(kept + lines) + "\n---\n" + body


_NOTE = re.compile(r"^\[\^([^\]]+)\]:")
_MARKER = re.compile(r"\[\^([^\]]+)\](?!:)")


def _as_reference_list(text: str) -> str:
    """The brief whose reference list is the snippet's entries (one a paragraph or list item,
    its «## المراجع» heading implied) and whose notes are the snippet's ``[^n]:`` lines, each
    referenced once from the body in the order given unless the snippet's prose does."""
    notes, prose, entries = [], [], []
    for line in text.strip("\n").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        if _NOTE.match(line):
            notes.append(line)
        elif _MARKER.search(line):
            prose.append(line)
        else:
            entries.append(line)
    referenced = {m.group(1) for line in prose for m in _MARKER.finditer(line)}
    labels = [_NOTE.match(n).group(1) for n in notes if _NOTE.match(n).group(1) not in referenced]
    if labels:
        prose.append("وتستند هذه القراءة إلى مصادر عدة" + "".join(f"[^{x}]" for x in labels) + ".")
    brief = brief_text().replace(PLACEHOLDER, "\n\n".join(prose + notes))
    head = brief[: brief.index("## المراجع")]
    return head + "## المراجع\n\n" + "\n\n".join(entries) + "\n"


def case_text(case: Case) -> str:
    return wrap(case.text, case.wrap)


def config_for(code: str, options: dict[str, Any] | None = None) -> Config:
    options = options or {}
    return Config(
        select=(code, *options.get("select", ())),
        rule_options={code: dict(options.get("options") or {})},
        words=tuple(options.get("words") or ()),
        warn_unused_ignores=bool(options.get("warn_unused_ignores", False)),
    )


def read(text: str, encoding: str = "utf-8", path: str = "<case>"):
    """The document, read in-process as the CLI reads a Markdown draft of these bytes."""
    if encoding == "utf-8":
        return read_markdown(path, text)
    codec, _, errors = encoding.partition("+")
    return read_markdown_bytes(path, text.encode(codec, errors or "strict"))


def findings(code: str, text: str, config: dict[str, Any] | None = None, **kw) -> list[Problem]:
    """The findings of rule ``code`` on ``text``."""
    result = check_document(read(text, **kw), config_for(code, config))
    return [p for p in result.problems if p.rule == code]


# --- docstring examples --------------------------------------------------------------------

_SECTION = re.compile(r"^(Fails|Passes)::\s*$")
# A whole line in parentheses with Latin words is a note to the reader: «(no entry for it …)».
_COMMENTARY = re.compile(r"^\(.*[A-Za-z].*\)$")


def docstring_wraps(code: str) -> dict[str, str]:
    """How the rule's docstring examples are run, from its case file's ``docstring`` key: one
    wrap for both, or ``{fails: …, passes: …}``; default ``none`` (the example is the draft)."""
    path = CASES_DIR / f"{code}.yaml"
    given = load_file(path).get("docstring", "none") if path.exists() else "none"
    if isinstance(given, str):
        return {"Fails": given, "Passes": given}
    return {"Fails": given.get("fails", "none"), "Passes": given.get("passes", "none")}


def docstring_config(code: str) -> dict[str, Any]:
    """The configuration the docstring examples run with (``docstring: {config: …}``)."""
    path = CASES_DIR / f"{code}.yaml"
    given = load_file(path).get("docstring") if path.exists() else None
    return dict(given.get("config") or {}) if isinstance(given, dict) else {}


def docstring_examples(doc: str | None) -> dict[str, str]:
    """{"Fails": text, "Passes": text} from a rule docstring, reader's notes and lone «…»
    lines (an elided rest of the document) left out."""
    found: dict[str, str] = {}
    lines = textwrap.dedent("\n".join((doc or "").split("\n")[1:])).split("\n")
    current: str | None = None
    block: list[str] = []
    for line in [*lines, "End::"]:
        head = _SECTION.match(line.strip()) if not line.startswith(" ") else None
        if head or (line and not line.startswith(" ") and current):
            if current:
                found[current] = _clean_example(block)
            current, block = (head.group(1), []) if head else (None, [])
            continue
        if current is not None:
            block.append(line)
    return found


def _clean_example(block: list[str]) -> str:
    text = textwrap.dedent("\n".join(block)).strip("\n")
    kept = [
        line for line in text.split("\n") if not _COMMENTARY.match(line.strip()) and line != "…"
    ]
    return "\n".join(kept).strip("\n") + "\n"
