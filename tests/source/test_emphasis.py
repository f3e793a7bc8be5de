"""Emphasis as authors type it: the CJK-friendly flanking rules (``source/emphasis.py``),
unmatched delimiters and an ``@`` that starts no label said as warnings at their line.

The rule is tested on the examples of the specification's repository
(tats-u/markdown-cjk-friendly, ``testcases/*.md`` and their expected HTML), on the
issue's sentences, and against markdown-it-py itself wherever no CJK character is
involved (the specification must then be CommonMark exactly).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportgen import model as m
from reportgen.render.markdown import WriteError, normalize, write_inlines
from reportgen.source.emphasis import UNMATCHED, cjk_friendly_emphasis, is_cjk
from reportgen.source.inline import InlineReader
from reportgen.source.reader import read_document

CJK = MarkdownIt("commonmark").use(cjk_friendly_emphasis)
COMMONMARK = MarkdownIt("commonmark")


def _html(tokens: list[Token]) -> str:
    """Inline tokens as the HTML markdown-it would give (text unescaped, which is enough here)."""
    out = []
    for t in tokens:
        if t.type in ("text", UNMATCHED):
            out.append(t.content)
        elif t.type.endswith("_open"):
            out.append(f"<{t.tag}>")
        elif t.type.endswith("_close"):
            out.append(f"</{t.tag}>")
        elif t.type == "code_inline":
            out.append(f"<code>{t.content}</code>")
        elif t.type == "softbreak":
            out.append("\n")
        else:
            out.append(t.content)
    return "".join(out)


def cjk(src: str) -> str:
    return _html(CJK.parseInline(src, {})[0].children or [])


# ------------------------------------------------------------ the specification's examples

SPEC_CASES = [
    # testcases/strong.md
    ("これは**私のやりたかったこと。**だからするの。", "これは<strong>私のやりたかったこと。</strong>だからするの。"),
    ("**これは太字になりません。**ご注意ください。", "<strong>これは太字になりません。</strong>ご注意ください。"),
    ("カッコに注意**（太字にならない）**文が続く場合に要警戒。",
     "カッコに注意<strong>（太字にならない）</strong>文が続く場合に要警戒。"),
    ("税込**¥10,000**で入手できます。", "税込<strong>¥10,000</strong>で入手できます。"),
    ("正解は**④**です。", "正解は<strong>④</strong>です。"),
    ("太郎は**「こんにちわ」**といった", "太郎は<strong>「こんにちわ」</strong>といった"),
    ('太郎は**"Hello"**といった', '太郎は<strong>"Hello"</strong>といった'),
    ("太郎は**「Oh my god」**といった", "太郎は<strong>「Oh my god」</strong>といった"),
    ("**C#**や**F#**は**「.NET」**というプラットフォーム上で動作します。",
     "<strong>C#</strong>や<strong>F#</strong>は<strong>「.NET」</strong>というプラットフォーム上で動作します。"),
    ("IDが**００１号**になります。", "IDが<strong>００１号</strong>になります。"),
    ("Go**「初心者」**を対象とした記事です。", "Go<strong>「初心者」</strong>を対象とした記事です。"),
    ("**真，**她", "<strong>真，</strong>她"),
    ("**真。**她", "<strong>真。</strong>她"),
    ("**真”**她", "<strong>真”</strong>她"),
    ("真**（她**", "真<strong>（她</strong>"),
    ("真**《她**", "真<strong>《她</strong>"),
    ("**真》**她", "<strong>真》</strong>她"),
    ("**真-**她", "<strong>真-</strong>她"),
    ("**真，** 她", "<strong>真，</strong> 她"),
    ("**真**，她", "<strong>真</strong>，她"),
    ("**さようなら︙**と太郎はいった。", "<strong>さようなら︙</strong>と太郎はいった。"),
    (".NET**（.NET Frameworkは不可）**では、", ".NET<strong>（.NET Frameworkは不可）</strong>では、"),
    ("Git**（注：不是GitHub）**", "Git<strong>（注：不是GitHub）</strong>"),
    ("𰻞𰻞**(ビャンビャン)**麺", "𰻞𰻞<strong>(ビャンビャン)</strong>麺"),  # a Han character beyond the BMP
    ("﨑**(崎)**", "﨑<strong>(崎)</strong>"),
    ("**推荐几个框架：**React、Vue等前端框架。", "<strong>推荐几个框架：</strong>React、Vue等前端框架。"),
    # an ideographic variation selector (U+E0100) after a Han character
    ("葛\U000e0100**(こちらが正式表記)**城市", "葛\U000e0100<strong>(こちらが正式表記)</strong>城市"),
    # a standardized variation selector (U+FE00) belongs to the character before it
    ("大塚\ufe00**(U+585A U+FE00)** 大塚**(U+FA10)**",
     "大塚\ufe00<strong>(U+585A U+FE00)</strong> 大塚<strong>(U+FA10)</strong>"),
    ("〽\ufe0e**(庵点)**は、", "〽\ufe0e<strong>(庵点)</strong>は、"),
    # fullwidth forms of quotation marks (U+201C U+FE01) are CJK punctuation
    ("**\u201c\ufe01Git\u201d\ufe01**Hub", "<strong>\u201c\ufe01Git\u201d\ufe01</strong>Hub"),
    # testcases/korean.md
    ("**스크립트(script)**라고", "<strong>스크립트(script)</strong>라고"),
    ("ᅡ**(a)**", "ᅡ<strong>(a)</strong>"),  # a Hangul vowel of East Asian Width N
    # testcases/pseudo-emoji.md: CJK symbols that are also emoji, but not by default presentation
    ("a**〰**a", "a<strong>〰</strong>a"),
    ("a**🈂**a", "a<strong>🈂</strong>a"),
    ("a**㊙**a", "a<strong>㊙</strong>a"),
    # testcases/underscore-cjk-punct.md
    ("__注意__：注意事項", "<strong>注意</strong>：注意事項"),
    ("注意：__注意事項__", "注意：<strong>注意事項</strong>"),
    ("正體字。\ufe01_Traditional._", "正體字。\ufe01<em>Traditional.</em>"),
    ("简体字 / 新字体。\ufe00__Mainland China or Japan.__", "简体字 / 新字体。\ufe00<strong>Mainland China or Japan.</strong>"),
]

# Non-CJK punctuation and emoji next to the run: CommonMark's result, no emphasis
# (testcases/non-bmp.md, emoji-default-presentation.md).
NO_EMPHASIS = ["a**a«**a", "a**»a**a", "a**a∇**a", "a**∇a**a", "a**a𝜵**a", "a**𝜵a**a", "a**𐬻a**a",
               "a**a𐬻**a", "a**a🈯**a", "a**⭕a**a", "a**a❌**a"]


@pytest.mark.parametrize(("src", "html"), SPEC_CASES)
def test_the_specifications_examples(src: str, html: str) -> None:
    assert cjk(src) == html


@pytest.mark.parametrize("src", NO_EMPHASIS)
def test_non_cjk_punctuation_and_emoji_stay_commonmark(src: str) -> None:
    assert cjk(src) == src
    assert "<strong>" not in COMMONMARK.renderInline(src)


@pytest.mark.parametrize(("src", "html"), [
    ("出版的*《追回资产案件摘要》*。", "出版的<em>《追回资产案件摘要》</em>。"),
    ("**「重要」**です", "<strong>「重要」</strong>です"),
    ("毒品和犯罪问题办公室，*《追回资产案件摘要》*（2015年，维也纳）。",
     "毒品和犯罪问题办公室，<em>《追回资产案件摘要》</em>（2015年，维也纳）。"),
    ("a*b*c", "a<em>b</em>c"),
    ("*foo*bar", "<em>foo</em>bar"),
    ("foo*bar*", "foo<em>bar</em>"),
    ("5 * 3 * 2", "5 * 3 * 2"),
    ("snake_case_name", "snake_case_name"),
    ("中_文_字", "中_文_字"),  # "_" inside a word stays text in Chinese too
])
def test_the_issues_sentences(src: str, html: str) -> None:
    assert cjk(src) == html


@pytest.mark.parametrize(("char", "expected"), [
    ("中", True), ("。", True), ("《", True), ("（", True), ("ア", True), ("가", True), ("ᅡ", True),
    ("〰", True), ("〽", True), ("🈂", True), ("🈷", True), ("㊗", True), ("㊙", True),  # implementers-tips.md
    ("\U00031350", True),  # CJK Extension H, unassigned in Python 3.11's Unicode data
    ("\u4dc0", True),  # a hexagram: wide since Unicode 16
    ("🈯", False), ("⭕", False), ("❌", False), ("😀", False),  # default emoji presentation
    ("a", False), ("é", False), ("ж", False), ("ع", False), ("«", False), ("“", False), ("\u0378", False),
])
def test_cjk_characters(char: str, expected: bool) -> None:
    assert is_cjk(char) is expected


# Text with no CJK character, variation selector or emoji: every run of delimiters must
# parse exactly as markdown-it-py's CommonMark parses it.
_NON_CJK = st.lists(st.sampled_from(list("ab é1 *_.,;:!?()[]\"'-«»ж\u0639\u00a0\t\\\n") + ["**", "__", "word"]),
                    min_size=1, max_size=12).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(src=_NON_CJK)
def test_without_cjk_the_rule_is_commonmark(src: str) -> None:
    assert cjk(src) == _html(COMMONMARK.parseInline(src, {})[0].children or [])


def test_unmatched_runs_are_marked_and_matched_ones_are_not() -> None:
    tokens = CJK.parseInline("***foo* a *b c* d_ 5 * 3", {})[0].children or []
    assert [(t.content, t.meta) for t in tokens if t.type == UNMATCHED] == [
        ("**", {"open": True, "close": False, "hidden": None}), ("_", {"open": False, "close": True, "hidden": None})]


def test_a_marker_beside_an_invisible_character_is_marked() -> None:
    """CommonMark counts U+200B as a letter: "\u200b_em_" is no emphasis, invisibly."""
    tokens = CJK.parseInline("a \u200b_em_ b", {})[0].children or []
    assert [(t.content, t.meta) for t in tokens if t.type == UNMATCHED] == [
        ("_", {"open": False, "close": False, "hidden": "\u200b"}), ("_", {"open": False, "close": True, "hidden": None})]


# ------------------------------------------------------------ through the command line

HEAD = ("---\nsymbol: A/AC.1/2024/L.1\ndistribution: limited\ndate: 2024-03-01\nlanguage: {lang}\n"
        "original: {lang}\norgan: Committee\ntitle: Draft report\n---\n\n")  # the body starts at line 11


def _report(tmp_path: Path, lang: str, body: str) -> Path:
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    (folder / f"{lang}.md").write_text(HEAD.format(lang=lang) + body, encoding="utf-8")
    return folder / f"{lang}.md"


def _built(cli, tmp_path: Path, lang: str, body: str) -> tuple[Path, list[str]]:
    """Build a one-version report; the stderr lines (warnings) and the DOCX."""
    source = _report(tmp_path, lang, body)
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [str(tmp_path / "out" / f"{lang}.docx")]
    return tmp_path / "out" / f"{lang}.docx", result.err.splitlines()


def _asterisk(what: str) -> str:
    return f"{what}: to print an asterisk, write \\*"


STAR_OPENS = _asterisk("warning: '*' opens no emphasis (no closing '*' in this paragraph)")
STAR_CLOSES = _asterisk("warning: '*' closes no emphasis (no opening '*' before it in this paragraph)")
STAR_EITHER = _asterisk("warning: '*' starts or ends no emphasis (no matching '*' in this paragraph)")


def _at(word: str) -> str:
    return (f"warning: '{word}' is not a reference: a label starts with a letter of any script but Chinese, "
            "as in {#name} and @name; to print '@' here, write \\@")


# (language, body, expected stderr of `build` after "PATH:")
BUILD_CASES: dict[str, tuple[str, str, list[str]]] = {
    "zh title in emphasis, no warning": ("zh", "1. 秘书处提请注意毒品和犯罪问题办公室出版的*《追回资产案件摘要》*。\n", []),
    "zh an unclosed '*'": ("zh", "1. 这是*没有结束的强调。\n", ["11: " + STAR_EITHER]),
    "zh a stray '**' on a later line": ("zh", "1. 第一行\n   重要**。\n", [
        "12: warning: '**' starts or ends no emphasis (no matching '**' in this paragraph): "
        "to print asterisks, write \\*\\*"]),
    "zh an unopened '*' before a space": ("zh", "1. 数据* 为估计数。\n", ["11: " + STAR_CLOSES]),
    "en an unclosed '*'": ("en", "1. The *Digest was published.\n", ["11: " + STAR_OPENS]),
    "en an unopened '*' in a footnote": ("en", "1. Text.[^1]\n\n[^1]: Estimated figures for 2020*.\n",
                                         ["13: " + STAR_CLOSES]),
    "en text that is no emphasis": ("en", "1. Compute 5 * 3 * 2 in snake_case_name; write to info@un.org "
                                          "at 10 @ 5 per cent.\n", []),
    "en an escaped asterisk": ("en", "1. Figures for 2020\\* are estimates.\n", []),
    "fr an unclosed '_'": ("fr", "1. Le _Recueil d’affaires a été publié.\n", [
        "11: warning: '_' opens no emphasis (no closing '_' in this paragraph): to print an underscore, write \\_"]),
    "ar an unclosed '**'": ("ar", "1 - **ملاحظة هامة.\n", [
        "11: warning: '**' opens no emphasis (no closing '**' in this paragraph): to print asterisks, write \\*\\*"]),
}


@pytest.mark.parametrize("case", sorted(BUILD_CASES))
def test_build_warns_at_the_line(cli, tmp_path: Path, case: str) -> None:
    lang, body, expected = BUILD_CASES[case]
    docx, err = _built(cli, tmp_path, lang, body)
    source = tmp_path / "r" / f"{lang}.md"
    assert err == [f"{source}:{line}" for line in expected]
    assert docx.is_file()


def test_check_lists_the_warnings_and_counts_them(cli, tmp_path: Path) -> None:
    source = _report(tmp_path, "zh", "1. 这是*没有结束的强调。\n\n2. 见@别处，\n   又见@别处。\n\n3. 出版的*《摘要》*。\n")
    result = cli("check", source.parent)
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{source}:11: {STAR_EITHER}",
        f"{source}:13: {_at('@别处')} (2 times, first here)",
        f"{source}: info: 21 words (limit 10,700)",
        f"{source.parent}: 1 versions (zh): 0 errors, 2 warnings",
    ]


def test_an_escaped_pair_never_warns(cli, tmp_path: Path) -> None:
    source = _report(tmp_path, "en", "1. Write \\*this\\* and \\_that\\_ and \\@here.\n")
    result = cli("check", source.parent)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if "warning:" in line] == []


def test_the_chinese_title_is_read_as_emphasis(tmp_path: Path) -> None:
    source = _report(tmp_path, "zh", "1. 毒品和犯罪问题办公室，*《追回资产案件摘要》*（2015年，维也纳）。\n")
    doc, diagnostics = read_document(source)
    assert diagnostics == [] and doc is not None
    para = doc.blocks[0]
    assert isinstance(para, m.NumberedParagraph) and isinstance(para.blocks[0], m.Para)
    assert para.blocks[0].content == (m.Text("毒品和犯罪问题办公室，"), m.Emph((m.Text("《追回资产案件摘要》"),)),
                                      m.Text("（2015年，维也纳）。"))


# An "@" touching a word is printed as written (with the warning), which the source-syntax
# guard of every test DOCX would rightly flag: these cases run `check`, which writes nothing.
AT_CASES: dict[str, tuple[str, str, list[str]]] = {
    "zh before a Chinese word": ("zh", "1. 见@别处。写信给 info@un.org，10 @ 5。\n", ["11: " + _at("@别处")]),
    "en before a figure": ("en", "1. Text.\n\n2. Held @2021 in Vienna.\n", ["13: " + _at("@2021")]),
    "fr before a figure": ("fr", "1. Voir @1er paragraphe ; écrire à info@unodc.org.\n", ["11: " + _at("@1er")]),
    "ar before Arabic digits": ("ar", "1 - انظر @٢٠٢١.\n", ["11: " + _at("@٢٠٢١")]),
    "ru a long word": ("ru", "1. См. @1234567890123456.\n", ["11: " + _at("@123456789012…")]),
    "zh in a footnote": ("zh", "1. 案文。[^1]\n\n[^1]: 见@第二章。\n", ["13: " + _at("@第二章")]),
}


@pytest.mark.parametrize("case", sorted(AT_CASES))
def test_an_at_that_starts_no_label_is_a_warning(cli, tmp_path: Path, case: str) -> None:
    lang, body, expected = AT_CASES[case]
    source = _report(tmp_path, lang, body)
    result = cli("check", source.parent)
    assert result.code == 0
    lines = result.err.splitlines()
    assert [line for line in lines if ": warning: " in line] == [f"{source}:{line}" for line in expected]
    assert lines[-1] == f"{source.parent}: 1 versions ({lang}): 0 errors, 1 warning"


# ------------------------------------------------------------ the writer agrees with the reader

_PIECES = ["中文", "《", "》", "。", "，", "（", "）", "「", "」", "“", "”", "\u201c\ufe01", "a", "Digest", " ", "1",
           "*", "_", "@", "@别处", "\ufe00", "葛\U000e0100", "!", "(", ")", "-", "é", "«"]
_TEXTS = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5).map("".join).map(m.Text)


def _content(depth: int) -> st.SearchStrategy[tuple[m.Inline, ...]]:
    options: list[st.SearchStrategy[m.Inline]] = [_TEXTS]
    if depth:
        inner = _content(depth - 1)
        options += [inner.map(m.Emph), inner.map(m.Strong)]
    return st.lists(st.one_of(options), min_size=1, max_size=4).map(tuple).map(normalize)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=_content(2))
def test_emphasis_next_to_cjk_punctuation_is_written_back_as_read(content: tuple[m.Inline, ...]) -> None:
    """``render/markdown`` escapes what the CJK-friendly rule would misread: written, the
    content reads back as itself with no diagnostic (or the writer refuses it)."""
    assume(content)
    try:
        written = write_inlines(content, "zh")
    except WriteError:
        reject()
    said: list[tuple[int, str]] = []
    back = InlineReader(lambda line, msg: said.append((line, msg)), lambda name, line: None,
                        lambda line, msg: said.append((line, msg))).read([(11, written)])
    assert said == [], written
    assert back == content, written


@pytest.mark.parametrize(("content", "written"), [
    # no escape is needed any more next to Chinese punctuation
    ((m.Text("出版的"), m.Emph((m.Text("《追回资产案件摘要》"),)), m.Text("。")), "出版的*《追回资产案件摘要》*。"),
    ((m.Strong((m.Text("「重要」"),)), m.Text("です")), "**「重要」**です"),
    # Latin text as before: the closing delimiter needs its neighbour escaped
    ((m.Text("The "), m.Emph((m.Text("(Digest)"),)), m.Text("s")), "The *(Digest)*&#115;"),
    # an "@" touching a word is escaped, an e-mail address's or a lone one is not
    ((m.Text("见@别处, @1, x@un.org, 10 @ 5"),), "见\\@别处, \\@1, x@un.org, 10 @ 5"),
])
def test_the_writer_escapes_what_the_reader_would_misread(content: tuple[m.Inline, ...], written: str) -> None:
    assert write_inlines(content, "zh") == written
