"""A report folder, read once: what every command starts from.

A :class:`Project` knows the folder's language versions, which of them is the
original (as their front matter names it), and the report's companions — the
cited-documents registry, the term base — with the diagnostics of reading them.
It maps a task over the versions (:meth:`Project.each`): each version is read,
resolved and handed to the task in its own process when the report is large
(:mod:`reportgen.parallel`), and only what the task returns comes back, in file
order. The stages (``source``, ``resolve``, ``check``, ``render``, ``align``) see a
document and give a result; the processes, the hand-over of a model and the relay
of the original's prepared form between workers stay here.

Every command goes through it: ``build``, ``check``, ``align`` (and ``review``,
``tmx``, ``accept``), ``refs``, ``diff`` and ``xliff`` read a report this one way.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from reportgen.check import check_version
from reportgen.errors import Diagnostic, UserError, processing
from reportgen.files import scratch_folder, write_all_atomically
from reportgen.model import Document, Metadata, Report
from reportgen.memory import collector_paused
from reportgen.parallel import Relay, Shipped, Workers, jobs_for, run_each
from reportgen.resolve import resolve_document
from reportgen.source import (folder_diagnostics, frontmatter, language_files, original_named, read_document,
                              shared_metadata)
from reportgen.source.reader import decode
from reportgen.source.registry import Registry, read_registry
from reportgen.source.termbase import TermBase, read_termbase

if TYPE_CHECKING:
    from reportgen.align import AlignmentResult, PairOutcome, Prepared
    from reportgen.align.accept import Acceptance

__all__ = ["Project", "Each", "Loaded", "Outcome", "Built", "Handover", "write_all"]

R = TypeVar("R")
# A per-version task: the resolved document (handed over) and its diagnostics so far → a
# result. It runs in a worker process, so it must be a module-level function (or a partial
# of one).
Task = Callable[["Handover", list[Diagnostic]], R]


class Handover:
    """A version's resolved model, handed to its task. :meth:`take` leaves no other
    reference behind, so a task that needs the model only for its first step (preparing
    a version for alignment) lets it be freed before the rest: at 8,000 paragraphs a
    model holds some 50 MB in each worker."""

    def __init__(self, doc: Document) -> None:
        self._doc: Document | None = doc

    def take(self) -> Document:
        doc, self._doc = self._doc, None
        assert doc is not None, "a model is taken once"
        return doc


@dataclass(frozen=True)
class Built:
    lang: str
    path: Path
    symbol: str


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What one language version gave: its front matter (None when unreadable),
    every diagnostic of reading and resolving it, and the task's result (None when
    the version was unreadable or not asked for)."""

    code: str
    path: Path
    meta: Metadata | None
    diagnostics: list[Diagnostic]
    value: R | None


@dataclass(frozen=True)
class Each(Generic[R]):
    """A report read version by version: the task's result for every readable
    version asked for, in file order, with every diagnostic of the load."""

    name: str
    directory: Path
    values: dict[str, R]
    metas: dict[str, Metadata]
    paths: dict[str, Path]
    diagnostics: list[Diagnostic]
    registry: Registry
    # language versions that could not be read at all (no document to check or align)
    unreadable: tuple[str, ...] = ()
    terms: TermBase = field(default_factory=TermBase)  # the term base (source/termbase.py)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def unusable(self) -> bool:
        """An error in a file that yielded no document (a version that cannot be read,
        ``documents.yaml``, a misnamed file): there is nothing to check or align it with.
        Errors inside readable versions (numbering, references) are findings."""
        read = set(self.paths.values())
        return bool(self.unreadable) or any(d.path not in read for d in self.errors)


class Loaded(Each[Document]):
    """A report with every wanted version read and resolved (held in this process)."""

    @property
    def report(self) -> Report:
        return Report(self.name, self.directory, self.values)


