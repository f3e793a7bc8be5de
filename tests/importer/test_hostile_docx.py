"""Word files from outside, made to hurt (issue 21): every one ends in a located one-line
error with exit 2 and nothing written, or in a correct import with warnings naming the
place — never an internal error, a hang, or a run past 1 GB.

Each file is built part by part (``tests/importer/wordml.py``: python-docx writes only
valid files) and imported by the CLI in a subprocess under an address-space limit of
1 GB and a timeout (``tests/support/attacks.run_limited``), with its temporary folder in
the test's own, so that a scratch file left behind is seen.

The files are deliberately invalid Word files and the import writes no DOCX, so they sit
in a folder of ``tmp_path_factory`` (``work``), not under ``tmp_path``, whose DOCX files
the suite validates against the OOXML schemas.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reportgen.source.reader import read_document
from tests.importer.wordml import declare_size, footnotes, inflating_to, note_ref, numbering, para, word_file
from tests.support.attacks import GB, Run, leftovers, run_limited

MASTHEAD = "".join(para(t) for t in (
    "United Nations", "A/AC.9/2021/L.4", "General Assembly", "Distr.: General", "7 September 2021",
    "Original: English", "Report of the Expert Group on its first meeting"))
FIRST = para("1. The Committee met.")  # paragraph 8: the masthead has 7
AT = 9  # the paragraph each test's hostile paragraph is, after FIRST
FRONT = ("---\nsymbol: A/AC.9/2021/L.4\ndistribution: general\ndate: 2021-09-07\nlanguage: en\noriginal: en\n"
         "organ: General Assembly\ntitle: Report of the Expert Group on its first meeting\n---\n\n"
         "1. The Committee met.\n\n")
DTD_REFUSED = ("XML with a DTD is not accepted: remove the <!DOCTYPE …> declaration "
               "(reportgen reads no DTD and no entities)")
LIST_FIX = "Word numbers a list up to 32,767; set the list's number in Word (Set Numbering Value) to the one it should show"
LAUGHS = ('<!DOCTYPE w:footnotes [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
          '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
          '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">'
          '<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>')


@pytest.fixture
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-docx")


def _import(work: Path, source: Path) -> Run:
    scratch = work / "tmp"
    scratch.mkdir(exist_ok=True)
    run = run_limited("import", source, "--lang", "en", "-o", work / "report", memory=GB, timeout=60,
                      env={"TMPDIR": str(scratch)})
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    assert leftovers(scratch) == []  # the read-back's scratch folder is gone
    return run


def refused(work: Path, source: Path, line: str) -> None:
    """The import of ``source`` ends with exactly ``line`` on stderr, exit 2, nothing written."""
    run = _import(work, source)
    assert (run.code, run.out, run.lines) == (2, "", [line])
    assert not (work / "report").exists()
    assert sorted(p.name for p in work.iterdir()) == sorted([source.name, "tmp"])


def imported(work: Path, source: Path, warnings: list[str]) -> str:
    """The import of ``source`` succeeds with exactly ``warnings`` (each after
    ``FILE: warning: ``); the version written reads back without an error. Its text."""
    run = _import(work, source)
    target = work / "report" / "en.md"
    assert (run.code, run.out, run.lines) == (0, f"{target}\n", [f"{source}: warning: {w}" for w in warnings])
    doc, found = read_document(target)
    assert doc is not None and [d for d in found if d.severity == "error"] == [], found
    return target.read_text(encoding="utf-8")


def body(*paragraphs: str) -> str:
    return MASTHEAD + FIRST + "".join(paragraphs)


# -- the zip package -----------------------------------------------------------------------

def test_a_part_declaring_3_gb_is_refused_by_its_declared_size(work: Path) -> None:
    source = word_file(work / "big.docx", body(para("2. Text.")), parts={"word/media/image1.png": b"x" * 1000})
    declare_size(source, "word/media/image1.png", 3 * GB)
    refused(work, source, f"{source}: its part word/media/image1.png is 3,072 MB, "
                          "over the Word package part size limit of 64 MB")


def test_a_zip_bomb_lying_about_its_size_is_refused_unread(work: Path) -> None:
    """100 MB of zeros declared as 1,000 bytes: inflated in chunks, stopped where the
    declared size ends (its checksum then fails), never held."""
    source = inflating_to(work / "bomb.docx", "word/media/image1.png", 100 << 20, body(para("2. Text.")))
    refused(work, source, f"{source}: not a readable Word file: its part word/media/image1.png is damaged "
                          "(Bad CRC-32 for file 'word/media/image1.png')")


def test_parts_declaring_more_than_the_package_limit_together_are_refused(work: Path) -> None:
    names = [f"word/media/image{k}.png" for k in range(5)]
    source = word_file(work / "parts.docx", body(para("2. Text.")), parts={n: b"x" * 1000 for n in names})
    for name in names:
        declare_size(source, name, 60 << 20)
    refused(work, source, f"{source}: its parts come to 300 MB, over the Word package size limit of 256 MB")


def test_a_package_of_too_many_entries_is_refused(work: Path) -> None:
    source = word_file(work / "many.docx", body(para("2. Text.")))
    with zipfile.ZipFile(source, "a") as z:
        for k in range(10_001):
            z.writestr(f"customXml/item{k}.xml", b"")
    refused(work, source, f"{source}: the file holds 10,005 entries, "
                          "over the Word package entry count limit of 10,000 entries")


# -- list numbering ------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "fmt", "said"), [
    ("1000000000000", "lowerRoman", "is 1,000,000,000,000"),  # was MemoryError: 10¹² "m"s
    ("100000000000", "lowerLetter", "is 100,000,000,000"),    # was 60 s of letters
    ("9" * 4300, "decimal", "has more than 18 digits"),       # was ValueError (int of 4,300 digits)
    ("-" + "9" * 5000, "upperRoman", "has more than 18 digits"),
    ("-40000", "decimal", "is -40,000"),
], ids=["roman-1e12", "letters-1e11", "4300-digits", "negative-5000-digits", "negative"])
def test_a_list_starting_past_words_maximum_is_refused_at_its_paragraph(work: Path, start: str, fmt: str,
                                                                         said: str) -> None:
    source = word_file(work / "list.docx", body(para("Item", num=(1, 0))),
                       parts={"word/numbering.xml": numbering(start, fmt)})
    refused(work, source, f"{source}: paragraph {AT}: its list number {said}, over the list numbering limit "
                          f"of 32,767: {LIST_FIX}")


def test_a_list_counting_past_words_maximum_is_refused_where_it_passes(work: Path) -> None:
    source = word_file(work / "list.docx", body(para("Item", num=(1, 0)), para("Item", num=(1, 0))),
                       parts={"word/numbering.xml": numbering("32767", "lowerRoman")})
    refused(work, source, f"{source}: paragraph {AT + 1}: its list number is 32,768, over the list numbering "
                          f"limit of 32,767: {LIST_FIX}")


def test_a_list_number_text_of_thousands_of_placeholders_is_refused(work: Path) -> None:
    source = word_file(work / "list.docx", body(para("Item", num=(1, 0))),
                       parts={"word/numbering.xml": numbering("1", "decimal", "%1." * 5000)})
    refused(work, source, f"{source}: paragraph {AT}: its list number's text (w:lvlText) is 15,000 characters, "
                          "over the list number text limit of 100 characters: Word's list numbers are a few "
                          "characters; give the list a number format in Word (Define New Number Format)")


def test_a_list_level_past_words_nine_is_no_list(work: Path) -> None:
    """``w:ilvl`` 10¹² (or 4,300 digits) names no level: the paragraph is read as text."""
    source = word_file(work / "list.docx", body(para("2. Item.", num=(1, 10 ** 12)),
                                                para("3. Item.", num=(1, int("9" * 30)))),
                       parts={"word/numbering.xml": numbering("1")})
    assert imported(work, source, []) == FRONT + "2. Item.\n\n3. Item.\n"


# -- footnotes -----------------------------------------------------------------------------

def test_a_footnote_referencing_itself_is_read_once(work: Path) -> None:
    """Was RecursionError: the note's own reference is left out, with a warning."""
    source = word_file(work / "note.docx", body(para("2. It adopted the report.", inner=note_ref(1))),
                       parts={"word/footnotes.xml": footnotes({1: para("See the note.", inner=note_ref(1))})})
    text = imported(work, source, [f"paragraph {AT}: a footnote reference inside a footnote (footnote 1) is "
                                   "left out: notes cannot hold notes"])
    assert text == FRONT + "2. It adopted the report.[^1]\n\n[^1]: See the note.\n"


