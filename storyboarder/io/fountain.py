"""Read Fountain screenplays (https://fountain.io) into scenes, paragraphs and dialogue blocks.

Written here rather than taken from PyPI: the maintained parsers we tried
each lose scenes or names on real files (see the commit that added this
module). This parser follows the spec, and is lenient where real files
break it in ways whose meaning is still plain:

* a scene heading with no blank line after it is still a scene (with a warning);
* an all-capitals heading with no blank line *before* it is too (with a warning);
* character cues may be in any script with upper case (``МАША``, ``ΑΝΝΑ``);
  scripts without case (CJK, Arabic) need the spec's ``@NAME``.

The result, a ``Screenplay``, says nothing about panels yet:
``storyboarder.io.script_import`` turns it into scenes and panels.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from storyboarder.model.headings import parse_heading

from .errors import Problem
from . import limits
from .paths import UnreadableFile, read_regular
from .fountain_text import (
    Line,
    ScriptError,
    body_lines,
    decode_script,
    remove_boneyard,
    remove_notes,
    strip_emphasis,
)

__all__ = [
    "Block",
    "Heading",
    "ScriptError",
    "ScriptScene",
    "Screenplay",
    "character_key",
    "cue_name",
    "parse_fountain",
    "read_fountain",
    "split_heading",
]

#: Which lines are headings, as the Fountain spec says; how a heading splits is ``model.headings``.
_HEADING = re.compile(r"(INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|INT|EXT|EST)(?:\.|\s)\s*", re.IGNORECASE)
# The lookbehind starts a try only where a run of spaces starts: without it a search
# retries at every space of a long run and each try rescans the rest of it (quadratic).
_SCENE_NUMBER = re.compile(r"(?<!\s)\s*+#([^#\s]{1,20})#\s*+$")
_TITLE_KEY = re.compile(r"^([^\s:][^:]{0,40}?)\s*:(.*)$")
_CONTINUED = {"cont'd", "cont’d", "contd", "cont", "cont.", "cont'd.", "continuing", "continued", "more"}
_KNOWN_TITLE_KEYS = {
    "title", "credit", "author", "authors", "source", "draft date", "date", "contact", "copyright",
    "notes", "revision", "writer", "writers", "written by", "director", "directed by", "format", "font",
}  # fmt: skip


@dataclass
class Heading:
    """A scene heading split the way crews read it: ``EXT. BRICK'S PATIO - DAY``."""

    text: str
    int_ext: str = ""
    location: str = ""
    time_of_day: str = ""
    number: str | None = None
    forced: bool = False


@dataclass
class Block:
    """One action paragraph or one dialogue block (both speeches of dual dialogue)."""

    kind: str  # "action" or "dialogue"
    line: int
    lines: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    transition: str = ""
    dual: bool = False

    @property
    def text(self) -> str:
        """The block's text: the paragraph, or ``NAME`` then the speech, as a board prints it."""
        return "\n".join(self.lines).strip("\n")


@dataclass
class ScriptScene:
    """A scene of the screenplay: its heading and what happens in it, in order."""

    heading: Heading
    line: int
    blocks: list[Block] = field(default_factory=list)
    synopses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Screenplay:
    """Everything an import uses from a Fountain file, and what was odd about it."""

    file: str
    title_page: dict[str, str] = field(default_factory=dict)
    scenes: list[ScriptScene] = field(default_factory=list)
    #: Character names in order of first appearance, extensions removed, one per person.
    characters: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title page's title (its first line; later lines are a subtitle)."""
        return _first_line(self.title_page.get("title", ""))

    @property
    def writer(self) -> str:
        """Who the title page names as author or writer (``Author:``, ``Authors:``, ``Writer:``...)."""
        return self._named("author", "authors", "writer", "writers", "written by")

    @property
    def director(self) -> str:
        """Who the title page names as director; empty for the usual script, which names only its writer."""
        return self._named("director", "directed by")

    def _named(self, *keys: str) -> str:
        for key in keys:
            value = " ".join(line.strip() for line in self.title_page.get(key, "").split("\n") if line.strip())
            if value:
                return value
        return ""


def read_fountain(path: str | os.PathLike) -> Screenplay:
    """Read and parse a Fountain file, or raise ScriptError saying why it is not a screenplay."""
    file = str(path)
    try:
        data = read_regular(path, limits.MAX_SCRIPT_BYTES)
    except (IsADirectoryError, UnreadableFile) as exc:
        if isinstance(exc, UnreadableFile) and exc.kind != "folder":
            raise ScriptError.single(file, "", exc.strerror) from None
        raise ScriptError.single(file, "", "this is a folder, not a screenplay file") from None
    except OSError as exc:
        raise ScriptError.single(file, "", f"cannot read the file: {exc.strerror or exc}") from None
    text, warnings = decode_script(data, file)
    screenplay = parse_fountain(text, file)
    screenplay.warnings[:0] = warnings
    return screenplay


