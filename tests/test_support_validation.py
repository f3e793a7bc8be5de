"""Tests of the DOCX verification machinery in ``tests/support`` itself."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from tests.support import office, openxml_sdk, tools
from tests.support.ooxml_schema import preprocess_mce, schema_errors

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ERROR_FORMAT = re.compile(r"^[^:]+: line \d+: .+")


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _fix_zoom(document) -> None:
    """python-docx's template writes <w:zoom w:val="bestFit"/> without the
    required w:percent; give it one."""
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")


def _valid_document(text: str = "Hello, United Nations.") -> docx.Document:
    document = docx.Document()
    document.add_paragraph(text)
    _fix_zoom(document)
    return document


def _to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rewrite(package: bytes, replace: dict[str, bytes | None] | None = None,
             add: dict[str, bytes] | None = None) -> bytes:
    """Copy a ZIP package, replacing (None = dropping) and adding entries."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info, src.read(info.filename))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _document_xml(body: str, root_attrs: str = "") -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:document xmlns:w="{W_NS}" xmlns:w14="{W14_NS}" xmlns:mc="{MC_NS}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f"{root_attrs}><w:body>{body}<w:sectPr/></w:body></w:document>"
    ).encode()


def _invalid_path(tmp_path: Path, name: str) -> Path:
    """Where a test may keep a deliberately INVALID package: conftest.py schema-checks
    every ``*.docx`` left under tmp_path, so these get a ``.docx.invalid`` suffix."""
    return tmp_path / f"{name}.docx.invalid"


@pytest.fixture(scope="module")
def valid_bytes() -> bytes:
    return _to_bytes(_valid_document())


def _with_body(valid: bytes, body: str, root_attrs: str = "") -> bytes:
    return _rewrite(valid, {"word/document.xml": _document_xml(body, root_attrs)})


# ---------------------------------------------------------------------------
# schema validation
# ---------------------------------------------------------------------------


def test_default_python_docx_template_fails_on_zoom_percent(tmp_path: Path):
    path = _invalid_path(tmp_path, "default")
    document = docx.Document()
    document.add_paragraph("x")
    document.save(path)
    errors = schema_errors(path)
    assert errors, "python-docx default template unexpectedly valid"
    assert all(ERROR_FORMAT.match(e) for e in errors), errors
    assert any(e.startswith("word/settings.xml:") and "zoom" in e and "percent" in e
               for e in errors), errors
    # ... and that is the ONLY problem of the default template
    assert len(errors) == 1, errors


def test_fixed_settings_is_valid(tmp_path: Path):
    path = tmp_path / "fixed.docx"
    _valid_document().save(path)
    assert schema_errors(path) == []


def test_accepts_bytes_and_document_objects(valid_bytes: bytes):
    assert schema_errors(valid_bytes) == []
    assert schema_errors(_valid_document()) == []


def test_unknown_element_fails(valid_bytes: bytes):
    document = docx.Document(io.BytesIO(valid_bytes))
    run = document.paragraphs[0].runs[0]._r
    run.append(OxmlElement("w:bogus"))
    errors = schema_errors(_to_bytes(document))
    assert len(errors) == 1, errors
    assert errors[0].startswith("word/document.xml: line ")
    assert "w:bogus" in errors[0] and "not expected" in errors[0]
    assert "(at /w:document/w:body/w:p/w:r/w:bogus)" in errors[0]


def test_invalid_attribute_value_fails(valid_bytes: bytes):
    errors = schema_errors(_with_body(valid_bytes,
                                      '<w:p><w:pPr><w:jc w:val="middle"/></w:pPr></w:p>'))
    assert any("word/document.xml" in e and "w:jc" in e and "middle" in e for e in errors), errors


def test_w14_attribute_passes_when_ignorable(valid_bytes: bytes):
    body = '<w:p w14:paraId="1A2B3C4D" w14:textId="77777777"><w:r><w:t>x</w:t></w:r></w:p>'
    assert schema_errors(_with_body(valid_bytes, body, 'mc:Ignorable="w14"')) == []
    # without mc:Ignorable the w14 attributes are NOT allowed on w:p
    errors = schema_errors(_with_body(valid_bytes, body))
    assert any("paraId" in e for e in errors), errors


