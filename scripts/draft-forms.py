#!/usr/bin/env python3
"""Write every form a draft arrives in from one clean Markdown brief.

    python scripts/draft-forms.py examples/situation-assessment.md -o /tmp/forms
    python scripts/draft-forms.py examples/situation-assessment*.md -o /tmp/forms --form pasted.md

Each example gets a folder named after it holding proper.md, pasted.md and pasted.txt (text
copied from the publisher's web page), bold.md (bold-line headings), pandoc.docx,
libreoffice.docx (pandoc.docx re-saved by LibreOffice), word-styles.docx and word-bold.docx (an
author's Word file with heading styles or bold lines, real footnotes) and endnotes.docx. The
logic lives in tests/forms.py, which the invariance test (tests/test_forms.py) uses too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from forms import FORMS, write_forms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument(
        "--form", action="append", choices=FORMS, help="only this form (repeatable)"
    )
    args = parser.parse_args()
    forms = tuple(args.form) if args.form else FORMS
    for example in args.examples:
        paths = write_forms(example, args.output / example.stem, forms)
        for name in forms:
            print(paths[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
