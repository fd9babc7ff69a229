"""The HTML report in a real headless Chromium (DevTools protocol on a pipe, tests/browser.py):
links from the summary to each file and from each finding to its highlight and its rule's
page, messages visible without hovering, Arabic severities, a filled state column, bidi-isolated
Latin text, collapsible per-file sections and filters that survive a reload."""

from __future__ import annotations

import json
import shutil

import pytest

from brieflint.links import rule_doc_url
from brieflint.report.html import SEVERITY_AR, SEVERITY_PLURAL_AR, STATE_AR

from .browser import Browser
from .conftest import EXAMPLES, ROOT, require_tool, run_cli

FLAWED = EXAMPLES / "flawed-structure.md"
CLEAN = EXAMPLES / "situation-assessment.md"
# A cover whose e-mail is Latin text the message quotes: «…» around Latin inside Arabic.
BAD_EMAIL = FLAWED.read_text("utf-8").replace(
    "author:\n", "author: سلمى ولد أحمد\nemail: salma.atlantic\n"
)


@pytest.fixture(scope="module")
def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or require_tool("chromium")


def _report(tmp_path, *paths, lang="ar"):
    out = tmp_path / f"report-{lang}.html"
    result = run_cli("check", "--lang", lang, "--format", "html", "-o", str(out), *map(str, paths))
    assert out.exists(), result.stderr
    return out