def test_footnotes_referencing_each_other_and_one_referenced_twice_are_each_read_once(work: Path) -> None:
    notes = {1: para("First note.", inner=note_ref(2)), 2: para("Second note.", inner=note_ref(1))}
    source = word_file(work / "notes.docx",
                       body(para("2. One.", inner=note_ref(1)), para("3. Two.", inner=note_ref(2)),
                            para("4. Again.", inner=note_ref(1))),
                       parts={"word/footnotes.xml": footnotes(notes)})
    text = imported(work, source, [
        f"paragraph {AT}: a footnote reference inside a footnote (footnote 2) is left out: notes cannot hold notes",
        f"paragraph {AT + 1}: a footnote reference inside a footnote (footnote 1) is left out: notes cannot hold "
        "notes",
        f"paragraph {AT + 2}: footnote 1 is referenced again: a note is imported once, at its first reference"])
    assert text == FRONT + ("2. One.[^1]\n\n3. Two.[^2]\n\n4. Again.\n\n"
                            "[^1]: First note.\n\n[^2]: Second note.\n")


def test_a_footnote_the_source_format_cannot_hold_formatted_keeps_its_text_once(work: Path) -> None:
    """Found by make fuzz (10,000 examples): a footnote whose superscript holds what
    ``^…^`` cannot (a footnote call's look, ``[^1]``) was exit 3; then its text was
    copied into the paragraph. Its text is kept once, in the note, unformatted, with a
    warning."""
    note = '<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t xml:space="preserve">[^1] </w:t></w:r>' \
           '<w:r><w:t>below</w:t></w:r></w:p>'
    source = word_file(work / "note.docx", body(para("2. Text.", inner=note_ref(1))),
                       parts={"word/footnotes.xml": footnotes({1: note})})
    text = imported(work, source, [f"paragraph {AT}: the source format cannot express it (a superscript or "
                                   "subscript cannot hold '[^1] '); imported as plain text"])
    assert text == FRONT + "2. Text.[^1]\n\n[^1]: [\\^1] below\n"


