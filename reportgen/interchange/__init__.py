"""Interchange formats for translators: units of a report and the files that carry them.

Each format is a reader/writer pair around the document model (pandoc style): a report's
versions go out as translation units (XLIFF, TMX) and come back as a version written by
`reportgen.render.markdown`. Submodules are imported by their users, not here, so that a
command loads only the format it needs.
"""