@dataclass
class Project:
    """A report folder read once (see the module docstring). ``folder`` holds the
    folder's own diagnostics (misnamed files, links out), ``companions`` those of the
    registry and the term base; each version's come with :meth:`each`."""

    directory: Path
    files: dict[str, Path]
    registry: Registry
    terms: TermBase
    folder: list[Diagnostic]
    companions: list[Diagnostic]

    @classmethod
    def open(cls, directory: Path) -> "Project":
        """The folder's versions and companions; a folder without any version raises
        UserError (every other problem is a diagnostic)."""
        files = language_files(directory)
        registry, found = read_registry(directory)
        terms, more = read_termbase(directory)
        return cls(directory, files, registry, terms, folder_diagnostics(directory), found + more)

    @property
    def name(self) -> str:
        return self.directory.resolve().name

    @functools.cached_property
    def original(self) -> str | None:
        """The original's code as the first readable version's front matter names it
        (read ahead, so that the original can be read and prepared first), or None."""
        return original_named(meta for path in self.files.values() if (meta := _front(path)) is not None)

    def acceptances(self) -> list[Acceptance]:
        """The reviewed findings recorded in ``accepted.yaml`` (INTERFACE §5.4)."""
        from reportgen.align.accept import read_acceptances

        return read_acceptances(self.directory)

    def read(self, code: str) -> tuple[Document | None, list[Diagnostic]]:
        """One version read (not resolved): for the writers that write it back (XLIFF)."""
        with processing(self.files[code]):
            return read_document(self.files[code])

    # -- a task over the versions ---------------------------------------------------------

    def each(self, task: Task[R], langs: tuple[str, ...] = (), *, jobs: int | None = None,
             on_done: Callable[[Outcome], None] | None = None, kind: type[Each] = Each, cycle_free: bool = True,
             workers: Workers | None = None, first: str | None = None) -> Each[R]:
        """Read, resolve and apply ``task`` to every language version (those in
        ``langs`` when given; the others are still read, for the checks across
        versions), in parallel processes when worthwhile. ``on_done(outcome)`` is called
        as each version finishes (a progress bar, or work that can start then, in
        ``workers`` when given). ``cycle_free``: the task makes no reference cycles, so it
        runs with the cyclic collector paused, as reading does. ``first``: the version to
        start with. The others start largest first, so that the last to finish is a
        short one (longest processing time first: with six versions on two processes, a
        large version started last would run alone while the other waits). Results are
        in file order whatever order they ran in."""
        files = self.files
        for code in langs:
            if code not in files:
                raise UserError(self.directory, None, f"no '{code}' version: {code}.md does not exist")
        items = [(code, path, not langs or code in langs, task, cycle_free) for code, path in files.items()]
        items.sort(key=lambda item: (item[0] != first, -_size(item[1])))  # stable: ties stay in file order
        outcomes: dict[str, Outcome] = {}
        # results arrive pickled: millions of small objects that the collector would
        # otherwise traverse again and again as they are unpickled
        with contextlib.ExitStack() as stack:
            if cycle_free:
                stack.enter_context(collector_paused())
            if workers is None:
                workers = stack.enter_context(Workers(self.jobs(jobs)))
            for _, outcome in run_each(_version, items, workers):
                outcomes[outcome.code] = outcome
                if on_done is not None:
                    on_done(outcome)
        done = [outcomes[code] for code in files if code in outcomes]  # file order, however they finished
        diagnostics = self.folder + [d for o in done for d in o.diagnostics]
        diagnostics += shared_metadata({o.code: (o.path, o.meta) for o in done if o.meta is not None})
        diagnostics += self.companions
        wanted = [o for o in done if not langs or o.code in langs]
        readable = [o for o in wanted if o.meta is not None]
        return kind(
            name=self.name,
            directory=self.directory,
            values={o.code: o.value for o in readable},
            metas={o.code: o.meta for o in readable if o.meta is not None},
            paths={o.code: o.path for o in readable},
            diagnostics=diagnostics,
            registry=self.registry,
            unreadable=tuple(o.code for o in wanted if o.meta is None),
            terms=self.terms,
        )

    def jobs(self, requested: int | None = None) -> int:
        """The processes worth using for this report (see ``parallel.jobs_for``)."""
        return jobs_for(len(self.files), sum(map(_size, self.files.values())), requested)

    # -- what the commands run ------------------------------------------------------------

    def load(self, langs: tuple[str, ...] = (), *, jobs: int | None = None) -> Loaded:
        """Every version read and resolved, held here, with every diagnostic."""
        loaded = self.each(_document, langs, jobs=jobs, kind=Loaded)
        assert isinstance(loaded, Loaded)
        return loaded

    def build(self, langs: tuple[str, ...] = (), *, jobs: int | None = None,
              on_done: Callable[[Outcome], None] | None = None) -> Each[bytes | None]:
        """Every version rendered to DOCX bytes, one version at a time per process (a
        whole report is never held as six DOCX trees). Write them with :func:`write_all`
        only when the load has no error."""
        importlib.import_module("reportgen.render.docx")  # loaded here once, not in every worker
        return self.each(_render, langs, jobs=jobs, on_done=on_done, cycle_free=False)

    def check(self, *, jobs: int | None = None,
              on_done: Callable[[Outcome], None] | None = None) -> tuple[Each[list[Diagnostic]], list[Diagnostic]]:
        """Everything ``reportgen check`` reports: the load's diagnostics and each
        version's own checks (``check.check_version``)."""
        each = self.each(functools.partial(_check, self.registry, self.terms, self.directory), jobs=jobs,
                         on_done=on_done)
        return each, each.diagnostics + [d for found in each.values.values() for d in found]

    def align(self, *, keep_model: bool = True, jobs: int | None = None,
              on_done: Callable[[Outcome], None] | None = None) -> tuple[Each, AlignmentResult | None]:
        """Read, prepare and align every version with the original, in parallel
        processes when worthwhile: the original is read first, and each translation is
        aligned in the process that prepared it as soon as the original is ready. The
        result is None when the load is unusable (a version unreadable: nothing to
        align). ``keep_model=False``: the result lists findings only (JSON, text)."""
        from reportgen.align import assemble

        acceptances = tuple(self.acceptances())
        first = self.original if self.original in self.files else None
        if first is None:  # no readable version names an original that exists
            return self._align_in_one_go(acceptances, jobs)
        workers_wanted = self.jobs(jobs)
        with scratch_folder("align") as folder:  # removed by the next run if this one is killed
            relay: Relay[Prepared] = Relay(folder, parallel=workers_wanted > 1)

            def started(outcome: Outcome) -> None:
                if outcome.code == first and outcome.value is None:
                    relay.put(None)  # the original is unreadable: no translation waits for it
                if on_done is not None:
                    on_done(outcome)

            with Workers(workers_wanted) as workers:
                try:
                    task = functools.partial(_prepare_and_align, keep_model, acceptances, self.terms, first, relay)
                    each = self.each(task, jobs=jobs, on_done=started, workers=workers, first=first)
                finally:
                    relay.close()  # before the pool waits for its tasks: none may wait for ever
        if each.unusable:
            return each, None
        if original_named(each.metas.values()) != first:  # the versions disagree (an error of the load)
            return self._align_in_one_go(acceptances, jobs)
        outcomes = {code: a.pair for code, a in each.values.items() if a.pair is not None}
        versions = ({code: a.prepared.value.version for code, a in each.values.items() if a.prepared is not None}
                    if keep_model else {})
        return each, assemble(each.name, each.metas[first].symbol, first, list(each.values), outcomes, versions)

    def check_and_align(self, *, keep_model: bool = True) -> tuple[Each, list[Diagnostic], AlignmentResult | None]:
        """What :meth:`check` and :meth:`align` give, in this process, each version read
        once: its own checks run on its model, which is then prepared for the alignment
        (``reportgen corpus``, whose tasks are the unit of parallelism, and where reading
        twice was a fifth of a report's time). The diagnostics are ``check``'s (the load's,
        then each version's checks); the result is None when the load is unusable. The
        translations are aligned with the original once all are prepared, as a serial
        ``align`` does one after the other; a report whose original no version names is
        aligned as ``align`` does it then, in one go."""
        from reportgen.align import align_pair, assemble

        acceptances = tuple(self.acceptances())
        first = self.original if self.original in self.files else None
        task = functools.partial(_check_and_prepare, self.registry, self.directory, self.terms, keep_model)
        each = self.each(task, jobs=1, first=first)
        found = each.diagnostics + [d for checked, _ in each.values.values() for d in checked]
        if each.unusable:
            return each, found, None
        if first is None or original_named(each.metas.values()) != first:
            loaded, result = self._align_in_one_go(acceptances, 1)
            return loaded, found, result
        prepared = {code: version for code, (_, version) in each.values.items()}
        outcomes = {code: align_pair(prepared[first], version, acceptances, self.terms)
                    for code, version in prepared.items() if code != first}
        versions = {code: version.version for code, version in prepared.items()} if keep_model else {}
        return each, found, assemble(each.name, each.metas[first].symbol, first, list(prepared), outcomes, versions)

    def _align_in_one_go(self, acceptances: tuple[Acceptance, ...],
                         jobs: int | None) -> tuple[Each, AlignmentResult | None]:
        """Load every version, then align, with the original as the first readable
        version names it: for reports whose first file does not say which is the original."""
        from reportgen.align import align_report

        loaded = self.load(jobs=jobs)
        if loaded.unusable:
            return loaded, None
        return loaded, align_report(loaded.report, list(acceptances), loaded.terms)