@pytest.mark.parametrize("prolog", [
    LAUGHS,  # a billion laughs
    '<!DOCTYPE w:footnotes [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # an external entity (XXE)
    '<!DOCTYPE w:footnotes [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>',  # a parameter entity
], ids=["billion-laughs", "xxe", "parameter-entity"])
def test_entities_in_the_footnotes_are_refused_at_their_line(work: Path, prolog: str) -> None:
    source = word_file(work / "notes.docx", body(para("2. Text.", inner=note_ref(1))),
                       parts={"word/footnotes.xml": footnotes({1: para("Note.")})},
                       prolog={"word/footnotes.xml": prolog})
    refused(work, source, f"{source} (word/footnotes.xml):2: {DTD_REFUSED}")


def test_an_entity_reference_without_a_dtd_is_refused_at_its_line(work: Path) -> None:
    source = word_file(work / "notes.docx", body(para("2. Text.", inner=note_ref(1))),
                       parts={"word/footnotes.xml": footnotes({1: '<w:p><w:r><w:t>&x;</w:t></w:r></w:p>'})})
    refused(work, source, f"{source} (word/footnotes.xml):2: not well-formed XML: Entity 'x' not defined")


def test_a_part_nothing_reads_is_never_parsed(work: Path) -> None:
    """The settings part holds a billion laughs; the importer does not read settings."""
    settings = "<?xml version=\"1.0\"?>\n" + LAUGHS.replace("w:footnotes", "w:settings") + "\n<w:settings>&i;</w:settings>"
    source = word_file(work / "settings.docx", body(para("2. Text.")), parts={"word/settings.xml": settings})
    assert imported(work, source, []) == FRONT + "2. Text.\n"


# -- XML size ------------------------------------------------------------------------------

def test_the_document_nested_past_the_depth_limit_is_refused_at_its_line(work: Path) -> None:
    nested = "<w:sdt><w:sdtContent>" * 60 + para("2. Text.") + "</w:sdtContent></w:sdt>" * 60
    source = word_file(work / "deep.docx", body(nested))
    refused(work, source, f"{source} (word/document.xml):2: elements are nested 101 deep here, "
                          "over the XML nesting depth limit of 100 levels")


