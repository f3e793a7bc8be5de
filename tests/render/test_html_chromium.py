"""The HTML alignment report in a real browser (headless Chromium): the findings list
on the first screen, the pair view (the original beside one language, the page opening
on the first with findings; a view of all six on a click), the filter, sticky column
headers, and the page with scripts off and on paper. The report runs no script: the
probes below are added for the test only, with the page's Content-Security-Policy
taken out, and read what the browser displays (computed style and boxes)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html

from reportgen.render.html import render_html
from reportgen.align.result import AlignmentResult
from tests.render.test_html import ACCEPTED, FINDINGS, _expected, _finding_key, _text, result, structure  # noqa: F401
from tests.support.tools import require

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium(tmp_path: Path, html: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    chromium = require("chromium")
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, timeout=180, check=False)


def _dom(tmp_path: Path, html: str, *args: str) -> lxml.html.HtmlElement:
    """The DOM headless Chromium makes of ``html``."""
    proc = _chromium(tmp_path, html, *args, "--dump-dom")
    dom = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "</html>" in dom, proc.stderr.decode("utf-8", "replace")[-2000:]
    return lxml.html.document_fromstring(dom)


def _pdf_text(tmp_path: Path, html: str, *args: str) -> str:
    """The words of the page as Chromium prints it."""
    pdftotext = require("pdftotext")
    pdf = tmp_path / "report.pdf"
    proc = _chromium(tmp_path, html, *args, f"--print-to-pdf={pdf}")
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    out = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True, timeout=60).stdout
    return " ".join(out.decode("utf-8").split())


def _probed(html: str, probe: str) -> str:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', html)
    assert csp is not None
    return html.replace(csp.group(0), "").replace("</body>", probe + "</body>")


# Records, after each step (a click on a label, by its "for"), which rows and which
# columns (header cells, by language) the browser displays, and whether the headers stay
# at the top of the window when the page is scrolled down.
STEPS = """<script>
const shown = el => getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
const steps = ["", "view-ru", "view-all", "only-findings"];
const record = {};
for (const step of steps) {
  if (step) document.querySelector(`label[for="${step}"]`).click();
  const name = step || "open";
  record[name] = {
    rows: [...document.querySelectorAll("table.versions tbody tr")].filter(shown).map(tr => tr.id),
    columns: [...document.querySelectorAll("table.versions thead th[data-lang]")].filter(shown)
               .map(th => th.dataset.lang),
    cells: [...document.querySelectorAll("table.versions tbody td[data-lang]")].filter(shown)
               .map(td => td.dataset.lang).filter((v, i, a) => a.indexOf(v) === i).sort(),
    filter: document.querySelector('label[for="only-findings"]').innerText,
  };
}
const last = document.querySelector("table.versions tbody tr:last-child");
window.scrollTo(0, last.getBoundingClientRect().top + window.scrollY - 100);
document.body.setAttribute("data-header-top", Math.round(document.querySelector("table.versions thead th").getBoundingClientRect().top));
document.body.setAttribute("data-record", JSON.stringify(record));
</script>
"""


def test_chromium_pair_view_and_filter(tmp_path: Path, structure: AlignmentResult) -> None:
    import json

    tree = _dom(tmp_path, _probed(render_html(structure), STEPS), "--window-size=1280,500")
    body = tree.xpath("//body")[0]
    record = json.loads(body.get("data-record"))
    rows = lxml.html.document_fromstring(render_html(structure)).find_class("versions")[0].xpath("./tbody/tr")
    ids = [tr.get("id") for tr in rows]
    assert ids == ["h-0", "u-0", "p-1", "p-2", "p-3", "h-5", "p-4", "x-fr-27", "p-5"]
    # opens on the original beside the first translation with findings (es: 3 and 4 merged,
    # under chapter I); nothing of the other languages, not French's extra paragraph
    assert record["open"] == {"rows": ["h-0", "p-3"], "columns": ["en", "es"], "cells": ["en", "es"],
                              "filter": "Show only the rows with findings (1 of 7)"}
    # Russian: 11 for 10 in 1, 2 and 3 exchanged
    assert record["view-ru"] == {"rows": ["h-0", "p-1", "p-2"], "columns": ["en", "ru"], "cells": ["en", "ru"],
                                 "filter": "Show only the rows with findings (2 of 7)"}
    # all (here four) languages: every row with a finding in any language; 2 and 3 together
    # (French merges them), the introduction has none
    assert record["view-all"]["columns"] == record["view-all"]["cells"] == ["en", "es", "fr", "ru"]
    assert record["view-all"]["rows"] == [i for i, tr in zip(ids, rows) if "quiet" not in tr.get("class").split()]
    assert record["view-all"]["rows"] == [i for i in ids if i != "u-0"]
    assert record["view-all"]["filter"] == "Show only the rows with findings (6 of 7)"
    # the filter off: every row
    assert record["only-findings"]["rows"] == ids
    # column headers stay at the top of the window
    assert int(body.get("data-header-top")) == 0


# On the first screen: the to-do list; a link of the language the page opens on leads to
# a displayed row; a group's "beside the original" switches to its view, where each of
# its links leads to a displayed row that shows that language's cell.
LINKS = """<script>
const shown = el => !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
document.body.setAttribute("data-todo-top", document.getElementById("todo").getBoundingClientRect().top < window.innerHeight);
for (const group of document.querySelectorAll("#todo section.todo")) {
  for (const a of group.querySelectorAll("a")) a.setAttribute("data-at-open", shown(document.getElementById(a.getAttribute("href").slice(1))));
  group.querySelector("label.switch").click();
  for (const a of group.querySelectorAll("a")) {
    const row = document.getElementById(a.getAttribute("href").slice(1));
    a.setAttribute("data-in-view", shown(row) && shown(row.querySelector(`td[data-lang="${group.dataset.lang}"]`)));
  }
}
</script>
"""


def test_chromium_first_screen_and_links(tmp_path: Path, structure: AlignmentResult) -> None:
    tree = _dom(tmp_path, _probed(render_html(structure), LINKS), "--window-size=1280,900")
    assert tree.xpath("//body")[0].get("data-todo-top") == "true"
    groups = tree.xpath('//section[@id="todo"]/section[@data-lang]')
    assert [g.get("data-lang") for g in groups] == ["es", "fr", "ru"]
    links = [a for g in groups for a in g.iter("a")]
    assert len(links) == len(structure.findings)
    assert [a.get("data-in-view") for a in links] == ["true"] * len(links)
    assert [a.get("data-at-open") for a in groups[0].iter("a")] == ["true"]


def test_chromium_renders_every_finding(tmp_path: Path, result: AlignmentResult) -> None:
    tree = _dom(tmp_path, render_html(result))
    assert sorted(_finding_key(f) for f in tree.find_class("finding")) == sorted(_expected(FINDINGS + ACCEPTED))
    assert tree.xpath("//script") == []
    (cell,) = tree.xpath('//td[@data-lang="ar"][@data-paragraph="1"]')
    assert cell.get("dir") == "rtl" and [m.text_content() for m in cell.xpath(".//mark")] == ["4"]


# A script the page's own Content-Security-Policy must block.
BLOCKED = '<script>document.body.setAttribute("data-ran", "yes")</script>\n'


def test_chromium_without_scripts(tmp_path: Path, structure: AlignmentResult) -> None:
    """Scripts off: the findings list and the default pair (the original beside Spanish)
    are there, on screen as on paper; the other languages' text is not shown.

    Headless Chromium 156 writes nothing at all (no DOM, no PDF, no screenshot) with
    ``--blink-settings=scriptEnabled=false``; the page's own policy (no script source)
    turns scripts off instead, which the blocked script below shows."""
    html = render_html(structure)
    tree = _dom(tmp_path, html.replace("</body>", BLOCKED + "</body>"))
    assert tree.xpath("//body")[0].get("data-ran") is None
    assert [i.get("id") for i in tree.xpath("//input[@checked]")] == ["view-es", "only-findings"]
    assert [_text(li.find_class("advice")[0]) for li in tree.xpath('//section[@id="todo"]//li')][:1] == [
        "Divide this paragraph as the original does"]
    text = _pdf_text(tmp_path, html)
    assert "What to do" in text and "Divide this paragraph as the original does" in text
    assert "Intro." in text and "Intro es." in text and "Gamma 30. Delta 40." in text
    assert "Intro fr." not in text and "Intro ru." not in text and "Extra 99." not in text
    screenshot = tmp_path / "report.png"
    proc = _chromium(tmp_path, html, f"--screenshot={screenshot}", "--window-size=1280,900")
    assert proc.returncode == 0 and screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chromium_prints_every_row_of_the_view(tmp_path: Path, structure: AlignmentResult) -> None:
    """On paper the filter and the view tabs are gone and every row of the view is printed,
    quiet ones included (paragraph 4 has no finding)."""
    text = _pdf_text(tmp_path, render_html(structure))
    assert "Delta 40." in text and "Epsilon 50. More 55." in text
    assert "What to do" in text and "Show only the rows" not in text and "All 4 languages" not in text


# After a click on each view, whether each mark of the original's paragraph 1 is painted.
MARKS = """<script>
const record = {};
for (const view of ["view-fr", "view-ar", "view-all"]) {
  document.querySelector(`label[for="${view}"]`).click();
  record[view] = [...document.querySelectorAll('td[data-lang="en"][data-paragraph="1"] p.text mark')]
    .map(m => [m.textContent, getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)"]);
  record[view].push(["number", getComputedStyle(document.querySelector("tr#p-1 th.num")).color]);
}
document.body.setAttribute("data-marks", JSON.stringify(record));
</script>
"""


def test_chromium_original_marks_follow_the_view(tmp_path: Path, result: AlignmentResult) -> None:
    """Beside one translation the original marks only that translation's items: in the
    view of French "12" (French's number-mismatch), in that of Arabic "3", in all both.
    The paragraph's number is red (the error colour) where the view holds an error:
    French's, not Arabic's warning."""
    import json

    tree = _dom(tmp_path, _probed(render_html(result), MARKS))
    record = json.loads(tree.xpath("//body")[0].get("data-marks"))
    red = "rgb(179, 38, 30)"  # --error
    assert record["view-fr"] == [["12", True], ["3", False], ["number", red]]
    assert record["view-ar"][:2] == [["12", False], ["3", True]] and record["view-ar"][2][1] != red
    assert record["view-all"] == [["12", True], ["3", True], ["number", red]]