def parse_fountain(text: str, file: str = "<script>") -> Screenplay:
    """Parse Fountain text; raise ScriptError when it has no scene to import."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = "\n".join(text.splitlines())
    screenplay = Screenplay(file)
    text = remove_boneyard(text, file, screenplay.warnings)
    raw_lines = text.split("\n")
    title_end = _read_title_page(raw_lines, screenplay.title_page)
    body, notes = remove_notes("\n".join(raw_lines[title_end:]))
    _Parser(screenplay).run(body_lines(body, title_end + 1, notes))
    if not screenplay.scenes:
        raise ScriptError.single(
            file,
            "",
            "no scene headings found (lines starting with INT., EXT., EST., INT./EXT. or I/E, or a forced .HEADING); "
            "is this a Fountain screenplay?",
        )
    return screenplay


def _read_title_page(lines: list[str], into: dict[str, str]) -> int:
    """Read ``Key: value`` pairs at the top into ``into``; return the index of the first body line."""
    index = 0
    while index < len(lines) and not _clean(lines[index]).strip():
        index += 1
    first = _TITLE_KEY.match(_clean(lines[index]).strip()) if index < len(lines) else None
    # "FADE IN:" looks like a key with no value; a title page starts with a key writers use.
    if not first or (first.group(1).isupper() and first.group(1).lower() not in _KNOWN_TITLE_KEYS):
        return 0
    key = None
    while index < len(lines):
        raw = _clean(lines[index])
        if not raw.strip():
            break
        match = None if raw[:1] in " \t" else _TITLE_KEY.match(raw.strip())
        if match:
            key = match.group(1).strip().lower()
            into[key] = strip_emphasis(match.group(2).strip())
        elif key is not None:
            value = strip_emphasis(raw.strip())
            into[key] = f"{into[key]}\n{value}" if into[key] else value
        index += 1
    return index


def _clean(line: str) -> str:
    return line.replace("\ufdd0", "")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def cue_name(cue: str) -> tuple[str, list[str], bool]:
    """Split a character cue into the name, its extensions and the dual-dialogue caret.

    ``BRICK (V.O.) (CONT'D) ^`` gives ``("BRICK", ["V.O.", "CONT'D"], True)``.
    """
    text = cue.strip()
    if text.startswith("@"):
        text = text[1:]
    dual = text.endswith("^")
    text = text.rstrip("^").rstrip()
    name, paren, rest = text.partition("(")
    extensions = [part.strip() for part in re.findall(r"\(([^()]*)\)", paren + rest) if part.strip()]
    return " ".join(name.split()), extensions, dual


def character_key(name: str) -> str:
    """The key under which names that differ only by case, spacing or apostrophe style are one person."""
    return " ".join(name.replace("’", "'").split()).casefold()


def _is_cue(stripped: str) -> bool:
    if stripped.startswith("@"):
        return bool(cue_name(stripped)[0])
    name = cue_name(stripped)[0]
    if not name or len(name) > 40 or name[-1] in ".!?:,;" or "(" in stripped and not stripped.rstrip("^ ").endswith(")"):
        return False
    return any(ch.isupper() for ch in name) and not any(ch.islower() for ch in name)


def _is_transition(stripped: str) -> bool:
    if stripped.upper() != stripped or not any(ch.isupper() for ch in stripped):
        return False
    return stripped.endswith("TO:") or stripped in ("FADE IN:", "FADE OUT.", "FADE OUT:", "FADE TO BLACK.")


def split_heading(text: str, forced: bool = False) -> Heading:
    """Split a heading line into INT/EXT, location, time of day and a locked ``#12A#`` number."""
    number = None
    match = _SCENE_NUMBER.search(text)
    if match:
        number = match.group(1)
        text = text[: match.start()]
    text = " ".join(strip_emphasis(text).split())
    # The splitting rule is the model's, shared with typed headings and the call sheet.
    parts = parse_heading(text)
    return Heading(text, parts.int_ext, parts.place, parts.time_of_day, number=number, forced=forced)


class _Parser:
    """One pass over the body lines, building scenes and blocks."""

    def __init__(self, screenplay: Screenplay):
        self.play = screenplay
        self.scene: ScriptScene | None = None
        self.block: Block | None = None
        self.after_section = False
        self.last_closed: Block | None = None  # the block before the last blank line(s), for dual dialogue
        self.preamble: list[int] = []
        self.seen_characters: dict[str, str] = {}

    def warn(self, line: int, message: str) -> None:
        self.play.warnings.append(Problem(self.play.file, f"line {line}", message))

    def run(self, lines: list[Line]) -> None:
        previous_blank = True
        for index, line in enumerate(lines):
            next_blank = index + 1 >= len(lines) or lines[index + 1].blank
            if line.blank:
                if self.block is not None and self.block.kind == "dialogue" and line.text == "  ":
                    self.block.lines.append("")  # the spec's two spaces: an empty line inside a speech
                    continue
                self.close_block()
                self.attach_notes(line.notes)
                previous_blank = True
                continue
            self.line(line, previous_blank, next_blank)
            previous_blank = False
        self.close_block()
        if self.preamble:
            first, last = self.preamble[0], self.preamble[-1]
            where = f"line {first}" if first == last else f"lines {first}-{last}"
            self.play.warnings.append(
                Problem(self.play.file, where, "text before the first scene heading is not imported (it belongs to no scene)")
            )

    def line(self, line: Line, previous_blank: bool, next_blank: bool) -> None:
        stripped = line.text.strip()
        if self.block is not None and self.block.kind == "dialogue":
            self.block.lines.append(strip_emphasis(stripped))
            self.block.notes.extend(line.notes)
            return
        heading = self.heading(stripped, previous_blank, next_blank)
        if heading is not None:
            if not next_blank:
                self.warn(line.number, f"scene heading {heading.text!r} has no blank line after it; it is imported as a scene")
            if not previous_blank:
                self.warn(line.number, f"scene heading {heading.text!r} has no blank line before it; it is imported as a scene")
            self.start_scene(heading, line)
        elif stripped.startswith("!"):
            self.action(line, stripped[1:])
        elif stripped.startswith("#"):
            self.close_block()
            self.after_section = True
        elif stripped.startswith("="):
            self.close_block()
            if not re.fullmatch(r"={3,}", stripped) and self.scene is not None and not self.after_section:
                self.scene.synopses.append(strip_emphasis(stripped[1:].strip()))
        elif stripped.startswith(">") and stripped.endswith("<") and len(stripped) > 1:
            self.action(line, stripped[1:-1])
        elif stripped.startswith(">"):
            self.transition(stripped[1:].strip(), line)
        elif stripped.startswith("~"):
            self.action(line, stripped[1:])
        elif previous_blank and next_blank and _is_transition(stripped):
            self.transition(stripped, line)
        elif previous_blank and not next_blank and _is_cue(stripped):
            self.dialogue(stripped, line)
        else:
            self.action(line, line.text)

    def heading(self, stripped: str, previous_blank: bool, next_blank: bool) -> Heading | None:
        if stripped.startswith(".") and len(stripped) > 1 and not stripped.startswith("..") and not stripped[1].isspace():
            return split_heading(stripped[1:], forced=True) if previous_blank else None
        if not _HEADING.match(stripped):
            return None
        # The spec's heading has blank lines around it, in any case. Where one is missing only a
        # line in capitals is taken: "Est. 1920, the bank" above more text is action.
        if (previous_blank and next_blank) or stripped.upper() == stripped:
            return split_heading(stripped)
        return None

    def start_scene(self, heading: Heading, line: Line) -> None:
        self.close_block()
        self.scene = ScriptScene(heading, line.number, notes=list(line.notes))
        self.play.scenes.append(self.scene)
        self.after_section = False
        self.last_closed = None

    def action(self, line: Line, text: str) -> None:
        if self.scene is None:
            self.preamble.append(line.number)
            return
        if self.block is None:
            self.block = Block("action", line.number)
        self.block.lines.append(strip_emphasis(text.strip()))
        self.block.notes.extend(line.notes)

    def dialogue(self, cue: str, line: Line) -> None:
        self.close_block()
        name, extensions, dual = cue_name(cue)
        if self.scene is None:
            self.preamble.append(line.number)
            return
        key = character_key(name)
        if key not in self.seen_characters:
            self.seen_characters[key] = name
            self.play.characters.append(name)
        name = self.seen_characters[key]
        shown = [ext for ext in extensions if ext.casefold() not in _CONTINUED]
        cue_line = name + "".join(f" ({ext})" for ext in shown)
        previous = self.last_closed
        if dual and previous is not None and previous.kind == "dialogue" and self.scene.blocks and self.scene.blocks[-1] is previous:
            # Both speeches of dual dialogue stay in one block, so they land in one panel.
            self.scene.blocks.pop()
            previous.dual = True
            previous.lines.extend(["", cue_line])
            if name not in previous.characters:
                previous.characters.append(name)
            previous.notes.extend(line.notes)
            self.block = previous
            return
        self.block = Block("dialogue", line.number, [cue_line], [name], list(line.notes))

    def transition(self, text: str, line: Line) -> None:
        self.close_block()
        if self.scene is None:
            return
        if self.scene.blocks:
            self.scene.blocks[-1].transition = strip_emphasis(text)
            self.scene.blocks[-1].notes.extend(line.notes)
        else:
            self.scene.notes.extend(line.notes)

    def close_block(self) -> None:
        if self.block is not None and self.scene is not None:
            if self.block.text.strip() or self.block.kind == "dialogue":
                self.scene.blocks.append(self.block)
            else:
                self.scene.notes.extend(self.block.notes)
            self.last_closed = self.block
        elif self.block is None and self.scene is not None and self.scene.blocks:
            self.last_closed = self.last_closed if self.last_closed is self.scene.blocks[-1] else None
        self.block = None

    def attach_notes(self, notes: list[str]) -> None:
        """Notes on lines of their own belong to the block before them, or else the scene."""
        if not notes or self.scene is None:
            return
        if self.scene.blocks:
            self.scene.blocks[-1].notes.extend(notes)
        else:
            self.scene.notes.extend(notes)
