"""bench/generate.py: the large-report generator behind `make bench`.

Most checks read the generated Markdown with regexes, so they hold whatever the reader
does; the last ones run the real reader, check and align on it."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bench.generate import EDIT_EVERY, EDITED, LANGS, edit, generate, load_bank
from reportgen.source import SHARED_KEYS

N, START = 30, 101

PARAGRAPH = re.compile(r"^(\d+)\. ", re.M)
LABEL = re.compile(r"\{#([A-Za-z][\w.:-]*)\}")
REFERENCE = re.compile(r"(?<![A-Za-z0-9_@/.])@([A-Za-z][\w-]*)")
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^(\d+)\]: ", re.M)
SCRIPTS = {"ar": r"[\u0600-\u06FF]", "ru": r"[А-Яа-яЁё]", "zh": r"[\u4E00-\u9FFF]",
           "en": r"\bthe\b", "fr": r"\b(?:les|des)\b", "es": r"\b(?:los|las)\b"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "report"
    generate(out, N, seed=0, start=START)
    return out


def texts(directory: Path) -> dict[str, str]:
    return {lang: (directory / f"{lang}.md").read_text(encoding="utf-8") for lang in LANGS}


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    block = text.split("---\n", 2)[1]
    return YAML(typ="safe").load(StringIO(block))


def body(text: str) -> str:
    return text.split("---\n", 2)[2]


def test_six_files_with_front_matter_identical_in_shared_keys(report: Path) -> None:
    assert sorted(p.name for p in report.glob("*.md")) == [f"{lang}.md" for lang in LANGS]
    metas = {lang: front_matter(t) for lang, t in texts(report).items()}
    for lang, meta in metas.items():
        assert meta["language"] == lang
        assert {"symbol", "distribution", "date", "original", "title", "organ"} <= set(meta)
    for key in SHARED_KEYS:
        assert len({repr(meta.get(key)) for meta in metas.values()}) == 1, key


def test_paragraphs_numbered_consecutively_from_the_start_in_every_language(report: Path) -> None:
    for lang, text in texts(report).items():
        numbers = [int(n) for n in PARAGRAPH.findall(body(text))]
        assert numbers == list(range(START, START + N)), lang


def test_same_structure_in_every_language(report: Path) -> None:
    """Headings, labels, references, footnotes and sub-items line up version by version."""

    def shape(text: str) -> list[str]:
        out = []
        for line in body(text).splitlines():
            if line.startswith("#"):
                out.append(line.split(" ", 1)[0] + " " + " ".join(LABEL.findall(line)))
            elif PARAGRAPH.match(line) or line.lstrip().startswith("("):
                marker = line.split(" ", 1)[0] if PARAGRAPH.match(line) else line[: len(line) - len(line.lstrip()) + 4]
                out.append(f"{marker} {LABEL.findall(line)} {REFERENCE.findall(line)} {FOOTNOTE_REF.findall(line)}")
            elif FOOTNOTE_DEF.match(line):
                out.append(f"note {FOOTNOTE_DEF.match(line).group(1)} {REFERENCE.findall(line)}")
        return out

    shapes = {lang: shape(t) for lang, t in texts(report).items()}
    assert len(shapes["en"]) > N
    for lang in LANGS:
        assert shapes[lang] == shapes["en"], lang


def test_chapters_and_sub_headings(report: Path) -> None:
    text = texts(report)
    assert re.search(r"^# I\. ", text["en"], re.M) and re.search(r"^## A\. ", text["en"], re.M)
    assert re.search(r"^# 一\. ", text["zh"], re.M)
    assert re.search(r"^# أولا - ", text["ar"], re.M)


def test_sub_items_two_levels_under_the_paragraph_number(report: Path) -> None:
    for lang, text in texts(report).items():
        # "101. " is five characters: the items sit at its content column, level two 4 deeper
        assert re.search(r"^ {5}\(a\) \S", text, re.M), lang
        assert re.search(r"^ {5}\(b\) \S", text, re.M), lang
        assert re.search(r"^ {9}\(i\) \S", text, re.M), lang
        assert re.search(r"^ {9}\(ii\) \S", text, re.M), lang


def test_indent_4_writes_the_readme_layout(tmp_path: Path) -> None:
    generate(tmp_path, 12, seed=0, indent=4)
    text = (tmp_path / "en.md").read_text(encoding="utf-8")
    assert re.search(r"^ {4}\(a\) \S", text, re.M) and re.search(r"^ {8}\(i\) \S", text, re.M)


def test_footnotes_defined_at_the_end_and_numbered_in_order(report: Path) -> None:
    counts = set()
    for lang, text in texts(report).items():
        refs = [int(n) for n in FOOTNOTE_REF.findall(text)]
        defs = [int(n) for n in FOOTNOTE_DEF.findall(text)]
        assert refs and refs == defs == list(range(1, len(refs) + 1)), lang
        last_paragraph = max(m.start() for m in PARAGRAPH.finditer(text))
        assert text.index("[^1]: ") > last_paragraph, lang
        counts.add(len(refs))
    assert len(counts) == 1


def test_symbols_labels_references_emphasis_numbers_and_dates(report: Path) -> None:
    dates = {"en": "2 June 2021", "fr": "2 juin 2021", "es": "2 de junio de 2021", "ru": "2 июня 2021 года",
             "zh": "2021年6月2日", "ar": "2 حزيران/يونيه 2021"}
    for lang, text in texts(report).items():
        for symbol in ("CAC/COSP/EG.1/2021/2", "A/RES/75/1", "A/RES/S-32/1"):
            assert symbol in text, (lang, symbol)
        labels = LABEL.findall(text)
        refs = REFERENCE.findall(body(text))
        assert labels and refs, lang
        assert len(set(labels)) == len(labels), lang
        assert set(refs) <= set(labels), lang
        assert re.search(r"\*[^*\s][^*]*\*", text), lang
        assert dates[lang] in text, lang
        assert re.search(r"\d", body(text)), lang


def test_real_text_in_each_script(report: Path) -> None:
    bank = load_bank()
    assert len(bank.sentences) >= 30
    for lang, text in texts(report).items():
        assert len(re.findall(SCRIPTS[lang], text)) > 100, lang
        assert "lorem" not in text.lower()
        # paragraph texts are made of the example's sentences in that language
        first = PARAGRAPH.search(body(text))
        line = body(text)[first.end():].split("\n", 1)[0]
        assert any(s[lang] in line for s in bank.sentences), lang


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", N, seed=7)
    generate(tmp_path / "b", N, seed=7)
    generate(tmp_path / "c", N, seed=8)
    assert texts(tmp_path / "a") == texts(tmp_path / "b")
    assert texts(tmp_path / "a") != texts(tmp_path / "c")


def test_paragraph_count_and_start_are_parameters(tmp_path: Path) -> None:
    generate(tmp_path, 7, seed=1, start=1)
    for lang, text in texts(tmp_path).items():
        assert [int(n) for n in PARAGRAPH.findall(body(text))] == list(range(1, 8)), lang


# ---- through reportgen itself (the reader is being rewritten: these follow it)


def test_read_report_reads_it_without_errors(report: Path) -> None:
    from reportgen.source import read_report

    read, diagnostics = read_report(report)
    assert sorted(read.versions) == sorted(LANGS)
    assert [d for d in diagnostics if d.severity == "error"] == []


def test_check_and_align_find_no_error(report: Path, cli) -> None:
    checked = cli("check", report)
    assert checked.code == 0, checked.err
    aligned = cli("align", report)
    assert aligned.code == 0, aligned.out + aligned.err
    assert "Total: 0 errors" in aligned.out


def test_the_edited_draft_opens_every_tenth_paragraph_with_new_words(report: Path, tmp_path: Path) -> None:
    """``make bench``'s diff stage compares a report with this later draft of it."""
    edit(report, tmp_path / "edited")
    assert (tmp_path / "edited" / "documents.yaml").read_bytes() == (report / "documents.yaml").read_bytes()
    for lang, text in texts(report).items():
        lines = text.split("\n")
        changed = (tmp_path / "edited" / f"{lang}.md").read_text(encoding="utf-8").split("\n")
        assert len(changed) == len(lines)
        numbered = [k for k, line in enumerate(lines) if PARAGRAPH.match(line)]
        for count, k in enumerate(numbered):
            if count % EDIT_EVERY:
                assert changed[k] == lines[k]
            else:
                head = re.match(r"\d+\. (?:\{#[^}]*\} )?", lines[k]).group(0)
                assert changed[k] == head + EDITED[lang] + lines[k][len(head):]
        assert sum(a != b for a, b in zip(lines, changed)) == (len(numbered) + EDIT_EVERY - 1) // EDIT_EVERY


