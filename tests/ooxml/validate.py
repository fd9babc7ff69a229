"""Validate a Word package against the ISO/IEC 29500 (transitional) and OPC schemas with xmllint.

Each XML part is first put through Markup Compatibility processing (ECMA-376 Part 3), as Word
does: attributes and elements of namespaces a part declares ignorable (``mc:Ignorable``) and this
validator does not understand are removed, ``mc:AlternateContent`` is replaced by its fallback,
and the ``mc:`` attributes go. The part is then validated against the schema of its root
namespace by ``xmllint --schema`` (libxml2-utils), many parts to one xmllint run.

Usage: ``python tests/ooxml/validate.py FILE.docx …`` prints every schema error and exits 1 if
there is one. The schemas are vendored in ``schemas/`` (see ``README.md`` and ``LICENSE``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
ISO = SCHEMAS / "ISO-IEC29500-4_2016"
OPC = SCHEMAS / "ecma" / "fouth-edition"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# The schema that validates a part, by the namespace of its root element.
ENTRY = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": ISO / "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": ISO / "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": ISO
    / "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": ISO
    / "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": OPC
    / "opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": OPC / "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": OPC / "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": ISO
    / "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": ISO
    / "shared-customXmlDataProperties.xsd",
}


def _understood() -> set[str]:
    """The namespaces the transitional and OPC schemas define (and XML's own)."""
    found = {"http://www.w3.org/XML/1998/namespace"}
    for path in [*ISO.glob("*.xsd"), *OPC.glob("*.xsd")]:
        match = re.search(rb'targetNamespace="([^"]+)"', path.read_bytes())
        if match:
            found.add(match.group(1).decode())
    # Dublin Core and XML Schema instance are imported by the core-properties schema.
    found |= {
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
        "http://purl.org/dc/dcmitype/",
        "http://www.w3.org/2001/XMLSchema-instance",
    }
    return found


UNDERSTOOD = _understood()


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def markup_compatibility(root: etree._Element) -> etree._Element:
    """Apply ECMA-376 Part 3 for a consumer that understands only UNDERSTOOD."""
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        for child in list(fallback) if fallback is not None else []:
            parent.insert(index, child)
            index += 1
        parent.remove(alternate)
    ignorable: set[str] = set()
    for element in root.iter():
        prefixes = element.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable |= {element.nsmap.get(p) for p in prefixes.split()} - {None}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        namespace = _namespace(element.tag)
        if namespace in ignorable and namespace not in UNDERSTOOD:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for name in list(element.attrib):
            ns = _namespace(name)
            if ns == MC or (ns in ignorable and ns not in UNDERSTOOD):
                del element.attrib[name]
    etree.cleanup_namespaces(root)
    return root


def validate(path: Path) -> list[str]:
    """Every schema error in the package, as «part:line: message»."""
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        raise RuntimeError("xmllint is not installed (Debian: libxml2-utils)")
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path) as archive:
        by_schema: dict[Path, list[Path]] = defaultdict(list)
        names: dict[str, str] = {}
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(info))
            schema = ENTRY.get(_namespace(root.tag))
            if schema is None:
                errors.append(f"{info.filename}: no schema for root element {root.tag}")
                continue
            target = Path(folder) / f"part{len(names)}.xml"
            target.write_bytes(etree.tostring(markup_compatibility(root), encoding="UTF-8"))
            names[target.name] = info.filename
            by_schema[schema].append(target)
        for schema, parts in by_schema.items():
            result = subprocess.run(
                [xmllint, "--noout", "--nonet", "--schema", str(schema), *map(str, parts)],
                capture_output=True,
                text=True,
                check=False,
            )
            for line in result.stderr.splitlines():
                if line.endswith(" validates") or not line.strip():
                    continue
                part = Path(line.split(":", 1)[0]).name
                errors.append(line.replace(str(Path(folder) / part), names.get(part, part)))
    return errors


def main(argv: list[str]) -> int:
    failed = 0
    for name in argv:
        errors = validate(Path(name))
        for error in errors:
            print(f"{name}: {error}")
        print(f"{name}: {'valid' if not errors else f'{len(errors)} schema error(s)'}")
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
