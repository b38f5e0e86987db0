"""Fit styled text into a box: wrap, shrink to a minimum size, then clip with an ellipsis.

User text is drawn run by run with ``drawString``, never through a
reportlab ``Paragraph``, so nothing a user types is ever read as markup.
Every line is measured before it is drawn, so text never leaves its box.

Work is bounded by the box, not by the text: wrapping stops as soon as a
block has more lines than the box can hold, and words are measured only
when the wrapper reaches them. A 5,000-word note costs no more to fit than
the few dozen words that can show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from reportlab.pdfbase.pdfmetrics import stringWidth

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .fonts import FontSet

ELLIPSIS = "…"
BLACK = (0.0, 0.0, 0.0)

#: Line height as a multiple of the font size.
LEADING = 1.2
#: Where the baseline sits above the bottom of its line box, as a multiple of the font size:
#: room for descenders below, and ascenders and accents (about 0.93 em) above.
BASELINE = 0.25
#: Space between blocks (camera line, action, notes…), as a multiple of the font size.
BLOCK_GAP = 0.35

# A word is a run of non-space characters, except that each CJK character stands
# alone: those scripts break between any two characters.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f"
_WORD = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
_TRAILING_MARKS = frozenset({"·", "—", "–", "|"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")


@dataclass(frozen=True)
class Span:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    color: tuple[float, float, float] = BLACK
    #: Break only at this separator (a camera line breaks between its parts, not inside "dolly in").
    keep_between: str = ""


@dataclass
class TextBlock:
    """One field's text, as paragraphs of spans; ``field`` names it in warnings."""

    paragraphs: list[list[Span]]
    field: str = ""
    #: Which blocks give way first when a box can't show them all: the highest number goes first.
    priority: int = 0


@dataclass
class Run:
    """Text in one font and colour, at ``x`` (in units of the font size) from the line's start."""

    x: float
    font: str
    text: str
    color: tuple[float, float, float]
    width: float  # in units of the font size


Line = list[Run]


@dataclass
class FittedText:
    """Text laid out in a box: the font size and each line's distance from the box top."""

    size: float
    lines: list[tuple[float, Line]]
    clipped: bool = False


def clean_text(text: str) -> str:
    """Drop control characters that no font draws; tabs become spaces."""
    return _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


class _Token:
    __slots__ = ("runs", "width", "space", "space_font", "color")

    def __init__(self, runs, width, space, space_font, color):
        self.runs = runs  # [(font, text, width)], widths at size 1
        self.width = width
        self.space = space  # width of the space before it, 0 when glued to the previous word
        self.space_font = space_font
        self.color = color


class Measurer:
    """Measures text at size 1 with glyph fallback, remembering what it measured."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._widths: dict[tuple[str, str], float] = {}
        self._spaces: dict[str, float] = {}
        #: Characters no installed font has, collected while measuring.
        self.missing: set[str] = set()

    def width(self, font: str, text: str) -> float:
        key = (font, text)
        width = self._widths.get(key)
        if width is None:
            width = stringWidth(text, font, 1.0)
            if len(self._widths) < 200_000:
                self._widths[key] = width
        return width

    def space(self, font: str) -> float:
        width = self._spaces.get(font)
        if width is None:
            width = self._spaces[font] = stringWidth(" ", font, 1.0)
        return width

    def runs(self, text: str, bold: bool) -> list[tuple[str, str, float]]:
        return [(font, piece, self.width(font, piece)) for font, piece in self.fonts.runs(text, bold, self.missing)]

    def covered(self, text: str, bold: bool) -> bool:
        """Say whether the main font prints all of a text, so its words need no fallback check."""
        return self.fonts.covers_all(text, bold)

    def main_font(self, bold: bool) -> str:
        return self.fonts.bold if bold else self.fonts.regular


def _word_bounds(text: str, keep_between: str) -> Iterator[tuple[int, int]]:
    """Yield where each unbreakable piece of a text starts and ends."""
    if not keep_between:
        # A lone separator ("·", "—") stays with the word before it, never starting a line.
        pending = None
        for match in _WORD.finditer(text):
            if pending is not None and match.group() in _TRAILING_MARKS:
                pending = (pending[0], match.end())
                continue
            if pending is not None:
                yield pending
            pending = (match.start(), match.end())
        if pending is not None:
            yield pending
        return
    # The separator stays at the end of the line it breaks: "35mm ·" then "Cam A".
    tail = len(keep_between.rstrip())
    parts = text.split(keep_between)
    position = 0
    for index, part in enumerate(parts):
        start = position + len(part) - len(part.lstrip())
        end = position + len(part.rstrip())
        position += len(part) + len(keep_between)
        if end > start:
            yield start, end + (tail if index < len(parts) - 1 else 0)


class _Paragraph:
    """A paragraph's words, measured lazily and remembered across fitting attempts."""

    def __init__(self, spans: list[Span], measure: Measurer):
        self._measure = measure
        self._source = self._generate(spans)
        self._tokens: list[_Token] = []
        self._done = False

    def _generate(self, spans: list[Span]) -> Iterator[_Token]:
        gap_pending = False
        first = True
        measure = self._measure
        for span in spans:
            text = clean_text(span.text)
            font = measure.main_font(span.bold)
            simple = measure.covered(text, span.bold)
            position = 0
            for start, end in _word_bounds(text, span.keep_between):
                gap = start > position or (gap_pending and start == 0)
                position = end
                word = text[start:end]
                if simple:
                    width = measure.width(font, word)
                    runs = [(font, word, width)]
                else:
                    runs = measure.runs(word, span.bold)
                    width = sum(w for _, _, w in runs)
                space = self._measure.space(font) if gap and not first else 0.0
                first = False
                yield _Token(runs, width, space, font, span.color)
            gap_pending = position < len(text) or not text.strip()

    def token(self, index: int) -> _Token | None:
        while index >= len(self._tokens) and not self._done:
            token = next(self._source, None)
            if token is None:
                self._done = True
            else:
                self._tokens.append(token)
        return self._tokens[index] if index < len(self._tokens) else None


