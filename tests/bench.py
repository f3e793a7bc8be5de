"""``make bench``: wall-clock timings of each stage on the example report.

Speed is measured here, never asserted in unit tests. Prints the median of
several runs per stage, per language version.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from reportgen.render.docx import render_docx
from reportgen.resolve import resolve_document
from reportgen.source import language_files
from reportgen.source.reader import read_document

REPORT = Path(__file__).resolve().parents[1] / "sources" / "cosp-eg1-2021-add1"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(runs: int = 15) -> None:
    print(f"reportgen stage timings, median of {runs} runs, {REPORT.name}")
    print(f"{'version':8} {'read (pandoc)':>14} {'resolve':>9} {'render docx':>12} {'size':>9}")
    for code, path in language_files(REPORT).items():
        doc, _ = read_document(path)
        resolved, _ = resolve_document(doc)
        read = median_ms(lambda: read_document(path), runs)
        res = median_ms(lambda: resolve_document(doc), runs)
        ren = median_ms(lambda: render_docx(resolved), runs)
        size = len(render_docx(resolved))
        print(f"{code:8} {read:11.1f} ms {res:6.1f} ms {ren:9.1f} ms {size:7d} B")
    from reportgen import pipeline
    from reportgen.align import align_report
    from reportgen.align.html import render_html

    loaded = pipeline.load(REPORT)
    align = median_ms(lambda: align_report(loaded.report), runs)
    html = median_ms(lambda: render_html(align_report(loaded.report)), runs)
    print(f"align, {len(loaded.report.versions)} versions: {align:.1f} ms; with the HTML report: {html:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
