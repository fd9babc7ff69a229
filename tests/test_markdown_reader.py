from __future__ import annotations

import pytest

from brieflint.errors import InputError
from brieflint.readers import decode_text, read_markdown_bytes

SOURCE = """---
title: اتفاق الممر الشرقي
author: د. ليلى القاسمي
---

## مقدمة

أعلنت الحكومتان **اتفاقاً** جديداً[^1] في [العاصمة](https://example.org/a) يوم
الأحد، وهو اتفاق `مؤقت`.

- البند الأول
- البند الثاني[^2]

| الطرف | الحصة |
|---|---|
| الأول | 40% |

[^1]: تقرير وزارة الخارجية، 2026.
[^2]: المصدر نفسه.
    سطر ثان للحاشية.

[^3]: حاشية لا يشير إليها النص.
"""


def doc():
    return read_markdown_bytes("draft.md", SOURCE.encode("utf-8"))


def test_front_matter_fields_and_their_lines():
    d = doc()
    assert d.meta("title") == "اتفاق الممر الشرقي"
    assert d.metadata["author"].location.line == 3


def test_blocks_and_kinds():
    d = doc()
    kinds = [(b.kind, b.text) for b in d.blocks]
    assert kinds[0] == ("heading", "مقدمة")
    assert kinds[1][0] == "paragraph"
    assert kinds[1][1].startswith("أعلنت الحكومتان اتفاقاً جديداً في العاصمة يوم\nالأحد")
    assert ("list-item", "البند الأول") in kinds
    assert ("table-cell", "40%") in kinds
    assert d.blocks[0].location.line == 6


def test_every_character_maps_back_to_its_source_position():
    d = doc()
    paragraph = d.blocks[1]
    lines = SOURCE.split("\n")
    for word in ("اتفاقاً", "جديداً", "العاصمة", "الأحد", "مؤقت"):
        start = paragraph.text.index(word)
        loc = d.locate(paragraph, start, start + len(word))
        assert lines[loc.line - 1][loc.column - 1 : loc.end_column - 1] == word


def test_table_cells_on_one_line_get_their_own_columns():
    d = doc()
    cell = next(b for b in d.blocks if b.text == "الأول")
    other = next(b for b in d.blocks if b.text == "40%")
    assert cell.location.line == other.location.line == 16
    assert SOURCE.split("\n")[15][other.location.column - 1 :].startswith("40%")


def test_footnote_references_and_definitions():
    d = doc()
    refs = [m.value for b in d.blocks for m in b.footnote_refs()]
    assert refs == ["1", "2"]
    assert [n.label for n in d.footnotes] == ["1", "2", "3"]
    assert d.footnotes[1].text == "المصدر نفسه.\nسطر ثان للحاشية."
    assert d.footnotes[2].location.line == 22
    paragraph = d.blocks[1]
    ref = next(paragraph.footnote_refs())
    assert paragraph.text[: ref.start].endswith("جديداً")


def test_bold_line_is_marked_bold():
    d = read_markdown_bytes("x.md", "**مقدمة:**\n\nنص **عريض** عادي.\n".encode())
    assert d.blocks[0].bold and d.blocks[0].text == "مقدمة:"
    assert not d.blocks[1].bold


def test_crlf_line_endings_keep_line_numbers():
    d = read_markdown_bytes("x.md", "## مقدمة\r\n\r\nنص أول.\r\n".encode())
    assert d.blocks[1].location.line == 3


def test_windows_1256_is_decoded_with_a_notice():
    data = "## مقدمة\n\nنص عربي قديم الترميز.\n".encode("cp1256")
    d = read_markdown_bytes("old.md", data)
    assert d.blocks[0].text == "مقدمة"
    assert d.notices and d.notices[0].rule == "BL-IN001"


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"\x00\x01\x02binary", "binary data"),
        ("caf\u00e9 cr\u00e8me".encode("latin-1"), "not UTF-8 text"),
        (b"---\ntitle: [unclosed\n---\n\ntext\n", "front matter is not valid YAML"),
        (b"---\n- a\n- b\n---\n\ntext\n", "front matter must be a mapping"),
    ],
)
def test_unreadable_markdown(data, problem):
    with pytest.raises(InputError) as info:
        read_markdown_bytes("bad.md", data)
    assert problem in info.value.problem


def test_utf8_bom_and_utf16_are_read():
    assert decode_text("a", "\ufeffنص".encode())[0] == "نص"
    assert decode_text("a", "نص".encode("utf-16"))[0] == "نص"