class _PreparedBlock:
    def __init__(self, block: TextBlock, measure: Measurer):
        self.field = block.field
        self.priority = block.priority
        self.paragraphs = [_Paragraph(spans, measure) for spans in block.paragraphs if any(s.text.strip() for s in spans)]


def _split_token(token: _Token, avail: float, measure: Measurer) -> tuple[_Token, _Token | None]:
    """Split a word too wide for a line: as many characters as fit, and the rest.

    The head is empty when not even one character fits: the box is too narrow at this size.
    """
    head: list[tuple[str, str, float]] = []
    used = 0.0
    for index, (font, text, width) in enumerate(token.runs):
        if used + width <= avail:
            head.append((font, text, width))
            used += width
            continue
        cut = 0
        taken = 0.0
        for ch in text:
            w = measure.width(font, ch)
            if used + taken + w > avail + 1e-9:
                break
            taken += w
            cut += 1
        head_width = measure.width(font, text[:cut]) if cut else 0.0
        if cut:
            head.append((font, text[:cut], head_width))
            used += head_width
        # The rest's width is what is left of the run's, not measured again: a long word is cut
        # once per line, and measuring every rest made its wrapping quadratic.
        tail = [(font, text[cut:], max(0.0, width - head_width))] if cut < len(text) else []
        tail.extend(token.runs[index + 1 :])
        head_token = _Token(head, used, token.space, token.space_font, token.color)
        return head_token, _Token(tail, sum(w for _, _, w in tail), 0.0, token.space_font, token.color)
    return token, None


def _append(line: Line, token: _Token, x: float, with_space: bool) -> float:
    """Add a word to a line that ends at ``x``; return the line's new end."""
    start = x + (token.space if with_space else 0.0)
    for index, (font, text, width) in enumerate(token.runs):
        last = line[-1] if line else None
        spaced = index == 0 and with_space
        # One drawString per run of a font: a space joins only in the font it was measured in.
        if last is not None and last.font == font and last.color == token.color and (not spaced or font == token.space_font):
            last.text += (" " if spaced else "") + text
            last.width = start + width - last.x
        else:
            line.append(Run(start, font, text, token.color, width))
        start += width
    return start


def _wrap(paragraphs: list[_Paragraph], avail: float, max_lines: int, measure: Measurer) -> tuple[list[Line], bool]:
    """Wrap paragraphs to a width (in size-1 units) into at most ``max_lines`` lines.

    Returns the lines and whether text was left over.
    """
    lines: list[Line] = []
    if max_lines <= 0:
        return lines, bool(paragraphs)
    last_paragraph = len(paragraphs) - 1
    for p_index, paragraph in enumerate(paragraphs):
        line: Line = []
        x = 0.0
        index = 0
        pending: _Token | None = None
        while True:
            if pending is not None:
                token, pending = pending, None
            else:
                token = paragraph.token(index)
                if token is None:
                    break
                index += 1
            with_space = bool(line) and token.space > 0
            if x + (token.space if with_space else 0.0) + token.width <= avail + 1e-9:
                x = _append(line, token, x, with_space)
                continue
            if line:
                lines.append(line)
                if len(lines) >= max_lines:
                    return lines, True
                line, x = [], 0.0
                pending = token
                continue
            head, pending = _split_token(token, avail, measure)
            if not head.runs:
                return lines, True
            lines.append([])
            _append(lines[-1], head, 0.0, False)
            if len(lines) >= max_lines:
                more = pending is not None or paragraph.token(index) is not None or p_index < last_paragraph
                return lines, more
        if line:
            lines.append(line)
            if len(lines) >= max_lines and p_index < last_paragraph:
                return lines, True
    return lines, False