def write_all(each: Each, rendered: dict[str, bytes], out_dir: Path) -> list[Built]:
    """Write every version or none: all are renamed into place only once all are written."""
    paths = {code: out_dir / f"{code}.docx" for code in rendered}
    write_all_atomically({paths[code]: data for code, data in rendered.items()})
    return [Built(code, paths[code], each.metas[code].symbol) for code in rendered]


# -- one version through the stages (in a worker process when parallel) -----------------

def _version(item: tuple[str, Path, bool, Task[R], bool]) -> Outcome[R]:
    code, path, wanted, task, cycle_free = item
    with processing(path):
        with collector_paused():
            doc, diagnostics = read_document(path)
            if doc is None or not wanted:
                return Outcome(code, path, doc.meta if doc else None, diagnostics, None)
            meta = doc.meta
            resolved, found = resolve_document(doc)
            diagnostics += found
            handover = Handover(resolved)
            del doc, resolved  # the task holds the only reference to the model
            if cycle_free:
                return Outcome(code, path, meta, diagnostics, task(handover, diagnostics))
        return Outcome(code, path, meta, diagnostics, task(handover, diagnostics))


def _document(doc: Handover, diagnostics: list[Diagnostic]) -> Document:
    return doc.take()


def _render(model: Handover, diagnostics: list[Diagnostic]) -> bytes | None:
    """The DOCX of a version without errors (with errors nothing is written anyway)."""
    from reportgen.render.docx import render_docx  # python-docx loads only to build (70 ms)

    if any(d.severity == "error" for d in diagnostics):
        return None
    return render_docx(model.take())


