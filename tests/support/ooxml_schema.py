"""Validate a DOCX package against the ISO/IEC 29500 Transitional schemas.

Usage::

    from tests.support.ooxml_schema import schema_errors
    assert schema_errors(path_or_bytes) == []

The schemas are third-party data that live OUTSIDE the repository, at
``<repo>/../shared/ooxml-schemas`` (see :mod:`tests.support.shared`; the
``OOXML_SCHEMAS_DIR`` environment variable overrides).  They are read in
place, never copied.  When they are missing, :func:`schema_errors` skips the
calling test locally (with the one ``../shared`` reason) and fails it under
``CI=true``.

For DOCX files a test merely *produces* (tests/conftest.py validates every one),
use :func:`check_docx`: it validates when it can and, when the schemas are absent
locally, records the file in :data:`NOT_VALIDATED` instead of skipping the test;
the session summary then says loudly how many files went unvalidated.

What is checked, for every part of the package
----------------------------------------------

* **ZIP level**: the file is a readable ZIP; no duplicate entry names (also
  case-insensitively, as OPC part names are case-insensitive).
* **[Content_Types].xml**: validated against ``ecma/.../opc-contentTypes.xsd``;
  every part has a content type (Default by extension or Override); every
  Override names an existing part.
* **Relationship parts** (``*.rels``): validated against
  ``opc-relationships.xsd``; the source part exists; every internal target
  exists in the package; the package has an officeDocument relationship.
  ``r:*`` attributes (``r:id``, ``r:embed`` …) in a part must name a
  relationship of that part.
* **XML parts**: must be well-formed; a part whose content type is one of the
  well-known ones must have the matching root element (``header+xml`` →
  ``w:hdr`` …).  Then, after Markup Compatibility preprocessing (below), it
  is validated against the schema chosen by its root namespace:

  ======================================  =======================================
  root namespace                          schema (entry file)
  ======================================  =======================================
  WordprocessingML ``w:`` (document,      ``microsoft/wml-2010.xsd`` (imports
  styles, stylesWithEffects, settings,    word12.xsd → ISO wml.xsd → DrawingML,
  webSettings, fontTable, numbering,      math …); also covers ``a:theme``
  footnotes, endnotes, hdr, ftr,
  comments …), DrawingML ``a:`` (theme)
  extended-properties (docProps/app.xml)  ``shared-documentPropertiesExtended.xsd``
  custom-properties (docProps/custom)     ``shared-documentPropertiesCustom.xsd``
  core-properties (docProps/core.xml)     ``ecma/.../opc-coreProperties.xsd`` *
  customXml datastoreItem (itemProps)     ``shared-customXmlDataProperties.xsd``
  bibliography (customXml/item*.xml)      ``shared-bibliography.xsd``
  ======================================  =======================================

  \\* opc-coreProperties.xsd imports the Dublin Core schemas from
  dublincore.org.  We are offline, so those two imports are served by small
  in-memory stand-ins written here (``SimpleLiteral`` for every ``dc:`` and
  ``dcterms:`` element, ``dcterms:W3CDTF`` = union of the XSD date types).
  Additionally ``dcterms:created``/``modified`` must carry
  ``xsi:type="dcterms:W3CDTF"`` as OPC requires.

  Parts with another root namespace are only checked for well-formedness.

Markup Compatibility (ECMA-376 Part 3)
--------------------------------------

Before schema validation each part is preprocessed like a consumer that
understands only the ISO/IEC 29500 namespaces:

* ``mc:Ignorable`` is removed, and every element/attribute in a namespace it
  lists is dropped (ignorable → removed; ``w14:paraId`` etc. are therefore
  not validated even though wml-2010.xsd is loaded, because wml.xsd's content
  models do not admit them).  ``mc:ProcessContent`` elements are unwrapped
  (their children kept) instead of dropped.
* ``mc:AlternateContent`` is replaced by the children of its first
  ``mc:Choice`` whose ``Requires`` namespaces are all ISO namespaces, else by
  the children of ``mc:Fallback``, else removed.
* ``mc:MustUnderstand`` naming a non-ISO namespace is an error; an
  ``mc:Ignorable``/``Requires`` prefix that is not declared is an error.

Errors
------

Each error is a string ``"<part>: line <N>: <message>"`` where ``<part>`` is
the part name without the leading slash (``word/settings.xml``).  Namespace
URIs in schema messages are shortened to their usual prefixes, and the XPath
of the offending element is appended (python-docx writes each part on one
line, so the line number alone rarely helps).  Package-level findings that
have no line use ``line 0``.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from . import tools

__all__ = ["schema_errors", "schema_errors_by_part", "check_docx", "schemas_available",
           "NOT_VALIDATED", "ns"]

# --------------------------------------------------------------------------
# Namespaces
# --------------------------------------------------------------------------

ns = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "lc": "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
    "cdr": "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "s": "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "x": "urn:schemas-microsoft-com:office:excel",
    "pvml": "urn:schemas-microsoft-com:office:powerpoint",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ds": "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    "b": "http://schemas.openxmlformats.org/officeDocument/2006/bibliography",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
_PREFIX_OF = {uri: prefix for prefix, uri in ns.items()}

MC = ns["mc"]
_MC_IGNORABLE = f"{{{MC}}}Ignorable"
_MC_PROCESS = f"{{{MC}}}ProcessContent"
_MC_MUST = f"{{{MC}}}MustUnderstand"
_MC_AC = f"{{{MC}}}AlternateContent"
_MC_CHOICE = f"{{{MC}}}Choice"
_MC_FALLBACK = f"{{{MC}}}Fallback"

#: Namespaces a pure ISO/IEC 29500 Transitional consumer understands.
ISO_NAMESPACES = frozenset(
    ns[p]
    for p in ("w", "r", "a", "wp", "pic", "c", "dgm", "lc", "cdr", "m", "s", "sl",
              "v", "o", "w10", "x", "pvml", "mc", "xml")
)

_OFFICE_DOC_REL = ns["r"] + "/officeDocument"
_STRICT_OFFICE_DOC_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

# --------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------

#: schema key -> entry file (relative to the ooxml-schemas directory)
SCHEMA_ENTRIES: dict[str, str] = {
    "wml": "microsoft/wml-2010.xsd",
    "extended-properties": "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd",
    "custom-properties": "ISO-IEC29500-4_2016/shared-documentPropertiesCustom.xsd",
    "core-properties": "ecma/fouth-edition/opc-coreProperties.xsd",
    "content-types": "ecma/fouth-edition/opc-contentTypes.xsd",
    "relationships": "ecma/fouth-edition/opc-relationships.xsd",
    "customxml-properties": "ISO-IEC29500-4_2016/shared-customXmlDataProperties.xsd",
    "bibliography": "ISO-IEC29500-4_2016/shared-bibliography.xsd",
}

#: root element namespace -> schema key
SCHEMA_FOR_ROOT_NS: dict[str, str] = {
    ns["w"]: "wml",
    ns["a"]: "wml",  # theme parts: dml-main.xsd is imported by the WML schema
    ns["ep"]: "extended-properties",
    ns["op"]: "custom-properties",
    ns["cp"]: "core-properties",
    ns["ct"]: "content-types",
    ns["pr"]: "relationships",
    ns["ds"]: "customxml-properties",
    ns["b"]: "bibliography",
}

# Offline stand-ins for the two Dublin Core schemas opc-coreProperties.xsd
# imports by http URL.  Written from the DCMI specification, simplified.
_DC_STUB = b"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns="http://purl.org/dc/elements/1.1/"
  targetNamespace="http://purl.org/dc/elements/1.1/"
  elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
  <xs:complexType name="SimpleLiteral">
    <xs:complexContent mixed="true">
      <xs:restriction base="xs:anyType">
        <xs:sequence>
          <xs:any processContents="lax" minOccurs="0" maxOccurs="0"/>
        </xs:sequence>
        <xs:attribute ref="xml:lang" use="optional"/>
      </xs:restriction>
    </xs:complexContent>
  </xs:complexType>
  <xs:element name="any" type="SimpleLiteral" abstract="true"/>
  %s
</xs:schema>
""" % b"\n  ".join(
    b'<xs:element name="%s" substitutionGroup="any"/>' % name
    for name in (b"title", b"creator", b"subject", b"description", b"publisher",
                 b"contributor", b"date", b"type", b"format", b"identifier",
                 b"source", b"language", b"relation", b"coverage", b"rights")
)

