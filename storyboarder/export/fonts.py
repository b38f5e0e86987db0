"""Fonts for printed exports: a TrueType font from the system, and glyph fallback.

reportlab has no glyph fallback: a character its font lacks prints blank.
``FontSet.runs`` splits text into runs by which font has each character,
trying the main font, then fallback fonts (CJK and others) found on the
system, loaded only when a character needs them. A character no font has is
reported, so the export can warn instead of printing a silent box.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .font_check import MAX_FONT_BYTES, FontFileProblem, font_problem
from .storyboard_options import StoryboardExportError

#: Environment variables that choose the fonts without a command-line option.
ENV_FONT = "STORYBOARDER_PDF_FONT"
ENV_BOLD_FONT = "STORYBOARDER_PDF_FONT_BOLD"
ENV_FALLBACK_FONTS = "STORYBOARDER_PDF_FALLBACK_FONTS"

_LOCK = threading.Lock()
_LOADED: dict[tuple[str, int], TTFont | None] = {}
#: Why each file that could not be loaded was refused, by absolute path.
_PROBLEMS: dict[str, str] = {}


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def main_font_candidates(platform: str = sys.platform) -> list[tuple[str, str]]:
    """Return ``(regular, bold)`` TrueType files to try, most wanted first, for one OS."""
    home = Path.home()
    if platform.startswith("win"):
        fonts = _windows_fonts()
        names = [("arial.ttf", "arialbd.ttf"), ("segoeui.ttf", "segoeuib.ttf"), ("tahoma.ttf", "tahomabd.ttf")]
        return [(str(fonts / r), str(fonts / b)) for r, b in names]
    if platform == "darwin":
        pairs = []
        for folder in ("/System/Library/Fonts/Supplemental", "/Library/Fonts", str(home / "Library/Fonts")):
            pairs.append((f"{folder}/Arial.ttf", f"{folder}/Arial Bold.ttf"))
        pairs.append(("/System/Library/Fonts/Supplemental/Verdana.ttf", "/System/Library/Fonts/Supplemental/Verdana Bold.ttf"))
        pairs.append((str(home / "Library/Fonts/DejaVuSans.ttf"), str(home / "Library/Fonts/DejaVuSans-Bold.ttf")))
        pairs.append(("/opt/homebrew/share/fonts/DejaVuSans.ttf", "/opt/homebrew/share/fonts/DejaVuSans-Bold.ttf"))
        return pairs
    folders = [
        "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
        "/usr/share/fonts/TTF",  # Arch
        "/usr/share/fonts/dejavu",  # older Fedora
        "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
        "/usr/local/share/fonts",
        str(home / ".local/share/fonts"),
        str(home / ".fonts"),
    ]
    pairs = [(f"{folder}/DejaVuSans.ttf", f"{folder}/DejaVuSans-Bold.ttf") for folder in folders]
    pairs.append(
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")
    )
    pairs.append(("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"))
    return pairs


def fallback_font_candidates(platform: str = sys.platform) -> list[str]:
    """Return TrueType files that cover what the main font may not (CJK, symbols), most wanted first."""
    if platform.startswith("win"):
        fonts = _windows_fonts()
        return [str(fonts / name) for name in ("seguisym.ttf", "msyh.ttc", "msgothic.ttc", "malgun.ttf", "simsun.ttc", "Nirmala.ttf", "arialuni.ttf")]
    if platform == "darwin":
        return [
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
            "/Library/Fonts/Arial Unicode.ttf",
            "/System/Library/Fonts/Supplemental/AppleGothic.ttf",
            "/System/Library/Fonts/Supplemental/Songti.ttc",
        ]
    return [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
        "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # CFF outlines: skipped if reportlab refuses it
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/unifont/unifont.ttf",
    ]


def _load(path: str) -> TTFont | None:
    """Load and register one TrueType file once per process; None if it can't be used (``_PROBLEMS`` says why)."""
    key = (os.path.abspath(path), 0)
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        font = None
        if os.path.isfile(path):
            digest = hashlib.sha1(key[0].encode("utf-8", "surrogatepass")).hexdigest()[:8]
            name = f"SB-{Path(path).stem[:24]}-{digest}".replace(" ", "")
            try:
                font = _parse(name, path)
                pdfmetrics.registerFont(font)
            except Exception as exc:  # noqa: BLE001 - a damaged font can make the parser raise anything
                # CFF-flavoured OpenType, a broken file: the next candidate is tried, or a named font refused.
                _PROBLEMS[key[0]] = _reason(exc, path)
                font = None
        else:
            _PROBLEMS[key[0]] = "no such file" if not os.path.exists(path) else "not a regular file"
        _LOADED[key] = font
        return font


