"""The loader: all six files load, and a broken file is named with its key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import reportgen.l10n as l10n
from reportgen.l10n import (
    LANGUAGES,
    DataFileError,
    Language,
    UnknownLanguage,
    data_path,
    language,
    load_language_file,
)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_data_file_loads(code):
    lang = load_language_file(data_path(code))
    assert isinstance(lang, Language)
    assert lang.code == code
    assert language(code).code == code


@pytest.mark.parametrize("bad", ["xx", "EN", "", "eng", None, 3])
def test_unknown_language(bad):
    with pytest.raises(UnknownLanguage) as info:
        language(bad)
    assert isinstance(info.value, ValueError)
    assert "ar, en, es, fr, ru, zh" in str(info.value)


def test_original_line_unknown_code():
    with pytest.raises(UnknownLanguage):
        language("en").original_line("de")


def _copy_without(tmp_path: Path, pattern: str, replacement: str = "") -> Path:
    text = data_path("en").read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, pattern
    bad = tmp_path / "en.yaml"
    bad.write_text(new, encoding="utf-8")
    return bad


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        (r"^united_nations:.*\n", "united_nations"),
        (r"^    limited:.*\n", "masthead.distribution.limited"),
        (r"^    same_year:.*\n", "dates.ranges.same_year"),
        (r"^  language_names:.*\n", "masthead.language_names"),
        (r"^  chapter_system:.*\n", "references.chapter_system"),
    ],
)
def test_missing_key_rejected(tmp_path, pattern, key):
    bad = _copy_without(tmp_path, pattern)
    with pytest.raises(DataFileError) as info:
        load_language_file(bad)
    assert info.value.key == key
    assert str(bad) in str(info.value) and key in str(info.value)
    assert "missing" in str(info.value)


@pytest.mark.parametrize(
    ("pattern", "replacement", "key"),
    [
        (r"^direction: ltr", "direction: up", "direction"),
        (r'^meeting_line: .*', 'meeting_line: "{venue}"', "meeting_line"),
        (r'^  chapter: \{system: roman,', "  chapter: {system: klingon,", "numbering.chapter.system"),
        (r"^babel_locale: en_GB", "babel_locale: xx_YY", "babel_locale"),
        (r"^  locale: en_GB", "  locale: xx_YY", "dates"),
        (r"^code: en", "code: en\nsurprise: 1", "(top level)"),
        # times, ranges (reportgen.align.numbers)
        (r'^  separators: \[":", "."\]', '  separators: [":", " "]', "times.separators[1]"),
        (r'^  separators: \[":", "."\]', '  separators: [":", "h."]', "times.separators[1]"),
        (r'^  separators: \[":", "."\]', '  separators: []', "times.separators"),
        (r"^  pm: \[p\.m\., pm\]", "  pm: [p.m., 12 pm]", "times.pm[1]"),
        (r"^  pm: \[p\.m\., pm\]", "  pm: [p.m.]\n  noon: [noon]", "times"),
        (r'^  connectors: \["–"', '  joiners: ["–"', "ranges.connectors"),
    ],
)
def test_bad_value_rejected(tmp_path, pattern, replacement, key):
    bad = _copy_without(tmp_path, pattern, replacement)
    with pytest.raises(DataFileError) as info:
        load_language_file(bad)
    assert info.value.key == key, str(info.value)


def test_unreadable_or_invalid_yaml(tmp_path):
    with pytest.raises(DataFileError):
        load_language_file(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("code: [en\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_language_file(broken)
    assert str(broken) in str(info.value)


def test_code_holds_no_per_language_branches():
    """Babel-style: language codes appear in code only as the LANGUAGES tuple."""
    package = Path(l10n.__file__).parent
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                for const in ast.walk(node):
                    if isinstance(const, ast.Constant) and const.value in LANGUAGES:
                        pytest.fail(f"{source.name}:{node.lineno}: compares with {const.value!r}")


@pytest.mark.parametrize("code", LANGUAGES)
def test_inferred_forms_are_marked(code):
    """The data files carry '# inferred' markers so editors can find guesses."""
    text = data_path(code).read_text(encoding="utf-8")
    assert "# inferred" in text


@pytest.mark.parametrize("name", sorted(p.name for p in data_path("en").parent.glob("*.yaml")))
def test_c_and_pure_yaml_parsers_read_the_data_alike(name):
    """The loader uses ruamel's C parser for speed; YAML 1.1 habits of libyaml
    (``no`` as false, ``1:30`` as sexagesimal) must not change a value."""
    from ruamel.yaml import YAML

    from reportgen.l10n.loader import load_yaml

    text = (data_path("en").parent / name).read_text(encoding="utf-8")
    assert load_yaml(text) == YAML(typ="safe", pure=True).load(text)
