"""Put prepared print images into a reportlab PDF without decoding them again.

A JPEG goes through ``drawImage`` as it is (DCTDecode). reportlab has no
such path for PNG: it would decode the pixels and deflate them again on
every export. But a PNG's compressed data (its IDAT chunks) is exactly a
PDF Flate stream with the PNG predictor, so a grey PNG is registered here
as an image XObject holding those bytes, under the name ``drawImage``
would give it, and ``drawImage`` then draws that object. The second
export of a board does no image work at all.

This uses reportlab's document internals (``_doc``, ``_setXObjects``),
unchanged since reportlab 2; tests/test_export_storyboard.py decodes the
embedded image back to the PNG's pixels, so a change there fails loudly.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.utils import _digester
from reportlab.pdfbase import pdfdoc

from .storyboard_options import StoryboardExportError

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from .print_images import PrintImage

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PngProblem(ValueError):
    """A PNG this module cannot pass into a PDF as it is (not 8-bit grey, interlaced, damaged)."""


@dataclass(frozen=True)
class GreyPng:
    """The parts of an 8-bit grey, non-interlaced PNG that a PDF image needs."""

    width: int
    height: int
    idat: bytes


def read_grey_png(data: bytes) -> GreyPng:
    """Split an 8-bit grey PNG into its size and compressed pixel data, or raise PngProblem."""
    if not data.startswith(_SIGNATURE):
        raise PngProblem("not a PNG file")
    pos, header, chunks = len(_SIGNATURE), None, []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise PngProblem("the file is cut short")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None or not chunks:
        raise PngProblem("no image header or no pixel data")
    width, height, depth, colour, _compression, _filter, interlace = header
    if depth != 8 or colour != 0 or interlace != 0:
        raise PngProblem(f"bit depth {depth}, colour type {colour}, interlace {interlace}: only 8-bit grey is embedded as it is")
    return GreyPng(width, height, b"".join(chunks))


class _PngImageXObject(pdfdoc.PDFImageXObject):
    """An image XObject whose stream is a PNG's own deflated, predicted rows."""

    def __init__(self, name: str, png: GreyPng):
        super().__init__(name)
        self.width, self.height = png.width, png.height
        self.bitsPerComponent = 8
        self.colorSpace = "DeviceGray"
        self.streamContent = png.idat
        self.mask = None

    def format(self, document) -> bytes:
        stream = pdfdoc.PDFStream(content=self.streamContent)
        entries = stream.dictionary
        entries["Type"] = pdfdoc.PDFName("XObject")
        entries["Subtype"] = pdfdoc.PDFName("Image")
        entries["Width"] = self.width
        entries["Height"] = self.height
        entries["BitsPerComponent"] = 8
        entries["ColorSpace"] = pdfdoc.PDFName("DeviceGray")
        # The Filter entry also tells reportlab the stream is already encoded. A filter
        # array needs a parameter array beside it: PDFium and Poppler ignore a lone dict.
        entries["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        entries["DecodeParms"] = pdfdoc.PDFArray(
            [pdfdoc.PDFDictionary({"Predictor": 15, "Colors": 1, "BitsPerComponent": 8, "Columns": self.width})]
        )
        entries["Length"] = len(self.streamContent)
        return stream.format(document)


def draw_print_image(canvas: Canvas, image: PrintImage, x: float, y: float, w: float, h: float) -> None:
    """Draw a prepared image fitted and centred in a box, embedding its bytes once per PDF."""
    if image.kind == "png":
        # drawImage names a non-ImageReader source by str(source) + str(mask).
        name = _digester(f"{image}None".encode("utf-8"))
        reference = canvas._doc.getXObjectName(name)
        if canvas._doc.idToObject.get(reference) is None:
            data = image.read()
            try:
                # The name holds the content's hash: a damaged cache file would make an unreadable PDF.
                if hashlib.sha1(data).hexdigest() != image.digest:
                    raise PngProblem("its content does not match its name")
                png = read_grey_png(data)
            except PngProblem as exc:
                raise StoryboardExportError(
                    f"image cache: {image.path} is damaged ({exc}); delete it, or the cache folder, and export again"
                ) from None
            xobject = _PngImageXObject(name, png)
            xobject.name = name
            canvas._setXObjects(xobject)
            canvas._doc.Reference(xobject, reference)
            canvas._doc.addForm(name, xobject)
    canvas.drawImage(image, x, y, w, h, preserveAspectRatio=True, anchor="c")
