"""``--format html``: one self-contained, right-to-left page for editors.

Per run: a summary table that links to each file's section, with each file's state, and the
count per category; filters by category and severity whose state is kept in the address
(``#hide=spelling,info``) and in the browser's storage, so a reload keeps it. Per draft, a
collapsible section: the outline with missing sections marked, the draft's text with every
finding highlighted in place and its message written under the line (no hovering needed), and
the list of findings, each linking to its highlight and to its rule's page. Latin words, codes
and paths inside Arabic text are bidi-isolated (<bdi>) so guillemets and full stops stay where
they belong. No external resources.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape

from .. import __version__
from ..engine import FileResult
from ..links import REPOSITORY, help_url
from ..messages import translate
from ..model import CATEGORIES, Problem
from ..vocabulary import CATEGORY_LABELS, SEVERITY_LABELS, category_label, severity_label
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
# The report's Arabic labels of categories and severities are brieflint's one vocabulary
# (vocabulary.py), shared with `rules`, `explain`, the text report and the rule pages.
CATEGORY_AR = {key: labels["ar"] for key, labels in CATEGORY_LABELS.items()}
SEVERITY_AR = {key: labels["ar"] for key, labels in SEVERITY_LABELS.items()}
SEVERITY_PLURAL_AR = {"error": "الأخطاء", "warning": "التحذيرات", "info": "الملاحظات"}
SEVERITIES = ("error", "warning", "info")
STATE_AR = {
    "unreadable": "تعذّرت قراءته",
    "incomplete": "فحص ناقص",
    "errors": "فيه أخطاء",
    "warnings": "تحذيرات وملاحظات فقط",
    "clean": "سليم",
}
UI_AR = {
    "title": "تقرير brieflint",
    "files": "الملفات المفحوصة",
    "file": "الملف",
    "state": "الحالة",
    "category": "الفئة",
    "count": "العدد",
    "sections": "الأقسام",
    "text": "النص",
    "findings": "الملاحظات",
    "shown": "المعلَّم في النص الآن",
    "filter": "إظهار",
    "rule_page": "صفحة القاعدة",
    "in_text": "في النص",
    "expand": "فتح الكل",
    "collapse": "طي الكل",
    "missing": "مفقود",
}

UI_EN = {
    "title": "brieflint report",
    "files": "files checked",
    "file": "file",
    "state": "state",
    "category": "category",
    "count": "count",
    "sections": "sections",
    "text": "text",
    "findings": "findings",
    "shown": "marked in the text now",
    "filter": "show",
    "rule_page": "the rule's page",
    "in_text": "in the text",
    "expand": "open all",
    "collapse": "close all",
    "missing": "missing",
}
STATE_EN = {
    "unreadable": "could not be read",
    "incomplete": "checked in part",
    "errors": "has errors",
    "warnings": "warnings and notes only",
    "clean": "clean",
}
SEVERITY_PLURAL_EN = {"error": "errors", "warning": "warnings", "info": "info"}


def _ui(lang: str) -> dict[str, str]:
    """The page's own words in the report's language (the findings carry theirs)."""
    return UI_AR if lang == "ar" else UI_EN


def _states(lang: str) -> dict[str, str]:
    return STATE_AR if lang == "ar" else STATE_EN


def _severity_plural(lang: str) -> dict[str, str]:
    return SEVERITY_PLURAL_AR if lang == "ar" else SEVERITY_PLURAL_EN


CSS = """
body{font-family:Amiri,'Noto Naskh Arabic','Traditional Arabic',serif;margin:2rem auto;max-width:62rem;padding:0 1rem;line-height:1.9;color:#222;background:#fafafa}
h1,h2,h3{color:#1f3864} h2{display:inline;font-size:1.25rem} table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:center} td.path{text-align:start}
details.file{scroll-margin-top:4rem;background:#fff;border:1px solid #ddd;margin:1rem 0;padding:.5rem 1rem}
details.file>summary{cursor:pointer;padding:.3rem 0} .counts{color:#555;margin-inline-start:1rem;font-size:.9em}
.draft{border-top:1px solid #eee;padding:.5rem 0}
.line{white-space:pre-wrap;margin:0;min-height:1em} .line .no{color:#aaa;font-size:.75em;margin-inline-end:.6rem;user-select:none}
mark{background:none;border-bottom:3px solid var(--c);padding:0 1px;scroll-margin:40vh}
mark.point::after{content:'⚑';color:var(--c);font-size:.8em}
mark.error{background:color-mix(in srgb,var(--c) 18%,transparent)}
mark:target,mark.flash{outline:2px solid var(--c);outline-offset:2px}
ul.notes{list-style:none;margin:0 0 .4rem;padding-inline-start:2.2rem;font-size:.85em;color:#444}
ul.notes li{border-inline-start:3px solid var(--c);padding-inline-start:.4rem;margin:.1rem 0}
.outline{display:flex;flex-wrap:wrap;gap:0 2.2rem;padding-inline-start:1.5rem} .outline li.missing{color:#c62828}
.swatch{display:inline-block;width:.8em;height:.8em;background:var(--c);margin-inline-end:.3em}
.findings li{margin:.25rem 0} .findings .msg{display:block}
.sev{display:inline-block;border-radius:.3em;padding:0 .35em;font-size:.8em;color:#fff;background:#78909c}
.sev.error{background:#c62828} .sev.warning{background:#ef6c00} .sev.info{background:#546e7a}
.code{font-family:monospace;font-size:.85em} .where{color:#777;font-size:.85em}
.filters{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:.4rem 0;z-index:1}
.filters fieldset{display:inline;border:none;margin:0;padding:0} .filters label{margin-inline-end:.8rem;white-space:nowrap}
.filtered{display:none!important} mark.dimmed{border-bottom-color:transparent!important;background:none!important}
.state-errors{color:#c62828} .state-clean{color:#2e7d32} .state-unreadable,.state-incomplete{color:#ef6c00}
"""

# The filters: which categories and severities are hidden, kept in the address (#hide=…) so a
# reload or a shared link keeps them, and in localStorage for the next opening of the page.
JS = """
(function () {
  var KEY = 'brieflint-report-hide';
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[data-filter]'));
  function hidden() {
    return boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.getAttribute('data-filter'); });
  }
  function apply() {
    var hide = hidden();
    document.querySelectorAll('[data-category]').forEach(function (node) {
      if (node.closest('.filters')) { return; }
      // A mark shared by several findings stays while any of them is shown.
      var pairs = (node.getAttribute('data-findings') ||
                   node.getAttribute('data-category') + ':' + node.getAttribute('data-severity')).split(' ');
      var off = pairs.every(function (pair) {
        var parts = pair.split(':');
        return hide.indexOf(parts[0]) >= 0 || hide.indexOf(parts[1]) >= 0;
      });
      if (node.tagName === 'MARK') { node.classList.toggle('dimmed', off); } else { node.classList.toggle('filtered', off); }
    });
    document.getElementById('shown').textContent = String(document.querySelectorAll('mark:not(.dimmed)').length);
  }
  function save() {
    var hide = hidden();
    var hash = hide.length ? '#hide=' + hide.join(',') : '';
    try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { location.hash = hash; }
    try { localStorage.setItem(KEY, hide.join(',')); } catch (e) { /* storage off: the address keeps it */ }
  }
  function restore() {
    var given = /^#hide=(.*)$/.exec(location.hash);
    var stored = null;
    try { stored = localStorage.getItem(KEY); } catch (e) { stored = null; }
    var list = given ? decodeURIComponent(given[1]) : (stored || '');
    var hide = list ? list.split(',') : [];
    boxes.forEach(function (b) { b.checked = hide.indexOf(b.getAttribute('data-filter')) < 0; });
  }
  boxes.forEach(function (box) { box.addEventListener('change', function () { apply(); save(); }); });
  // Links inside the page open the collapsed file that holds their target, without putting
  // the target into the address (which keeps the filters).
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) { return; }
    event.preventDefault();
    var holder = target.closest('details');
    if (holder) { holder.open = true; }
    if (target.tagName === 'DETAILS') { target.open = true; }
    target.scrollIntoView({block: target.tagName === 'DETAILS' ? 'start' : 'center'});
    document.querySelectorAll('.flash').forEach(function (n) { n.classList.remove('flash'); });
    target.classList.add('flash');
  });
  document.querySelectorAll('button[data-open]').forEach(function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-open') === 'all';
      document.querySelectorAll('details.file').forEach(function (d) { d.open = open; });
    });
  });
  restore();
  apply();
})();
"""

# Runs of Latin script (words, codes, paths, options) inside Arabic text: isolated so that a
# closing guillemet or a full stop after them is not pulled to the wrong side. A run ends on a
# letter or digit: the sentence's own full stop stays outside, in the Arabic text.
_LATIN_RUN = re.compile(
    r"[`'\"]?[A-Za-z0-9_\-](?:[A-Za-z0-9_./:@%\-+=~]*[A-Za-z0-9_/])?"
    r"(?:\s+[A-Za-z](?:[A-Za-z0-9_./:@%\-+=~]*[A-Za-z0-9_/])?)*[`'\"]?"
)
_QUOTED = re.compile(r"«([^«»]*)»")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def bidi_text(text: str) -> str:
    """``text`` escaped, with each «quotation» and each Latin run in a <bdi>."""
    out, position = [], 0
    for match in _QUOTED.finditer(text):
        out.append(_isolate_latin(text[position : match.start()]))
        out.append(f"«<bdi>{escape(match.group(1))}</bdi>»")
        position = match.end()
    out.append(_isolate_latin(text[position:]))
    return "".join(out)


def _isolate_latin(text: str) -> str:
    out, position = [], 0
    for match in _LATIN_RUN.finditer(text):
        if not re.search(r"[A-Za-z]", match.group(0)):
            continue  # digits alone are weak: they take the direction around them
        out.append(escape(text[position : match.start()]))
        out.append(f'<bdi dir="ltr">{escape(match.group(0))}</bdi>')
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _colour(problem: Problem) -> str:
    return COLOURS.get(problem.category, "#999")


def _rule_link(problem: Problem, lang: str) -> str:
    return (
        f'<a class="code" href="{escape(help_url(problem.rule))}" target="_blank" '
        f'rel="noopener" title="{_ui(lang)["rule_page"]}"><bdi dir="ltr">{escape(problem.rule)}</bdi></a>'
    )


def _severity(problem: Problem, lang: str) -> str:
    value = problem.severity.value
    return f'<span class="sev {value}">{severity_label(value, lang)}</span>'


def _message(problem: Problem, lang: str) -> str:
    text = problem.message.get(lang)
    rtl = lang == "ar"
    html = f'<span class="msg" dir="{"rtl" if rtl else "ltr"}">{bidi_text(text)}'
    if problem.suggestions:  # the arrow points the way the message reads
        html += (" ← " if rtl else " → ") + ("، " if rtl else ", ").join(
            f'<bdi class="suggestion">{escape(s)}</bdi>' for s in problem.suggestions[:3]
        )
    return html + "</span>"


def _data(problem: Problem) -> str:
    return f'data-category="{problem.category}" data-severity="{problem.severity.value}"'


@dataclass
class _Marks:
    """The ids of the marks of one file, by finding, so the list can link to them."""

    prefix: str
    of_problem: dict[int, str] = field(default_factory=dict)
    count: int = 0

    def new_id(self) -> str:
        self.count += 1
        return f"{self.prefix}-m{self.count}"


def _highlight(
    text: str, spans: list[tuple[int, int, int, Problem]], lang: str, marks: _Marks
) -> str:
    """``text`` with each span wrapped in a <mark>; overlapping findings share one mark. In an
    Arabic line, the Latin runs between marks are isolated (``subtitle: «…»`` keeps its
    guillemets around the Arabic)."""
    plain = _isolate_latin if _ARABIC.search(text) else escape
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    merged: list[list] = []
    for start, end, index, problem in spans:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append((index, problem))
        else:
            merged.append([start, end, [(index, problem)]])
    out, position = [], 0
    for start, end, found in merged:
        out.append(plain(text[position:start]))
        first = found[0][1]
        classes = ["point"] if end <= start else []
        if any(p.severity.value == "error" for _, p in found):
            classes.append("error")
        mark_id = marks.new_id()
        for index, _ in found:
            marks.of_problem[index] = mark_id
        pairs = " ".join(sorted({f"{p.category}:{p.severity.value}" for _, p in found}))
        tooltip = "\n".join(
            f"{p.rule} [{severity_label(p.severity.value, lang)}] {p.message.get(lang)}"
            for _, p in found
        )
        out.append(
            f'<mark id="{mark_id}" class="{" ".join(classes)}" style="--c:{_colour(first)}" '
            f'{_data(first)} data-rule="{escape(first.rule)}" data-findings="{pairs}" '
            f'title="{escape(tooltip)}">{escape(text[start:end])}</mark>'
        )
        position = max(position, end)
    out.append(plain(text[position:]))
    return "".join(out)


def _line_key(result: FileResult, problem: Problem) -> str:
    loc = problem.location
    if result.format == "docx" and loc.note is not None:
        return f"[{loc.note.label or loc.note.number}] {loc.line}"
    return str(loc.line)


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


def _draft(result: FileResult, lang: str, marks: _Marks) -> str:
    by_line: dict[str, list[tuple[int, int, int, Problem]]] = defaultdict(list)
    for index, p in enumerate(result.problems):
        loc = p.location
        end = loc.end_column if (loc.end_line in (None, loc.line) and loc.end_column) else 10**6
        by_line[_line_key(result, p)].append((loc.column - 1, end - 1, index, p))
    rows = []
    for label, text in _source_lines(result):
        found = by_line.get(label, [])
        body = _highlight(text, found, lang, marks)
        # English lines (a comment, an English reference) read left to right; the rest of
        # an Arabic draft, lines of marks only («---») included, right to left.
        english = not _ARABIC.search(text) and re.search(r"[A-Za-z]", text)
        direction = "ltr" if english else "rtl"
        rows.append(
            f'<p class="line" dir="{direction}"><span class="no">{escape(label)}</span>{body}</p>'
        )
        if found:
            notes = "".join(
                f'<li style="--c:{_colour(p)}" {_data(p)}>{_severity(p, lang)} {_rule_link(p, lang)} '
                f"{_message(p, lang)}</li>"
                for _, _, _, p in sorted(found, key=lambda f: f[0])
            )
            rows.append(f'<ul class="notes">{notes}</ul>')
    return "\n".join(rows)


def _outline(result: FileResult, lang: str) -> str:
    items = [
        f"<li>{escape(s['heading'])} <small>(<bdi>{escape(str(s['id']))}</bdi>)</small></li>"
        for s in result.sections
    ]
    for p in result.problems:
        if p.rule == "BL-ST001":
            name = (p.param("name_en") if lang != "ar" else None) or p.param("name") or p.rule
            items.append(f'<li class="missing">{escape(name)} — {_ui(lang)["missing"]}</li>')
    return f'<ol class="outline">{"".join(items)}</ol>'


_WHERE = {
    "ar": {
        "paragraph": "الفقرة",
        "line": "السطر",
        "column": "العمود",
        "note": "الحاشية",
        "and": "، ",
    },
    "en": {
        "paragraph": "paragraph",
        "line": "line",
        "column": "column",
        "note": "note",
        "and": ", ",
    },
}


def _where(result: FileResult, problem: Problem, lang: str) -> str:
    loc = problem.location
    words = _WHERE["ar" if lang == "ar" else "en"]
    unit = words["paragraph"] if result.format == "docx" else words["line"]
    where = f"{unit} {loc.line}{words['and']}{words['column']} {loc.column}"
    if loc.note is not None:
        label = escape(str(loc.note.label or loc.note.number))
        where = f"{words['note']} <bdi>{label}</bdi>{words['and']}{where}"
    return f'<span class="where">{where}</span>'


def _findings(result: FileResult, lang: str, marks: _Marks) -> str:
    items = []
    for index, p in enumerate(result.problems):
        where = _where(result, p, lang)
        mark = marks.of_problem.get(index)
        if mark:
            where = f'<a href="#{mark}" title="{_ui(lang)["in_text"]}">{where}</a>'
        items.append(
            f'<li {_data(p)}><span class="swatch" style="--c:{_colour(p)}"></span>'
            f"{where} {_severity(p, lang)} {_rule_link(p, lang)} {_message(p, lang)}</li>"
        )
    return f'<ol class="findings">{"".join(items)}</ol>'


def file_state(result: FileResult, lang: str = "ar") -> tuple[str, str]:
    """(key, text in ``lang``) of a file's state, for the summary's «الحالة» column."""
    states = _states(lang)
    if result.error:
        return "unreadable", f"{states['unreadable']}: {translate(result.error, lang)}"
    if result.incomplete:
        return "incomplete", f"{states['incomplete']}: {result.incomplete}"
    if result.count_by("error"):
        return "errors", states["errors"]
    if result.problems:
        return "warnings", states["warnings"]
    return "clean", states["clean"]


def _counts(result: FileResult, lang: str) -> str:
    return ("، " if lang == "ar" else ", ").join(
        f"{_severity_plural(lang)[s]}: {result.count_by(s)}"
        for s in SEVERITIES
        if result.count_by(s)
    ) or _states(lang)["clean"]


def _file_section(number: int, result: FileResult, lang: str, open_: bool) -> str:
    anchor = f"file-{number}"
    path = f'<bdi dir="ltr">{escape(result.path)}</bdi>'
    attributes = f'class="file" id="{anchor}"' + (" open" if open_ else "")
    if result.error:
        return (
            f"<details {attributes}><summary><h2>{path}</h2></summary>"
            f"<p>{bidi_text(file_state(result, lang)[1])}</p></details>"
        )
    marks = _Marks(prefix=anchor)
    draft = _draft(result, lang, marks)
    ui = _ui(lang)
    return (
        f'<details {attributes}><summary><h2>{path}</h2><span class="counts">{_counts(result, lang)}</span></summary>'
        f"<h3>{ui['sections']}</h3>{_outline(result, lang)}"
        f'<h3>{ui["text"]}</h3><div class="draft">{draft}</div>'
        f"<h3>{ui['findings']} ({len(result.problems)})</h3>{_findings(result, lang, marks)}</details>"
    )


def _summary_rows(results: list[FileResult], lang: str) -> str:
    rows = []
    for number, r in enumerate(results, 1):
        key, text = file_state(r, lang)
        rows.append(
            f'<tr><td class="path"><a href="#file-{number}"><bdi dir="ltr">{escape(r.path)}</bdi></a></td>'
            f"<td>{r.count_by('error')}</td><td>{r.count_by('warning')}</td><td>{r.count_by('info')}</td>"
            f'<td class="state-{key}">{bidi_text(text)}</td></tr>'
        )
    return "".join(rows)


def _filters(categories: Counter, severities: Counter, lang: str) -> str:
    ui = _ui(lang)

    def box(value: str, label: str, count: int, colour: str = "") -> str:
        swatch = f'<span class="swatch" style="--c:{colour}"></span>' if colour else ""
        return (
            f'<label><input type="checkbox" checked data-filter="{value}"> {swatch}{label} '
            f"({count})</label>"
        )

    by_category = "".join(
        box(c, category_label(c, lang), categories[c], COLOURS[c])
        for c in CATEGORIES
        if categories[c]
    )
    by_severity = "".join(
        box(s, severity_label(s, lang), severities[s]) for s in SEVERITIES if severities[s]
    )
    return (
        f'<div class="filters"><strong>{ui["filter"]}:</strong> '
        f"<fieldset>{by_severity}</fieldset> | <fieldset>{by_category}</fieldset> "
        f'<button type="button" data-open="all">{ui["expand"]}</button> '
        f'<button type="button" data-open="none">{ui["collapse"]}</button> '
        f'<span>{ui["shown"]}: <span id="shown">0</span></span></div>'
    )


# Up to this many files, every file's section starts open; beyond, the summary leads.
OPEN_FILES = 3


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    problems = [p for r in results for p in r.problems]
    categories = Counter(p.category for p in problems)
    severities = Counter(p.severity.value for p in problems)
    per_category = "".join(
        f'<tr><td><span class="swatch" style="--c:{COLOURS[c]}"></span>{category_label(c, lang)} '
        f'(<bdi dir="ltr">{c}</bdi>)</td><td>{categories[c]}</td></tr>'
        for c in CATEGORIES
        if categories[c]
    )
    open_all = len(results) <= OPEN_FILES
    sections = "".join(
        _file_section(number, r, lang, open_all) for number, r in enumerate(results, 1)
    )
    totals = escape(summary_line(results, lang))
    ui, plural = _ui(lang), _severity_plural(lang)
    page_lang, direction = ("ar", "rtl") if lang == "ar" else ("en", "ltr")
    return f"""<!DOCTYPE html>
<html lang="{page_lang}" dir="{direction}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="brieflint {__version__}">
<title>{ui["title"]}</title><style>{CSS}</style></head>
<body><h1>{ui["title"]}</h1>
<p class="totals">{totals}.</p>
<table class="summary"><tr><th>{ui["file"]}</th><th>{plural["error"]}</th><th>{plural["warning"]}</th><th>{plural["info"]}</th><th>{ui["state"]}</th></tr>{_summary_rows(results, lang)}</table>
<table class="categories"><tr><th>{ui["category"]}</th><th>{ui["count"]}</th></tr>{per_category}</table>
{_filters(categories, severities, lang)}
{sections}
<footer><small><a href="{REPOSITORY}">brieflint</a> <bdi dir="ltr">{__version__}</bdi></small></footer>
<script>{JS}</script></body></html>
"""