_DCTERMS_STUB = b"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns="http://purl.org/dc/terms/"
  targetNamespace="http://purl.org/dc/terms/"
  elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:import namespace="http://purl.org/dc/elements/1.1/"
    schemaLocation="http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd"/>
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
  <xs:complexType name="W3CDTF">
    <xs:simpleContent>
      <xs:restriction base="dc:SimpleLiteral">
        <xs:simpleType>
          <xs:union memberTypes="xs:gYear xs:gYearMonth xs:date xs:dateTime"/>
        </xs:simpleType>
        <xs:attribute ref="xml:lang" use="prohibited"/>
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
  %s
</xs:schema>
""" % b"\n  ".join(
    b'<xs:element name="%s" type="dc:SimpleLiteral"/>' % name
    for name in (b"created", b"modified", b"issued", b"available", b"valid",
                 b"dateAccepted", b"dateCopyrighted", b"dateSubmitted",
                 b"abstract", b"alternative", b"audience", b"extent", b"license")
)

_OFFLINE_STUBS = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": _DC_STUB,
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": _DCTERMS_STUB,
}


class _OfflineResolver(etree.Resolver):
    def resolve(self, url, pubid, context):  # noqa: D401 - lxml API
        stub = _OFFLINE_STUBS.get(url)
        if stub is not None:
            return self.resolve_string(stub, context, base_url=url)
        return None


@lru_cache(maxsize=None)
def _compiled_schema(schemas_dir: str, key: str) -> etree.XMLSchema:
    """Compile (once per process) the schema *key* from *schemas_dir*.

    The entry is wrapped in a tiny in-memory driver schema that first imports
    the ``xml:`` namespace from the shared ``xml.xsd`` (several schemas import
    it without a schemaLocation, which libxml2 cannot resolve by itself).
    """
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_OfflineResolver())
    base = Path(schemas_dir)
    entry = base / SCHEMA_ENTRIES[key]
    target_ns = etree.parse(str(entry), parser).getroot().get("targetNamespace")
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:reportgen:tests:schema-driver">'
        f'<xs:import namespace="{ns["xml"]}" '
        f'schemaLocation="{(base / "ISO-IEC29500-4_2016" / "xml.xsd").as_uri()}"/>'
        f'<xs:import namespace="{target_ns}" schemaLocation="{entry.as_uri()}"/>'
        "</xs:schema>"
    )
    doc = etree.fromstring(driver, parser, base_url=(base / "__driver__.xsd").as_uri())
    doc = doc.getroottree()
    try:
        return etree.XMLSchema(doc)
    except etree.XMLSchemaParseError as exc:  # pragma: no cover - data problem
        raise RuntimeError(f"cannot compile {entry}: {exc}\n{exc.error_log}") from exc


def compiled_schema(key: str) -> etree.XMLSchema:
    """The compiled schema *key* (see :data:`SCHEMA_ENTRIES`), cached."""
    return _compiled_schema(str(tools.require_schemas()), key)


# --------------------------------------------------------------------------
# Content types that imply a root element
# --------------------------------------------------------------------------

_WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_EXPECTED_ROOT: dict[str, str] = {
    _WML_CT + "document.main+xml": f"{{{ns['w']}}}document",
    _WML_CT + "template.main+xml": f"{{{ns['w']}}}document",
    "application/vnd.ms-word.document.macroEnabled.main+xml": f"{{{ns['w']}}}document",
    _WML_CT + "styles+xml": f"{{{ns['w']}}}styles",
    "application/vnd.ms-word.stylesWithEffects+xml": f"{{{ns['w']}}}styles",
    _WML_CT + "settings+xml": f"{{{ns['w']}}}settings",
    _WML_CT + "webSettings+xml": f"{{{ns['w']}}}webSettings",
    _WML_CT + "fontTable+xml": f"{{{ns['w']}}}fonts",
    _WML_CT + "numbering+xml": f"{{{ns['w']}}}numbering",
    _WML_CT + "footnotes+xml": f"{{{ns['w']}}}footnotes",
    _WML_CT + "endnotes+xml": f"{{{ns['w']}}}endnotes",
    _WML_CT + "header+xml": f"{{{ns['w']}}}hdr",
    _WML_CT + "footer+xml": f"{{{ns['w']}}}ftr",
    _WML_CT + "comments+xml": f"{{{ns['w']}}}comments",
    "application/vnd.openxmlformats-officedocument.theme+xml": f"{{{ns['a']}}}theme",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml":
        f"{{{ns['ep']}}}Properties",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml":
        f"{{{ns['op']}}}Properties",
    "application/vnd.openxmlformats-package.core-properties+xml":
        f"{{{ns['cp']}}}coreProperties",
    "application/vnd.openxmlformats-package.relationships+xml":
        f"{{{ns['pr']}}}Relationships",
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml":
        f"{{{ns['ds']}}}datastoreItem",
}


def _is_xml_content_type(ct: str) -> bool:
    ct = ct.split(";")[0].strip().lower()
    return ct.endswith("+xml") or ct in {"application/xml", "text/xml"}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

_CLARK = re.compile(r"\{([^}]*)\}")


def _short(text: str) -> str:
    """Replace ``{uri}`` by ``prefix:`` in a libxml2 message."""
    return _CLARK.sub(lambda m: f"{_PREFIX_OF[m.group(1)]}:" if m.group(1) in _PREFIX_OF
                      else m.group(0), text)


def _fmt(part: str, line: int | None, message: str) -> str:
    return f"{part}: line {line or 0}: {message}"


def _ns_of(tag: str) -> str | None:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else None


def _qname(el: etree._Element) -> str:
    return _short(el.tag)


def _read_package(docx) -> bytes:
    if isinstance(docx, (bytes, bytearray, memoryview)):
        return bytes(docx)
    if isinstance(docx, (str, Path)):
        return Path(docx).read_bytes()
    if hasattr(docx, "save"):  # python-docx Document
        buf = io.BytesIO()
        docx.save(buf)
        return buf.getvalue()
    if hasattr(docx, "read"):
        return docx.read()
    raise TypeError(f"schema_errors() needs a path, bytes or Document, not {type(docx)!r}")


def _rels_source(rels_name: str) -> str | None:
    """``word/_rels/document.xml.rels`` -> ``word/document.xml``; root -> ``''``."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve_target(source: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        path = target
    else:
        path = posixpath.join("/" + posixpath.dirname(source), target)
    return posixpath.normpath(path).lstrip("/")


