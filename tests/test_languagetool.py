"""LanguageTool as a second opinion, against a real LanguageTool server.

The server comes from ``BRIEFLINT_LT_URL`` (CI starts one with scripts/languagetool-server), or is
started here with that script when Java and Maven are present. Without them the tests skip
locally and fail in CI. Failure modes (refused, HTTP 500, no answer, no Arabic) are played by
small servers on loopback: they stand in for a broken server, not for LanguageTool.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time

import pytest

from brieflint.engine import Config, check_document, check_file
from brieflint.languagetool import (
    LanguageToolSettings,
    check_with_languagetool,
    masked_text,
    open_client,
)
from brieflint.readers import read_markdown_bytes

from .conftest import IN_CI, ROOT, run_cli

SCRIPT = ROOT / "scripts" / "languagetool-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lt_url():
    url = os.environ.get("BRIEFLINT_LT_URL")
    if url:
        import requests

        try:
            requests.get(url.rstrip("/") + "/v2/languages", timeout=10).raise_for_status()
        except requests.RequestException as exc:
            pytest.fail(f"BRIEFLINT_LT_URL={url} does not answer: {exc}")
        yield url
        return
    if not (shutil.which("java") and shutil.which("mvn")):
        if IN_CI:
            pytest.fail(
                "CI must provide a LanguageTool server (BRIEFLINT_LT_URL) or Java and Maven"
            )
        pytest.skip("no LanguageTool server: Java and Maven are not installed")
    port = _free_port()
    started = subprocess.run(
        [str(SCRIPT), "start", str(port)], capture_output=True, text=True, timeout=600
    )
    if started.returncode != 0:
        pytest.fail(f"LanguageTool server did not start: {started.stderr[-500:]}")
    yield f"http://127.0.0.1:{port}"
    subprocess.run([str(SCRIPT), "stop"], capture_output=True, timeout=60)


def lt_check(text: str, url: str, **settings):
    config = Config(
        select=("orthography", "punctuation"),
        languagetool=LanguageToolSettings(server=url, **settings),
    )
    return check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), config)


def test_grammar_error_is_reported_where_it_is(lt_url):
    text = "## مقدمة\n\nقال الوزير إن هذه الموقف صعب على الجميع.\n"
    result = lt_check(text, lt_url)
    found = [p for p in result.problems if p.source == "languagetool"]
    assert found, "LanguageTool found no agreement error"
    problem = found[0]
    assert problem.rule.startswith("LT:") and problem.category == "grammar"
    assert problem.severity.value == "warning"
    line = text.split("\n")[problem.location.line - 1]
    assert line[problem.location.column - 1 : problem.location.end_column - 1] == problem.text
    assert "الموقف" in problem.text and "هذا الموقف" in problem.suggestions


def test_masked_stretches_keep_offsets(lt_url):
    text = "## مقدمة\n\nراجع https://example.org/a_b وكتاب (soft power) والملحق⁴ ثم قال إن هذه الموقف صعب.\n"
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    config = Config(select=("footnotes",), languagetool=LanguageToolSettings(server=lt_url))
    result = check_document(doc, config)
    masked, _ = masked_text(doc, doc.blocks[1])
    assert "https" not in masked and "soft" not in masked and "⁴" not in masked
    assert len(masked) == len(doc.blocks[1].text)
    found = [p for p in result.problems if p.source == "languagetool"]
    assert found and all("http" not in p.text and "soft" not in p.text for p in found)
    line = text.split("\n")[found[0].location.line - 1]
    assert line[found[0].location.column - 1 : found[0].location.end_column - 1] == found[0].text


class _Counting:
    """The real client, counting the requests it sends."""

    def __init__(self, client):
        self.client, self.calls = client, 0

    def check(self, text):
        self.calls += 1
        return self.client.check(text)


def test_identical_blocks_are_checked_once_and_blocks_are_batched(lt_url):
    paragraph = "قال الوزير إن هذه الموقف صعب على الجميع."
    text = (
        "## مقدمة\n\n"
        + "\n\n".join([paragraph, "هذا نص آخر سليم.", paragraph, "فقرة ثالثة."])
        + "\n"
    )
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    check_document(doc, Config(select=("structure",)))
    client = _Counting(open_client(LanguageToolSettings(server=lt_url)))
    found = check_with_languagetool(doc, client)
    assert client.calls == 1
    lines = sorted({p.location.line for p in found})
    assert lines == [3, 7]  # the repeated paragraph, reported at both places


def test_built_in_finding_wins_on_the_same_span(lt_url):
    text = "## مقدمة\n\nأعلنت الحكومة خطتها ، ثم تراجعت عنها.\n"
    result = lt_check(text, lt_url, disabled_rules=())
    spans = [(p.location.line, p.location.column) for p in result.problems]
    assert len(spans) == len(set(spans)), [(p.rule, p.text) for p in result.problems]
    builtin = [p for p in result.problems if p.rule == "BL-PN002"]
    assert builtin and not [
        p for p in result.problems if p.source == "languagetool" and "،" in p.text
    ]


def test_default_disabled_rules_and_override(lt_url):
    text = "## مقدمة\n\nواجهت الحكومة مشاكل كثيرة في تلك الفترة.\n"
    default = [p.rule for p in lt_check(text, lt_url).problems]
    assert "LT:AR_SIMPLE_REPLACE" not in default
    everything = [p.rule for p in lt_check(text, lt_url, disabled_rules=()).problems]
    assert "LT:AR_SIMPLE_REPLACE" in everything


def test_tanween_placement_is_house_style_not_a_languagetool_error(lt_url):
    """Every id of LanguageTool's tanween family is off by default, whichever placement."""
    text = "## مقدمة\n\nعقد الطرفان اجتماعاً طارئاً، ثم لقاءً ثانيًا، وكان الموقف واضحا.\n"
    default = [p.rule for p in lt_check(text, lt_url).problems]
    assert not [rule for rule in default if "anwin" in rule], default
    everything = [p.rule for p in lt_check(text, lt_url, disabled_rules=()).problems]
    assert any("anwin" in rule for rule in everything), everything