def test_ignorable_element_removed_with_its_content(valid_bytes: bytes):
    body = ('<w:p><w:r><w14:unknownThing><w:bogus/></w14:unknownThing>'
            '<w:t>x</w:t></w:r></w:p>')
    assert schema_errors(_with_body(valid_bytes, body, 'mc:Ignorable="w14"')) == []


def test_alternate_content_uses_fallback(valid_bytes: bytes):
    good = ('<w:p><mc:AlternateContent><mc:Choice Requires="w14">'
            '<w14:whatever/></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r>'
            '</mc:Fallback></mc:AlternateContent></w:p>')
    assert schema_errors(_with_body(valid_bytes, good)) == []
    bad = good.replace("<w:r><w:t>fallback</w:t></w:r>", "<w:r><w:bogus/></w:r>")
    errors = schema_errors(_with_body(valid_bytes, bad))
    assert any("w:bogus" in e for e in errors), errors
    no_fallback = ('<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w14:whatever/>'
                   '</mc:Choice></mc:AlternateContent></w:p>')
    assert schema_errors(_with_body(valid_bytes, no_fallback)) == []


def test_mce_general_walk_nested_ignorable():
    from lxml import etree

    root = etree.fromstring(_document_xml(
        f'<w:p xmlns:x="urn:x" mc:Ignorable="x" x:a="1"><x:y/><w:r/></w:p>'))
    assert preprocess_mce(root) == []
    p = root.find(f"{{{W_NS}}}body/{{{W_NS}}}p")
    assert [c.tag for c in p] == [f"{{{W_NS}}}r"] and dict(p.attrib) == {}


def test_must_understand_non_iso_namespace_is_error(valid_bytes: bytes):
    errors = schema_errors(_with_body(valid_bytes, "<w:p/>", 'mc:MustUnderstand="w14"'))
    assert any("MustUnderstand" in e for e in errors), errors


def test_extended_properties_are_validated(valid_bytes: bytes):
    with zipfile.ZipFile(io.BytesIO(valid_bytes)) as z:
        app = z.read("docProps/app.xml")
    broken = app.replace(b"<Pages>1</Pages>", b"<Pages>one</Pages>")
    assert broken != app
    errors = schema_errors(_rewrite(valid_bytes, {"docProps/app.xml": broken}))
    assert any(e.startswith("docProps/app.xml:") and "Pages" in e for e in errors), errors


def test_core_properties_are_validated(valid_bytes: bytes):
    with zipfile.ZipFile(io.BytesIO(valid_bytes)) as z:
        core = z.read("docProps/core.xml")
    broken = re.sub(rb"(<dcterms:created[^>]*>)[^<]*", rb"\1yesterday", core)
    errors = schema_errors(_rewrite(valid_bytes, {"docProps/core.xml": broken}))
    assert any(e.startswith("docProps/core.xml:") and "created" in e for e in errors), errors
    untyped = core.replace(b' xsi:type="dcterms:W3CDTF"', b"")
    errors = schema_errors(_rewrite(valid_bytes, {"docProps/core.xml": untyped}))
    assert any("W3CDTF" in e for e in errors), errors


def test_package_structure_checks(valid_bytes: bytes):
    # relationship target missing
    errors = schema_errors(_rewrite(valid_bytes, {"word/numbering.xml": None}))
    assert any(e.startswith("word/_rels/document.xml.rels:") and "numbering.xml" in e
               for e in errors), errors
    # part without content type
    errors = schema_errors(_rewrite(valid_bytes, add={"word/extra.bin": b"\0"}))
    assert any(e.startswith("word/extra.bin:") and "content type" in e for e in errors), errors
    # dangling r:id
    errors = schema_errors(_with_body(
        valid_bytes, '<w:p><w:hyperlink r:id="rId99"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p>'))
    assert any("rId99" in e for e in errors), errors
    # not well-formed
    errors = schema_errors(_rewrite(valid_bytes, {"word/document.xml": b"<w:document"}))
    assert any(e.startswith("word/document.xml:") and "well-formed" in e for e in errors), errors
    # not a zip at all
    assert schema_errors(b"not a zip")


def test_header_footer_parts_are_validated(tmp_path: Path):
    document = _valid_document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "A/80/1"
    section.footer.paragraphs[0].text = "Page"
    assert schema_errors(document) == []
    section.header.paragraphs[0].runs[0]._r.append(OxmlElement("w:bogus"))
    errors = schema_errors(document)
    assert any(re.match(r"word/header\d*\.xml: line \d+: .*w:bogus", e) for e in errors), errors


