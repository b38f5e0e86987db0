"""What a board prints about a panel and a scene, as styled text blocks.

This decides the words and their emphasis (a character cue in bold, a
label in grey); ``text_fit`` decides where they go and how big they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyboarder.model import camera_line, lighting_line

from .text_fit import Span, TextBlock, clean_text

if TYPE_CHECKING:
    from storyboarder.model import Panel, Scene

    from .fonts import FontSet

INK = (0.08, 0.08, 0.09)
MUTED = (0.38, 0.38, 0.42)
RULE = (0.55, 0.55, 0.58)

#: The text fields in the order a board prints them, below the shot number and duration.
TEXT_FIELDS = ("camera", "lighting", "action", "dialogue", "notes", "sound")

#: When a cell is too small for every field, the last of these give way first.
PRIORITY = {"action": 0, "dialogue": 1, "camera": 2, "notes": 3, "lighting": 4, "sound": 5}

_INLINE_CUE = re.compile(r"^([^:\n]{1,40}):\s+(\S.*)$")
_ENDS_SENTENCE = re.compile(r"[.!?…]$")


def is_cue(line: str) -> bool:
    """Say whether a line is a character cue: short, with letters, none of them lower case."""
    line = line.strip()
    return 0 < len(line) <= 40 and line.upper() == line and line.lower() != line and not line.startswith("(")


def dialogue_paragraphs(text: str) -> list[list[Span]]:
    """Split dialogue into paragraphs, each speech led by its character's name in bold.

    A cue is a line in capitals that starts the dialogue or follows a blank
    line (``MARA`` then her line), or a capitalised name before a colon
    (``MARA: Drive.``). The cue and the first line of the speech share a
    line, as boards print them, to save the cell's space; parentheticals
    such as ``(quietly)`` print in grey.
    """
    paragraphs: list[list[Span]] = []
    lines = [line.strip() for line in clean_text(text).split("\n")]
    block_start = True
    open_cue = False
    for index, line in enumerate(lines):
        if not line:
            block_start = True
            continue
        has_next = index + 1 < len(lines) and bool(lines[index + 1])
        inline = _INLINE_CUE.match(line)
        parenthetical = line.startswith("(") and line.endswith(")")
        spans = [Span(line, color=MUTED if parenthetical else INK)]
        ends_sentence = bool(_ENDS_SENTENCE.search(line))
        if is_cue(line) and (has_next or not ends_sentence) and (block_start or (not open_cue and not ends_sentence)):
            paragraphs.append([Span(line, bold=True, color=INK)])
            open_cue = True
        elif inline and is_cue(inline.group(1)):
            paragraphs.append([Span(inline.group(1) + ":", bold=True, color=INK), Span(" " + inline.group(2), color=INK)])
            open_cue = False
        elif open_cue:
            paragraphs[-1].extend([Span(" ", color=INK), *spans])
            open_cue = parenthetical  # "MARA (quietly) Drive." stays on one line
        else:
            paragraphs.append(spans)
        block_start = False
    return paragraphs


def _plain(text: str, color=INK, label: str = "") -> list[list[Span]]:
    paragraphs = []
    for index, line in enumerate(clean_text(text).split("\n")):
        if not line.strip():
            continue
        spans = [Span(line.strip(), color=color)]
        if label and not paragraphs:
            spans.insert(0, Span(label + " ", bold=True, color=MUTED))
        paragraphs.append(spans)
    return paragraphs


def field_texts(panel: Panel) -> dict[str, str]:
    """The raw text of every printable text field of a panel."""
    return {
        "camera": camera_line(panel.camera),
        "lighting": lighting_line(panel.lighting),
        "action": panel.action,
        "dialogue": panel.dialogue,
        "notes": panel.notes,
        "sound": panel.sound,
    }


def panel_blocks(panel: Panel, fields: tuple[str, ...] | frozenset[str], texts: dict[str, str] | None = None) -> list[TextBlock]:
    """The text blocks one panel prints, for the chosen fields, in board order."""
    texts = texts if texts is not None else field_texts(panel)
    blocks = []
    for name in TEXT_FIELDS:
        if name not in fields or not texts[name].strip():
            continue
        text = texts[name]
        if name == "camera":
            paragraphs = [[Span(" ".join(text.split()), bold=True, color=INK, keep_between=" · ")]]
        elif name == "lighting":
            paragraphs = _plain(" ".join(text.split()), color=MUTED, label="Light")
        elif name == "dialogue":
            paragraphs = dialogue_paragraphs(text)
        elif name == "notes":
            paragraphs = _plain(text, color=INK, label="Notes")
        elif name == "sound":
            paragraphs = _plain(text, color=INK, label="Sound")
        else:
            paragraphs = _plain(text)
        if paragraphs:
            blocks.append(TextBlock(paragraphs, name, PRIORITY[name]))
    return blocks


def scene_heading(scene: Scene) -> str:
    """The heading a board prints for a scene, with INT/EXT and time of day even if the heading lacks them."""
    heading = " ".join(clean_text(scene.heading).split())
    upper = heading.upper()
    int_ext = " ".join(scene.int_ext.split()).upper()
    if int_ext and not upper.startswith((int_ext, "INT", "EXT", "EST", "I/E")):
        heading = f"{int_ext}. {heading}" if heading else f"{int_ext}."
    time_of_day = " ".join(scene.time_of_day.split()).upper()
    if time_of_day and time_of_day not in upper:
        heading = f"{heading} - {time_of_day}" if heading else time_of_day
    return heading or "(no heading)"


def missing_glyphs(fonts: FontSet, text: str) -> str:
    """Return the distinct characters of ``text`` that no installed font can print."""
    if fonts.covers_all(text):
        return ""
    missing: set[str] = set()
    for ch in set(clean_text(text)):
        if ch.isspace():
            continue
        fonts.runs(ch, False, missing)
    return "".join(sorted(missing))


def describe_missing(chars: str) -> str:
    """Name missing characters for a warning: the characters and their code points."""
    shown = chars[:8]
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in shown)
    more = f" and {len(chars) - len(shown)} more" if len(chars) > len(shown) else ""
    return f"no installed font has {''.join(shown)!r} ({codes}{more}); they print as empty boxes"
