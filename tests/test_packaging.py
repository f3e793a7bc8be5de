"""A regular (non-editable) install carries the DOCX template.

The template stays at the top of the repository (``templates/un_docx``); setup.py's
``build_py`` copies it into the package as ``reportgen/templates/un_docx`` and
reportgen/render/docx/package.py looks there first. The wheel tests build a real
wheel (``pip wheel``; the build requirements come from PyPI: skipped locally without
a package index, required under CI=true) and run ``reportgen build`` from the
unpacked wheel, away from any checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reportgen.render.docx import package
from tests.conftest import EXAMPLE, REPO
from tests.support import tools

TEMPLATE = REPO / "templates" / "un_docx"
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]


def _template_files() -> dict[str, bytes]:
    return {p.relative_to(TEMPLATE).as_posix(): p.read_bytes() for p in sorted(TEMPLATE.rglob("*")) if p.is_file()}


def test_checkout_reads_the_top_level_template() -> None:
    assert not package.PACKAGED_TEMPLATE_DIR.exists(), "nothing may be copied into the source tree"
    assert package.TEMPLATE_DIR == package.REPO_TEMPLATE_DIR == TEMPLATE


def test_installed_copy_is_preferred(monkeypatch, tmp_path: Path) -> None:
    installed = tmp_path / "reportgen" / "templates" / "un_docx"
    monkeypatch.setattr(package, "PACKAGED_TEMPLATE_DIR", installed)
    assert package.find_template_dir() == TEMPLATE  # no installed copy: the checkout's
    shutil.copytree(TEMPLATE, installed)
    assert package.find_template_dir() == installed
    monkeypatch.setattr(package, "REPO_TEMPLATE_DIR", tmp_path / "nowhere")
    assert package.find_template_dir() == installed


def test_missing_template_names_both_places(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(package, "PACKAGED_TEMPLATE_DIR", tmp_path / "pkg")
    monkeypatch.setattr(package, "REPO_TEMPLATE_DIR", tmp_path / "repo")
    with pytest.raises(FileNotFoundError) as info:
        package.template_bytes(package.find_template_dir())
    assert str(tmp_path / "pkg") in str(info.value) and str(tmp_path / "repo") in str(info.value)


def _copy_sources(dest: Path) -> Path:
    """The checkout's packaging inputs, copied (so no build/ folder appears in the checkout)."""
    dest.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(REPO / name, dest / name)
    for name in ("reportgen", "templates"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dest


def _build_wheel(src: Path, dist: Path, **env_changes: str) -> Path:
    """``pip wheel --no-deps``; build isolation fetches setuptools and wheel, so without
    an index the test is skipped locally and fails under CI=true."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | env_changes
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(dist), str(src)],
        capture_output=True, text=True, env=env, timeout=600,
    )
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 and "install build dependencies" in out:
        tools.missing("pip could not install the build requirements (setuptools, wheel): "
                      "needs PyPI or a local package index")
    assert proc.returncode == 0, out
    (found,) = dist.glob("reportgen-*.whl")
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = _copy_sources(tmp_path_factory.mktemp("src") / "reportgen-src")
    return _build_wheel(src, tmp_path_factory.mktemp("dist"))


@pytest.mark.slow
def test_no_package_index_skips_locally_fails_in_ci(monkeypatch, tmp_path: Path) -> None:
    src = _copy_sources(tmp_path / "src")
    offline = {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": "", "PIP_CONSTRAINT": ""}
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _build_wheel(src, tmp_path / "dist", **offline)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _build_wheel(src, tmp_path / "dist", **offline)


@pytest.mark.slow
def test_wheel_carries_the_template(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        expected = _template_files()
        inside = {n.removeprefix("reportgen/templates/un_docx/"): zf.read(n)
                  for n in names if n.startswith("reportgen/templates/un_docx/")}
    assert inside == expected
    assert not any(n.startswith("templates/") for n in names)
    assert {"reportgen/l10n/data/en.yaml", "reportgen/render/docx/package.py"} <= names
    # the font substitutions build --pdf gives LibreOffice
    assert _wheel_fonts(wheel) == (REPO / "reportgen" / "render" / "fonts.conf").read_bytes()
    assert any(n.startswith("reportgen/render/html/templates/") and n.endswith(".j2") for n in names)
    assert "reportgen/corpus/templates/summary.html.j2" in names  # reportgen corpus's summary.html


def _wheel_fonts(wheel: Path) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        return zf.read("reportgen/render/fonts.conf")


@pytest.mark.slow
def test_unpacked_wheel_builds_the_example(wheel: Path, tmp_path: Path, example_build: dict[str, Path]) -> None:
    """``reportgen build`` from the wheel's files alone, far from the checkout: same bytes
    as the checkout's build."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    assert not (site.parent / "templates").exists()
    out = tmp_path / "out"
    code = (
        "import sys; from reportgen.render.docx import package as p; "
        "assert p.TEMPLATE_DIR == p.PACKAGED_TEMPLATE_DIR, p.TEMPLATE_DIR; "
        "from reportgen.cli import main; main(sys.argv[1:])"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run([sys.executable, "-c", code, "build", str(EXAMPLE), "-o", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == [f"{c}.docx" for c in LANGS]
    for lang in LANGS:
        assert (out / f"{lang}.docx").read_bytes() == example_build[lang].read_bytes(), lang
