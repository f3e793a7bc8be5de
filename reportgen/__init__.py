"""reportgen: multilingual UN meeting reports from Markdown to UN-formatted DOCX."""

__version__ = "0.1.0"
