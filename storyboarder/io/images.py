"""Read panel images safely: never outside the project, never a decompression bomb.

Every reader of panel images (thumbnails, exports, validation) goes through
``open_panel_image`` so that the same rules protect all of them.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import Problem
from .paths import panel_image_paths, unsafe_image_reason

#: Images with more pixels than this are refused as decompression bombs.
MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485

#: Image files larger than this are not read whole (a panel image is a few megabytes).
MAX_IMAGE_BYTES = 256 * 1024 * 1024


class ImageProblem(Exception):
    """A panel image that cannot be shown; the message says why."""


def safe_formats() -> tuple[str, ...]:
    """Every format Pillow can open now (plugins may register more later), except EPS."""
    Image.init()
    # Pillow "reads" EPS by running Ghostscript on it; a file from anyone must not run a program.
    return tuple(sorted(name for name in Image.OPEN if name != "EPS"))


def panel_image_file(folder: Path, relative: str) -> Path:
    """The file a panel image path names in ``folder``, or raise ImageProblem when it must not be read."""
    reason = unsafe_image_reason(folder, relative)
    if reason:
        raise ImageProblem(reason)
    return folder / relative


def read_panel_image(folder: Path, relative: str) -> bytes:
    """The bytes of a panel image file, to copy it elsewhere, or raise ImageProblem."""
    path = panel_image_file(folder, relative)
    try:
        # A FIFO would block the open and a device never end: only regular files are read.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ImageProblem(f"{relative!r} is not a regular file")
        with open(path, "rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except FileNotFoundError:
        raise ImageProblem(f"the image file {relative!r} is missing") from None
    except OSError as exc:
        raise ImageProblem(f"{relative!r} cannot be read ({exc.strerror or exc})") from None
    # Bounded by what was read, not by the size the file claims.
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageProblem(f"{relative!r} is larger than the {MAX_IMAGE_BYTES:,} bytes a panel image may have")
    return data


def open_panel_image(folder: Path, relative: str, *, load: bool = True, data: bytes | None = None) -> Image.Image:
    """Open a panel image with EXIF orientation applied, or raise ImageProblem.

    ``data`` gives the bytes of an image that is not saved yet (a project's
    pending image); it is checked like a file.
    """
    path = panel_image_file(folder, relative) if data is None else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data) if path is None else path, formats=safe_formats())
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
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(f"{relative!r} is too large to decode safely (a decompression bomb?); a placeholder is shown") from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{relative!r} is not an image Storyboarder can read; a placeholder is shown") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"{relative!r} cannot be read ({exc}); a placeholder is shown") from None
    return image


def check_images(project, folder: Path, file: str) -> list[Problem]:
    """Open the header of every panel image and report those that cannot be shown."""
    problems = []
    for si, scene in enumerate(project.scenes):
        for pi, panel in enumerate(scene.panels):
            for where, relative in panel_image_paths(panel):
                try:
                    open_panel_image(folder, relative, load=False).close()
                except ImageProblem as exc:
                    problems.append(Problem(file, f"scenes[{si}].panels[{pi}].{where}", str(exc)))
    return problems
