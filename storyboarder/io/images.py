"""Read panel images safely: never outside the project, never a decompression bomb.

Every reader of panel images (thumbnails, exports, validation) goes through
``open_panel_image`` so that the same rules protect all of them.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import Problem
from .paths import ImageDirectory, UnreadableFile, open_regular, panel_image_paths, read_regular, unsafe_image_reason

#: Images with more pixels than this are refused as decompression bombs.
MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485

#: The formats a panel image (or an imported picture) may be in: those Pillow decodes itself.
#: EPS is left out: Pillow "reads" PostScript by running Ghostscript on it, and a file from
#: anyone must never start a program. Named one by one, so a plugin installed later adds nothing.
IMAGE_FORMATS = (
    "AVIF", "BLP", "BMP", "BUFR", "CUR", "DCX", "DDS", "DIB", "FITS", "FLI", "FTEX", "GBR", "GIF", "GRIB",
    "HDF5", "ICNS", "ICO", "IM", "IMT", "IPTC", "JPEG", "JPEG2000", "MCIDAS", "MPEG", "MSP", "PCD", "PCX",
    "PIXAR", "PNG", "PPM", "PSD", "QOI", "SGI", "SPIDER", "SUN", "TGA", "TIFF", "WEBP", "WMF", "XBM", "XPM",
    "XVTHUMB",
)


#: Tried first, in this order: what panels almost always are. Pillow tries formats in the
#: order given, and a plugin that cannot tell its files by their first bytes is started on every
#: file tried before it: four of them, before PNG in alphabetical order.
_COMMON_FORMATS = ("PNG", "JPEG", "WEBP", "TIFF", "BMP", "GIF")


def open_image(source) -> Image.Image:
    """``Image.open`` limited to :data:`IMAGE_FORMATS`: the one way Storyboarder opens an image."""
    Image.init()
    # A Pillow built without one of these plugins simply does not offer it.
    return Image.open(source, formats=[name for name in _FORMAT_ORDER if name in Image.OPEN])


_FORMAT_ORDER = _COMMON_FORMATS + tuple(name for name in IMAGE_FORMATS if name not in _COMMON_FORMATS)

#: Image files bigger than this are not read whole (to copy a panel, or to adopt a recovered project's images).
MAX_IMAGE_BYTES = 256 * 1024 * 1024


class ImageProblem(Exception):
    """A panel image that cannot be shown; the message says why."""


def panel_image_file(folder: Path, relative: str) -> Path:
    """The file a panel image path names in ``folder``, or raise ImageProblem when it must not be read."""
    reason = unsafe_image_reason(folder, relative)
    if reason:
        raise ImageProblem(reason)
    return folder / relative


def read_panel_image(folder: Path, relative: str) -> bytes:
    """The bytes of a panel image file inside the project, or ImageProblem: never a FIFO, a device or a path outside."""
    path = panel_image_file(folder, relative)
    try:
        return read_regular(path, MAX_IMAGE_BYTES)
    except OSError as exc:
        raise ImageProblem(f"{relative!r} cannot be read ({exc.strerror or exc})") from None


def open_panel_image(
    folder: Path | None, relative: str, *, load: bool = True, data: bytes | None = None, plain: bool = False
) -> Image.Image:
    """Open a panel image with EXIF orientation applied, or raise ImageProblem.

    ``data`` gives the bytes of an image that is not saved yet (a project's
    pending image); it is checked like a file, and ``folder`` may then be None.
    ``plain`` says the path is known to name a regular file directly in a real
    ``images/`` folder (``ImageDirectory.is_plain``): it is then not resolved,
    and opened without following a symlink.
    """
    if data is None:
        if folder is None:
            raise ImageProblem(f"the image file {relative!r} is missing; a placeholder is shown")
        if not plain:
            panel_image_file(folder, relative)  # raises when the path must not be read
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = open_image(io.BytesIO(data)) if data is not None else _open_file(folder / relative, plain)
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                image.close()
                raise ImageProblem(
                    f"{relative!r} is {width}×{height} pixels, more than the {MAX_IMAGE_PIXELS:,} allowed "
                    "(a decompression bomb?); a placeholder is shown"
                )
            if load:
                image.load()
                image = ImageOps.exif_transpose(image)
    except FileNotFoundError:
        raise ImageProblem(f"the image file {relative!r} is missing; a placeholder is shown") from None
    except IsADirectoryError:
        raise ImageProblem(f"{relative!r} is a folder, not an image; a placeholder is shown") from None
    except UnreadableFile as exc:
        raise ImageProblem(f"{relative!r} is a {exc.kind}, not an image file; a placeholder is shown") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(f"{relative!r} is too large to decode safely (a decompression bomb?); a placeholder is shown") from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{relative!r} is not an image Storyboarder can read; a placeholder is shown") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"{relative!r} cannot be read ({exc}); a placeholder is shown") from None
    return image


def _open_file(path: Path, plain: bool = False) -> Image.Image:
    # A plain path swapped for a symlink since images/ was listed fails to open (ELOOP).
    handle = open_regular(path, follow_symlinks=not plain)
    try:
        image = open_image(handle)
    except BaseException:
        handle.close()
        raise
    # As when Pillow opens a path itself: the image owns the file and closes it once loaded or closed.
    image._exclusive_fp = True
    return image


def check_images(project, folder: Path, file: str, progress=lambda done, total: None) -> list[Problem]:
    """Check that every panel image can be shown, decoding as little as needed; report those that cannot.

    ``progress(done, total)`` counts panels.
    """
    problems = []
    # One listing of images/ answers, for the usual path, what resolving it twice would.
    listing = ImageDirectory(folder)
    total = sum(len(scene.panels) for scene in project.scenes)
    done = 0
    for si, scene in enumerate(project.scenes):
        progress(done, total)
        done += len(scene.panels)
        for pi, panel in enumerate(scene.panels):
            for where, relative in panel_image_paths(panel):
                try:
                    check_image(folder, relative, plain=listing.is_plain(relative))
                except ImageProblem as exc:
                    problems.append(Problem(file, f"scenes[{si}].panels[{pi}].{where}", str(exc)))
    progress(total, total)
    return problems


def check_image(folder: Path, relative: str, *, plain: bool = False) -> None:
    """Raise ImageProblem if a panel image cannot be shown; cheaper than decoding it.

    A PNG's chunks and checksums are read to its end without inflating the
    pixels; a JPEG decodes at an eighth of its size; other formats decode.
    A file cut short or damaged is found, as the exports would find it.
    ``plain`` as for ``open_panel_image``.
    """
    image = open_panel_image(folder, relative, load=False, plain=plain)
    try:
        if image.format == "PNG":
            image.verify()
        else:
            image.draft(None, (1, 1))
            image.load()
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageProblem(f"{relative!r} is damaged or cut short ({exc}); a placeholder is shown") from None
    finally:
        image.close()