# --------------------------------------------------------------------------
# Markup Compatibility preprocessing
# --------------------------------------------------------------------------


def _prefixes_to_ns(el, value: str, attr: str, part: str, errors: list[str]) -> set[str]:
    result = set()
    for prefix in value.split():
        uri = el.nsmap.get(prefix)
        if uri is None:
            errors.append(_fmt(part, el.sourceline,
                               f"mc:{attr} names undeclared prefix {prefix!r}"))
        else:
            result.add(uri)
    return result


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _replace_with(el, replacement: list) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for offset, new in enumerate(replacement):
        parent.insert(index + offset, new)
    _remove_keep_tail(el)


def _select_branch(ac, part: str, errors: list[str]) -> list:
    for branch in ac:
        if branch.tag == _MC_CHOICE:
            requires = _prefixes_to_ns(branch, branch.get("Requires", ""), "Requires",
                                       part, errors)
            if requires and requires <= ISO_NAMESPACES:
                return list(branch)
        elif branch.tag == _MC_FALLBACK:
            return list(branch)
    return []


def _read_mc_attributes(el, ignorable: frozenset, process: frozenset, part: str,
                        errors: list[str]) -> tuple[frozenset, frozenset]:
    """Fold *el*'s mc:Ignorable / mc:ProcessContent into the inherited sets and
    check mc:MustUnderstand."""
    own_ign = el.get(_MC_IGNORABLE)
    if own_ign is not None:
        ignorable = ignorable | _prefixes_to_ns(el, own_ign, "Ignorable", part, errors)
    own_pc = el.get(_MC_PROCESS)
    if own_pc is not None:
        names = set()
        for qn in own_pc.split():
            prefix, _, local = qn.rpartition(":")
            uri = el.nsmap.get(prefix or None)
            if uri is None:
                errors.append(_fmt(part, el.sourceline,
                                   f"mc:ProcessContent names undeclared prefix {prefix!r}"))
            else:
                names.add(f"{{{uri}}}{local}")
        process = process | names
    must = el.get(_MC_MUST)
    if must is not None:
        for uri in _prefixes_to_ns(el, must, "MustUnderstand", part, errors):
            if uri not in ISO_NAMESPACES:
                errors.append(_fmt(part, el.sourceline,
                                   f"mc:MustUnderstand requires non-ISO namespace {uri}"))
    return ignorable, process