# ---------------------------------------------------------------------------
# tools
# ---------------------------------------------------------------------------


def test_require_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        tools.require("definitely-not-a-tool-xyz")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        tools.require("definitely-not-a-tool-xyz")


def test_schemas_found_relative_to_repo():
    assert tools.DEFAULT_SCHEMAS_DIR == tools.REPO_ROOT.parent / "shared" / "ooxml-schemas"
    assert (tools.REPO_ROOT / "pyproject.toml").is_file()


# ---------------------------------------------------------------------------
# Open XML SDK (npm) -- slow: ~10 s start-up per node process
# ---------------------------------------------------------------------------


@pytest.mark.external
def test_sdk_findings_many_valid_and_invalid(tmp_path: Path, valid_bytes: bytes):
    valid = tmp_path / "valid.docx"
    valid.write_bytes(valid_bytes)
    invalid = _invalid_path(tmp_path, "invalid")
    invalid.write_bytes(_with_body(valid_bytes, "<w:p><w:r><w:bogus/></w:r></w:p>"))
    results = openxml_sdk.sdk_findings_many([valid, invalid])
    assert results[valid] == []
    assert results[invalid], "SDK accepted an unknown element"
    assert results[invalid][0]["path"]["partUri"] == "/word/document.xml"


@pytest.mark.external
def test_sdk_findings_cli(tmp_path: Path, valid_bytes: bytes):
    """The CLI path: JSON parsed, non-empty list for an invalid package.  (A valid
    package yields ``[]`` -- shown by the batch test, which shares the parser's
    contract; each CLI run costs ~10 s of WebAssembly start-up.)"""
    invalid = _invalid_path(tmp_path, "invalid")
    invalid.write_bytes(_with_body(valid_bytes, "<w:p><w:r><w:bogus/></w:r></w:p>"))
    findings = openxml_sdk.sdk_findings(invalid)
    assert findings, "SDK accepted an unknown element"
    first = findings[0]
    assert {"description", "path", "id"} <= set(first)
    assert first["path"]["partUri"] == "/word/document.xml"
    assert "bogus" in first["description"]
    assert "word/document.xml" in openxml_sdk.format_findings(findings)[0]


# ---------------------------------------------------------------------------
# LibreOffice / poppler
# ---------------------------------------------------------------------------


@pytest.mark.external
def test_libreoffice_pdf_text_and_png(tmp_path: Path):
    path = tmp_path / "small.docx"
    document = _valid_document("Report of the Committee on Contributions")
    document.add_paragraph("Second paragraph with ünïcödé — text.")
    document.save(path)
    pdf = office.docx_to_pdf(path, tmp_path / "out")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = office.pdf_text(pdf)
    assert "Report of the Committee on Contributions" in text
    assert "ünïcödé — text." in text
    assert "Committee on Contributions" in office.normalize_ws(office.pdf_text(pdf, layout=True))
    assert office.pdf_page_count(pdf) == 1
    png = office.render_page_png(pdf, 1, tmp_path / "out" / "page1.png", dpi=50)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.external
def test_libreoffice_failure_raises_with_output(tmp_path: Path):
    tools.require("soffice")
    bogus = _invalid_path(tmp_path, "broken")
    # (plain text would be imported as text; a corrupt ZIP cannot be loaded)
    bogus.write_bytes(b"PK\x03\x04 corrupt zip, not a docx")
    with pytest.raises(office.ConversionError) as info:
        office.docx_to_pdf(bogus, tmp_path / "out")
    assert "broken.docx.invalid" in str(info.value)
    assert "could not be loaded" in str(info.value)  # LibreOffice's own output


@pytest.mark.external
def test_libreoffice_timeout_kills_and_raises(tmp_path: Path, valid_bytes: bytes):
    tools.require("soffice")
    path = tmp_path / "slow.docx"
    path.write_bytes(valid_bytes)
    with pytest.raises(office.ConversionError, match="timed out"):
        office.docx_to_pdf(path, tmp_path / "out", timeout=0.3)


def test_missing_schemas_skip_locally_fail_in_ci(monkeypatch, tmp_path: Path, valid_bytes: bytes):
    monkeypatch.setenv("OOXML_SCHEMAS_DIR", str(tmp_path / "nowhere"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        schema_errors(valid_bytes)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        schema_errors(valid_bytes)