def test_the_dense_variant_has_sub_items_and_symbols_in_most_paragraphs(report: Path, tmp_path: Path) -> None:
    from reportgen.source import read_report

    dense = tmp_path / "dense"
    generate(dense, N, seed=0, start=START, dense=True)
    for lang in LANGS:
        standard_text, dense_text = texts(report)[lang], texts(dense)[lang]
        # the same paragraphs, numbered alike; far more items, symbols and footnotes
        assert PARAGRAPH.findall(dense_text) == PARAGRAPH.findall(standard_text)
        paragraphs = re.split(r"(?m)^(?=\d+\. )", body(dense_text))[1:]
        with_items = sum(bool(re.search(r"(?m)^ +\(a\) ", p)) for p in paragraphs)
        with_symbols = sum(bool(re.search(r"A/RES/(?:\d+|S-32)/\d+", p)) for p in paragraphs)
        assert with_items >= 0.8 * N and with_symbols >= 0.5 * N, (lang, with_items, with_symbols)
        # distinct symbols, not one cited again and again: one per paragraph citing a resolution
        distinct = set(re.findall(r"A/RES/\d+/\d+", dense_text))
        assert len(distinct) >= 0.4 * N, (lang, len(distinct))
        assert len(FOOTNOTE_DEF.findall(dense_text)) > len(FOOTNOTE_DEF.findall(standard_text))
    _, diagnostics = read_report(dense)
    assert [d for d in diagnostics if d.severity == "error"] == []