def _preprocess_mce(el, ignorable: frozenset, process: frozenset, part: str,
                    errors: list[str]) -> None:
    """Apply MCE rules to *el*'s attributes and (recursively) its children."""
    ignorable, process = _read_mc_attributes(el, ignorable, process, part, errors)

    for name in list(el.attrib):
        uri = _ns_of(name)
        if uri == MC or (uri is not None and uri in ignorable):
            del el.attrib[name]

    i = 0
    while i < len(el):
        child = el[i]
        if not isinstance(child.tag, str):  # comment / PI
            i += 1
            continue
        if child.tag == _MC_AC:
            _replace_with(child, _select_branch(child, part, errors))
            continue  # re-examine whatever now sits at index i
        uri = _ns_of(child.tag)
        child_ign = ignorable
        if child.get(_MC_IGNORABLE) is not None:
            child_ign = ignorable | _prefixes_to_ns(child, child.get(_MC_IGNORABLE),
                                                    "Ignorable", part, [])
        if uri is not None and uri in child_ign and uri not in (MC,):
            wildcard = f"{{{uri}}}*"
            if child.tag in process or wildcard in process:
                _replace_with(child, list(child))
            else:
                _remove_keep_tail(child)
            continue
        _preprocess_mce(child, ignorable, process, part, errors)
        i += 1


