"""The rewriting traversal lives with the model (``model.map_inlines``); this
module keeps the name the resolve passes import."""

from reportgen.model import Replacement, map_inlines

__all__ = ["Replacement", "map_inlines"]
