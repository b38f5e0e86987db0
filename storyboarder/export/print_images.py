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
panels that share a drawing share one image in the file. Prepared files
are kept in a cache (print_cache) under a hash of the source image's
bytes and the print settings, so an unchanged drawing is prepared once.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageOps

from storyboarder.io.images import ImageProblem, open_panel_image, read_panel_image

from .print_cache import DEFAULT_MAX_BYTES, PrintCache

if TYPE_CHECKING:
    from storyboarder.model import Panel

#: Part of every cache key: bump it when preparation changes its output.
PREPARE_VERSION = 4
JPEG_QUALITY = 80
REDUCING_GAP = 1.4
#: Grey steps kept in line art stored as PNG: enough that shading shows no bands in print.
GREY_LEVELS = 32
#: The largest difference between channels of a pixel that still counts as grey.
GREY_TOLERANCE = 6
_GREY_STEP = 255 / (GREY_LEVELS - 1)
_POSTERISE = [round(round(value / _GREY_STEP) * _GREY_STEP) for value in range(256)]
KINDS = ("jpg", "png")
_Z_RLE = zlib.Z_RLE


@dataclass(frozen=True)
class PrintImage:
    """A prepared JPEG or PNG that the PDF embeds as it is, with its bytes in hand.

    reportlab names an image after ``str()`` of what it is given and reads a
    JPEG from ``jpeg_fh()``; both come from here so that the name is the
    content's hash and the bytes are never decoded again. The bytes are
    held so that the cache file may be pruned or replaced meanwhile.
    """

    path: Path
    digest: str
    width: int
    height: int
    data: bytes = field(default=b"", repr=False, compare=False)

    @property
    def kind(self) -> str:
        """``"jpg"`` or ``"png"``, from the file's suffix."""
        return self.path.suffix.lstrip(".")

    def __str__(self) -> str:
        return f"storyboarder-print-{self.digest}"

    def read(self) -> bytes:
        """The image file's bytes."""
        return self.data or self.path.read_bytes()

    def jpeg_fh(self):
        """Return the JPEG bytes as a file object, as reportlab asks of a JPEG source."""
        return io.BytesIO(self.read())

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


def cache_key(source: bytes, size: tuple[int, int]) -> str:
    """The cache key of an image file's bytes prepared for ``size``: its content and every print setting."""
    settings = f"{PREPARE_VERSION}|{size[0]}x{size[1]}|{JPEG_QUALITY}|{GREY_LEVELS}|{GREY_TOLERANCE}|{REDUCING_GAP}"
    digest = hashlib.blake2b(source, digest_size=16, person=b"sb-print-image")
    digest.update(settings.encode("ascii"))
    return digest.hexdigest()