_MC_XP = {"mc": MC}


def preprocess_mce(root, part: str = "<part>") -> list[str]:
    """Apply Markup Compatibility processing to *root* in place; return errors.

    Fast path (what Word and python-docx write): mc attributes only on the
    root element and no mc:AlternateContent -> remove the ignorable namespaces
    with XPath.  Anything else goes through the general recursive walk.
    """
    errors: list[str] = []
    holders = root.xpath("//*[@mc:*]", namespaces=_MC_XP)
    if not holders and not root.xpath("boolean(//mc:*)", namespaces=_MC_XP):
        return errors
    if all(h is root for h in holders) and not root.xpath("boolean(//mc:*)",
                                                           namespaces=_MC_XP):
        ignorable, process = _read_mc_attributes(root, frozenset(), frozenset(), part,
                                                 errors)
        for name in list(root.attrib):
            if _ns_of(name) == MC:
                del root.attrib[name]
        for uri in ignorable - {MC}:
            for el in root.xpath("//*[namespace-uri()=$u]", u=uri):
                if el is root or el.getparent() is None:
                    continue
                if el.tag in process or f"{{{uri}}}*" in process:
                    _replace_with(el, list(el))
                else:
                    _remove_keep_tail(el)
            for attr in root.xpath("//@*[namespace-uri()=$u]", u=uri):
                parent = attr.getparent()
                if parent is not None and attr.attrname in parent.attrib:
                    del parent.attrib[attr.attrname]
        return errors
    _preprocess_mce(root, frozenset(), frozenset(), part, errors)
    return errors


# --------------------------------------------------------------------------
# Package checks
# --------------------------------------------------------------------------


