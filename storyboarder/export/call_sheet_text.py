"""Text on a call sheet: user text as reportlab markup that prints literally, and the type styles.

A call sheet flows through reportlab's Paragraph, whose text is markup, so
every user string is escaped (``<b>`` prints as ``<b>``, and an ``<img>``
tag opens no file) and split into runs by the font that has each character,
so Cyrillic, Greek and CJK print through the fallback fonts. Characters no
font has are collected per place and reported as warnings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

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

#: User text longer than this is laid out as several paragraphs of at most this many characters.
#: reportlab lays out again the whole rest of a paragraph on every page it continues on, so one
#: paragraph running over many pages costs its length times its pages; pieces keep that linear.
PIECE_CHARS = 2000


class ExportCancelled(Exception):
    """Raised from inside a layout when the user cancelled, to stop reportlab mid-day."""


def _hex(color: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in color)


def has_cjk(text: str) -> bool:
    """Say whether text has Chinese, Japanese or Korean characters, which wrap between any two characters."""
    return _CJK.search(text) is not None


class Ink:
    """Writes user text as Paragraph markup for one export, remembering characters no font has."""

    def __init__(self, fonts: FontSet, cancelled: Callable[[], bool] = lambda: False):
        self.fonts = fonts
        self.cancelled = cancelled
        #: Characters no installed font has, by where they were found.
        self.missing: dict[str, set[str]] = {}

    def check_cancelled(self) -> None:
        """Stop the export (raise ExportCancelled) when the user has cancelled it."""
        if self.cancelled():
            raise ExportCancelled

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


def paragraph(ink: Ink, text: str, style: ParagraphStyle, *, bold: bool = False, where: str = "") -> Flowable:
    """A Paragraph of user text in a style; CJK text wraps between characters."""
    body = ink.markup(text, bold=bold, where=where, base=style.fontName)
    return flowing(body, style if not has_cjk(text) else _cjk(style), ink)


def rich(parts: list[str], style: ParagraphStyle, ink: Ink, cjk: bool = False) -> Flowable:
    """A Paragraph of markup already made by ``Ink.markup``, joined by line breaks."""
    return flowing("<br/>".join(part for part in parts if part), _cjk(style) if cjk else style, ink)


def flowing(markup: str, style: ParagraphStyle, ink: Ink) -> Flowable:
    """A Paragraph of markup holding user text; one of more than PIECE_CHARS characters becomes a LongText."""
    whole = Paragraph(markup, style)
    if len(markup) <= PIECE_CHARS or sum(len(getattr(frag, "text", "")) for frag in whole.frags) <= PIECE_CHARS:
        return whole
    # Every piece but the first continues the paragraph: no first-line indent (a hanging one) there.
    rest = ParagraphStyle(f"{style.name}-rest", parent=style, firstLineIndent=0) if style.firstLineIndent else style
    pieces = _frag_pieces(whole.frags)
    return LongText([_Piece(None, style if not index else rest, frags=frags) for index, frags in enumerate(pieces)], ink)


#: The most combining marks a cut between pieces walks back over to keep them with their letter.
MAX_MARKS = 32


def _frag_pieces(frags: list, limit: int = PIECE_CHARS) -> list[list]:
    """Cut a paragraph's runs of styled text (frags) into pieces of at most ``limit`` characters.

    A cut at a line break (``<br/>``) changes nothing printed; one at a space
    ends that line a little early; a word longer than a piece is broken at
    the cut, as it is broken at every line anyway.
    """
    pieces: list[list] = []
    current: list = []
    length = 0
    for frag in frags:
        if getattr(frag, "lineBreak", False) and length >= limit // 2:
            pieces.append(current)  # the next piece starts on a new line: the break itself goes
            current, length = [], 0
            continue
        text = getattr(frag, "text", "")
        start = 0
        while len(text) - start > limit - length:
            end = start + limit - length
            space = text.rfind(" ", start + (limit - length) // 2, end)
            if space >= 0:
                cut, resume = space, space + 1
            else:
                cut = end
                # An accent stays with its letter, a few marks back at most: a run of thousands of marks is
                # cut where it stands (walking back through it made pieces of one character, at quadratic cost).
                floor = max(start + 1, end - MAX_MARKS)
                while cut > floor and unicodedata.combining(text[cut]):
                    cut -= 1
                if unicodedata.combining(text[cut]) and cut == floor:
                    cut = end
                resume = cut
            if cut > start:
                current.append(frag.clone(text=text[start:cut]))
            pieces.append(current)
            current, length, start = [], 0, resume
        if start < len(text) or not text:
            current.append(frag.clone(text=text[start:]) if start else frag)
            length += len(text) - start
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece]


class _Piece(Paragraph):
    """A Paragraph that keeps its layout for the width it was last wrapped at.

    A table asks every cell's height again and again while it splits over
    pages; a piece whose width has not changed answers without laying out.
    """

    _wrapped_width: float | None = None

    def wrap(self, availWidth, availHeight):
        if availWidth == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size


class LongText(Flowable):
    """Long user text as a stack of paragraphs that splits between pages without laying the rest out again.

    It asks ``ink`` whether the export was cancelled before laying out each
    piece, so Cancel is honoured inside a long day, not only between days.
    """

    def __init__(self, paragraphs: list[Paragraph], ink: Ink):
        super().__init__()
        self.paragraphs = paragraphs
        self.ink = ink
        self._heights: list[float] = []
        self._wrapped_width: float | None = None

    def wrap(self, availWidth, availHeight):
        heights = []
        for piece in self.paragraphs:
            if availWidth != self._wrapped_width:
                self.ink.check_cancelled()
            # Each piece answers from its own cache unless a failed split dropped its layout.
            heights.append(piece.wrap(availWidth, availHeight)[1])
        self._heights, self._wrapped_width = heights, availWidth
        self.width, self.height = availWidth, sum(heights)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        # Only the pieces up to the split are laid out at this width: the rest move on untouched,
        # keeping their layout (reportlab splits a cell at a width other than the one it wraps at).
        used = 0.0
        for index, piece in enumerate(self.paragraphs):
            self.ink.check_cancelled()
            height = piece.wrap(availWidth, availHeight)[1]
            if used + height <= availHeight + 1e-6:
                used += height
                continue
            parts = piece.split(availWidth, availHeight - used)
            if len(parts) == 2:
                head, rest = self.paragraphs[:index] + parts[:1], parts[1:] + self.paragraphs[index + 1 :]
            elif parts:  # it fits after all
                head, rest = self.paragraphs[: index + 1], self.paragraphs[index + 1 :]
            else:  # not one line of it fits
                head, rest = self.paragraphs[:index], self.paragraphs[index:]
            if not head:
                return []
            return [LongText(head, self.ink), LongText(rest, self.ink)]
        # All of it fits at this width (a table splits a cell at a width wider than it wraps it
        # at): a split is still two parts, the second empty, as a table expects.
        return [LongText(self.paragraphs, self.ink), LongText([], self.ink)]

    def draw(self):
        top = self.height
        for piece, height in zip(self.paragraphs, self._heights):
            top -= height
            piece.drawOn(self.canv, 0, top)


def _cjk(style: ParagraphStyle) -> ParagraphStyle:
    # Made afresh: CJK text is rare on a sheet, and a cache would outlive the export.
    return ParagraphStyle(style.name + "-cjk", parent=style, wordWrap="CJK")
