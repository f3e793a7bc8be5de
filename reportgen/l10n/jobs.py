"""Job numbers: the form each duty station prints in a document's footer.

One table, as data (``data/job_numbers.yaml``), so that the front matter's ``job``
check, the importer reading a footer and the page-1 barcode agree on what a job
number is: ``21-12345`` (New York), ``GE.21-12345`` (Geneva), ``V.21-12345``
(Vienna), ``K2112345`` (Nairobi). A station is a place, not a language, so this
is the one table of ``l10n`` not kept per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.l10n.loader import DataFileError, load_yaml

__all__ = ["PATH", "JobForm", "JOB_FORMS", "JOB_EXAMPLES", "JOB_PATTERN", "job_form", "job_digits"]

PATH = Path(__file__).with_name("data") / "job_numbers.yaml"
_PLACEHOLDERS = {"{YY}": r"(?P<year>[0-9]{2})", "{NNNNN}": r"(?P<number>[0-9]{5})"}
_PIECES = re.compile(r"\{YY\}|\{NNNNN\}|\{[^}]*\}?|[^{]+")


@dataclass(frozen=True)
class JobForm:
    """One duty station's form: ``pattern`` as written in the data, ``regex`` the
    same as a regular expression (groups ``year`` and ``number``)."""

    station: str
    pattern: str
    example: str
    regex: re.Pattern[str]


def _compile(path: Path, key: str, pattern: str) -> re.Pattern[str]:
    """``GE.{YY}-{NNNNN}`` → ``GE\\.(?P<year>[0-9]{2})-(?P<number>[0-9]{5})``; every other
    character is literal. Each placeholder exactly once, or the barcode has no digits to take."""
    out: list[str] = []
    for piece in _PIECES.findall(pattern):
        if piece.startswith("{"):
            if piece not in _PLACEHOLDERS:
                raise DataFileError(path, key, f"unknown placeholder {piece!r}: use {{YY}} and {{NNNNN}}")
            out.append(_PLACEHOLDERS[piece])
        else:
            out.append(re.escape(piece))
    if any(pattern.count(p) != 1 for p in _PLACEHOLDERS):
        raise DataFileError(path, key, "a pattern holds {YY} and {NNNNN} once each")
    return re.compile("".join(out))


def load(path: Path = PATH) -> tuple[JobForm, ...]:
    """The table, checked: a pattern and an example for each station, the example
    matching its own pattern and no other."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    stations = data.get("stations") if isinstance(data, dict) else None
    if not isinstance(stations, dict) or not stations:
        raise DataFileError(path, "stations", "expected a mapping of duty stations to their job-number forms")
    forms: list[JobForm] = []
    for station, spec in stations.items():
        key = f"stations.{station}"
        if not isinstance(station, str) or not station.strip():
            raise DataFileError(path, key, "a duty station is named by text")
        if not isinstance(spec, dict) or set(spec) != {"pattern", "example"} \
                or not all(isinstance(v, str) and v for v in spec.values()):
            raise DataFileError(path, key, "expected exactly 'pattern' and 'example', both text")
        regex = _compile(path, f"{key}.pattern", spec["pattern"])
        if not regex.fullmatch(spec["example"]):
            raise DataFileError(path, f"{key}.example", f"{spec['example']!r} does not match {spec['pattern']!r}")
        forms.append(JobForm(station, spec["pattern"], spec["example"], regex))
    for form in forms:
        others = [f.station for f in forms if f is not form and f.regex.fullmatch(form.example)]
        if others:
            raise DataFileError(path, f"stations.{form.station}.example",
                                f"{form.example!r} also matches the form of {others[0]}")
    return tuple(forms)


#: Every duty station's form, in the data file's order (read once, at import: a few lines).
JOB_FORMS: tuple[JobForm, ...] = load()
#: "21-12345 (New York), GE.21-12345 (Geneva), … or K2112345 (Nairobi)", for messages.
JOB_EXAMPLES: str = (", ".join(f"{f.example} ({f.station})" for f in JOB_FORMS[:-1])
                     + (" or " if len(JOB_FORMS) > 1 else "")
                     + f"{JOB_FORMS[-1].example} ({JOB_FORMS[-1].station})")
#: Any station's form as one regular expression, unanchored (to find one in a footer line).
JOB_PATTERN: str = "|".join(
    "(?:" + f.regex.pattern.replace("(?P<year>", "(?:").replace("(?P<number>", "(?:") + ")" for f in JOB_FORMS)


def _match(text: str) -> tuple[JobForm, re.Match[str]] | None:
    for form in JOB_FORMS:
        if (found := form.regex.fullmatch(text)) is not None:
            return form, found
    return None


def job_form(text: str) -> str | None:
    """The duty station whose form ``text`` is exactly, or None."""
    hit = _match(text)
    return hit[0].station if hit else None


def job_digits(text: str) -> str | None:
    """The digits a job number's barcode encodes (``GE.19-13879`` → ``1913879``), or
    None when ``text`` is no station's form."""
    hit = _match(text)
    return hit[1].group("year") + hit[1].group("number") if hit else None