class ImagePreparer:
    """Prepares panel images for print in worker threads, with a cache of prepared files.

    ``cache_dir`` None keeps prepared files in a temporary folder removed on
    ``close``; a folder given is kept under ``max_bytes`` (least recently
    used entries go first). ``prepared`` counts the images actually
    prepared, not found in the cache.
    """

    def __init__(
        self,
        folder: Path,
        cache_dir: Path | None = None,
        workers: int | None = None,
        pending: dict[str, bytes] | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ):
        self.folder = Path(folder)
        #: Image files not saved yet, by project-relative path: read from memory, not the folder.
        self.pending = dict(pending or {})
        self._temp = None
        if cache_dir is None:
            self._temp = tempfile.TemporaryDirectory(prefix="storyboarder-print-")
            cache_dir, max_bytes = Path(self._temp.name), None
        self.cache_dir = Path(cache_dir)
        self.cache = PrintCache(self.cache_dir, max_bytes)
        self.prepared = 0
        self.workers = max(1, workers or min(8, os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="print-image")

    def submit(self, relative: str, size: tuple[int, int]) -> Future:
        """Start preparing one image to fit inside ``size`` pixels; the future gives a Prepared."""
        return self._pool.submit(self.prepare, relative, size)

    def prepare(self, relative: str, size: tuple[int, int]) -> Prepared:
        """Prepare one image now (from the cache when it is there)."""
        try:
            return Prepared(self._prepare(relative, size))
        except ImageProblem as exc:
            return Prepared(problem=str(exc))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            return Prepared(problem=f"{relative!r} cannot be read ({exc}); a placeholder is shown")

    def _prepare(self, relative: str, size: tuple[int, int]) -> PrintImage:
        source = self.pending.get(relative)
        if source is None:
            source = _read_source(self.folder, relative)
        key = cache_key(source, size)
        found = self.cache.get(key)
        if found is not None:
            entry, data = found
            return PrintImage(entry.path, entry.digest, entry.width, entry.height, data)
        data, width, height, kind = encode_for_print(self.folder, relative, size, source)
        self.prepared += 1
        entry = self.cache.put(key, data, width, height, kind)
        return PrintImage(entry.path, entry.digest, width, height, data)

    def close(self) -> None:
        """Stop the workers, keep a cache folder within its size and remove a temporary one."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None
        else:
            try:
                self.cache.prune()
            except OSError:
                pass  # pruning is housekeeping: the export itself is done

    def __enter__(self) -> ImagePreparer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_source(folder: Path, relative: str) -> bytes:
    """A panel image file's bytes, or ImageProblem with the message every image reader gives."""
    try:
        return read_panel_image(folder, relative)
    except ImageProblem:
        # Opening says it as the thumbnails and checks do ("missing", "a folder"…).
        open_panel_image(folder, relative, load=False).close()
        raise


def encode_for_print(
    folder: Path, relative: str, size: tuple[int, int], data: bytes | None = None
) -> tuple[bytes, int, int, str]:
    """Read a panel image safely, fit it inside ``size`` pixels; return its file bytes, size and kind.

    Images are never enlarged. Transparent parts print as white paper. A
    grey image (line art, pencil) is one channel, as a PNG when that is no
    larger than its JPEG, else as a JPEG; a colour image is a JPEG. ``data``
    holds the file's bytes when it is not saved yet.

    Every step after decoding works on a downscaled image: whole-size
    copies (a composite, a channel split) cost as much as the decode.
    """
    image = open_panel_image(folder, relative, load=False, data=data)
    try:
        # draft() lets a JPEG decode at 1/2, 1/4 or 1/8 scale: far less work for a big photo.
        longest = max(size)
        image.draft("RGB", (longest, longest))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        image = _fit(_print_mode(image), size)
        if image.mode == "L":
            out = io.BytesIO()
            # zlib's run-length strategy: on line art both faster and smaller than the default.
            image.point(_POSTERISE).save(out, "PNG", compress_level=6, compress_type=_Z_RLE)
            png = out.getvalue()
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            if len(png) <= out.tell():
                return png, image.width, image.height, "png"
            return out.getvalue(), image.width, image.height, "jpg"
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue(), image.width, image.height, "jpg"
    finally:
        image.close()


def _print_mode(image: Image.Image) -> Image.Image:
    """The image in L, RGB, LA or RGBA: the modes downscaling treats correctly.

    An alpha channel that is opaque everywhere (the drawing tool saves its
    flattened panels so) is dropped here, which costs a whole-size copy but
    spares a premultiplied resize; real transparency is kept for ``_fit``.
    """
    if image.mode in ("1", "I", "I;16", "F"):
        return image.convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in ("La", "PA"):
        image = image.convert("LA")
    elif image.mode == "RGBa":
        image = image.convert("RGBA")
    elif image.mode not in ("L", "RGB", "LA", "RGBA"):
        image = image.convert("RGB")  # CMYK, YCbCr, LAB, HSV
    if image.mode in ("LA", "RGBA") and image.getchannel("A").getextrema()[0] == 255:
        return image.convert(image.mode[:-1])
    return image


def _fit(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Downscale an L, RGB, LA or RGBA image to fit ``size``; return it grey (L) or colour (RGB) on white.

    A box average by a whole factor comes first, then Lanczos for the last
    step under ``REDUCING_GAP``: three times faster than Lanczos all the
    way, and as clean on line art. Whether an RGB image is grey is decided
    after the box average, on a quarter of the pixels or fewer; a colour
    that a box average makes grey would not print as colour anyway.
    Pillow premultiplies alpha for LA and RGBA when it resamples, so
    transparent pixels lend no colour to their neighbours; the result is
    then composited onto white at its printed size.
    """
    final = _fitted_size(image.size, size)
    if image.mode in ("LA", "RGBA"):
        if final != image.size:
            image = image.resize(final, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
        image = _flatten(image)
    elif final != image.size:
        factor_x = int(image.width / final[0] / REDUCING_GAP) or 1
        factor_y = int(image.height / final[1] / REDUCING_GAP) or 1
        if factor_x > 1 or factor_y > 1:
            image = image.reduce((factor_x, factor_y))
    if image.mode == "RGB" and _is_grey(image):
        image = image.convert("L")
    if image.size != final:
        image = image.resize(final, Image.Resampling.LANCZOS)
    return image


def _fitted_size(current: tuple[int, int], size: tuple[int, int]) -> tuple[int, int]:
    """The size ``Image.thumbnail`` gives an image of ``current`` size fitted inside ``size``: never larger."""
    width, height = current
    x, y = size
    if x >= width and y >= height:
        return current
    aspect = width / height
    if x / y >= aspect:
        x = max(1, min(int(y * aspect), int(y * aspect) + 1, key=lambda n: abs(aspect - n / y)))
    else:
        y = max(1, min(int(x / aspect), int(x / aspect) + 1, key=lambda n: abs(aspect - x / n) if n else 0))
    return min(x, width), min(y, height)


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB or L image, with any transparency composited onto white."""
    if image.mode in ("1", "L", "I", "I;16", "F"):
        return image.convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        alpha = rgba.getchannel("A")
        if alpha.getextrema()[0] == 255:
            return rgba.convert("RGB")  # opaque: nothing to composite
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=alpha)
        return paper
    return image.convert("RGB") if image.mode != "RGB" else image


def _is_grey(image: Image.Image) -> bool:
    """Say whether every pixel of an RGB image is grey, its channels at most GREY_TOLERANCE apart."""
    r, g, b = image.split()
    for a, c in ((r, g), (g, b), (r, b)):
        if ImageChops.difference(a, c).getextrema()[1] > GREY_TOLERANCE:
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
