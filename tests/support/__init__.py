"""Verification machinery for the DOCX files the tests produce.

* :mod:`tests.support.ooxml_schema` -- ISO/IEC 29500 schema validation (lxml)
* :mod:`tests.support.openxml_sdk`  -- Open XML SDK validator (npm, via node)
* :mod:`tests.support.office`       -- LibreOffice -> PDF, pdftotext, pdftoppm
* :mod:`tests.support.tools`        -- tool discovery (skip locally, fail in CI)
"""