def test_a_document_of_over_a_million_elements_is_refused_at_its_line(work: Path) -> None:
    source = word_file(work / "wide.docx", body("<w:p/>" * 1_000_000))
    refused(work, source, f"{source} (word/document.xml):2: the file holds over 1,000,000 elements, "
                          "over the XML element count limit of 1,000,000 elements")


# -- what the importer writes must read back ----------------------------------------------

def test_control_characters_in_a_link_address_are_left_out_with_a_warning(work: Path) -> None:
    link = '<w:hyperlink r:id="rIdL1"><w:r><w:t>the site</w:t></w:r></w:hyperlink>'
    source = word_file(work / "link.docx", body(para("2. See ", inner=link)),
                       links={"rIdL1": "https://www.un.org/a&#x7F;b&#x85;c&#xA;d"})
    text = imported(work, source, [
        f"paragraph {AT}: in a link's address: the character U+000A (a control character) is left out: "
        "a report cannot hold it",
        f"paragraph {AT}: in a link's address: the character U+007F (a control character) is left out: "
        "a report cannot hold it",
        f"paragraph {AT}: in a link's address: the character U+0085 (a control character) is left out: "
        "a report cannot hold it"])
    assert text == FRONT + "2. See [the site](https://www.un.org/abcd)\n"


def test_a_bookmark_name_holding_source_syntax_becomes_a_valid_label(work: Path) -> None:
    """``} {#b) [^1]`` in a bookmark was written into ``{#…}``, which did not read back."""
    mark = '<w:bookmarkStart w:id="1" w:name="_Ref_x} {#b) [^1]"/><w:bookmarkEnd w:id="1"/>'
    link = '<w:hyperlink w:anchor="_Ref_x} {#b) [^1]"><w:r><w:t>paragraph 2</w:t></w:r></w:hyperlink>'
    source = word_file(work / "mark.docx", body(para("2. Text.", inner=mark), para("3. See ", inner=link)))
    text = imported(work, source, [f"paragraph {AT}: the bookmark «_Ref_x}} {{#b) [^1]» is not a label name: "
                                   "it is imported as {#x-b-1}"])
    assert text == FRONT + "2. {#x-b-1} Text.\n\n3. See @x-b-1\n"


def test_a_bookmark_name_that_gives_no_label_is_left_out_with_a_warning(work: Path) -> None:
    """A label is Latin letters, digits and hyphens: a Chinese bookmark name gives none."""
    mark = '<w:bookmarkStart w:id="1" w:name="_Ref_会议"/><w:bookmarkEnd w:id="1"/>'
    source = word_file(work / "mark.docx", body(para("2. Text.", inner=mark)))
    text = imported(work, source, [f"paragraph {AT}: the bookmark «_Ref_会议» gives no label name: "
                                   "the paragraph is imported without a label"])
    assert text == FRONT + "2. Text.\n"


def test_c1_controls_and_non_characters_in_text_are_left_out_with_a_warning(work: Path) -> None:
    source = word_file(work / "chars.docx", body(para("2. It adopted\u0085 the report\ufdd0 on\U0010ffff "
                                                      "Friday\u009b.")))
    text = imported(work, source, [
        f"paragraph {AT}: the character U+{code} ({kind}) is left out: a report cannot hold it"
        for code, kind in (("0085", "a control character"), ("009B", "a control character"),
                           ("FDD0", "a non-character"), ("10FFFF", "a non-character"))])
    assert text == FRONT + "2. It adopted the report on Friday.\n"


def test_a_footnote_left_with_no_text_is_left_out_with_a_warning(work: Path) -> None:
    """A note holding only a character no report may hold: an empty note cannot be
    written (found by the import property, tests/importer/test_fuzz_docx.py: exit 3)."""
    source = word_file(work / "note.docx", body(para("2. It adopted the report.", inner=note_ref(1))),
                       parts={"word/footnotes.xml": footnotes({1: para("\u0085")})})
    text = imported(work, source, [
        f"paragraph {AT}: the character U+0085 (a control character) is left out: a report cannot hold it",
        f"paragraph {AT}: footnote 1 has no text: it is left out"])
    assert text == FRONT + "2. It adopted the report.\n"