def _line_width(line: Line) -> float:
    return (line[-1].x + line[-1].width) if line else 0.0


def _ellipsize(line: Line, avail: float, measure: Measurer) -> Line:
    """End a line with "…", dropping characters from its end until it fits."""
    if not line:
        return [Run(0.0, measure.main_font(False), ELLIPSIS, BLACK, measure.width(measure.main_font(False), ELLIPSIS))]
    if line[-1].text.endswith(ELLIPSIS):
        return line
    runs = [Run(r.x, r.font, r.text, r.color, r.width) for r in line]
    last_font = runs[-1].font
    dots = measure.width(last_font, ELLIPSIS)
    while runs:
        last = runs[-1]
        text = last.text.rstrip(" ,;:.·–—-")
        if text != last.text:
            last.text = text
            last.width = measure.width(last.font, text)
        if last.text and last.x + last.width + dots <= avail + 1e-9:
            break
        if not last.text:
            runs.pop()
            continue
        last.text = last.text[:-1]
        last.width = measure.width(last.font, last.text)
    if dots > avail + 1e-9:
        return runs  # not even "…" fits: the box is narrower than one character
    end = _line_width(runs)
    if runs and runs[-1].font == last_font:
        runs[-1].text += ELLIPSIS
        runs[-1].width += dots
    else:
        color = runs[-1].color if runs else BLACK
        runs.append(Run(end, last_font, ELLIPSIS, color, dots))
    return runs


def _fair_shares(needs: list[int], capacity: int) -> list[int]:
    """Share lines among blocks: short blocks get all they need, long ones split the rest."""
    shares = [0] * len(needs)
    open_blocks = list(range(len(needs)))
    remaining = capacity
    while open_blocks:
        share = remaining // len(open_blocks)
        satisfied = [i for i in open_blocks if needs[i] <= share]
        if not satisfied:
            extra = remaining - share * len(open_blocks)
            for position, i in enumerate(open_blocks):
                shares[i] = share + (1 if position < extra else 0)
            return shares
        for i in satisfied:
            shares[i] = needs[i]
            remaining -= needs[i]
        open_blocks = [i for i in open_blocks if i not in satisfied]
    return shares


