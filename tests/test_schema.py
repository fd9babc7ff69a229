from __future__ import annotations

from pathlib import Path

import pytest

from brieflint.errors import ConfigError
from brieflint.schema import load_schema, load_schema_file, schema_for_type_label, shipped_kinds

from .conftest import COVER_FIELDS

SA = load_schema("situation-assessment")


def test_shipped_kinds_validate():
    assert {"situation-assessment", "policy-paper"} <= set(shipped_kinds())
    for kind in shipped_kinds():
        schema = load_schema_file(Path(load_schema(kind).path), validate=True)
        assert schema.sections and schema.metadata


def test_situation_assessment_declares_the_nine_sections_in_order():
    assert [s.id for s in SA.sections] == [
        "introduction",
        "background",
        "content",
        "motives",
        "limits",
        "implications",
        "scenarios",
        "conclusion",
        "references",
    ]
    assert SA.section("motives").repeatable
    assert not SA.section("introduction").repeatable
    required = {m.id for m in SA.metadata if m.required}
    assert set(COVER_FIELDS) - {"subtitle"} <= required


@pytest.mark.parametrize(
    "heading, section",
    [
        ("مقدمة", "introduction"),
        ("المقدمة:", "introduction"),
        ("مُقَدِّمَة", "introduction"),
        ("مقـــدمة", "introduction"),
        ("أولاً: المقدمة", "introduction"),
        ("1. تمهيد", "introduction"),
        ("مدخل", "introduction"),
        ("خلفيات وحقائق", "background"),
        ("السياق العام للأزمة", "background"),
        ("خلفية الحدث", "background"),
        ("مضمون القرار", "content"),
        ("أبرز البنود", "content"),
        ("ما تضمنه الإعلان", "content"),
        ("دوافع أنقرة", "motives"),
        ("دوافع القاهرة", "motives"),
        ("حسابات الرياض", "motives"),
        ("مصالح الأطراف الإقليمية", "motives"),
        ("حدود التقارب وقيوده", "limits"),
        ("الأبعاد وحدودها", "limits"),
        ("ما لا يعنيه الاتفاق", "limits"),
        ("قيود الشراكة", "limits"),
        ("الانعكاسات الإقليمية", "implications"),
        ("التداعيات الدولية", "implications"),
        ("الآثار المتوقعة", "implications"),
        ("السيناريوهات المستقبلية", "scenarios"),
        ("المآلات", "scenarios"),
        ("المسارات المحتملة", "scenarios"),
        ("الخاتمة", "conclusion"),
        ("خلاصة", "conclusion"),
        ("الاستنتاجات", "conclusion"),
        ("المراجع", "references"),
        ("قائمة المصادر", "references"),
        ("ملاحظات شخصية للمحرر", None),
        ("جدول زمني", None),
    ],
)
def test_headings_are_matched_by_meaning(heading, section):
    spec = SA.match_heading(heading)
    assert (spec.id if spec else None) == section


def test_type_label_selects_the_kind():
    assert schema_for_type_label("ورقة سياسات").kind == "policy-paper"
    assert schema_for_type_label("تقدير موقف").kind == "situation-assessment"
    assert schema_for_type_label("قصيدة") is None


@pytest.mark.parametrize(
    "content, expected",
    [
        ("kind: x\n", "invalid schema at (top level): 'name' is a required property"),
        ("- a\n- b\n", "schema must be a mapping"),
        ("kind: [unclosed\n", "schema is not valid YAML"),
    ],
)
def test_malformed_schema_is_a_clear_error(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(content, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_schema_file(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_schema_error_names_the_path_inside_the_file(tmp_path):
    text = Path(SA.path).read_text("utf-8")
    broken = text.replace("repeatable: true", "repeatable: sometimes")
    path = tmp_path / "custom.yaml"
    path.write_text(broken, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_schema_file(path)
    assert "sections/3/repeatable" in str(info.value)
    assert "'sometimes' is not of type 'boolean'" in str(info.value)


def test_duplicate_section_ids_are_rejected(tmp_path):
    text = Path(SA.path).read_text("utf-8").replace("- id: background", "- id: introduction")
    path = tmp_path / "dup.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match="duplicate section id 'introduction'"):
        load_schema_file(path)


def test_unknown_kind_lists_the_shipped_ones():
    with pytest.raises(ConfigError, match="policy-paper"):
        load_schema("no-such-kind")
