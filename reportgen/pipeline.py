"""One call per command for a report folder: each opens a :class:`~reportgen.project.Project`
(the one way a report is read) and runs its stage. The CLI opens the project itself;
the tests and the benchmark call these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.check import check_version
from reportgen.errors import Diagnostic, processing
from reportgen.project import Built, Each, Handover, Loaded, Outcome, Project, Task, write_all
from reportgen.source import language_files

if TYPE_CHECKING:
    from reportgen.align import AlignmentResult

__all__ = ["load", "build", "check_each", "align", "check", "render_all", "write_all", "load_each",
           "jobs_wanted", "language_files", "Built", "Each", "Handover", "Loaded", "Outcome", "Project"]


def load(directory: Path, langs: tuple[str, ...] = (), *, jobs: int | None = None) -> Loaded:
    """Read and resolve every language version, gathering every diagnostic."""
    return Project.open(directory).load(langs, jobs=jobs)


def build(directory: Path, langs: tuple[str, ...] = (), *, jobs: int | None = None,
          on_done: Callable[[Outcome], None] | None = None) -> Each[bytes | None]:
    """Every version rendered to DOCX bytes (:meth:`Project.build`)."""
    return Project.open(directory).build(langs, jobs=jobs, on_done=on_done)


def check_each(directory: Path, *, jobs: int | None = None,
               on_done: Callable[[Outcome], None] | None = None) -> tuple[Each[list[Diagnostic]], list[Diagnostic]]:
    """Everything ``reportgen check`` reports (:meth:`Project.check`)."""
    return Project.open(directory).check(jobs=jobs, on_done=on_done)


def align(directory: Path, *, keep_model: bool = True, jobs: int | None = None,
          on_done: Callable[[Outcome], None] | None = None) -> tuple[Each, AlignmentResult | None]:
    """Every version aligned with the original (:meth:`Project.align`)."""
    return Project.open(directory).align(keep_model=keep_model, jobs=jobs, on_done=on_done)


def load_each(directory: Path, task: Task, langs: tuple[str, ...] = (), **options) -> Each:  # type: ignore[no-untyped-def]
    """:meth:`Project.each` on a folder."""
    return Project.open(directory).each(task, langs, **options)


def jobs_wanted(directory: Path, requested: int | None = None) -> int:
    """The processes worth using for a report (see ``parallel.jobs_for``)."""
    return Project.open(directory).jobs(requested)


def check(loaded: Loaded) -> list[Diagnostic]:
    """What ``check`` reports, on a report already loaded."""
    return loaded.diagnostics + [d for doc in loaded.values.values()
                                 for d in check_version(doc, loaded.registry, loaded.directory, loaded.terms)]


def render_all(loaded: Loaded) -> dict[str, bytes]:
    """Every version of a loaded report rendered, in this process."""
    from reportgen.render.docx import render_docx

    out: dict[str, bytes] = {}
    for code, doc in loaded.values.items():
        with processing(doc.path):
            out[code] = render_docx(doc)
    return out
