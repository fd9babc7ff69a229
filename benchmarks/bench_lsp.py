"""Change-to-diagnostics latency of `brieflint lsp` on a 3,000-word brief.

A real LSP client (pygls) starts the server over stdio, opens the brief closest to 3,000 words
of the benchmark corpus, then types into one paragraph: each didChange inserts one word (an
incremental change, as editors send them) and the time runs until the publishDiagnostics of
that version arrives. Prints the median and the 90th percentile.

    python benchmarks/bench_lsp.py [--edits 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parent.parent


def _brief() -> Path:
    paths = generate(8)
    return min(paths, key=lambda p: abs(len(p.read_text("utf-8").split()) - 3000))


async def run(edits: int) -> list[float]:
    path = _brief()
    text = path.read_text("utf-8")
    lines = text.split("\n")
    # A paragraph in the middle of the body: the longest line of the middle third.
    middle = range(len(lines) // 3, 2 * len(lines) // 3)
    line = max(middle, key=lambda i: len(lines[i]))
    print(f"brief: {path.name}, {len(text.split())} words; editing line {line + 1}")

    client = LanguageClient("bench-lsp", "1")
    arrived: dict[int, float] = {}
    waiters: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            future = waiters.pop(params.version, None)
            if future is not None and not future.done():
                future.set_result(len(params.diagnostics))

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    await client.start_io(sys.executable, "-m", "brieflint.cli", "lsp", env=env)
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=None)
    )
    client.initialized(types.InitializedParams())
    loop = asyncio.get_running_loop()

    uri = path.resolve().as_uri()
    waiters[1] = loop.create_future()
    start = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    count = await waiters[1]
    print(f"didOpen → diagnostics: {1000 * (arrived[1] - start):.0f} ms ({count} findings)")

    latencies = []
    column = len(lines[line])
    for number in range(edits):
        version = number + 2
        word = " والمراجعة" if number % 2 == 0 else " الاقتصادية"
        waiters[version] = loop.create_future()
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            types.Position(line, column), types.Position(line, column)
                        ),
                        text=word,
                    )
                ],
            )
        )
        await waiters[version]
        latencies.append(arrived[version] - start)
        column += len(word)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def in_process(edits: int) -> tuple[list[float], list[float]]:
    """The same edits re-checked in this process (no protocol): wall and CPU time of each."""
    from brieflint.engine import Config
    from brieflint.incremental import IncrementalChecker

    path = _brief()
    lines = path.read_text("utf-8").split("\n")
    line = max(range(len(lines) // 3, 2 * len(lines) // 3), key=lambda i: len(lines[i]))
    checker, config = IncrementalChecker(), Config()
    checker.check(str(path), "\n".join(lines), config)
    wall, cpu = [], []
    for number in range(edits):
        lines[line] += " والمراجعة" if number % 2 == 0 else " الاقتصادية"
        text = "\n".join(lines)
        start, start_cpu = time.perf_counter(), time.process_time()
        checker.check(str(path), text, config)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _summary(seconds: list[float]) -> str:
    ms = sorted(1000 * t for t in seconds)
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    return f"median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms, min {ms[0]:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    latencies = asyncio.run(run(args.edits))
    print(
        f"didChange → diagnostics over {len(latencies)} one-word edits of one paragraph: "
        f"{_summary(latencies)} (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores)"
    )
    wall, cpu = in_process(args.edits)
    print(f"the re-check alone, in process: {_summary(wall)}; CPU time {_summary(cpu)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
