"""Importers: a Word file or PDF text → the document model."""
