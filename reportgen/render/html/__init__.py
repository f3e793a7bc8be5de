"""The HTML writer: the alignment report as one self-contained page (``page.py``),
written from the side-by-side model (``align/sidebyside.py``)."""

from reportgen.render.html.page import render_html

__all__ = ["render_html"]
