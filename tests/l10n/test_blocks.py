"""The blocks single stages read (number words, times, decades, ranges, numbers in names,
import forms, term rules) are typed, immutable values on :class:`Language`, built and
validated by the one loader (issue 22): a stage never reaches into the parsed YAML, and
a malformed block fails when its file is loaded, naming the key."""

from __future__ import annotations

import ast
from dataclasses import FrozenInstanceError, fields
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import reportgen
from reportgen.importer.masthead import agenda_line, contents_line, session_line
from reportgen.l10n import LANGUAGES, DataFileError, data_path, language, load_language_file
from reportgen.l10n.blocks import Decades, ImportForms, NumberWords, NumbersInNames, TermRules, Times
from tests.support.sources import edited_data_file


def _file(code: str) -> dict[str, Any]:
    """The data file as YAML says, read apart from the loader (pure-Python parser)."""
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(data_path(code).read_text(encoding="utf-8"))
    return data


def _typed(value: Any) -> Any:
    """A YAML value as the blocks hold it: lists as tuples, mappings as dicts."""
    if isinstance(value, list):
        return tuple(_typed(v) for v in value)
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_key_of_the_number_words_block_is_typed_as_written(code: str) -> None:
    """Each key of the file's ``number_words`` is the field of that name, value for value
    and in the file's order; a key the file lacks is empty."""
    block = _file(code).get("number_words") or {}
    words = language(code).number_words
    assert block, code
    for f in fields(NumberWords):
        held = getattr(words, f.name)
        if f.name in block:
            want = _typed(block[f.name])
            assert (dict(held) if isinstance(want, dict) else held) == want, (code, f.name)
            if isinstance(want, dict):
                assert list(held) == list(want), (code, f.name)  # the first form listed wins
        else:
            assert not held, (code, f.name)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_other_blocks_are_the_files(code: str) -> None:
    data, lang = _file(code), language(code)
    times = data.get("times")
    assert lang.times == (None if times is None else Times(
        **{key: _typed(times.get(key, [])) for key in ("separators", "am", "pm", "hours", "minutes")}))
    decades = data.get("decades")
    assert lang.decades == (None if decades is None else Decades(_typed(decades["words"]),
                                                                 _typed(decades["after"])))
    assert lang.range_connectors == _typed(data["ranges"]["connectors"])
    named = data["numbers_in_names"]
    assert lang.numbers_in_names == NumbersInNames(_typed(named["names"]), _typed(named.get("references", [])))
    forms = data["import"]
    assert lang.import_forms == ImportForms(*(_typed(forms[key]) for key in ("agenda", "session", "contents")))
    terms = data["terms"]
    assert lang.terms == TermRules(terms["match"], terms.get("ignore", ""), _typed(terms.get("skip", [])),
                                   terms.get("stemmer", ""))
    assert lang.month_names_from == _typed(data["dates"].get("month_names_from", []))


def test_what_the_stages_read() -> None:
    en, zh, ar, ru, fr = (language(c) for c in ("en", "zh", "ar", "ru", "fr"))
    assert "eleventh" in en.number_words.ordinals[11]
    assert en.number_words.scales[1000000] == ("million", "millions")
    assert (zh.number_words.digits["两"], zh.number_words.big_units["亿"]) == (2, 100000000)
    assert zh.number_words.month_suffix == "月" and en.number_words.month_suffix == ""
    assert ar.number_words.units_before_tens and not en.number_words.units_before_tens
    assert ar.number_words.month_variants[6] == ("يونيه",)
    assert "ый" in ru.number_words.stem_endings
    assert en.times is not None and en.times.pm == ("p.m.", "pm") and en.times.separators == (":", ".")
    assert zh.decades == Decades(("十年",), ("个", "前", "头", "初", "国际", "行动"))
    assert en.decades is None
    assert "至" in zh.range_connectors
    assert fr.numbers_in_names.references and not en.numbers_in_names.references
    assert en.import_forms.contents == ("Contents",)
    assert zh.import_forms.session == ("第{n}届会议", "第{n}届特别会议")
    assert en.terms == TermRules("words", "", ("a", "an", "the", "of"), "english")
    assert zh.terms == TermRules("substring")
    assert ar.month_names_from == ("ar_SY", "ar_EG")


