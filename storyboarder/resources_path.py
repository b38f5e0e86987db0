"""Find the data files shipped in ``resources/``, installed or in a checkout."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """Return a file shipped with Storyboarder, such as ``resource("icons", "app.svg")``."""
    node = files("storyboarder.resources")
    for part in parts:
        node = node / part
    return node
