"""The text layer of Fountain import: bytes to lines, boneyard and notes out, emphasis off.

Real screenplay files come from many editors: UTF-8 with or without a BOM,
UTF-16 from Windows tools, CRLF or CR line ends, the odd Windows-1252 file.
Binary files and other formats are recognised here and refused with a
message that says what the file looks like instead.

Every scan is linear in the size of the file (``str.find`` from a moving
position, never a regex that backtracks across lines), so a hostile file
cannot make the import hang.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import limits
from .errors import Problem, ProjectError


# Noncharacters: Unicode promises they never appear in interchanged text, so they
# can stand in for removed spans and escaped markers without clashing with the script.
_GONE = "\ufdd0"  # where boneyard or a note was removed
_NOTE_OPEN, _NOTE_CLOSE = "\ufdd1", "\ufdd2"  # around the index of a removed note
_ESCAPED_STAR, _ESCAPED_UNDERSCORE = "\ufdd3", "\ufdd4"

_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")

_NOTE_REF = re.compile(f"{_NOTE_OPEN}(\\d+){_NOTE_CLOSE}")
# A try starts only where a run of blanks starts (or right at a marker, after the last
# match took the blanks before it), so a long run is scanned once, not once per blank.
_NOTE_SEAM = re.compile(f"((?<![ \\t])[ \\t]*+|){_NOTE_OPEN}\\d+{_NOTE_CLOSE}([ \\t]*+)")
_BOLD_ITALIC = re.compile(r"\*\*\*([^*\n]+)\*\*\*")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_ITALIC = re.compile(r"\*([^*\n]+)\*")
_UNDERLINE = re.compile(r"(?<!\w)_([^_\n]+)_(?!\w)")


class ScriptError(ProjectError):
    """A file that cannot be imported as a screenplay; ``problems`` says why."""


@dataclass
class Line:
    """One line of the script body with notes and boneyard removed.

    ``number`` is the line in the file (1-based) for messages; ``notes`` are
    the ``[[notes]]`` that were on it, or on note-only lines right after it.
    """

    number: int
    text: str
    notes: list[str] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        """Say whether the line is empty or whitespace only."""
        return not self.text.strip()


def decode_script(data: bytes, file: str) -> tuple[str, list[Problem]]:
    """Decode a screenplay file's bytes to text with ``\\n`` line ends, or raise ScriptError."""
    warnings: list[Problem] = []
    if len(data) > limits.MAX_SCRIPT_BYTES:
        raise ScriptError.single(
            file, "", f"the file is {len(data) / 1048576:.0f} MB; a screenplay is far smaller, so this is not imported"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ScriptError.single(file, "", "the file starts like UTF-16 text but is not valid UTF-16") from None
    else:
        _refuse_other_formats(data, file)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            text = data.decode("cp1252", errors="replace")
            warnings.append(
                Problem(file, f"line {line}", f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); it was read as Windows-1252")
            )
    text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise ScriptError.single(file, "", "this is a binary file, not a Fountain screenplay (plain text)")
    # NFC so that a name typed with combining accents matches the same name typed precomposed.
    text = unicodedata.normalize("NFC", text)
    found = _NONCHARACTERS.search(text)
    if found:
        # A script's own would be read as the markers above: a note index out of range, or text dropped.
        line = text.count("\n", 0, found.start()) + 1
        text = _NONCHARACTERS.sub("", text)
        warnings.append(Problem(file, f"line {line}", "the file holds Unicode noncharacters (U+FDD0 to U+FDEF); they were removed"))
    return "\n".join(text.splitlines()), warnings


def _refuse_other_formats(data: bytes, file: str) -> None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    kinds = (
        (b"%PDF", "a PDF file; export the screenplay as Fountain (.fountain) from your writing app"),
        (b"PK\x03\x04", "a ZIP archive (a .docx, .highland or .fadein file?); export it as Fountain from your writing app"),
        (b"{\\rtf", "an RTF document; export the screenplay as Fountain from your writing app"),
        (b"\xd0\xcf\x11\xe0", "a Microsoft Office file; export the screenplay as Fountain from your writing app"),
    )
    for magic, what in kinds:
        if head.startswith(magic):
            raise ScriptError.single(file, "", f"this is {what}")
    if head.startswith(b"<?xml") or head[:200].lower().startswith((b"<finaldraft", b"<!doctype", b"<html")):
        kind = "a Final Draft .fdx file" if b"<FinalDraft" in data[:4096] else "an XML or HTML file"
        raise ScriptError.single(file, "", f"this is {kind}, not Fountain; export the screenplay as Fountain from your writing app")
    if b"\x00" in data[:65536]:
        raise ScriptError.single(file, "", "this is a binary file, not a Fountain screenplay (plain text)")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v" or ch == "\ufffd")
    return controls > max(8, len(sample) // 100)


def remove_boneyard(text: str, file: str, warnings: list[Problem]) -> str:
    """Replace every ``/* … */`` span with markers that keep the line count."""
    out = []
    position = 0
    while True:
        start = text.find("/*", position)
        if start < 0:
            out.append(text[position:])
            return "".join(out)
        end = text.find("*/", start + 2)
        out.append(text[position:start])
        if end < 0:
            line = text.count("\n", 0, start) + 1
            warnings.append(
                Problem(file, f"line {line}", "boneyard '/*' is never closed with '*/'; the rest of the script is ignored")
            )
            out.append(_blank_out(text[start:]))
            return "".join(out)
        out.append(_blank_out(text[start : end + 2]))
        position = end + 2


def _blank_out(span: str) -> str:
    return _GONE + f"\n{_GONE}" * span.count("\n")


def remove_notes(text: str) -> tuple[str, list[str]]:
    """Replace every ``[[note]]`` with a numbered marker; return the text and the notes.

    A note may span lines but not a blank line (a line of two spaces is an
    empty line inside a note); ``[[`` that never closes stays as text.
    """
    notes: list[str] = []
    out = []
    position = 0
    end = -1
    while True:
        start = text.find("[[", position)
        if start < 0:
            break
        if end < start + 2:
            end = text.find("]]", start + 2)
            if end < 0:
                break
        body = text[start + 2 : end]
        if "\n" in body and _crosses_blank_line(body):
            out.append(text[position : start + 2])
            position = start + 2
            continue
        out.append(text[position:start])
        out.append(f"{_NOTE_OPEN}{len(notes)}{_NOTE_CLOSE}" + f"\n{_GONE}" * body.count("\n"))
        notes.append("\n".join(line.strip() for line in body.split("\n")).strip())
        position = end + 2
        end = -1
    out.append(text[position:])
    return "".join(out), notes


def _crosses_blank_line(body: str) -> bool:
    inner = body.split("\n")[1:-1]
    return any(not line.strip() and line != "  " for line in inner)


def body_lines(text: str, first_number: int, notes: list[str]) -> list[Line]:
    """Split marked text into Lines, dropping lines that held only boneyard or notes.

    Notes on a dropped line stay with the line above when it has text (a
    note written under an action line belongs to it), else they ride on a
    blank line of their own.
    """
    lines: list[Line] = []
    for offset, raw in enumerate(text.split("\n")):
        found = [notes[int(index)] for index in _NOTE_REF.findall(raw)] if _NOTE_OPEN in raw else []
        marked = _NOTE_OPEN in raw or _GONE in raw
        clean = _NOTE_SEAM.sub(_close_seam, raw).replace(_GONE, "") if marked else raw
        found = [note for note in found if note]
        if marked and not clean.strip():
            if found and lines and not lines[-1].blank:
                lines[-1].notes.extend(found)
            elif found:
                lines.append(Line(first_number + offset, "", found))
            continue
        lines.append(Line(first_number + offset, clean, found))
    return lines


def _close_seam(match: re.Match) -> str:
    # "Action [[note]] here." reads "Action here.": one space where the note sat between words.
    line = match.string
    inside = match.start() > 0 and match.end() < len(line) and line[match.end()] != _NOTE_OPEN
    return " " if inside and (match.group(1) or match.group(2)) else ""


def strip_emphasis(text: str) -> str:
    """Remove Fountain's ``*italic*``, ``**bold**`` and ``_underline_`` markers, keeping escaped ones."""
    if "\\" in text:
        text = text.replace("\\*", _ESCAPED_STAR).replace("\\_", _ESCAPED_UNDERSCORE)
    if "*" in text:
        for pattern in (_BOLD_ITALIC, _BOLD, _ITALIC):
            text = pattern.sub(r"\1", text)
    if "_" in text:
        text = _UNDERLINE.sub(r"\1", text)
    return text.replace(_ESCAPED_STAR, "*").replace(_ESCAPED_UNDERSCORE, "_")
