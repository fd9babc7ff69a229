"""Package-level facts of the Word files brieflint writes: document properties that say what the
document is and who made it, and the repairs python-docx's default template needs to be valid
ISO/IEC 29500 (it dates from 2013, names «Microsoft Macintosh Word» as its application, carries a
blank thumbnail, and its ``w:zoom`` lacks the required ``w:percent``)."""

from __future__ import annotations

import datetime as dt

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from .. import __version__

APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
GENERATOR = f"brieflint {__version__}"


def stamp(
    document,
    *,
    title: str = "",
    subject: str = "",
    author: str = "",
    category: str = "",
    language: str = "ar",
) -> None:
    """Core and extended properties of a document brieflint made, dated now."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    core = document.core_properties
    core.title = title
    core.subject = subject
    core.author = author
    core.category = category
    core.language = language
    core.created = now
    core.modified = now
    core.last_modified_by = GENERATOR
    core.comments = ""
    core.keywords = ""
    core.revision = 1
    _set_application(document)
    _drop_thumbnail(document)
    repair_settings(document)


def repair_settings(document) -> None:
    """``w:zoom`` needs ``w:percent`` (python-docx's template writes only ``w:val``)."""
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def _set_application(document) -> None:
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype != RT.EXTENDED_PROPERTIES or rel.is_external:
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        for name, value in (("Application", GENERATOR), ("AppVersion", None), ("Template", None)):
            element = root.find(f"{{{APP_NS}}}{name}")
            if element is None:
                continue
            if value is None:
                root.remove(element)
            else:
                element.text = value
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_thumbnail(document) -> None:
    """The template's blank thumbnail would show as the document's preview."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
