"""Text on a call sheet: user text as reportlab markup that prints literally, and the type styles.

A call sheet flows through reportlab's Paragraph, whose text is markup, so
every user string is escaped (``<b>`` prints as ``<b>``, and an ``<img>``
tag opens no file) and split into runs by the font that has each character,
so Cyrillic, Greek and CJK print through the fallback fonts. Characters no
font has are collected per place and reported as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from .storyboard_text import describe_missing
from .text_fit import clean_text

if TYPE_CHECKING:
    from .fonts import FontSet

#: Greys that print clearly on a black-and-white office printer.
INK = (0.0, 0.0, 0.0)
MUTED = (0.33, 0.33, 0.36)
RULE = (0.55, 0.55, 0.58)
SHADE = (0.88, 0.88, 0.89)

_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


def _hex(color: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in color)


def has_cjk(text: str) -> bool:
    """Say whether text has Chinese, Japanese or Korean characters, which wrap between any two characters."""
    return _CJK.search(text) is not None


class Ink:
    """Writes user text as Paragraph markup for one export, remembering characters no font has."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        #: Characters no installed font has, by where they were found.
        self.missing: dict[str, set[str]] = {}

    def markup(self, text: str, *, bold: bool = False, where: str = "", size: float | None = None,
               color: tuple[float, float, float] | None = None, base: str | None = None) -> str:
        """Return ``text`` as markup that prints exactly what was typed, line breaks kept.

        ``base`` names the paragraph's own font: runs in it need no font tag,
        which keeps reportlab's markup parser, the slow part of a layout, short.
        """
        missing: set[str] = set()
        lines = []
        for line in clean_text(text).split("\n"):
            parts = []
            for font, piece in self.fonts.runs(line, bold, missing):
                parts.append(escape(piece) if font == base else f'<font name="{font}">{escape(piece)}</font>')
            lines.append("".join(parts))
        if missing:
            self.missing.setdefault(where or "call sheet", set()).update(ch for ch in missing if not ch.isspace())
        body = "<br/>".join(lines)
        attributes = []
        if size is not None:
            attributes.append(f'size="{size:.2f}"')
        if color is not None:
            attributes.append(f'color="{_hex(color)}"')
        return f"<font {' '.join(attributes)}>{body}</font>" if attributes and body else body

    def warnings(self) -> list[str]:
        """One warning per place that has characters no installed font prints."""
        return [f"{where}: {describe_missing(''.join(sorted(chars)))}" for where, chars in self.missing.items() if chars]


@dataclass
class Styles:
    """The paragraph styles of one call sheet at one text size."""

    size: float
    body: ParagraphStyle
    center: ParagraphStyle
    right: ParagraphStyle
    small: ParagraphStyle
    #: Bold at body size, for row labels and numbers that sit on the same line as body text.
    strong: ParagraphStyle
    strong_center: ParagraphStyle
    head: ParagraphStyle
    head_center: ParagraphStyle
    bar: ParagraphStyle
    title: ParagraphStyle
    big: ParagraphStyle
    big_label: ParagraphStyle


def make_styles(fonts: FontSet, size: float) -> Styles:
    """Build the styles for text of ``size`` points: body, headers, the title and the big crew call."""
    lead = 1.15

    def style(name, font=fonts.regular, scale=1.0, align=TA_LEFT, color=INK):
        return ParagraphStyle(
            name, fontName=font, fontSize=size * scale, leading=size * scale * lead, alignment=align,
            textColor=color, splitLongWords=1, allowWidows=1, allowOrphans=1,
        )

    return Styles(
        size=size,
        body=style("body"),
        center=style("center", align=TA_CENTER),
        right=style("right", align=TA_RIGHT),
        small=style("small", scale=0.88, color=MUTED),
        strong=style("strong", fonts.bold),
        strong_center=style("strong-center", fonts.bold, align=TA_CENTER),
        head=style("head", fonts.bold, 0.88),
        head_center=style("head-center", fonts.bold, 0.88, TA_CENTER),
        bar=style("bar", fonts.bold, 0.95, color=(1.0, 1.0, 1.0)),
        title=style("title", fonts.bold, 1.9),
        big=style("big", fonts.bold, 3.3, TA_CENTER),
        big_label=style("big-label", fonts.bold, 0.9, TA_CENTER),
    )


def paragraph(ink: Ink, text: str, style: ParagraphStyle, *, bold: bool = False, where: str = "") -> Paragraph:
    """A Paragraph of user text in a style; CJK text wraps between characters."""
    body = ink.markup(text, bold=bold, where=where, base=style.fontName)
    return Paragraph(body, style if not has_cjk(text) else _cjk(style))


def rich(parts: list[str], style: ParagraphStyle, cjk: bool = False) -> Paragraph:
    """A Paragraph of markup already made by ``Ink.markup``, joined by line breaks."""
    return Paragraph("<br/>".join(part for part in parts if part), _cjk(style) if cjk else style)


def _cjk(style: ParagraphStyle) -> ParagraphStyle:
    # Made afresh: CJK text is rare on a sheet, and a cache would outlive the export.
    return ParagraphStyle(style.name + "-cjk", parent=style, wordWrap="CJK")
