#!/usr/bin/env bash
# Regenerate docs/images/report.png: the HTML report of two flawed example drafts (Markdown and
# Word) and a clean one, as headless Chromium draws it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
brieflint check --format html -o "$tmp/report.html" \
  examples/flawed-structure.md examples/flawed-structure.docx examples/situation-assessment.md || true
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" \
  --window-size=1100,1500 --screenshot="$tmp/report.png" "file://$tmp/report.html" 2>/dev/null
cp "$tmp/report.png" docs/images/report.png
echo "docs/images/report.png"