def _parse(part: str, data: bytes, errors: list[str]):
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    try:
        return etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        errors.append(_fmt(part, exc.lineno, f"not well-formed XML: {exc.msg}"))
        return None


def _validate(part: str, tree, key: str, errors: list[str]) -> None:
    schema = compiled_schema(key)
    if schema.validate(tree):
        return
    for entry in schema.error_log:
        message = _short(entry.message)
        where = f" (at {_short(entry.path)})" if getattr(entry, "path", None) else ""
        errors.append(_fmt(part, entry.line, message + where))


def _check_r_references(part: str, root, rel_ids: set[str], errors: list[str]) -> None:
    for attr in root.xpath("//@r:*", namespaces={"r": ns["r"]}):
        if str(attr) not in rel_ids:
            el = attr.getparent()
            local = attr.attrname.split("}", 1)[-1]
            errors.append(_fmt(part, el.sourceline,
                               f"{_qname(el)}/@r:{local}={str(attr)!r} names no "
                               f"relationship in {_rels_name(part)}"))


def _check_core_dates(part: str, root, errors: list[str]) -> None:
    xsi_type = f"{{{ns['xsi']}}}type"
    for local in ("created", "modified"):
        for el in root.iter(f"{{{ns['dcterms']}}}{local}"):
            value = el.get(xsi_type, "")
            prefix, _, name = value.rpartition(":")
            if name != "W3CDTF" or el.nsmap.get(prefix or None) != ns["dcterms"]:
                errors.append(_fmt(part, el.sourceline,
                                   f"dcterms:{local} must have xsi:type=\"dcterms:W3CDTF\""))


def schema_errors_by_part(docx) -> dict[str, list[str]]:
    """Like :func:`schema_errors` but grouped by part name (only parts with errors)."""
    grouped: dict[str, list[str]] = {}
    for err in schema_errors(docx):
        grouped.setdefault(err.split(": line ", 1)[0], []).append(err)
    return grouped