def _parse(name: str, path: str) -> TTFont:
    """Parse a TrueType file, or raise: damage found now, not when a PDF is saved half-written."""
    with open(path, "rb") as handle:
        problem = font_problem(handle.read(MAX_FONT_BYTES + 1))
    if problem:
        raise FontFileProblem(problem)
    try:
        return TTFont(name, path, subfontIndex=0, validate=1)
    except TTFError as exc:
        if "checksum" not in str(exc):
            raise
    # A checksum that does not match may be a careless font tool or real damage: reading
    # every glyph once (a subset of all of them) tells, and costs nothing for intact fonts.
    font = TTFont(name, path, subfontIndex=0)
    font.face.makeSubset(sorted(font.face.charToGlyph))
    return font


def _reason(exc: BaseException, path: str) -> str:
    if isinstance(exc, FontFileProblem):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "the font is damaged (reading it needs more memory than there is)"
    if isinstance(exc, OSError):
        return f"cannot read it: {exc.strerror or exc}"
    # reportlab's messages name the file, which the caller's message already starts with.
    text = " ".join(str(exc).replace(f'"{path}"', "").replace(path, "").split())[:200]
    if isinstance(exc, TTFError) and "postscript outlines" in text.lower():
        return "it has PostScript (CFF) outlines; only TrueType outlines can be embedded"
    if isinstance(exc, TTFError) and text:
        return f"the font is damaged or not TrueType ({text})"
    return f"the font is damaged ({type(exc).__name__}{': ' + text if text else ''})"


def font_load_problem(path: str) -> str | None:
    """Why a TrueType file could not be loaded, once ``_load`` has tried it; None if it loaded or was not tried."""
    return _PROBLEMS.get(os.path.abspath(path))


def _bold_sibling(regular: str) -> str | None:
    path = Path(regular)
    stem, suffix = path.stem, path.suffix
    base = stem.removesuffix("-Regular").removesuffix("Regular")
    for name in (f"{base}-Bold{suffix}", f"{base}bd{suffix}", f"{base} Bold{suffix}", f"{base}Bold{suffix}", f"{base}b{suffix}"):
        candidate = path.with_name(name)
        if candidate.is_file():
            return str(candidate)
    return None


