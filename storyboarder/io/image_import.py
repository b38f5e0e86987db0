"""Turn image files from disk into encoded panel images, safely and reproducibly.

Any format Pillow decodes itself is accepted (``images.IMAGE_FORMATS``: not
PostScript, which Pillow renders by running Ghostscript). Every image comes out upright (EXIF orientation
applied), in sRGB, at most ``working_width`` pixels wide and without metadata:
photos as JPEG, drawings and anything with transparency as PNG. A file that
cannot be imported raises ImageImportError naming the file and the problem.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .images import MAX_IMAGE_PIXELS, open_image
from .paths import UnreadableFile, open_regular

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without LittleCMS: colours are kept as they are.
    ImageCms = None

DEFAULT_WORKING_WIDTH = 1920
JPEG_QUALITY = 90

#: Images with more distinct colours than this (or than 1% of their pixels) are treated as photos.
PHOTO_COLOURS = 4096

_JPEG_FORMATS = ("JPEG", "MPO")
_ROTATED_ORIENTATIONS = (5, 6, 7, 8)
_EXIF_ORIENTATION = 0x0112

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")) if ImageCms else None


@dataclass(frozen=True)
class ImportedImage:
    """An encoded image ready for ``io.staging.stage_image``, with its size and origin."""

    data: bytes = field(repr=False)
    extension: str
    width: int
    height: int
    source_name: str


class ImageImportError(Exception):
    """An image file that could not be imported; str() names the file and the problem."""

    def __init__(self, path: str | os.PathLike, message: str):
        super().__init__(os.fspath(path), message)
        self.path = os.fspath(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def import_image(path: str | os.PathLike, working_width: int = DEFAULT_WORKING_WIDTH) -> ImportedImage:
    """Read one image file and return it encoded as a panel image, or raise ImageImportError."""
    if working_width < 1:
        raise ValueError(f"working_width must be at least 1, not {working_width}")
    try:
        with _open_file(path) as handle:
            image, source_format, icc = _decode(handle, path, working_width)
        data, extension, size = _encode(image, source_format, icc, working_width)
    except ImageImportError:
        raise
    except FileNotFoundError:
        raise ImageImportError(path, "no such file") from None
    except IsADirectoryError:
        raise ImageImportError(path, "this is a folder, not an image") from None
    except UnidentifiedImageError:
        raise ImageImportError(path, "not an image Storyboarder can read") from None
    except Image.DecompressionBombError:
        raise _bomb(path) from None
    except MemoryError:
        raise ImageImportError(path, "not enough memory to decode this image") from None
    except OSError as exc:
        if exc.errno is not None:
            raise ImageImportError(path, f"cannot read the file ({exc.strerror or exc})") from None
        if "truncated" in str(exc):
            raise ImageImportError(path, "the image file is incomplete (truncated) or damaged") from None
        raise ImageImportError(path, f"the image is damaged: {exc}") from None
    except Exception as exc:
        # Pillow's decoders raise many kinds of error on malformed files; the user needs the file name.
        raise ImageImportError(path, f"the image is damaged or cannot be decoded ({type(exc).__name__}: {exc})") from exc
    return ImportedImage(data, extension, size[0], size[1], Path(path).name)


def import_images(
    paths: Iterable[str | os.PathLike],
    working_width: int = DEFAULT_WORKING_WIDTH,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> tuple[list[ImportedImage], list[ImageImportError]]:
    """Import many files in order; bad files are reported, not fatal; stop early when cancelled."""
    paths = list(paths)
    imported: list[ImportedImage] = []
    errors: list[ImageImportError] = []
    for done, path in enumerate(paths, start=1):
        if cancelled():
            break
        try:
            imported.append(import_image(path, working_width))
        except ImageImportError as exc:
            errors.append(exc)
        progress(done, len(paths))
    return imported, errors


def _open_file(path):
    """Open an image file for reading; refuse folders, FIFOs and devices (which would block or never end) and empty files."""
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        raise ImageImportError(path, "no such file") from None
    except UnreadableFile as exc:
        raise ImageImportError(path, "this is a folder, not an image" if exc.kind == "folder" else "not a regular file") from None
    except OSError as exc:
        raise ImageImportError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if os.fstat(handle.fileno()).st_size == 0:
        handle.close()
        raise ImageImportError(path, "the file is empty")
    return handle


def _bomb(path, size: tuple[int, int] | None = None) -> ImageImportError:
    what = f"is {size[0]}×{size[1]} pixels, more than" if size else "has more than"
    return ImageImportError(
        path, f"the image {what} the {MAX_IMAGE_PIXELS:,} pixels Storyboarder decodes; refused as a possible decompression bomb"
    )


def _orientation(image: Image.Image) -> int | None:
    try:
        return image.getexif().get(_EXIF_ORIENTATION)
    except Exception:
        # Broken EXIF must not lose an otherwise good picture.
        return None


def _decode(handle, path, working_width: int) -> tuple[Image.Image, str, bytes | None]:
    """Open, bomb-check, draft-decode and orient an image; return it with its format and ICC profile."""
    image = open_image(handle)
    width, height = image.size
    # Pillow only warns between one and two times its limit; the header alone decides here.
    if width * height > MAX_IMAGE_PIXELS:
        raise _bomb(path, image.size)
    source_format = image.format or ""
    icc = image.info.get("icc_profile")
    if source_format in _JPEG_FORMATS:
        upright_width = height if _orientation(image) in _ROTATED_ORIENTATIONS else width
        if upright_width > working_width:
            # Decode at 1/2, 1/4 or 1/8 scale: far faster, and still at least the size we need.
            scale = working_width / upright_width
            image.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
    image.load()
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:
        pass  # broken EXIF: the picture stays as stored
    return image, source_format, icc


def _encode(image: Image.Image, source_format: str, icc: bytes | None, working_width: int):
    """Normalise to 8-bit sRGB, downscale and encode; return ``(bytes, extension, (w, h))``."""
    image = _to_srgb(_to_8bit(image), icc)
    image, has_alpha = _flatten(image)
    # Counted before downscaling, which blends a drawing's few colours into thousands.
    photo = source_format in _JPEG_FORMATS or (not has_alpha and _many_colours(image))
    if image.width > working_width:
        height = max(1, round(image.height * working_width / image.width))
        image = image.resize((working_width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    # Metadata (EXIF with GPS, comments, profiles) is not carried into the project.
    image.info = {}
    out = io.BytesIO()
    if photo:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue(), "jpg", image.size
    image.save(out, "PNG")
    return out.getvalue(), "png", image.size


def _many_colours(image: Image.Image) -> bool:
    """Tell a photo or painting from line art and flat colour by its number of distinct colours."""
    return image.getcolors(max(PHOTO_COLOURS, image.width * image.height // 100)) is None


def _to_8bit(image: Image.Image) -> Image.Image:
    """Map 16-bit and float greyscale to 8 bits instead of letting convert() clip them to white."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v / 257).convert("L")
    if image.mode == "I":
        high = image.getextrema()[1]
        if high > 255:
            image = image.point(lambda v: v / (257 if high <= 65535 else high / 255))
        return image.convert("L")
    if image.mode == "F":
        high = image.getextrema()[1]
        if high <= 1.0:
            image = image.point(lambda v: v * 255)
        return image.convert("L")
    return image


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert colours from the embedded profile (Display P3, Adobe RGB, CMYK…) to sRGB."""
    if not icc or _SRGB is None or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (OSError, ValueError, ImageCms.PyCMSError):
        # An unusable profile is ignored, as every image viewer does.
        return image


def _flatten(image: Image.Image) -> tuple[Image.Image, bool]:
    """Return the image as L or RGB over white, and whether it had any transparency."""
    if image.mode == "P" and "transparency" in image.info or image.mode in ("PA", "LA", "La", "RGBa"):
        image = image.convert("RGBA")
    if image.mode == "RGBA":
        if image.getextrema()[3][0] == 255:
            return image.convert("RGB"), False
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background, True
    if image.mode in ("L", "RGB"):
        return image, False
    if image.mode == "1":
        return image.convert("L"), False
    return image.convert("RGB"), False
