"""Panel images at print resolution: downscaled with Pillow, encoded once, cached, drawn by reference.

Two encodings, chosen per image, both passed into the PDF as they are
(never decoded and re-compressed by reportlab, see pdf_images):

* grey line art (pencil, ink, the usual board) becomes a lossless PNG of
  the downscaled drawing with its greys rounded to ``GREY_LEVELS`` steps:
  edges stay exactly as drawn, with no JPEG ringing, and the white paper
  and flat tones compress to almost nothing. Measured on the benchmark's
  line art at 200 DPI: 0.8 times the bytes of a 150 DPI JPEG, where a
  quality-80 JPEG at 200 DPI is 1.3 times;
* anything else (colour, photos, soft shading whose PNG would be larger)
  is a JPEG, which passes into the PDF as DCTDecode.

Images are prepared in worker threads (Pillow releases the GIL while it
decodes, resizes and encodes), a few panels ahead of the page being
drawn, so memory stays bounded however long the board is.

Each prepared image is named inside the PDF by a hash of its bytes, not
by where the cache file lives, so two exports are byte-identical and
panels that share a drawing share one image in the file.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageOps

from storyboarder.io.images import ImageProblem, open_panel_image, panel_image_file

if TYPE_CHECKING:
    from storyboarder.model import Panel

#: Part of every cache key: bump it when preparation changes its output.
PREPARE_VERSION = 3
JPEG_QUALITY = 80
REDUCING_GAP = 1.4
#: Grey steps kept in line art stored as PNG: enough that shading shows no bands in print.
GREY_LEVELS = 32
_GREY_STEP = 255 / (GREY_LEVELS - 1)
_POSTERISE = [round(round(value / _GREY_STEP) * _GREY_STEP) for value in range(256)]
KINDS = ("jpg", "png")
_Z_RLE = zlib.Z_RLE


@dataclass(frozen=True)
class PrintImage:
    """A prepared JPEG or PNG file that the PDF embeds as it is.

    reportlab names an image after ``str()`` of what it is given and reads a
    JPEG from ``jpeg_fh()``; both come from here so that the name is the
    content's hash and the bytes are never decoded again.
    """

    path: Path
    digest: str
    width: int
    height: int

    @property
    def kind(self) -> str:
        """``"jpg"`` or ``"png"``, from the file's suffix."""
        return self.path.suffix.lstrip(".")

    def __str__(self) -> str:
        return f"storyboarder-print-{self.digest}"

    def jpeg_fh(self):
        """Return the JPEG bytes as a file object, as reportlab asks of a JPEG source."""
        return io.BytesIO(self.path.read_bytes())

    def getSize(self) -> tuple[int, int]:  # noqa: N802 - reportlab's name
        """Return the size in pixels."""
        return self.width, self.height


@dataclass(frozen=True)
class Prepared:
    """The outcome of preparing one panel image: an image to draw, or why there is none."""

    image: PrintImage | None = None
    problem: str | None = None


def target_pixels(width_pt: float, height_pt: float, dpi: int) -> tuple[int, int]:
    """The pixel size that prints a box of this many points at ``dpi``."""
    return max(1, round(width_pt / 72 * dpi)), max(1, round(height_pt / 72 * dpi))