def _covers_latin1(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class FontSet:
    """The fonts one export prints with: regular and bold, and fallbacks loaded on demand."""

    regular: str
    bold: str
    #: Character coverage of the main font; None for a standard PDF font (cp1252 only).
    main_glyphs: dict | None
    bold_glyphs: dict | None = None
    fallback_paths: list[str] = field(default_factory=list)
    _fallbacks: list[tuple[str, dict]] = field(default_factory=list)
    _next_fallback: int = 0
    #: The character → font name decided so far, so each character is looked up once.
    _choice: dict[str, str | None] = field(default_factory=dict)

    def covers(self, ch: str, bold: bool = False) -> bool:
        """Say whether the main font (or its bold) has a glyph for a character."""
        glyphs = self.bold_glyphs if bold else self.main_glyphs
        if glyphs is None:
            return _covers_latin1(ch)
        return ord(ch) in glyphs

    def covers_all(self, text: str, bold: bool = False) -> bool:
        """Say whether the main font (or its bold) has every character of a text."""
        glyphs = self.bold_glyphs if bold else self.main_glyphs
        if glyphs is None:
            return all(_covers_latin1(ch) for ch in text)
        return all(ord(ch) in glyphs for ch in text)

    def _fallback_for(self, ch: str) -> str | None:
        if ch in self._choice:
            return self._choice[ch]
        code = ord(ch)
        chosen = next((name for name, glyphs in self._fallbacks if code in glyphs), None)
        while chosen is None and self._next_fallback < len(self.fallback_paths):
            font = _load(self.fallback_paths[self._next_fallback])
            self._next_fallback += 1
            if font is None or font.fontName in (self.regular, self.bold):
                continue
            glyphs = font.face.charToGlyph
            self._fallbacks.append((font.fontName, glyphs))
            if code in glyphs:
                chosen = font.fontName
        self._choice[ch] = chosen
        return chosen

    def runs(self, text: str, bold: bool = False, missing: set[str] | None = None) -> list[tuple[str, str]]:
        """Split text into ``(font name, text)`` runs; add characters no font has to ``missing``."""
        main = self.bold if bold else self.regular
        glyphs = self.bold_glyphs if bold else self.main_glyphs
        if glyphs is not None and all(ord(ch) in glyphs for ch in text):
            return [(main, text)] if text else []
        runs: list[tuple[str, str]] = []
        for ch in text:
            if self.covers(ch, bold):
                name = main
            elif bold and self.covers(ch):
                name = self.regular  # the bold face lacks a few glyphs the regular has
            else:
                name = self._fallback_for(ch)
                if name is None:
                    if missing is not None:
                        missing.add(ch)
                    name = main  # prints the font's "missing glyph" box; the export warns
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + ch)
            else:
                runs.append((name, ch))
        return runs


def load_font_set(font: str | None = None) -> tuple[FontSet, list[str]]:
    """Find, load and register the export's fonts; return them with any warnings.

    ``font`` (or the STORYBOARDER_PDF_FONT variable) names a TrueType file;
    without it the OS's search order is tried. A font named explicitly that
    cannot be loaded is an error; with none found at all, Helvetica is used
    with a warning, and only Western European text prints.
    """
    warnings: list[str] = []
    chosen = font or os.environ.get(ENV_FONT) or None
    extra = [p for p in os.environ.get(ENV_FALLBACK_FONTS, "").split(os.pathsep) if p]
    if chosen:
        regular = _load(chosen)
        if regular is None:
            reason = font_load_problem(chosen) or "unknown problem"
            raise StoryboardExportError(
                f"{chosen}: cannot load this font: {reason}"
            )
        bold_path = os.environ.get(ENV_BOLD_FONT) if not font else None
        bold_path = bold_path or _bold_sibling(chosen)
        bold = _load(bold_path) if bold_path else None
        pairs_tried = [(chosen, bold_path or "")]
    else:
        regular = bold = None
        pairs_tried = main_font_candidates()
        for regular_path, bold_path in pairs_tried:
            regular = _load(regular_path)
            if regular is not None:
                bold = _load(bold_path)
                break
    fallbacks = extra + [p for p in fallback_font_candidates() if not regular or os.path.abspath(p) != os.path.abspath(regular.face.filename)]
    if regular is None:
        warnings.append(
            "no TrueType font was found (set STORYBOARDER_PDF_FONT to a .ttf file); "
            "Helvetica is used and only Western European characters print"
        )
        return FontSet("Helvetica", "Helvetica-Bold", None, None, fallbacks), warnings
    bold = bold or regular
    family = regular.fontName
    # Registered as a family so that ``<b>`` in any Paragraph drawn with it picks the bold face.
    pdfmetrics.registerFontFamily(family, normal=family, bold=bold.fontName, italic=family, boldItalic=bold.fontName)
    return FontSet(regular.fontName, bold.fontName, regular.face.charToGlyph, bold.face.charToGlyph, fallbacks), warnings

