"""Keep None, True and False alive under PySide6 6.12.0 on Python 3.11.

With that pair every call of a C++ function returning void (``QPainter.drawLine``,
``QWidget.update``…) drops one reference to None, and every ``Signal.emit``
one to True. A drawing stroke makes hundreds of such calls; when a count
reaches zero the interpreter aborts ("deallocating None"). pyproject.toml
excludes that release, but an install that has it anyway (``--no-deps``,
a distribution package) would lose drawings, so the drawing view guards
itself: Python 3.12 made these objects immortal, and here the same is done
by hand, once per process, by adding 2**40 to their counts.
"""

from __future__ import annotations

import sys

#: Releases known to drop references on Python 3.11.
BAD_RELEASES = ("6.12.0",)

_pinned = False


def needs_pinning(version: str | None = None) -> bool:
    """Whether this Python with this PySide6 drops references to None."""
    if sys.version_info >= (3, 12):
        return False
    if version is None:
        import PySide6

        version = PySide6.__version__
    return version in BAD_RELEASES


def pin_singletons() -> bool:
    """Make None, True and False practically immortal if the binding needs it; return whether it did."""
    global _pinned
    if not needs_pinning():
        return False
    if not _pinned:
        import ctypes

        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
        _pinned = True
    return True
