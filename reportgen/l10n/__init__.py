"""Language-specific wording, numerals and dates for the six UN languages.

All of it is data (``data/<code>.yaml``, read by :mod:`.loader`); code here holds rules
shared by every language, never per-language tables, so a translator or editor corrects a
form by editing one YAML file. Forms not yet seen in a real UN document are marked
``# inferred`` in those files.

    >>> from datetime import date
    >>> from reportgen.l10n import language
    >>> language("zh").meeting_line("维也纳", date(2021, 9, 6), date(2021, 9, 10))
    '2021年9月6日至10日，维也纳'
"""

from .dates import DateStyle, plain_digits
from .loader import (
    DISTRIBUTIONS,
    LANGUAGES,
    DataFileError,
    Language,
    UnknownLanguage,
    data_path,
    language,
    load_language_file,
)
from .numerals import parse_roman, to_roman

__all__ = [
    "DISTRIBUTIONS",
    "LANGUAGES",
    "DataFileError",
    "DateStyle",
    "Language",
    "UnknownLanguage",
    "data_path",
    "language",
    "load_language_file",
    "parse_roman",
    "plain_digits",
    "to_roman",
]
