"""Preparing panel images for print: grey or colour, transparency onto white, never enlarged.

Each case is decided on a real image written to disk and prepared as an
export prepares it (``encode_for_print``); the result is decoded back.
"""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw

from storyboarder.export.print_images import encode_for_print

SIZE = (480, 270)


def prepare(tmp_path, image, name="art.png"):
    (tmp_path / "images").mkdir(exist_ok=True)
    image.save(tmp_path / "images" / name)
    data, width, height, kind = encode_for_print(tmp_path, f"images/{name}", SIZE)
    printed = Image.open(io.BytesIO(data))
    printed.load()
    assert printed.size == (width, height)
    return kind, printed


def sketch(mode, background, ink):
    image = Image.new(mode, (1920, 1080), background)
    draw = ImageDraw.Draw(image)
    for i in range(10):
        draw.line([(50 + i * 170, 40), (300 + i * 140, 1040)], fill=ink, width=3 + i % 3)
    draw.ellipse([600, 200, 1300, 900], outline=ink, width=4)
    return image


def test_an_opaque_rgba_pencil_sketch_prints_as_lossless_grey(tmp_path):
    kind, printed = prepare(tmp_path, sketch("RGBA", (255, 255, 255, 255), (60, 60, 60, 255)))
    assert kind == "png" and printed.mode == "L" and printed.size == SIZE
    assert printed.getextrema()[1] == 255 and printed.getextrema()[0] < 120


def test_an_rgba_sketch_with_a_colour_stroke_prints_in_colour(tmp_path):
    image = sketch("RGBA", (255, 255, 255, 255), (60, 60, 60, 255))
    # One thin red camera arrow among grey lines: a colour board, though almost all grey.
    ImageDraw.Draw(image).line([(100, 900), (900, 700)], fill=(210, 30, 30, 255), width=3)
    kind, printed = prepare(tmp_path, image)
    assert kind == "jpg" and printed.mode == "RGB"
    r, g, _b = printed.split()
    assert ImageChops.difference(r, g).getextrema()[1] > 60


def test_transparency_prints_as_white_paper_and_lends_no_colour(tmp_path):
    """Transparent pixels are red underneath; resampled naively they would tint the grey strokes pink."""
    kind, printed = prepare(tmp_path, sketch("RGBA", (255, 0, 0, 0), (40, 40, 40, 255)))
    assert kind == "png" and printed.mode == "L"
    assert printed.getpixel((2, 2)) == 255  # paper, not red or black
    assert printed.getextrema()[0] < 120


def test_transparent_colour_ink_stays_colour(tmp_path):
    kind, printed = prepare(tmp_path, sketch("RGBA", (0, 0, 0, 0), (20, 60, 200, 255)))
    assert kind == "jpg" and printed.mode == "RGB"
    assert min(printed.getpixel((2, 2))) > 245  # white paper (JPEG may shift it a step)


def test_grey_and_transparent_in_other_modes(tmp_path):
    for image, expected in [
        (sketch("LA", (0, 0), (30, 255)), "png"),
        (sketch("RGB", "white", (128, 128, 128)), "png"),
        (sketch("1", 1, 0), "png"),
        (sketch("RGBA", (255, 255, 255, 255), (90, 90, 90, 255)).convert("P", palette=Image.Palette.ADAPTIVE), "png"),
        (sketch("RGB", "white", (0, 120, 0)), "jpg"),
    ]:
        kind, printed = prepare(tmp_path, image)
        assert kind == expected, image.mode
        assert printed.convert("L").getpixel((2, 2)) > 245, image.mode  # white paper


def test_a_small_image_is_never_enlarged(tmp_path):
    kind, printed = prepare(tmp_path, sketch("RGBA", (255, 255, 255, 255), (60, 60, 60, 255)).resize((200, 100)))
    assert printed.size == (200, 100) and kind == "png"