def schema_errors(docx) -> list[str]:
    """Validate the DOCX package *docx* (path, bytes or python-docx Document).

    Returns a list of ``"part: line N: message"`` strings; ``[]`` means valid.
    """
    data = _read_package(docx)
    errors: list[str] = []
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [_fmt("<package>", 0, f"not a ZIP file: {exc}")]

    with zf:
        infos = [i for i in zf.infolist() if not i.filename.endswith("/")]
        names: list[str] = [i.filename for i in infos]
        seen: dict[str, str] = {}
        for name in names:
            if name.lower() in seen:
                errors.append(_fmt(name, 0, f"duplicate ZIP entry (also {seen[name.lower()]!r})"))
            seen.setdefault(name.lower(), name)
        parts = {name: zf.read(name) for name in dict.fromkeys(names)}

    by_lower = {name.lower(): name for name in parts}

    # --- [Content_Types].xml -------------------------------------------------
    ct_name = "[Content_Types].xml"
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if ct_name not in parts:
        errors.append(_fmt(ct_name, 0, "missing [Content_Types].xml"))
    else:
        tree = _parse(ct_name, parts[ct_name], errors)
        if tree is not None:
            _validate(ct_name, tree, "content-types", errors)
            for el in tree.getroot():
                if el.tag == f"{{{ns['ct']}}}Default":
                    defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
                elif el.tag == f"{{{ns['ct']}}}Override":
                    partname = el.get("PartName", "")
                    overrides[partname.lstrip("/").lower()] = el.get("ContentType", "")
                    if partname.lstrip("/").lower() not in by_lower:
                        errors.append(_fmt(ct_name, el.sourceline,
                                           f"Override for missing part {partname!r}"))

    def content_type(part: str) -> str | None:
        if part.lower() in overrides:
            return overrides[part.lower()]
        base = posixpath.basename(part)
        ext = base.rsplit(".", 1)[1].lower() if "." in base else ""
        return defaults.get(ext)

    # --- relationships ---------------------------------------------------------
    rel_ids_of: dict[str, set[str]] = {}
    has_office_document = False
    for name in parts:
        if not name.lower().endswith(".rels"):
            continue
        source = _rels_source(name)
        if source is None:
            errors.append(_fmt(name, 0, "relationship part not inside a _rels folder"))
            continue
        if source and source.lower() not in by_lower:
            errors.append(_fmt(name, 0, f"relationships for missing source part {source!r}"))
        tree = _parse(name, parts[name], errors)
        if tree is None:
            continue
        _validate(name, tree, "relationships", errors)
        ids = set()
        for rel in tree.getroot().iter(f"{{{ns['pr']}}}Relationship"):
            ids.add(rel.get("Id", ""))
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve_target(source, rel.get("Target", ""))
            if target.lower() not in by_lower:
                errors.append(_fmt(name, rel.sourceline,
                                   f"relationship {rel.get('Id')!r} targets missing part "
                                   f"{target!r}"))
            if source == "" and rel.get("Type") in (_OFFICE_DOC_REL, _STRICT_OFFICE_DOC_REL):
                has_office_document = True
        rel_ids_of[source] = ids
    if not has_office_document:
        errors.append(_fmt("_rels/.rels", 0, "no officeDocument relationship"))

    # --- every part: content type, then XML checks -----------------------------
    for name, blob in parts.items():
        if name == ct_name:
            continue
        ct = content_type(name)
        if ct is None:
            errors.append(_fmt(name, 0, "part has no content type in [Content_Types].xml"))
            continue
        if name.lower().endswith(".rels") or not _is_xml_content_type(ct):
            continue
        tree = _parse(name, blob, errors)
        if tree is None:
            continue
        root = tree.getroot()
        expected = _EXPECTED_ROOT.get(ct.split(";")[0].strip())
        if expected is not None and root.tag != expected:
            errors.append(_fmt(name, root.sourceline,
                               f"content type {ct} requires root {_short(expected)}, "
                               f"found {_qname(root)}"))
        _check_r_references(name, root, rel_ids_of.get(name, set()), errors)
        if root.tag == f"{{{ns['cp']}}}coreProperties":
            _check_core_dates(name, root, errors)
        key = SCHEMA_FOR_ROOT_NS.get(_ns_of(root.tag) or "")
        if key is None:
            continue  # well-formed, no schema for this vocabulary
        errors.extend(preprocess_mce(root, name))
        _validate(name, tree, key, errors)
    return errors


#: DOCX files :func:`check_docx` could not validate (schemas absent, not under CI).
NOT_VALIDATED: list[str] = []


def schemas_available() -> bool:
    """Whether :func:`schema_errors` will validate rather than skip: the schemas are
    present, or ``CI=true`` (where their absence fails the test)."""
    return tools.schemas_dir() is not None or tools.in_ci()


def check_docx(docx, name: str | None = None, *, source_syntax: bool = True) -> None:
    """Assert that *docx* passes the schemas; when they are absent locally, only record
    it in :data:`NOT_VALIDATED` (the test itself goes on).  Under ``CI=true`` a
    missing schema folder fails the calling test."""
    from tests.support.source_syntax import source_syntax_in

    leaked = source_syntax_in(docx) if source_syntax else []
    assert leaked == [], "source syntax printed as text in the DOCX:\n" + "\n".join(leaked[:10])
    if tools.schemas_dir() is None:
        if not tools.in_ci():
            NOT_VALIDATED.append(name or (str(docx) if isinstance(docx, (str, Path)) else "<bytes>"))
            return
        tools.require_schemas()  # fails: CI=true requires the schemas
    errors = schema_errors(docx)
    label = name or (str(docx) if isinstance(docx, (str, Path)) else "DOCX")
    assert errors == [], f"{label} fails the OOXML schemas:\n" + "\n".join(errors[:20])


def assert_schema_valid(docx) -> None:
    """``assert`` helper with a readable failure message."""
    errors = schema_errors(docx)
    assert not errors, "DOCX fails ISO/IEC 29500 schema validation:\n  " + "\n  ".join(errors)


def iter_schema_keys() -> Iterable[str]:
    return SCHEMA_ENTRIES.keys()
