"""Every alignment check, registered in one place by importing its module."""

from reportgen.align.checks import identity, numbers, structure, terms, text  # noqa: F401  (registration)
from reportgen.align.findings import REGISTRY

__all__ = ["REGISTRY"]
