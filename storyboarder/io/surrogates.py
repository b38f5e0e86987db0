"""Find and repair text that no UTF-8 file can hold: unpaired UTF-16 surrogates.

JSON may spell half of a UTF-16 surrogate pair on its own (``"\\ud800"``), and
``json.loads`` accepts it, but UTF-8 cannot encode such a character; a project
holding one would load and then never save. Whatever reads JSON into the
model calls ``repair_surrogates`` on the parsed document, which puts U+FFFD
(the replacement character) in each place and says where; the save names the
place of any that reached the model another way.
"""

from __future__ import annotations

import re

from .codec import format_path
from .errors import Problem

REPLACEMENT = "\ufffd"

# A JSON escape of a surrogate half is \uD800 to \uDFFF, in either case. Only a
# file with one can decode to a lone surrogate (raw surrogate bytes are invalid
# UTF-8 and refused before this), so a file without one is never walked.
_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE = re.compile("[\ud800-\udfff]")
_SHOWN = 4
_CONTAINERS = (str, dict, list)


def may_hold_surrogates(data: bytes) -> bool:
    """Say whether JSON bytes can decode to a lone surrogate: a cheap test before any walk."""
    return _ESCAPE.search(data) is not None


def repair_surrogates(doc: object, file: str) -> list[Problem]:
    """Replace lone surrogates in a parsed JSON document, in place; return a warning for each place."""
    return [
        Problem(file, where, f"{what} held {_named(found)}, replaced with {REPLACEMENT}")
        for where, what, found in _walk(doc, repair=True)
    ]


def surrogate_places(doc: object) -> list[str]:
    """Describe each place in plain data (as msgspec.to_builtins gives it) that holds a lone surrogate."""
    return [f"{where}: {what} holds {_named(found)}, which UTF-8 cannot store" for where, what, found in _walk(doc, repair=False)]


def _named(found: list[str]) -> str:
    unique = list(dict.fromkeys(found))
    shown = ", ".join(f"\\u{ord(ch):04x}" for ch in unique[:_SHOWN])
    if len(unique) > _SHOWN:
        shown += ", …"
    noun = "an unpaired surrogate" if len(unique) == 1 else "unpaired surrogates"
    return f"{noun} ({shown})"


def _walk(doc: object, repair: bool) -> list[tuple[str, str, list[str]]]:
    """Visit every string and key of a JSON document in order; return (place, what, surrogates) for each bad one."""
    found: list[tuple[str, str, list[str]]] = []
    # An explicit stack, children pushed last-first so they pop in document order:
    # a document json.loads accepted may be nested deeper than Python recursion allows.
    stack: list[tuple[dict | list | None, object, object, tuple | None]] = [(None, None, doc, None)]
    while stack:
        parent, key, node, path = stack.pop()
        cls = node.__class__
        if cls is str:
            if bad := _LONE.findall(node):
                found.append((_place(path), "the text", bad))
                if repair and parent is not None:
                    parent[key] = _LONE.sub(REPLACEMENT, node)
        elif cls is dict:
            if any(name.__class__ is str and _LONE.search(name) for name in node):
                _repair_keys(node, path, repair, found)
            stack.extend((node, name, value, (path, name)) for name, value in reversed(node.items()) if value.__class__ in _CONTAINERS)
        elif cls is list:
            stack.extend((node, i, node[i], (path, i)) for i in range(len(node) - 1, -1, -1) if node[i].__class__ in _CONTAINERS)
    return found


def _repair_keys(node: dict, path: tuple | None, repair: bool, found: list) -> None:
    rebuilt = {}
    for name, value in node.items():
        if name.__class__ is str and (bad := _LONE.findall(name)):
            fixed = _LONE.sub(REPLACEMENT, name)
            found.append((_place((path, fixed)), "a key", bad))
            if repair:
                name = fixed
        rebuilt[name] = value
    if repair:
        node.clear()
        node.update(rebuilt)


def _place(path: tuple | None) -> str:
    # A key on the way may itself hold a surrogate (when only reporting): the place must print.
    return _LONE.sub(REPLACEMENT, format_path(path)) or "(top level)"
