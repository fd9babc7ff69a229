"""``--format html``: one self-contained, right-to-left page for editors.

Per run: a summary table per file and per category; per draft: the section outline with missing
sections marked, the draft's text with every finding highlighted in place (colour by category,
the message and suggestions on hover), and the list of findings. No external resources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

from .. import __version__
from ..engine import FileResult
from ..model import CATEGORIES, Problem
from .summary import summary_line

COLOURS = {
    "structure": "#7e57c2",
    "metadata": "#5c6bc0",
    "footnotes": "#00897b",
    "references": "#43a047",
    "spelling": "#e53935",
    "grammar": "#fb8c00",
    "punctuation": "#f9a825",
    "consistency": "#8d6e63",
    "style": "#78909c",
    "input": "#546e7a",
}
_LABELS_AR = {
    "structure": "البنية",
    "metadata": "بيانات الغلاف",
    "footnotes": "الحواشي",
    "references": "المراجع",
    "spelling": "الإملاء",
    "grammar": "النحو",
    "punctuation": "الترقيم",
    "consistency": "الاتساق",
    "style": "الأسلوب",
    "input": "الملف",
}

CSS = """
body{font-family:Amiri,'Noto Naskh Arabic','Traditional Arabic',serif;margin:2rem auto;max-width:60rem;line-height:1.9;color:#222;background:#fafafa}
h1,h2,h3{color:#1f3864} table{border-collapse:collapse;margin:1rem 0} td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:center}
.draft{background:#fff;border:1px solid #ddd;padding:1rem 1.5rem;margin:1rem 0 2rem}
.line{white-space:pre-wrap;margin:0;min-height:1em} .line .no{color:#aaa;font-size:.75em;margin-inline-end:.6rem;user-select:none}
mark{background:none;border-bottom:3px solid var(--c);cursor:help;padding:0 1px}
mark.point::after{content:'⚑';color:var(--c);font-size:.8em}
mark.error{background:color-mix(in srgb,var(--c) 18%,transparent)}
.outline li.missing{color:#c62828} .outline li.missing::after{content:' — مفقود'}
.swatch{display:inline-block;width:.8em;height:.8em;background:var(--c);margin-inline-end:.3em}
.findings li{margin:.2rem 0} .hidden{display:none} .filters label{margin-inline-end:1rem}
.latin{direction:ltr;unicode-bidi:isolate}
"""

JS = """
document.querySelectorAll('.filters input').forEach(function (box) {
  box.addEventListener('change', function () {
    var category = box.getAttribute('data-category');
    document.querySelectorAll('[data-category="' + category + '"]').forEach(function (node) {
      if (node !== box && node.tagName !== 'LABEL') { node.classList.toggle('dimmed', !box.checked); }
    });
    var shown = document.querySelectorAll('mark:not(.dimmed)').length;
    document.getElementById('shown').textContent = String(shown);
  });
});
document.getElementById('shown').textContent = String(document.querySelectorAll('mark').length);
"""


def _tooltip(problems: list[Problem], lang: str) -> str:
    parts = []
    for p in problems:
        text = f"{p.rule} [{p.severity.value}] {p.message.get(lang)}"
        if p.suggestions:
            text += " → " + " | ".join(p.suggestions[:3])
        parts.append(text)
    return "\n".join(parts)


def _highlight(text: str, spans: list[tuple[int, int, Problem]], lang: str) -> str:
    """``text`` with each span wrapped in a <mark>; overlapping findings share one mark."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    merged: list[list] = []
    for start, end, problem in spans:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(problem)
        else:
            merged.append([start, end, [problem]])
    out, position = [], 0
    for start, end, problems in merged:
        out.append(escape(text[position:start]))
        first = problems[0]
        classes = ["point"] if end <= start else []
        if any(p.severity.value == "error" for p in problems):
            classes.append("error")
        out.append(
            f'<mark class="{" ".join(classes)}" style="--c:{COLOURS.get(first.category, "#999")}" '
            f'data-category="{first.category}" data-rule="{escape(first.rule)}" '
            f'title="{escape(_tooltip(problems, lang))}">{escape(text[start:end])}</mark>'
        )
        position = max(position, end)
    out.append(escape(text[position:]))
    return "".join(out)


def _source_lines(result: FileResult) -> list[tuple[str, str]]:
    """(label, text) for each line (Markdown) or paragraph (Word) of the draft as checked."""
    from ..readers import read_path

    try:
        if result.format == "markdown":
            with open(result.path, "rb") as handle:
                data = handle.read()
            from ..readers import decode_text

            text, _ = decode_text(result.path, data)
            return [
                (str(i), line) for i, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1)
            ]
        doc = read_path(result.path)
        lines = [(str(b.location.line), b.text) for b in doc.cover_blocks + doc.blocks]
        for note in doc.footnotes:
            for block in note.blocks:
                lines.append((f"[{note.label}] {block.location.line}", block.text))
        return lines
    except Exception:  # a draft read from stdin or changed since: show the findings only
        return []


def _draft(result: FileResult, lang: str) -> str:
    by_line: dict[str, list[tuple[int, int, Problem]]] = defaultdict(list)
    for p in result.problems:
        loc = p.location
        if result.format == "docx" and loc.note is not None:
            key = f"[{loc.note.label or loc.note.number}] {loc.line}"
        else:
            key = str(loc.line)
        end = loc.end_column if (loc.end_line in (None, loc.line) and loc.end_column) else 10**6
        by_line[key].append((loc.column - 1, end - 1, p))
    rows = []
    for label, text in _source_lines(result):
        body = _highlight(text, by_line.get(label, []), lang)
        rows.append(f'<p class="line" dir="auto"><span class="no">{escape(label)}</span>{body}</p>')
    return "\n".join(rows)


def _outline(result: FileResult) -> str:
    items = [
        f"<li>{escape(s['heading'])} <small>({escape(str(s['id']))})</small></li>"
        for s in result.sections
    ]
    for p in result.problems:
        if p.rule == "BL-ST001":
            name = p.param("name") or p.rule
            items.append(f'<li class="missing">{escape(name)}</li>')
    return f'<ol class="outline">{"".join(items)}</ol>'


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    categories = Counter(p.category for r in results for p in r.problems)
    per_file = "".join(
        f"<tr><td>{escape(r.path)}</td><td>{r.count_by('error')}</td><td>{r.count_by('warning')}</td>"
        f"<td>{r.count_by('info')}</td><td>{escape(r.error or r.incomplete or '')}</td></tr>"
        for r in results
    )
    per_category = "".join(
        f'<tr><td><span class="swatch" style="--c:{COLOURS[c]}"></span>{_LABELS_AR[c]} ({c})</td><td>{categories[c]}</td></tr>'
        for c in CATEGORIES
        if categories[c]
    )
    filters = "".join(
        f'<label data-category="{c}"><input type="checkbox" checked data-category="{c}"> {_LABELS_AR[c]}</label>'
        for c in CATEGORIES
        if categories[c]
    )
    sections = []
    for r in results:
        if r.error:
            sections.append(f"<section><h2>{escape(r.path)}</h2><p>{escape(r.error)}</p></section>")
            continue
        findings = "".join(
            f'<li data-category="{p.category}"><span class="swatch" style="--c:{COLOURS.get(p.category, "#999")}"></span>'
            f"{escape(str(p.location.line))}:{p.location.column} {escape(p.rule)} [{p.severity.value}] "
            f"{escape(p.message.get(lang))}</li>"
            for p in r.problems
        )
        sections.append(
            f'<section class="file"><h2>{escape(r.path)}</h2>'
            f"<h3>الأقسام</h3>{_outline(r)}"
            f'<h3>النص</h3><div class="draft">{_draft(r, lang)}</div>'
            f'<h3>الملاحظات ({len(r.problems)})</h3><ol class="findings">{findings}</ol></section>'
        )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="generator" content="brieflint {__version__}">
<title>تقرير brieflint</title><style>{CSS}.dimmed{{border-bottom-color:transparent!important;background:none!important}}</style></head>
<body><h1>تقرير brieflint</h1>
<p>{escape(summary_line(results, "ar"))}. الملاحظات المعلَّمة في النص: <span id="shown">0</span></p>
<table class="summary"><tr><th>الملف</th><th>أخطاء</th><th>تحذيرات</th><th>ملاحظات</th><th>حالة</th></tr>{per_file}</table>
<table class="categories"><tr><th>الفئة</th><th>العدد</th></tr>{per_category}</table>
<div class="filters">{filters}</div>
{"".join(sections)}
<script>{JS}</script></body></html>
"""
