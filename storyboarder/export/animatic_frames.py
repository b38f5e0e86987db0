"""One animatic frame per panel: the drawing fitted to the frame, with burnt-in shot number and subtitle.

Text is drawn with the same TrueType fonts (and the same per-character
fallback) as the printed storyboard, found through ``fonts.load_font_set``,
so Cyrillic, Greek and CJK dialogue burn in as they print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont, ImageOps
from reportlab.pdfbase import pdfmetrics

from storyboarder.io.images import ImageProblem, open_panel_image
from storyboarder.model.summaries import stand_in_text

from .fonts import FontSet, load_font_set
from .print_images import REDUCING_GAP, _flatten
from .storyboard_text import MUTED, dialogue_paragraphs
from .text_fit import clean_text

if TYPE_CHECKING:
    from storyboarder.model import Panel

    from .timing import Cue

LETTERBOX = (0, 0, 0)
CARD = (236, 236, 232)
CARD_INK = (70, 70, 76)
CAPTION_BOX = (0, 0, 0)
WHITE = (255, 255, 255)
MAX_CAPTION_CHARS = 600
_WORDS = re.compile(r"\S+|\s+")
#: Characters a line of text must not hold: controls, and the line and paragraph separators that
#: make Pillow's text layout (raqm) fail outright. Each is drawn as a space.
_ONE_LINE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029], " ")


def frame_size(width: int, aspect_ratio: float) -> tuple[int, int]:
    """The frame's pixel size for a width and the project's aspect ratio, both even (as video encoders want)."""
    width = max(2, int(width) // 2 * 2)
    height = max(2, round(width / max(0.1, aspect_ratio) / 2) * 2)
    return width, height


def subtitle_text(panel: Panel) -> str:
    """The panel's dialogue as subtitles: ``NAME: line`` per speech, parentheticals left out."""
    lines = []
    for paragraph in dialogue_paragraphs(panel.dialogue):
        words = [span for span in paragraph if span.color != MUTED]
        if not words:
            continue
        if words[0].bold:
            cue = words[0].text.strip().rstrip(":")
            rest = " ".join("".join(span.text for span in words[1:]).split())
            lines.append(f"{cue}: {rest}" if rest else cue)
        else:
            lines.append(" ".join("".join(span.text for span in words).split()))
    return "\n".join(lines)


