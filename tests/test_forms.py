"""Format invariance: the same brief in any form reads the same.

Every example brief is written in every form a draft arrives in (``tests/forms.py``: pasted web
text, bold-line Markdown, pandoc's and LibreOffice's Word files, an author's Word file with
heading styles or bold lines, with footnotes or endnotes), each form is read by brieflint, and
its reading is compared with the reading of the clean Markdown: the recognised sections, the
cover metadata, the note markers and notes, the reference entries and the content findings.

A pair that does not read the same yet is listed in ``KNOWN_DIFFERENCES`` with what differs: it
is an expected failure (strict, so a fixed reader turns it into an unexpected pass and the entry
must go). Delete entries as reader fixes land.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from brieflint.engine import Config, check_document, read_document

from .conftest import COVER_FIELDS, EXAMPLES, FORM_BRIEFS
from .forms import FORMS

BRIEFS = FORM_BRIEFS

# Rules whose findings depend on the form, not the content, and why they are not compared.
FORM_SPECIFIC_RULES = {
    # Bold lines standing for headings are what the bold, pasted and word-bold forms *are*:
    # the rule rightly reports each of them, and the clean Markdown has none.
    "BL-ST006": "all",
    # Markers typed by hand («الاتفاق¹», «الاتفاق(3)») are what the pasted forms are.
    "BL-FN006": "all",
}
# A form without front matter (pasted text, Word files) has its metadata read from a cover; the
# metadata values are compared field by field, which says exactly what differs, so the
# metadata.* findings (missing/invalid field, type label, unknown field) are not compared again.
NO_FRONT_MATTER_RULES = ("BL-MD",)
NO_FRONT_MATTER = {f for f in FORMS if f.startswith("pasted") or f.endswith(".docx")}
STRUCTURE_ERRORS = ("BL-ST001", "BL-ST002")

_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u200b\u200c\u200d\u2066\u2067\u2068\u2069"))
_QUOTES = dict.fromkeys(map(ord, "«»\"“”„'‘’"))


def norm(text: str) -> str:
    """Whitespace collapsed, bidi marks dropped, NFC."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return re.sub(r"\s+", " ", text).strip()


def norm_meta(text: str) -> str:
    """Metadata values also lose their quotes and case (a web page shows the English name of
    the institution in capitals; the subtitle is quoted in one form and not in another)."""
    return norm(text.translate(_QUOTES)).casefold()


@dataclass
class Reading:
    """What must not depend on the form of a draft."""

    sections: list[str]
    metadata: dict[str, str]
    markers: list[int | None]
    notes: list[tuple[int | None, str]]
    references: list[str]
    findings: list[tuple[str, str]]  # (rule, text), sorted, form-specific rules left out
    structure_errors: list[str]

    def lines(self) -> dict[str, list[str]]:
        return {
            "sections": self.sections,
            "metadata": [f"{k}: {self.metadata.get(k, '')}" for k in COVER_FIELDS],
            "markers": [str(m) for m in self.markers],
            "notes": [f"{n}: {t}" for n, t in self.notes],
            "references": self.references,
            "findings": [f"{r} {t}" for r, t in self.findings],
        }


def read_form(path: Path, form: str) -> Reading:
    config = Config()
    result = check_document(read_document(str(path), config), config)
    doc = result.document
    excluded = tuple(FORM_SPECIFIC_RULES) + (
        NO_FRONT_MATTER_RULES if form in NO_FRONT_MATTER else ()
    )
    index = doc.analysis.notes
    return Reading(
        sections=[s.id for s in doc.outline.recognised()],
        metadata={k: norm_meta(doc.meta(k)) for k in COVER_FIELDS if doc.meta(k)},
        markers=[m.number for m in index.markers],
        notes=[(n.number, norm(n.text)) for n in index.notes],
        references=[norm(e.text) for e in doc.analysis.references],
        findings=sorted(
            (p.rule, norm(p.text)) for p in result.problems if not p.rule.startswith(excluded)
        ),
        structure_errors=[
            f"{p.rule} {p.message.en}" for p in result.problems if p.rule in STRUCTURE_ERRORS
        ],
    )


def differences(expected: Reading, got: Reading) -> dict[str, list[str]]:
    """Per aspect, a unified diff of the clean reading and the form's reading."""
    out = {}
    for aspect, want in expected.lines().items():
        have = got.lines()[aspect]
        if aspect == "findings":
            missing = Counter(want) - Counter(have)
            extra = Counter(have) - Counter(want)
            if missing or extra:
                out[aspect] = [f"-{x}" for x in sorted(missing.elements())] + [
                    f"+{x}" for x in sorted(extra.elements())
                ]
        elif want != have:
            out[aspect] = [
                line
                for line in difflib.unified_diff(want, have, "proper.md", "form", n=0, lineterm="")
                if not line.startswith(("---", "+++", "@@"))
            ]
    if got.structure_errors:
        out["structure errors"] = got.structure_errors
    return out


