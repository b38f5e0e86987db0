"""Who speaks in a panel's dialogue: the one reading that the boards' bold cues and the scene cast both use.

Dialogue is written as in a screenplay, or more loosely, one line at a time:

* A **cue** is a line that looks like a character's name (letters, none of
  them lower case, at most 40 characters once extensions are dropped, not in
  parentheses, and not ending as a sentence or a cry does: ``STOP!`` is
  shouted speech, not a name) with the speech on the very next line. It
  starts the dialogue, follows a blank line, or follows a finished line of
  speech (``MARA`` / ``Go.`` / ``DEZ`` / ``No.`` is two speakers); a
  capitalised line right after a cue is the speech itself.
* An **inline cue** is such a name before a colon: ``MARA: Drive.``
* A **parenthetical** is a line in parentheses, such as ``(quietly)``.
* Every other line is **speech**.

Extensions after a name, such as ``(V.O.)``, ``(O.S.)`` and ``(CONT'D)``,
belong to the cue as written but not to the speaker's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CUE = "cue"
INLINE_CUE = "inline_cue"
PARENTHETICAL = "parenthetical"
SPEECH = "speech"
BLANK = "blank"

# Extensions after a character cue: (V.O.), (O.S.), (O.C.), (CONT'D), (OFF), (PRE-LAP), (cont.)…
_EXTENSION = re.compile(r"\s*\((?:[^()]{0,24})\)\s*")
_INLINE_CUE = re.compile(r"^([^:\n]{1,40}):\s+(\S.*)$")
#: How a line ends that makes it speech, not a name.
_NOT_A_NAME_END = ("!", "?", ",", ";", ":", "…", ".", "—", "-")


@dataclass(frozen=True)
class DialogueLine:
    """One line of dialogue and what it is (``CUE``, ``INLINE_CUE``, ``PARENTHETICAL``, ``SPEECH`` or ``BLANK``)."""

    kind: str
    #: The line as written, stripped; for an inline cue, the speech after the colon.
    text: str
    #: For a cue or an inline cue, the name as written with its extensions: ``MARA (V.O.)``.
    cue: str = ""
    #: For a cue or an inline cue, who speaks: ``MARA``.
    speaker: str = ""


def without_extensions(name: str) -> str:
    """A name without extensions such as (V.O.), with single spaces and straight apostrophes."""
    return " ".join(_EXTENSION.sub(" ", name.replace("\u2019", "'")).split())


def speaker_name(line: str) -> str:
    """The character a cue line names: ``MARA (V.O.)`` → ``MARA``; empty when the line is not a name."""
    name = without_extensions(line)
    if not name or len(name) > 40 or line.strip().startswith("(") or name.endswith(_NOT_A_NAME_END):
        return ""
    if name.upper() != name or name.lower() == name:
        return ""
    return name


def dialogue_lines(dialogue: str) -> list[DialogueLine]:
    """Read a panel's dialogue line by line: cues with their speakers, parentheticals, speech and blank lines."""
    lines = [line.strip() for line in dialogue.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    result: list[DialogueLine] = []
    # True right after a cue (and its parentheticals): the next line is that cue's speech.
    awaiting_speech = False
    for index, line in enumerate(lines):
        if not line:
            result.append(DialogueLine(BLANK, ""))
            awaiting_speech = False
            continue
        has_next = index + 1 < len(lines) and bool(lines[index + 1])
        inline = _INLINE_CUE.match(line)
        inline_name = speaker_name(inline.group(1)) if inline else ""
        if inline_name:
            result.append(DialogueLine(INLINE_CUE, inline.group(2), inline.group(1).strip(), inline_name))
            awaiting_speech = False
        elif line.startswith("(") and line.endswith(")"):
            result.append(DialogueLine(PARENTHETICAL, line))
        elif not awaiting_speech and has_next and (name := speaker_name(line)):
            result.append(DialogueLine(CUE, line, line, name))
            awaiting_speech = True
        else:
            result.append(DialogueLine(SPEECH, line))
            awaiting_speech = False
    return result


def dialogue_speakers(dialogue: str) -> list[str]:
    """The characters who speak in a panel's dialogue, in order, each once."""
    return list(dict.fromkeys(line.speaker for line in dialogue_lines(dialogue) if line.speaker))


def spoken_lines(dialogue: str) -> list[tuple[str, str]]:
    """Each line of speech with who says it, parentheticals left out: ``[("MARA", "Drive.")]``.

    Speech with no cue before it (a blank line ends a speech) has no speaker: ``("", "Drive.")``.
    """
    spoken: list[tuple[str, str]] = []
    speaker = ""
    for line in dialogue_lines(dialogue):
        if line.kind == BLANK:
            speaker = ""
        elif line.kind == CUE:
            speaker = line.speaker
        elif line.kind == INLINE_CUE:
            spoken.append((line.speaker, line.text))
            speaker = ""
        elif line.kind == SPEECH:
            spoken.append((speaker, line.text))
    return spoken


def speech_lines(dialogue: str) -> list[str]:
    """Each line of speech led by its speaker, as cards and subtitles print it: ``MARA: Drive.``."""
    return [f"{speaker}: {text}" if speaker else text for speaker, text in spoken_lines(dialogue)]
