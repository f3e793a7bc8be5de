"""The template package and a reproducible ZIP writer.

The template lives unzipped in ``templates/un_docx/`` at the top of the repository
so every part is reviewable XML; it is zipped in memory and opened with
python-docx. A regular (non-editable) install carries a copy as package data,
``reportgen/templates/un_docx/`` (copied by setup.py's ``build_py``); that copy
is looked for first, then the repository's folder (a checkout or an editable
install).
python-docx stamps ZIP entries with the current time, so the saved package is
rewritten with fixed entry times and order: same sources, same bytes.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory, XmlPart

# python-docx 1.2 has no class for the footnotes part and would load it as an
# opaque blob; registering the generic XmlPart lets us edit it as XML.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

#: The template as installed package data (``reportgen/templates/un_docx``).
PACKAGED_TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "un_docx"
#: The template in a checkout: ``<repo>/templates/un_docx``, the reviewed original.
REPO_TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "templates" / "un_docx"


def find_template_dir() -> Path:
    """The installed copy if there is one, else the checkout's folder (possibly
    absent: :func:`template_bytes` then says where it looked)."""
    for candidate in (PACKAGED_TEMPLATE_DIR, REPO_TEMPLATE_DIR):
        if (candidate / "[Content_Types].xml").is_file():
            return candidate
    return REPO_TEMPLATE_DIR


TEMPLATE_DIR = find_template_dir()
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry


def template_files(directory: Path = TEMPLATE_DIR) -> list[Path]:
    """The parts of the template, ``[Content_Types].xml`` first as OPC readers expect."""
    files = [p for p in directory.rglob("*") if p.is_file() and p.name.endswith((".xml", ".rels"))]
    return sorted(files, key=lambda p: (p.name != "[Content_Types].xml", p.relative_to(directory).as_posix()))


@lru_cache(maxsize=4)
def template_bytes(directory: Path = TEMPLATE_DIR) -> bytes:
    if not directory.is_dir():
        looked = directory if directory != REPO_TEMPLATE_DIR else f"{PACKAGED_TEMPLATE_DIR} or {directory}"
        raise FileNotFoundError(f"DOCX template folder not found: {looked}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in template_files(directory):
            zf.writestr(_info(path.relative_to(directory).as_posix()), path.read_bytes())
    return buffer.getvalue()


def open_template(directory: Path = TEMPLATE_DIR) -> docx.document.Document:
    return docx.Document(io.BytesIO(template_bytes(directory)))


def save_reproducibly(document: docx.document.Document) -> bytes:
    """Serialise ``document`` with fixed entry times and a stable entry order."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in ordered:
            dst.writestr(_info(name), src.read(name))
    return out.getvalue()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the host
    info.external_attr = 0o644 << 16
    return info