def report(title: str, diff: dict[str, list[str]], limit: int = 12) -> str:
    lines = [title]
    for aspect, changes in diff.items():
        lines.append(f"  {aspect}:")
        lines += [f"    {c[:160]}" for c in changes[:limit]]
        if len(changes) > limit:
            lines.append(f"    … {len(changes) - limit} more")
    return "\n".join(lines)


# --- the forms, built once per session --------------------------------------------------------


@pytest.fixture(scope="session")
def readings(forms_dir):
    cache: dict[tuple[str, str], Reading] = {}

    def get(example: str, form: str) -> Reading:
        if (example, form) not in cache:
            path = forms_dir[example].get(form)
            if path is None:
                pytest.skip(f"{form}: pandoc or LibreOffice is not installed")
            cache[example, form] = read_form(path, form)
        return cache[example, form]

    return get


# --- what still differs -------------------------------------------------------------------------

# (example stem, form) → what differs today. ONE table: delete an entry when its reader fix lands.
# Every form of every example reads like proper.md: the table is empty, and a new example or
# form that does not is listed here with what differs.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {}


def _params():
    for brief in BRIEFS:
        for form in FORMS[1:]:
            reason = KNOWN_DIFFERENCES.get((brief.stem, form))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(brief.stem, form, id=f"{brief.stem}-{form}", marks=marks)


@pytest.mark.parametrize(("example", "form"), list(_params()))
def test_form_reads_like_the_clean_markdown(readings, forms_dir, example, form):
    got = readings(example, form)
    diff = differences(readings(example, "proper.md"), got)
    assert not diff, report(f"{example} × {form} does not read like proper.md:", diff)


@pytest.mark.parametrize("brief", BRIEFS, ids=[b.stem for b in BRIEFS])
def test_clean_markdown_reads_whole(readings, brief):
    """The reference reading itself: every section, every cover field, no structure error."""
    clean = readings(brief.stem, "proper.md")
    assert not clean.structure_errors
    assert set(clean.metadata) == set(COVER_FIELDS)
    assert [n for n, _ in clean.notes] == list(range(1, len(clean.notes) + 1))
    assert 8 <= len(clean.notes) <= 14
    assert len(clean.references) == len({t for _, t in clean.notes})


# --- `brieflint build` of the pasted text --------------------------------------------------------


def built_reading(path: Path) -> dict[str, list[str]]:
    """A built document as brieflint's DOCX reader sees it: cover fields, headings, note
    texts, reference entries."""
    config = Config()
    doc = read_document(str(path), config)
    check_document(doc, config)
    return {
        "cover": [f"{k}: {norm_meta(doc.meta(k))}" for k in COVER_FIELDS],
        "headings": [norm(b.text) for b in doc.blocks if b.kind == "heading"],
        "notes": [norm(n.text) for n in doc.footnotes],
        "references": [norm(e.text) for e in doc.analysis.references],
    }


# example stem → what differs between the documents built from pasted.md and from proper.md.
KNOWN_BUILD_DIFFERENCES: dict[str, str] = {}


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(
            b.stem,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUILD_DIFFERENCES[b.stem])]
            if b.stem in KNOWN_BUILD_DIFFERENCES
            else [],
        )
        for b in BRIEFS
    ],
)
def test_build_of_pasted_text_matches_build_of_markdown(forms_dir, tmp_path, example):
    from brieflint.build import build

    paths = forms_dir[example]
    built = {}
    for form in ("proper.md", "pasted.md"):
        out = tmp_path / f"{form}.docx"
        build(str(paths[form]), str(out), force=True)
        built[form] = built_reading(out)
    diff = {}
    for aspect, want in built["proper.md"].items():
        have = built["pasted.md"][aspect]
        if want != have:
            diff[aspect] = [
                line
                for line in difflib.unified_diff(want, have, "proper", "pasted", n=0, lineterm="")
                if not line.startswith(("---", "+++", "@@"))
            ]
    assert not diff, report(
        f"{example}: build(pasted.md) does not read like build(proper.md):", diff
    )


# --- the forms themselves carry the whole brief ------------------------------------------------


@pytest.mark.parametrize("form", FORMS[1:])
def test_each_form_holds_every_heading_note_and_reference(forms_dir, form):
    """A difference above must be the reader's, not the generator's: each form holds every
    heading, note text and reference entry of the brief. Word forms are read by pandoc, an
    independent reader; text forms as they are, without ``**``."""
    import subprocess

    from .forms import parse_brief, plain

    example = EXAMPLES / "situation-assessment-3.md"
    path = forms_dir[example.stem].get(form)
    if path is None:
        pytest.skip("pandoc or LibreOffice is not installed")
    if form.endswith(".docx"):
        command = ["pandoc", str(path), "-t", "plain", "--wrap=none"]
        raw = subprocess.run(command, capture_output=True, check=True, text=True, timeout=60)
        text = norm(raw.stdout)
    else:
        text = norm(path.read_text("utf-8").replace("**", ""))
    brief = parse_brief(example)
    wanted = [b.text for b in brief.blocks if b.kind in ("heading", "numbered")]
    wanted += list(brief.notes.values())
    missing = [w for w in wanted if norm(plain(w)) not in text]
    assert not missing, f"{form} lacks: {missing[:3]}"
