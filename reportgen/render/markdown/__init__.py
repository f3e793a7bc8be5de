"""The source format as a writer: document model → Markdown with front matter.

A writer like ``render/docx``, downstream of ``source`` (whose syntax it escapes) and of
``resolve`` (whose symbol grammar decides whether a symbol can stay plain text). Used by
``reportgen xliff import`` and by any importer of another format.
"""

from reportgen.render.markdown.inline import WriteError
from reportgen.render.markdown.writer import normalize, write_document, write_front_matter, write_inlines

__all__ = ["WriteError", "normalize", "write_document", "write_front_matter", "write_inlines"]
