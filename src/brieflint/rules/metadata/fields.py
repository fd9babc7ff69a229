"""Cover metadata: the front matter of a Markdown draft, the cover page of a Word draft."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import Document, Location, Problem, Severity
from ..base import Rule

_TOP = Location(1, 1)
GROUP_MISSING = 3  # a Markdown draft lacking this many fields gets one finding with a snippet


class MissingField(Rule):
    """Every required cover field is present and not empty.

    Markdown drafts give them in YAML front matter (or a cover typed as lines at the top);
    Word drafts on the cover page (Title style, the «إعداد» block, the e-mail line…). A
    Markdown draft that lacks three fields or more gets one finding with the front matter to
    add (a YAML snippet of the missing fields) instead of one finding a field.

    Fails::

        ---
        title: الاتفاق الحدودي الجديد
        author:
        ---

    Passes::

        ---
        title: الاتفاق الحدودي الجديد
        author: د. سلمى العبيدي
        …
        ---
    """

    code = "BL-MD001"
    name = "metadata.missing-field"
    category = "metadata"
    severity = Severity.ERROR
    messages = {
        "missing": (
            "cover metadata lacks the {label_en} ({label}; key `{key}`)",
            "بيانات الغلاف ينقصها «{label}» (المفتاح `{key}`)",
        ),
        "front-matter": (
            "cover metadata lacks {count} fields ({keys}): add YAML front matter at the top of "
            "the draft, or a cover typed as lines (title, «تقدير موقف», «إعداد» and the author…):"
            "\n{snippet}",
            "بيانات الغلاف ينقصها {count} حقول ({keys}): أضف في أول المسودة بيانات YAML، أو غلافاً"
            " مكتوباً أسطراً (العنوان، «تقدير موقف»، «إعداد» واسم المؤلف…):\n{snippet}",
        ),
        "empty": (
            "cover metadata field {label_en} (`{key}`) is empty",
            "حقل «{label}» (`{key}`) في بيانات الغلاف فارغ",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        missing = [s for s in doc.schema.metadata if s.required and s.id not in doc.metadata]
        grouped = doc.format == "markdown" and len(missing) >= GROUP_MISSING
        if grouped:
            # One finding that says what to do: the front matter to add, field by field.
            snippet = "\n".join(f"{s.id}: …  # {s.label}" for s in missing)
            yield self.problem(
                _TOP,
                "front-matter",
                count=len(missing),
                keys=", ".join(s.id for s in missing),
                snippet=f"---\n{snippet}\n---",
            )
        for spec in doc.schema.metadata:
            if not spec.required:
                continue
            entry = doc.metadata.get(spec.id)
            if entry is None and grouped:
                continue
            if entry is None:
                yield self.problem(
                    _TOP, "missing", label=spec.label, label_en=spec.label_en.lower(), key=spec.id
                )
            elif not entry.value.strip():
                yield self.problem(
                    entry.location,
                    "empty",
                    label=spec.label,
                    label_en=spec.label_en.lower(),
                    key=spec.id,
                )


class InvalidField(Rule):
    """A cover field has the expected form (a date with its year, a valid e-mail address).

    Fails::

        date: الربيع الماضي
        email: salma.example.org

    Passes::

        date: مارس/آذار 2026
        email: salma@example.org
    """

    code = "BL-MD002"
    name = "metadata.invalid-field"
    category = "metadata"
    severity = Severity.WARNING
    messages = {
        "invalid": (
            "cover field {label_en} «{value}»: {hint_en}",
            "حقل «{label}» «{value}»: {hint}",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for spec in doc.schema.metadata:
            entry = doc.metadata.get(spec.id)
            if spec.pattern is None or entry is None or not entry.value.strip():
                continue
            if not spec.pattern.search(entry.value.strip()):
                yield self.problem(
                    entry.location,
                    "invalid",
                    text=entry.value,
                    value=entry.value.strip(),
                    label=spec.label,
                    label_en=spec.label_en.lower(),
                    hint=spec.pattern_hint or "القيمة لا تطابق الصيغة المطلوبة",
                    hint_en=spec.pattern_hint_en or "the value does not have the expected form",
                )


class TypeLabel(Rule):
    """The cover's document type matches the kind the draft is checked as.

    A draft labelled «ورقة سياسات» checked as a situation assessment will be judged against the
    wrong list of sections; pass ``--schema policy-paper`` or fix the label.

    Fails::

        type: تقييم موقف

    Passes::

        type: تقدير موقف
    """

    code = "BL-MD003"
    name = "metadata.type-label"
    category = "metadata"
    severity = Severity.WARNING
    messages = {
        "mismatch": (
            "the cover says «{value}» but the draft is checked as a {kind_en} («{expected}»)",
            "الغلاف يذكر «{value}» لكن الوثيقة تُفحص بوصفها «{expected}»",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        entry = doc.metadata.get("type")
        if entry is None or not entry.value.strip():
            return
        if not doc.schema.is_type_label(entry.value):
            yield self.problem(
                entry.location,
                "mismatch",
                text=entry.value,
                value=entry.value.strip(),
                expected=doc.schema.type_labels[0],
                kind_en=doc.schema.name_en.lower(),
            )


class UnknownField(Rule):
    """Front matter keys are fields of the brief kind (catches typos such as ``auther``).

    Fails::

        auther: د. سلمى العبيدي

    Passes::

        author: د. سلمى العبيدي
    """

    code = "BL-MD004"
    name = "metadata.unknown-field"
    category = "metadata"
    severity = Severity.INFO
    messages = {
        "unknown": (
            "front matter key `{key}` is not a field of a {kind_en} (known: {known})",
            "المفتاح `{key}` ليس من حقول {kind} (الحقول المعروفة: {known})",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        known = {spec.id for spec in doc.schema.metadata}
        extra = set(options.get("allowed") or ())
        for key, entry in doc.metadata.items():
            if key not in known and key not in extra:
                yield self.problem(
                    entry.location,
                    "unknown",
                    text=key,
                    key=key,
                    kind=doc.schema.name,
                    kind_en=doc.schema.name_en.lower(),
                    known=", ".join(sorted(known)),
                )

    options = {
        "allowed": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["lang", "keywords", "tags", "abstract", "logo"],
            "description": "Extra front matter keys your workflow uses.",
        }
    }