def fit_blocks(
    blocks: list[TextBlock],
    width: float,
    height: float,
    size: float,
    min_size: float,
    measure: Measurer,
    step: float = 0.25,
    max_lines: int | None = None,
) -> FittedText:
    """Lay blocks out in a box at the largest size from ``size`` down to ``min_size`` that fits.

    Text that doesn't fit at ``min_size`` is clipped: every block keeps a fair
    share of the lines, and each block that lost text ends with "…".
    """
    prepared = [b for b in (_PreparedBlock(block, measure) for block in blocks) if b.paragraphs]
    if not prepared:
        return FittedText(size, [])
    if width <= 0 or height <= 0:
        return FittedText(min_size, [], clipped=True)
    current = size
    while True:
        line_h = current * LEADING
        gap = current * BLOCK_GAP
        capacity = int((height - gap * (len(prepared) - 1) + 1e-6) // line_h)
        if max_lines is not None:
            capacity = min(capacity, max_lines)
        avail = width / current
        if capacity >= len(prepared):
            wrapped = []
            total = 0
            overflow = False
            for block in prepared:
                lines, more = _wrap(block.paragraphs, avail, capacity - total, measure)
                wrapped.append((lines, more))
                total += len(lines)
                if more:
                    overflow = True
                    break
            if not overflow:
                return FittedText(current, _stack(wrapped, current))
        if current - step < min_size - 1e-9:
            break
        current = max(min_size, current - step)
    return _clip(prepared, width, height, current, measure, max_lines)


def _clip(
    prepared: list[_PreparedBlock], width: float, height: float, size: float, measure: Measurer, max_lines: int | None = None
) -> FittedText:
    line_h = size * LEADING
    gap = size * BLOCK_GAP
    avail = width / size
    # Keep as many blocks as can show one line each, letting the least important go first.
    kept = list(prepared)
    while kept and len(kept) * line_h + (len(kept) - 1) * gap > height + 1e-6:
        least = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
        kept.pop(least)
    if not kept:
        return FittedText(size, [], clipped=True)
    capacity = int((height - gap * (len(kept) - 1) + 1e-6) // line_h)
    if max_lines is not None:
        capacity = min(capacity, max_lines)
    wrapped = [_wrap(block.paragraphs, avail, capacity, measure) for block in kept]
    needs = [len(lines) + (1 if more else 0) for lines, more in wrapped]
    shares = _fair_shares(needs, capacity)
    result = []
    for (lines, more), share in zip(wrapped, shares):
        cut = more or len(lines) > share
        lines = lines[:share]
        if cut and lines:
            lines[-1] = _ellipsize(lines[-1], avail, measure)
        result.append((lines, False))
    dropped = [block for block in prepared if block not in kept]
    if dropped and result[-1][0]:
        # Say that something is missing even when the dropped block was not the last.
        result[-1][0][-1] = _ellipsize(result[-1][0][-1], avail, measure)
    return FittedText(size, _stack(result, size), clipped=True)


def _stack(wrapped: list[tuple[list[Line], bool]], size: float) -> list[tuple[float, Line]]:
    """Place lines top to bottom: each entry is the distance from the box top to the line's baseline."""
    line_h = size * LEADING
    gap = size * BLOCK_GAP
    placed = []
    top = 0.0
    for block_index, (lines, _more) in enumerate(wrapped):
        if block_index and lines:
            top += gap
        for line in lines:
            top += line_h
            placed.append((top - size * BASELINE, line))
    return placed


def fit_line(spans: list[Span], width: float, size: float, min_size: float, measure: Measurer) -> FittedText:
    """Fit one line of text into a width: shrink to ``min_size``, then end it with "…"."""
    block = TextBlock([spans])
    return fit_blocks([block], width, size * LEADING, size, min_size, measure, max_lines=1)


def draw_fitted(canvas: Canvas, fitted: FittedText, x: float, top: float, align: str = "left", width: float = 0.0) -> None:
    """Draw fitted text with its box's top-left corner at ``(x, top)``."""
    if not fitted.lines:
        return
    size = fitted.size
    # One text object for the whole box: far fewer operators than a drawString per run.
    text = canvas.beginText()
    color = None
    font = None
    for baseline, line in fitted.lines:
        offset = 0.0
        if align != "left" and line:
            free = width - _line_width(line) * size
            offset = free if align == "right" else free / 2
        y = top - baseline
        for run in line:
            if run.color != color:
                text.setFillColorRGB(*run.color)
                color = run.color
            if run.font != font:
                text.setFont(run.font, size)
                font = run.font
            text.setTextOrigin(x + offset + run.x * size, y)
            text.textOut(run.text)
    canvas.drawText(text)


class TextBatch:
    """Draws many fitted texts (a page of table cells) as one PDF text object.

    One text object, and a font or colour set only when it changes, write
    far fewer operators than a ``draw_fitted`` per cell. Call ``finish``
    once, after the last ``add``.
    """

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.text = canvas.beginText()
        self.font: tuple[str, float] | None = None
        self.color: tuple[float, float, float] | None = None

    def add(self, fitted: FittedText, x: float, top: float, align: str = "left", width: float = 0.0) -> None:
        """Add fitted text with its box's top-left corner at ``(x, top)``, as ``draw_fitted`` places it."""
        size = fitted.size
        text = self.text
        for baseline, line in fitted.lines:
            offset = 0.0
            if align != "left" and line:
                free = width - _line_width(line) * size
                offset = free if align == "right" else free / 2
            y = top - baseline
            for run in line:
                if run.color != self.color:
                    text.setFillColorRGB(*run.color)
                    self.color = run.color
                if (run.font, size) != self.font:
                    text.setFont(run.font, size)
                    self.font = (run.font, size)
                text.setTextOrigin(x + offset + run.x * size, y)
                text.textOut(run.text)

    def finish(self) -> None:
        """Put the batched text on the page."""
        self.canvas.drawText(self.text)


def line_width_points(fitted: FittedText, index: int = 0) -> float:
    """The printed width of one fitted line, in points."""
    if index >= len(fitted.lines):
        return 0.0
    return _line_width(fitted.lines[index][1]) * fitted.size
