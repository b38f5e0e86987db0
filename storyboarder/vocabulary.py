"""The standard terms crews use for shot sizes, angles, moves, rigs and lighting styles.

The terms ship as data in ``resources/vocabulary.json`` so they can be
extended or translated without touching code. Plain Python, no Qt.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from .resources_path import resource

#: The lists the vocabulary file holds, by the name each is read as.
LISTS = ("shot_sizes", "angles", "movements", "rigs", "lighting_styles")


class VocabularyError(ValueError):
    """The vocabulary file is not what this build expects."""


@dataclass(frozen=True)
class Term:
    """One standard term: what a panel stores, its full name and other names for it."""

    value: str
    name: str = ""
    aliases: tuple[str, ...] = ()
    #: The department that brings it to set, for rigs (``Camera``, ``Grip & Electric``).
    department: str = ""

    @property
    def label(self) -> str:
        """How a list of choices shows the term: ``MCU — medium close-up``."""
        return f"{self.value} — {self.name}" if self.name else self.value

    @property
    def description(self) -> str:
        """The full name and other names, for a tooltip."""
        parts = [self.name] if self.name else []
        if self.aliases:
            parts.append("also: " + ", ".join(self.aliases))
        return "\n".join(parts)


@dataclass(frozen=True)
class Vocabulary:
    """Every list of standard terms, in the order crews expect to see them."""

    shot_sizes: tuple[Term, ...]
    angles: tuple[Term, ...]
    movements: tuple[Term, ...]
    rigs: tuple[Term, ...]
    lighting_styles: tuple[Term, ...]

    def terms(self, name: str) -> tuple[Term, ...]:
        """Return one list by name, such as ``"shot_sizes"``."""
        if name not in LISTS:
            raise KeyError(name)
        return getattr(self, name)


def parse_vocabulary(data: bytes | str) -> Vocabulary:
    """Read a vocabulary from the JSON text of a vocabulary file."""
    try:
        raw = json.loads(data)
    except ValueError as exc:
        raise VocabularyError(f"vocabulary is not JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise VocabularyError("vocabulary must be a JSON object")
    lists = {}
    for name in LISTS:
        entries = raw.get(name)
        if not isinstance(entries, list):
            raise VocabularyError(f"vocabulary needs a list named {name!r}")
        lists[name] = tuple(_term(name, i, entry) for i, entry in enumerate(entries))
    return Vocabulary(**lists)


def _term(name: str, index: int, entry: object) -> Term:
    if isinstance(entry, str):
        entry = {"value": entry}
    value = entry.get("value") if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"{name}[{index}] needs a non-empty text 'value'")
    full = entry.get("name") or ""
    aliases = entry.get("aliases") or []
    department = entry.get("department") or ""
    if not isinstance(full, str) or not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise VocabularyError(f"{name}[{index}] has a 'name' or 'aliases' of the wrong type")
    if not isinstance(department, str):
        raise VocabularyError(f"{name}[{index}] has a 'department' that is not text")
    return Term(value.strip(), full.strip(), tuple(a.strip() for a in aliases if a.strip()), department.strip())


@functools.cache
def load_vocabulary() -> Vocabulary:
    """Return the vocabulary shipped with Storyboarder (read once, then cached)."""
    return parse_vocabulary(resource("vocabulary.json").read_bytes())


def canonical(terms: tuple[Term, ...], text: str) -> str:
    """Spell typed text the way the list does: ``mcu`` or ``medium close-up`` become ``MCU``.

    Aliases are left as typed, since a crew that writes ``ELS`` means it;
    text that matches no term is free text and is only trimmed.
    """
    typed = text.strip()
    folded = typed.casefold()
    for term in terms:
        if folded in (term.value.casefold(), term.label.casefold()) or (term.name and folded == term.name.casefold()):
            return term.value
    return typed
