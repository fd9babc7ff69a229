#!/usr/bin/env bash
# Regenerate docs/images/ from the example brief: build it, export the PDF with LibreOffice and
# render the cover and the first body page (with footnotes) to PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
brieflint build examples/situation-assessment.md -o "$tmp/brief.docx" --pdf
pdftoppm -png -r 60 -f 1 -l 1 "$tmp/brief.pdf" "$tmp/cover"
pdftoppm -png -r 60 -f 2 -l 2 "$tmp/brief.pdf" "$tmp/body"
cp "$tmp"/cover-*.png docs/images/build-cover.png
cp "$tmp"/body-*.png docs/images/build-body.png
rm -rf "$tmp"
echo "docs/images/build-cover.png docs/images/build-body.png"