def test_docx_note_findings_carry_the_note_number(lt_url, pandoc_docx, tmp_path):
    source = tmp_path / "lt.md"
    source.write_text("## مقدمة\n\nنص سليم[^1].\n\n[^1]: قال الوزير إن هذه الموقف صعب.\n", "utf-8")
    config = Config(select=("structure",), languagetool=LanguageToolSettings(server=lt_url))
    result = check_file(str(pandoc_docx(source)), config)
    found = [p for p in result.problems if p.source == "languagetool"]
    assert found and found[0].location.footnote == 1


def test_json_carries_the_source(lt_url, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("## مقدمة\n\nقال الوزير إن هذه الموقف صعب.\n", "utf-8")
    out = run_cli("check", "--format", "json", "--languagetool", lt_url, str(draft))
    findings = json.loads(out.stdout)["files"][0]["findings"]
    assert {f["source"] for f in findings} == {"brieflint", "languagetool"}


# --- an unavailable server ------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "500"

    def log_message(self, *args):
        pass

    def _answer(self):
        if self.mode == "500":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal error")
        elif self.mode == "no-arabic":
            body = json.dumps([{"name": "English", "code": "en", "longCode": "en-US"}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)
        else:  # hang: accept and never answer within the client's timeout
            time.sleep(5)

    do_GET = do_POST = _answer


@pytest.fixture
def broken_server():
    servers = []

    def start(mode: str) -> str:
        handler = type("Handler", (_Handler,), {"mode": mode})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


DRAFT = ROOT / "examples" / "situation-assessment.md"


@pytest.mark.parametrize(
    "mode, reason",
    [
        ("refused", "connection refused"),
        ("500", "HTTP 500"),
        ("no-arabic", "does not offer Arabic"),
        ("hang", "no answer within 1 s"),
    ],
)
def test_unavailable_server_leaves_an_incomplete_report(broken_server, mode, reason):
    url = f"http://127.0.0.1:{_free_port()}" if mode == "refused" else broken_server(mode)
    result = run_cli(
        "check",
        "--format",
        "json",
        "--languagetool",
        url,
        "--languagetool-timeout",
        "1",
        str(DRAFT),
    )
    stderr = result.stderr.decode()
    assert result.returncode == 3, stderr
    assert len(stderr.strip().splitlines()) == 1 and reason in stderr and "Traceback" not in stderr
    report = json.loads(result.stdout)["files"][0]
    assert report["error"] is None and reason in report["incomplete"]
    assert report["sections"]  # the rest of the report is still there


def test_required_server_makes_it_an_error(broken_server):
    url = f"http://127.0.0.1:{_free_port()}"
    result = run_cli("check", "--languagetool", url, "--languagetool-required", str(DRAFT))
    assert result.returncode == 2
    assert "connection refused" in result.stderr.decode()


def test_default_disabled_ids_are_the_servers_and_cover_their_families():
    """Every id brieflint disables by default is one the server's Arabic grammar has, and no
    «_2» variant of a disabled family is left on (the benchmark's --ids check, which reads the
    grammar.xml of the jar scripts/languagetool-server fetched)."""
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_languagetool.py"), "--ids"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode == 2 and not IN_CI:
        pytest.skip("the LanguageTool jars are not fetched here")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "disabled ids the server does not have: none" in result.stdout
    assert "family members left on: none" in result.stdout