def test_the_blocks_cannot_be_changed() -> None:
    en = language("en")
    with pytest.raises(FrozenInstanceError):
        en.terms.match = "substring"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        en.number_words = NumberWords()  # type: ignore[misc]
    with pytest.raises(TypeError):
        en.number_words.cardinals[1] = ("won",)  # type: ignore[index]
    with pytest.raises(TypeError):
        language("zh").number_words.digits["〇"] = 1  # type: ignore[index]


@pytest.mark.parametrize(("code", "pattern", "replacement", "key", "problem"), [
    ("en", r"^  cardinals:", "  cardinal:", "number_words", "unknown keys ['cardinal']"),
    ("en", r"^    11: \[eleven\]", "    eleven: [eleven]", "number_words.cardinals",
     "'eleven' is not a whole number"),
    ("en", r"^    11: \[eleven\]", "    11: []", "number_words.cardinals.11", "expected a non-empty list"),
    ("en", r'^  connectors: \["-", and\]', '  connectors: "-"', "number_words.connectors",
     "expected a non-empty list"),
    ("en", r'^  connectors: \["-", and\]', '  connectors: ["-", ""]', "number_words.connectors[1]",
     "expected non-empty text"),
    ("ar", r"^  units_before_tens: true", "  units_before_tens: often", "number_words.units_before_tens",
     "expected a bool"),
    ("ar", r"^    6: \[يونيه\]", "    13: [يونيه]", "number_words.month_variants", "13 is not a month (1-12)"),
    ("zh", r"一: 1,", "一: one,", "number_words.digits.一", "expected a int"),
    ("zh", r"^  month_suffix: 月", "  month_suffix: [月]", "number_words.month_suffix", "expected non-empty text"),
    ("en", r"^  contents: \[Contents\]", "  contents: []", "import.contents", "expected a non-empty list"),
    ("en", r"^  contents: \[Contents\]", "  content: [Contents]", "import", "unknown keys ['content']"),
])
def test_a_malformed_block_is_named_when_the_file_is_loaded(
        tmp_path: Path, code: str, pattern: str, replacement: str, key: str, problem: str) -> None:
    path = edited_data_file(tmp_path, code, pattern, replacement)
    with pytest.raises(DataFileError) as info:
        load_language_file(path)
    assert (info.value.key, info.value.problem) == (key, problem)
    assert str(info.value) == f"{path}: {key}: {problem}"


def test_a_file_loaded_from_a_path_carries_its_own_blocks(tmp_path: Path) -> None:
    """The stages read the Language they are given: a data file's edited forms are what
    the importer recognises, with no second reading of the packaged file."""
    path = edited_data_file(tmp_path, "en", r"^  contents: \[Contents\]", "  contents: [Table of contents, Index]")
    lang = load_language_file(path)
    assert lang.import_forms.contents == ("Table of contents", "Index")
    assert contents_line("TABLE OF CONTENTS", lang) and contents_line("Index", lang)
    assert not contents_line("Contents", lang)
    assert contents_line("Contents", language("en")) and not contents_line("Index", language("en"))
    assert agenda_line("Agenda item 119 (b)", lang) and session_line("Fifty-sixth session", lang)


def test_no_stage_reads_the_parsed_file() -> None:
    """Only the loader sees a language file's parsed YAML: no module imports it."""
    package = Path(reportgen.__file__).parent
    private = {"raw_data", "_raw", "_read"}
    for source in sorted(package.rglob("*.py")):
        if source == package / "l10n" / "loader.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("loader"):
                names = {alias.name for alias in node.names} & private
                assert not names, f"{source.relative_to(package)}:{node.lineno} imports {sorted(names)}"
            if isinstance(node, ast.Attribute) and node.attr in {"raw_data", "_raw"}:
                pytest.fail(f"{source.relative_to(package)}:{node.lineno} reads .{node.attr}")
