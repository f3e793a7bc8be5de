"""Errors a user can cause, reported as one ``PATH:LINE: message`` line (INTERFACE §3.3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    """One finding about the sources: an error or a warning, with its place."""

    severity: str  # "error" | "warning"
    path: Path
    line: int | None
    message: str
    #: a structural problem (sub-items out of sequence, a paragraph number skipped or
    #: repeated) that leaves the version readable: ``align`` names it in a translation
    #: with a finding of its own (subitem-sequence, missing-paragraph, numbering-mismatch…)
    structural: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


class UserError(Exception):
    """Input or invocation the tool cannot use; the CLI prints it and exits 2."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.diagnostic = Diagnostic("error", Path(path), line, message)
        super().__init__(str(self.diagnostic))

    @property
    def path(self) -> Path:
        return self.diagnostic.path

    @property
    def line(self) -> int | None:
        return self.diagnostic.line

    @property
    def message(self) -> str:
        return self.diagnostic.message

    def __reduce__(self) -> tuple:
        # raised in a worker process (reportgen.parallel), it crosses back by pickle;
        # the default would call __init__ with the formatted text only
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[UserError], args: tuple, state: dict) -> UserError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


class WorkerError(Exception):
    """An unexpected exception in a worker process (reportgen.parallel), carried back
    as text, since not every exception survives pickling: its type name, message,
    the file being processed and the worker's traceback."""

    def __init__(self, kind: str, message: str, where: Path | None, trace: str) -> None:
        super().__init__(kind, message, where, trace)
        self.kind, self.text, self.trace = kind, message, trace
        if where is not None:
            setattr(self, _WHERE, where)

    def __str__(self) -> str:
        return self.text


# -- the file being processed, named by the one-line internal error ------------------

from contextlib import contextmanager  # noqa: E402
from contextvars import ContextVar  # noqa: E402
from collections.abc import Iterator  # noqa: E402

_PROCESSING: ContextVar[Path | None] = ContextVar("reportgen_processing", default=None)
_WHERE = "_reportgen_processing"


@contextmanager
def processing(path: Path | str) -> Iterator[None]:
    """Wrap the work done on one file (or folder) of a report::

        with processing(path):
            document, found = read_document(path)

    An unexpected exception leaving the block is marked with ``path`` (the
    innermost block wins), so the CLI can report it as one line
    ``PATH: internal error: ...`` instead of a traceback. UserError and
    diagnostics are not affected. Blocks nest; the mark costs nothing when no
    exception is raised."""
    token = _PROCESSING.set(Path(path))
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, UserError) and processed_file(exc) is None:
            try:
                setattr(exc, _WHERE, Path(path))
            except (AttributeError, TypeError):  # an exception type without a __dict__
                pass
        raise
    finally:
        _PROCESSING.reset(token)


def processed_file(exc: BaseException | None = None) -> Path | None:
    """The file an exception left (its innermost ``processing`` block), or, with
    no exception, the file being processed now; None outside any block."""
    if exc is not None:
        return getattr(exc, _WHERE, None)
    return _PROCESSING.get()