def _findings_json(*paths, lang="ar"):
    result = run_cli("check", "--lang", lang, "--format", "json", *map(str, paths))
    return json.loads(result.stdout)["files"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    email = folder / "bad-email.md"
    email.write_text(BAD_EMAIL, "utf-8")
    shutil.copy(FLAWED, folder / "flawed.md")
    shutil.copy(EXAMPLES / "flawed-structure.docx", folder / "flawed.docx")
    shutil.copy(CLEAN, folder / "clean.md")
    shutil.copy(EXAMPLES / ".brieflint-words.txt", folder / ".brieflint-words.txt")
    return folder


def test_summary_links_each_file_and_says_its_state(tmp_path, chromium, drafts):
    paths = [drafts / "flawed.md", drafts / "clean.md", drafts / "missing.md"]
    report = _report(tmp_path, *paths)
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        rows = browser.evaluate(
            """Array.from(document.querySelectorAll('table.summary tr')).slice(1).map(function (tr) {
                 var link = tr.querySelector('a');
                 var target = document.getElementById(link.getAttribute('href').slice(1));
                 return {path: link.textContent, target: target && target.tagName,
                         state: tr.lastElementChild.textContent.trim()};
               })"""
        )
        assert [r["path"] for r in rows] == [str(p) for p in paths]
        assert all(r["target"] == "DETAILS" for r in rows)
        states = [r["state"] for r in rows]
        assert states[0] == STATE_AR["errors"]
        assert states[1] == STATE_AR["clean"]
        assert states[2].startswith(STATE_AR["unreadable"] + ": ")  # and the reason
        assert all(states)  # the «الحالة» column is never empty
        headers = browser.evaluate(
            "Array.from(document.querySelectorAll('table.summary th')).map(t => t.textContent)"
        )
        assert headers[1:4] == [SEVERITY_PLURAL_AR[s] for s in ("error", "warning", "info")]


def test_findings_link_to_their_highlight_and_their_rule_page(tmp_path, chromium, drafts):
    report = _report(tmp_path, drafts / "flawed.md", drafts / "flawed.docx")
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        findings = browser.evaluate(
            """Array.from(document.querySelectorAll('ol.findings > li')).map(function (li) {
                 var jump = li.querySelector('a[href^="#"]');
                 var mark = jump && document.getElementById(jump.getAttribute('href').slice(1));
                 return {rule: li.querySelector('a.code').textContent,
                         page: li.querySelector('a.code').href,
                         mark: mark ? mark.tagName : null,
                         markRules: mark ? mark.getAttribute('data-rule') : null};
               })"""
        )
        expected = [
            p
            for f in _findings_json(drafts / "flawed.md", drafts / "flawed.docx")
            for p in f["findings"]
        ]
        assert [f["rule"] for f in findings] == [p["rule"] for p in expected]
        for finding in findings:
            assert finding["page"] == rule_doc_url(finding["rule"])
            assert (ROOT / "docs" / "rules" / f"{finding['rule']}.md").is_file()
        linked = [f for f in findings if f["mark"]]
        assert len(linked) >= len(findings) - 2, findings  # all but a finding with no text span
        assert all(f["mark"] == "MARK" for f in linked)
        # Following a link scrolls the highlight into view and marks it.
        browser.evaluate("window.scrollTo(0, 0)")
        flashed = browser.evaluate(
            """(function () {
                 var link = document.querySelectorAll('ol.findings a[href^="#"]')[5];
                 link.click();
                 var mark = document.getElementById(link.getAttribute('href').slice(1));
                 var box = mark.getBoundingClientRect();
                 return {flash: mark.classList.contains('flash'), top: box.top,
                         height: window.innerHeight, hash: location.hash};
               })()"""
        )
        assert flashed["flash"] and 0 <= flashed["top"] <= flashed["height"]
        assert flashed["hash"] == ""  # the address keeps the filters, not the jump


def test_messages_are_visible_without_hovering_with_arabic_severities(tmp_path, chromium, drafts):
    report = _report(tmp_path, drafts / "flawed.md")
    expected = _findings_json(drafts / "flawed.md")[0]["findings"]
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        notes = browser.evaluate(
            """Array.from(document.querySelectorAll('.draft ul.notes li')).map(function (li) {
                 var msg = li.querySelector('.msg'); var box = msg.getBoundingClientRect();
                 return {text: msg.innerText, width: box.width, height: box.height,
                         severity: li.querySelector('.sev').innerText};
               })"""
        )
    assert len(notes) == len(expected)
    assert all(n["width"] > 0 and n["height"] > 0 for n in notes)  # laid out, not a tooltip
    shown = sorted(n["text"] for n in notes)
    wanted = sorted(
        p["message"] + (" ← " + "، ".join(p["suggestions"][:3]) if p["suggestions"] else "")
        for p in expected
    )
    assert shown == wanted
    assert {n["severity"] for n in notes} <= set(SEVERITY_AR.values())
    assert {n["severity"] for n in notes} >= {SEVERITY_AR["error"], SEVERITY_AR["warning"]}
    page = report.read_text("utf-8")
    assert "[error]" not in page and "[warning]" not in page


# Whether each message reads in its own direction (the first character in logical order at the
# start edge, the last at the end edge) and, in messages and source lines, every «…» opens on
# the start side.
_DIRECTION_CHECK = """
(function () {
  function box(node, offset) {
    var range = document.createRange(); range.setStart(node, offset); range.setEnd(node, offset + 1);
    return range.getBoundingClientRect();
  }
  function characters(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), out = [], node;
    while ((node = walker.nextNode())) {
      for (var i = 0; i < node.data.length; i++) {
        if (node.data[i].trim()) { out.push({ch: node.data[i], node: node, i: i}); }
      }
    }
    return out;
  }
  var wrong = [];
  document.querySelectorAll('.msg, .draft .line').forEach(function (msg) {
    var rtl = getComputedStyle(msg).direction === 'rtl';  // the message's own direction
    var chars = characters(msg);
    if (!chars.length) { return; }
    var first = box(chars[0].node, chars[0].i), last = box(chars[chars.length - 1].node, chars[chars.length - 1].i);
    if (msg.classList.contains('msg') && first.top === last.top && (rtl ? first.right < last.right : first.left > last.left)) {
      wrong.push('ends: ' + msg.textContent);
    }
    // A source line with Arabic in it reads right to left, whatever word it starts with.
    if (!msg.classList.contains('msg') && /[\u0600-\u06ff]/.test(msg.textContent) && !rtl) {
      wrong.push('direction: ' + msg.textContent);
    }
    // A quotation opens on the start side of the sentence around it.
    var open = [];
    chars.forEach(function (c) {
      if (c.ch === '«') { open.push(c); }
      if (c.ch === '»' && open.length) {
        var start = open.pop(), a = box(start.node, start.i), b = box(c.node, c.i);
        if (a.top === b.top && (rtl ? a.left < b.left : a.left > b.left)) {
          wrong.push('quotes: ' + msg.textContent);
        }
      }
    });
  });
  return {checked: document.querySelectorAll('.msg').length, wrong: wrong};
})()
"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_latin_text_keeps_its_quotes_and_full_stops_in_place(tmp_path, chromium, drafts, lang):
    report = _report(tmp_path, drafts / "bad-email.md", drafts / "flawed.docx", lang=lang)
    page = report.read_text("utf-8")
    assert "«<bdi>salma.atlantic</bdi>»" in page
    assert "subtitle: «" in BAD_EMAIL  # a source line: Latin key, Arabic quotation
    with Browser(chromium, tmp_path / "profile", width=1600) as browser:
        browser.open(report.as_uri())
        checked = browser.evaluate(_DIRECTION_CHECK)
    assert checked["checked"] > 10
    assert not checked["wrong"], checked["wrong"][:5]


def test_filters_survive_a_reload_and_a_new_opening(tmp_path, chromium, drafts):
    report = _report(tmp_path, drafts / "flawed.md", drafts / "flawed.docx")
    count = """(function () {
      return {shown: Number(document.getElementById('shown').textContent),
              marks: document.querySelectorAll('mark:not(.dimmed)').length,
              findings: Array.from(document.querySelectorAll('ol.findings > li')).filter(li => li.offsetParent !== null).length,
              structureOn: document.querySelector('input[data-filter=structure]').checked,
              infoOn: document.querySelector('input[data-filter=info]').checked,
              hash: location.hash};
    })()"""
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        before = browser.evaluate(count)
        assert before["shown"] == before["marks"] > 0 and before["hash"] == ""
        browser.evaluate("document.querySelector('input[data-filter=structure]').click()")
        browser.evaluate("document.querySelector('input[data-filter=info]').click()")
        after = browser.evaluate(count)
        assert after["hash"] == "#hide=info,structure"
        assert not after["structureOn"] and not after["infoOn"]
        assert after["marks"] < before["marks"] and after["findings"] < before["findings"]
        assert after["shown"] == after["marks"]
        hidden = browser.evaluate(
            "Array.from(document.querySelectorAll('ol.findings > li[data-category=structure]'))"
            ".every(li => li.offsetParent === null)"
        )
        assert hidden
        browser.reload()
        assert browser.evaluate(count) == after  # the address kept the filters
        browser.navigate(report.as_uri())  # opened again, without the address's #hide=
        reopened = browser.evaluate(count)
        assert {k: v for k, v in reopened.items() if k != "hash"} == {
            k: v for k, v in after.items() if k != "hash"
        }  # the browser's storage kept them
        browser.evaluate("document.querySelector('input[data-filter=structure]').click()")
        browser.evaluate("document.querySelector('input[data-filter=info]').click()")
        assert browser.evaluate(count)["hash"] == ""


def test_many_files_start_collapsed_and_open_from_the_summary(tmp_path, chromium, drafts):
    paths = []
    for number in range(12):
        path = tmp_path / f"draft-{number:02}.md"
        shutil.copy(FLAWED if number % 3 else CLEAN, path)
        paths.append(path)
    report = _report(tmp_path, *paths)
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        state = browser.evaluate(
            """({files: document.querySelectorAll('details.file').length,
                 open: document.querySelectorAll('details.file[open]').length,
                 height: document.body.scrollHeight, window: window.innerHeight})"""
        )
        assert state["files"] == 12 and state["open"] == 0
        assert state["height"] < 3 * state["window"]  # a summary, not 12 drafts end to end
        opened = browser.evaluate(
            """(function () {
                 document.querySelector('table.summary a[href="#file-7"]').click();
                 var section = document.getElementById('file-7');
                 return {open: section.open, others: document.querySelectorAll('details.file[open]').length,
                         top: section.getBoundingClientRect().top, height: window.innerHeight};
               })()"""
        )
        assert opened["open"] and opened["others"] == 1
        assert 0 <= opened["top"] < opened["height"]
        browser.evaluate("document.querySelector('button[data-open=all]').click()")
        assert browser.evaluate("document.querySelectorAll('details.file[open]').length") == 12
        browser.evaluate("document.querySelector('button[data-open=none]').click()")
        assert browser.evaluate("document.querySelectorAll('details.file[open]').length") == 0


def test_readme_shows_the_report_as_the_script_makes_it():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "![report page](docs/images/report.png)" in readme
    script = (ROOT / "scripts" / "report-screenshot.sh").read_text("utf-8")
    assert "--format html" in script and "--screenshot=" in script
    width, height = (int(n) for n in script.split("--window-size=", 1)[1].split()[0].split(","))
    png = (ROOT / "docs" / "images" / "report.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # the IHDR chunk: the picture is the script's window, so the script made it
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (width, height)


def test_suggestions_follow_the_message_direction(tmp_path):
    from brieflint.engine import Config, check_file
    from brieflint.report import html

    draft = tmp_path / "d.md"
    draft.write_text("## مقدمة\n\nقررت البلدية إستخدام المياه.\n", "utf-8")
    result = check_file(str(draft), Config(select=("BL-AR001",)))
    assert result.problems and result.problems[0].suggestions
    arabic = html.render([result], {"lang": "ar"})
    english = html.render([result], {"lang": "en"})
    assert '<span class="msg" dir="rtl">' in arabic and ' ← <bdi class="suggestion">' in arabic
    assert '<span class="msg" dir="ltr">' in english and ' → <bdi class="suggestion">' in english


def test_a_mark_shared_by_two_findings_stays_while_either_is_shown(tmp_path, chromium):
    draft = tmp_path / "two.md"
    draft.write_text("## مقدمة\n\nقررت البلدية إستخــدام المياه.\n", "utf-8")  # AR001 + TY001
    report = tmp_path / "two.html"
    run_cli(
        "check", "--select", "BL-AR001,BL-TY001", "--format", "html", "-o", str(report), str(draft)
    )
    dimmed = "document.querySelector('mark[data-findings]').classList.contains('dimmed')"
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        assert browser.evaluate("document.querySelectorAll('mark').length") == 1
        assert not browser.evaluate(dimmed)
        browser.evaluate("document.querySelector('input[data-filter=spelling]').click()")
        assert not browser.evaluate(dimmed)  # the tatweel finding is still shown
        browser.evaluate("document.querySelector('input[data-filter=style]').click()")
        assert browser.evaluate(dimmed)


def test_the_page_follows_the_report_language(tmp_path, chromium, drafts):
    """Everything a reader sees follows --lang: with --lang en the page is English and left to
    right — its own words, severities, states, locations — not only the messages."""
    from brieflint.report.html import SEVERITY_PLURAL_EN, STATE_EN, UI_EN

    paths = [drafts / "flawed.md", drafts / "missing.md"]
    report = _report(tmp_path, *paths, lang="en")
    with Browser(chromium, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        page = browser.evaluate(
            """({lang: document.documentElement.lang, dir: getComputedStyle(document.body).direction,
                 title: document.title,
                 headers: Array.from(document.querySelectorAll('table.summary th')).map(t => t.textContent),
                 states: Array.from(document.querySelectorAll('table.summary tr')).slice(1)
                           .map(tr => tr.lastElementChild.textContent.trim()),
                 severities: Array.from(document.querySelectorAll('.findings .sev')).map(s => s.textContent),
                 where: document.querySelector('.findings .where').textContent,
                 totals: document.querySelector('.totals').textContent})"""
        )
    assert page["lang"] == "en" and page["dir"] == "ltr"
    assert page["title"] == UI_EN["title"]
    assert page["headers"] == [
        UI_EN["file"],
        *(SEVERITY_PLURAL_EN[s] for s in ("error", "warning", "info")),
        UI_EN["state"],
    ]
    assert page["states"][0] == STATE_EN["errors"]
    assert page["states"][1].startswith(STATE_EN["unreadable"] + ": ")
    assert set(page["severities"]) <= {"error", "warning", "info"} and page["severities"]
    assert page["where"].startswith("line ")
    assert page["totals"].startswith("1 file checked")
    # and no Arabic word of the page's own outside the draft's text and its quotations
    html = report.read_text("utf-8")
    for arabic in (*SEVERITY_AR.values(), *STATE_AR.values(), "الحالة", "السطر", "مفقود"):
        assert f">{arabic}<" not in html and f">{arabic}:" not in html, arabic