@dataclass(frozen=True)
class Aligned:
    """What aligning gives for one version: the pair's findings (translations) and,
    when the output shows texts (HTML), the prepared version itself."""

    prepared: Shipped[Prepared] | None
    pair: PairOutcome | None


def _prepare_and_align(keep_model: bool, acceptances: tuple[Acceptance, ...], terms: TermBase, original: str,
                       relay: Relay[Prepared], model: Handover, diagnostics: list[Diagnostic]) -> Aligned:
    """The original is prepared and handed on through ``relay``; a translation is
    prepared, then aligned with the original as soon as that is ready."""
    from reportgen.align import align_pair, prepare_version  # the align stage loads only to align

    prepared = prepare_version(model.take(), keep_model=keep_model)  # the model is let go now
    shipped = Shipped(prepared) if keep_model else None
    if prepared.version.lang == original:
        relay.put(prepared)
        return Aligned(shipped, None)
    other = relay.get()
    return Aligned(shipped, None if other is None else align_pair(other, prepared, acceptances, terms))


def _check_and_prepare(registry: Registry, directory: Path, terms: TermBase, keep_model: bool, model: Handover,
                       diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], Prepared]:
    """A version's own checks (as ``_check``), then its preparation for the alignment
    (as ``_prepare_and_align``), on the one model read."""
    from reportgen.align import prepare_version

    doc = model.take()
    found = check_version(doc, registry, directory, terms)
    return found, prepare_version(doc, keep_model=keep_model)


def _check(registry: Registry, terms: TermBase, directory: Path, model: Handover,
           diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return check_version(model.take(), registry, directory, terms)


def _front(path: Path) -> Metadata | None:
    """A version's front matter read ahead (None when it cannot be read)."""
    try:
        meta, _ = frontmatter.parse(path, frontmatter.split(path, decode(path)))
    except UserError:
        return None
    return meta


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported by the reader
