"""What a board prints about a panel and a scene, as styled text blocks.

This decides the words and their emphasis (a character cue in bold, a
label in grey); ``text_fit`` decides where they go and how big they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyboarder.model import camera_line, lighting_line
from storyboarder.model.dialogue import BLANK, CUE, INLINE_CUE, PARENTHETICAL, dialogue_lines

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

def dialogue_paragraphs(text: str) -> list[list[Span]]:
    """Split dialogue into paragraphs, each speech led by its character's cue in bold.

    Which lines are cues is ``model.dialogue``'s reading, the same one that
    finds the cast of a scene. The cue and the first line of the speech
    share a line, as boards print them, to save the cell's space;
    parentheticals such as ``(quietly)`` print in grey.
    """
    paragraphs: list[list[Span]] = []
    # True while the next line joins the cue's paragraph: right after a cue, and after its parentheticals.
    open_cue = False
    for line in dialogue_lines(clean_text(text)):
        if line.kind == BLANK:
            open_cue = False
        elif line.kind == CUE:
            paragraphs.append([Span(line.text, bold=True, color=INK)])
            open_cue = True
        elif line.kind == INLINE_CUE:
            paragraphs.append([Span(line.cue + ":", bold=True, color=INK), Span(" " + line.text, color=INK)])
            open_cue = False
        else:
            parenthetical = line.kind == PARENTHETICAL
            span = Span(line.text, color=MUTED if parenthetical else INK)
            if open_cue:
                paragraphs[-1].extend([Span(" ", color=INK), span])
                open_cue = parenthetical  # "MARA (quietly) Drive." stays on one line
            else:
                paragraphs.append([span])
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
