"""Build step the declarative pyproject.toml cannot express: the DOCX template.

The template stays unzipped at the top of the repository, ``templates/un_docx/``,
where every part is reviewed as XML. A regular (non-editable) install must carry
it, so ``build_py`` copies it into the built package as
``reportgen/templates/un_docx/`` (package data, inside the wheel).
reportgen/render/docx/package.py looks there first, then at the checkout's
``templates/un_docx``, which is what an editable install uses (nothing is copied
into the source tree).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TEMPLATE = Path("templates") / "un_docx"          # relative to this file
PACKAGED = Path("reportgen") / "templates" / "un_docx"  # inside the built package


def _template_files() -> list[Path]:
    here = Path(__file__).resolve().parent
    source = here / TEMPLATE
    files = sorted(p for p in source.rglob("*") if p.is_file())
    if not files:
        raise SystemExit(f"setup.py: the DOCX template {source} is missing or empty")
    return [p.relative_to(source) for p in files]


class BuildPyWithTemplate(build_py):
    """``build_py`` that also copies templates/un_docx into the package."""

    def _editable(self) -> bool:
        return bool(getattr(self, "editable_mode", False))

    def run(self) -> None:
        super().run()
        if self._editable():
            return  # an editable install reads templates/un_docx in place
        here = Path(__file__).resolve().parent
        for rel in _template_files():
            target = Path(self.build_lib) / PACKAGED / rel
            self.mkpath(str(target.parent))
            self.copy_file(str(here / TEMPLATE / rel), str(target), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not self._editable():
            outputs += [str(Path(self.build_lib) / PACKAGED / rel) for rel in _template_files()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithTemplate})