class ImagePreparer:
    """Prepares panel images for print in worker threads, with a cache of prepared files."""

    def __init__(
        self,
        folder: Path,
        cache_dir: Path | None = None,
        workers: int | None = None,
        pending: dict[str, bytes] | None = None,
    ):
        self.folder = Path(folder)
        #: Image files not saved yet, by project-relative path: read from memory, not the folder.
        self.pending = dict(pending or {})
        self._temp = None
        if cache_dir is None:
            self._temp = tempfile.TemporaryDirectory(prefix="storyboarder-print-")
            cache_dir = Path(self._temp.name)
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        # Cached files are named key-WxH-digest.jpg (or .png), so a warm export finds
        # each one without opening or hashing it.
        self._cached: dict[str, PrintImage] = {}
        for entry in os.scandir(self.cache_dir):
            stem, _, suffix = entry.name.rpartition(".")
            parts = stem.split("-")
            if suffix in KINDS and len(parts) == 3 and "x" in parts[1]:
                width, _, height = parts[1].partition("x")
                if width.isascii() and width.isdecimal() and height.isascii() and height.isdecimal():
                    self._cached[parts[0]] = PrintImage(Path(entry.path), parts[2], int(width), int(height))
        self.workers = max(1, workers or min(8, os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="print-image")

    def submit(self, relative: str, size: tuple[int, int]) -> Future:
        """Start preparing one image to fit inside ``size`` pixels; the future gives a Prepared."""
        cached = self._lookup(relative, size)[1]
        if cached is not None:
            # Answered here: handing a cache hit to a worker costs more than the lookup.
            done: Future = Future()
            done.set_result(Prepared(cached))
            return done
        return self._pool.submit(self.prepare, relative, size)

    def _lookup(self, relative: str, size: tuple[int, int]) -> tuple[str | None, PrintImage | None]:
        """Return the cache key of a safe, existing image file and its cached print image, if any."""
        data = self.pending.get(relative)
        if data is not None:
            source = "memory:" + hashlib.sha1(data).hexdigest()
        else:
            try:
                path = panel_image_file(self.folder, relative)
                stat = path.stat()
            except (ImageProblem, OSError):
                return None, None  # open_panel_image says what is wrong
            source = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        identity = f"{PREPARE_VERSION}|{source}|{size[0]}x{size[1]}|{JPEG_QUALITY}|{GREY_LEVELS}"
        key = hashlib.sha1(identity.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        cached = self._cached.get(key)
        if cached is not None and not cached.path.is_file():
            cached = None
        return key, cached

    def prepare(self, relative: str, size: tuple[int, int]) -> Prepared:
        """Prepare one image now (from the cache when it is there)."""
        try:
            return Prepared(self._prepare(relative, size))
        except ImageProblem as exc:
            return Prepared(problem=str(exc))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            return Prepared(problem=f"{relative!r} cannot be read ({exc}); a placeholder is shown")

    def _prepare(self, relative: str, size: tuple[int, int]) -> PrintImage:
        pending = self.pending.get(relative)
        if pending is None:
            panel_image_file(self.folder, relative)  # raises when the path must not be read
        key, cached = self._lookup(relative, size)
        if cached is not None:
            return cached
        data, width, height, kind = encode_for_print(self.folder, relative, size, pending)
        digest = hashlib.sha1(data).hexdigest()
        target = self.cache_dir / f"{key or digest[:24]}-{width}x{height}-{digest}.{kind}"
        # Write beside and rename, so that a parallel export never reads half a file.
        temp = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
        return PrintImage(target, digest, width, height)

    def close(self) -> None:
        """Stop the workers and remove a temporary cache."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None

    def __enter__(self) -> ImagePreparer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def encode_for_print(
    folder: Path, relative: str, size: tuple[int, int], data: bytes | None = None
) -> tuple[bytes, int, int, str]:
    """Read a panel image safely, fit it inside ``size`` pixels; return its file bytes, size and kind.

    Images are never enlarged. Transparent parts print as white paper. A
    grey image (line art, pencil) is one channel, as a PNG when that is no
    larger than its JPEG, else as a JPEG; a colour image is a JPEG. ``data``
    holds the file's bytes when it is not saved yet.
    """
    image = open_panel_image(folder, relative, load=False, data=data)
    try:
        # draft() lets a JPEG decode at 1/2, 1/4 or 1/8 scale: far less work for a big photo.
        longest = max(size)
        image.draft("RGB", (longest, longest))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        image = _flatten(image)
        # Grey before scaling: one channel to resample instead of three.
        if image.mode == "RGB" and _is_grey(image):
            image = image.convert("L")
        if image.width > size[0] or image.height > size[1]:
            # Box-average by a whole factor first, then Lanczos for the last step under 2×:
            # three times faster than Lanczos all the way, and as clean on line art.
            image.thumbnail(size, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        jpeg = out.getvalue()
        if image.mode == "L":
            out = io.BytesIO()
            # zlib's run-length strategy: on line art both faster and smaller than the default.
            image.point(_POSTERISE).save(out, "PNG", compress_level=6, compress_type=_Z_RLE)
            if out.tell() <= len(jpeg):
                return out.getvalue(), image.width, image.height, "png"
        return jpeg, image.width, image.height, "jpg"
    finally:
        image.close()


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB or L image, with any transparency composited onto white."""
    if image.mode in ("1", "L", "I", "I;16", "F"):
        return image.convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB") if image.mode != "RGB" else image


def _is_grey(image: Image.Image) -> bool:
    """Say whether every pixel of an RGB image is (almost) grey."""
    r, g, b = image.split()
    for a, c in ((r, g), (g, b)):
        extrema = ImageChops.difference(a, c).getextrema()
        if extrema[1] > 6:
            return False
    return True


class Prefetcher:
    """Prepares images a bounded number of panels ahead of the one being drawn."""

    def __init__(self, preparer: ImagePreparer, panels: list[Panel], size: tuple[int, int]):
        self.preparer = preparer
        self.panels = panels
        self.size = size
        self.ahead = max(8, 4 * preparer.workers)
        self.futures: dict[str, object] = {}
        self.submitted = 0
        self.remaining_uses: dict[str, int] = {}
        for panel in panels:
            if panel.image:
                self.remaining_uses[panel.image] = self.remaining_uses.get(panel.image, 0) + 1

    def get(self, index: int) -> Prepared:
        """Return panel ``index``'s prepared image, queueing the next ones."""
        while self.submitted < min(len(self.panels), index + self.ahead):
            image = self.panels[self.submitted].image
            if image and image not in self.futures:
                self.futures[image] = self.preparer.submit(image, self.size)
            self.submitted += 1
        image = self.panels[index].image
        if not image:
            return Prepared()
        prepared = self.futures[image].result()
        self.remaining_uses[image] -= 1
        if not self.remaining_uses[image]:
            del self.futures[image]  # memory stays flat: only the window is held
        return prepared