@dataclass
class FramePainter:
    """Draws frames of one size, keeping loaded fonts for the whole export."""

    size: tuple[int, int]
    captions: bool = True
    fonts: FontSet | None = None
    warnings: list[str] = field(default_factory=list)
    _pil_fonts: dict[tuple[str, int], ImageFont.ImageFont | ImageFont.FreeTypeFont] = field(default_factory=dict)

    @classmethod
    def create(cls, size: tuple[int, int], captions: bool = True, font: str | None = None) -> FramePainter:
        """Make a painter, finding fonts as the storyboard export does (``font`` names a TrueType file)."""
        fonts, warnings = load_font_set(font)
        return cls(size, captions, fonts, list(warnings))

    def render(self, folder: Path, cue: Cue) -> tuple[Image.Image, str | None]:
        """Return the frame for one cue and, when its image cannot be shown, why."""
        problem = None
        image = None
        if cue.panel.image:
            try:
                image = self._fitted(folder, cue.panel.image)
            except ImageProblem as exc:
                problem = str(exc)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
                problem = f"{cue.panel.image!r} cannot be read ({exc}); a placeholder is shown"
        frame = Image.new("RGB", self.size, LETTERBOX)
        if image is not None:
            frame.paste(image, ((self.size[0] - image.width) // 2, (self.size[1] - image.height) // 2))
            image.close()
        else:
            self._card(frame, cue)
        if self.captions:
            self._captions(frame, cue)
        return frame, problem

    def _fitted(self, folder: Path, relative: str) -> Image.Image:
        image = open_panel_image(folder, relative, load=False)
        width, height = self.size
        # draft() decodes a big JPEG at 1/2…1/8 scale: far less work and memory per frame.
        image.draft("RGB", (width, height))
        image.load()
        image = _flatten(ImageOps.exif_transpose(image))
        scale = min(width / image.width, height / image.height)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        if size == image.size:
            return image
        # Box-average by whole factors first, then Lanczos for the rest: as clean on line art, far faster.
        return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)

    def _card(self, frame: Image.Image, cue: Cue) -> None:
        """A placeholder for a panel with no drawing: the shot number and its text (``stand_in_text``), on a grey card."""
        width, height = self.size
        draw = ImageDraw.Draw(frame)
        margin = round(height * 0.05)
        draw.rectangle((margin, margin, width - margin, height - margin), fill=CARD)
        label_size = max(10, round(height * 0.14))
        label = self._fitting(cue.shot, label_size, width - 4 * margin)
        self._write(draw, (width // 2, round(height * 0.3)), label, label_size, CARD_INK, anchor="mm")
        # The model decides what the card says: the action, or the dialogue when no subtitle carries it.
        text = clean_text(stand_in_text(cue.panel, subtitled=self.captions)).strip()
        if text:
            size = max(8, round(height * 0.045))
            lines = self._wrap(text, size, width - 4 * margin)[:4]
            y = round(height * 0.45)
            for line in lines:
                self._write(draw, (width // 2, y), line, size, CARD_INK, anchor="ma")
                y += round(size * 1.3)

    def _captions(self, frame: Image.Image, cue: Cue) -> None:
        width, height = self.size
        draw = ImageDraw.Draw(frame)
        pad = max(2, round(height * 0.02))
        size = max(8, round(height * 0.05))
        label = self._fitting(cue.shot, size, width - 4 * pad)
        box_w = self._width(label, size) + 2 * pad
        draw.rectangle((pad, pad, pad + box_w, pad + round(size * 1.4)), fill=CAPTION_BOX)
        self._write(draw, (2 * pad, pad + round(size * 0.7)), label, size, WHITE, anchor="lm")
        subtitle = subtitle_text(cue.panel)
        if not subtitle:
            return
        size = max(8, round(height * 0.055))
        lines = self._wrap(subtitle, size, round(width * 0.9))
        while len(lines) > 3 and size > max(8, round(height * 0.035)):
            size -= 1
            lines = self._wrap(subtitle, size, round(width * 0.9))
        if len(lines) > 4:
            lines = lines[:4]
            lines[-1] = lines[-1].rstrip() + " …"
        step = round(size * 1.25)
        y = height - pad - step * len(lines)
        for line in lines:
            self._write(draw, (width // 2, y), line, size, WHITE, anchor="ma", stroke=max(1, size // 10))
            y += step

    # Text with per-character font fallback --------------------------------------------

    def _font(self, name: str, size: int):
        key = (name, size)
        if key not in self._pil_fonts:
            try:
                path = pdfmetrics.getFont(name).face.filename
                self._pil_fonts[key] = ImageFont.truetype(path, size)
            except (AttributeError, KeyError, OSError, ValueError):
                # A font reportlab reads but FreeType refuses: the captions still burn in.
                self._pil_fonts[key] = ImageFont.load_default(size)
        return self._pil_fonts[key]

    def _runs(self, text: str, missing: set[str] | None = None) -> list[tuple[str, str]]:
        text = text.translate(_ONE_LINE)
        if self.fonts is None:
            return [("", text)]
        return self.fonts.runs(text, False, missing)

    def _width(self, text: str, size: int) -> float:
        return sum(self._font(name, size).getlength(run) for name, run in self._runs(text))

    def _fitting(self, text: str, size: int, limit: int) -> str:
        """One line of text as much of it as fits in ``limit`` pixels, cut with "…" if need be."""
        # Rendering is what costs; a shot label thousands of characters long is measured, never drawn whole.
        text = text[:MAX_CAPTION_CHARS]
        if self._width(text, size) <= limit:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self._width(text[:middle] + "…", size) <= limit:
                low = middle
            else:
                high = middle - 1
        return text[:low] + "…"

    def _wrap(self, text: str, size: int, limit: int) -> list[str]:
        # A frame shows four lines at most: longer text is never measured, so no text can stall an export.
        text = text[:MAX_CAPTION_CHARS]
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for token in _WORDS.findall(paragraph):
                candidate = line + token
                if not line or self._width(candidate.rstrip(), size) <= limit:
                    line = candidate
                    continue
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
                # A word wider than the line (or text without spaces, as in Chinese) breaks anywhere.
                while line and self._width(line, size) > limit and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and self._width(line[:cut], size) > limit:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line.rstrip())
        return [line for line in lines if line] or [""]

    def _write(self, draw: ImageDraw.ImageDraw, xy, text: str, size: int, fill, anchor: str, stroke: int = 0) -> None:
        missing: set[str] = set()
        runs = self._runs(text, missing)
        if missing:
            self.warnings.append(f"no installed font has {''.join(sorted(missing))!r}; shown as boxes")
        total = sum(self._font(name, size).getlength(run) for name, run in runs)
        x, y = xy
        horizontal, vertical = anchor[0], anchor[1]
        if horizontal == "m":
            x -= total / 2
        for name, run in runs:
            font = self._font(name, size)
            draw.text((x, y), run, font=font, fill=fill, anchor="l" + vertical, stroke_width=stroke, stroke_fill=(0, 0, 0))
            x += font.getlength(run)
