"""Importing image files from disk as panel images: formats, sizes, bad files, batches."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms, ImageDraw

from storyboarder.io import image_import
from storyboarder.io.image_import import ImageImportError, ImportedImage, import_image, import_images


def photo(size=(640, 480)) -> Image.Image:
    """A smooth, many-coloured picture that must be stored as JPEG."""
    width, height = size
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = red.transpose(Image.Transpose.FLIP_LEFT_RIGHT).rotate(90, expand=False)
    image = Image.merge("RGB", (red, green, blue))
    ImageDraw.Draw(image).ellipse((width // 4, height // 4, width // 2, height // 2), fill=(250, 200, 10))
    return image


def drawing(size=(640, 360)) -> Image.Image:
    """Black lines on white: line art that must be stored as PNG."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, size[0] - 20, size[1] - 20), outline="black", width=3)
    draw.line((20, 20, size[0] - 20, size[1] - 20), fill="black", width=2)
    return image


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decoded(result: ImportedImage) -> Image.Image:
    image = Image.open(io.BytesIO(result.data))
    image.load()
    return image


@pytest.mark.parametrize(
    ("name", "save_args"),
    [
        ("drawing.png", {}),
        ("drawing.webp", {"lossless": True}),
        ("drawing.tif", {}),
        ("drawing.bmp", {}),
        ("drawing.gif", {}),
    ],
)
def test_line_art_in_any_format_becomes_png(tmp_path, name, save_args):
    path = tmp_path / name
    drawing().save(path, **save_args)
    result = import_image(path)
    assert (result.extension, result.width, result.height, result.source_name) == ("png", 640, 360, name)
    image = decoded(result)
    assert image.format == "PNG" and image.size == (640, 360)
    assert image.convert("L").getpixel((20, 20)) < 64 and image.convert("L").getpixel((100, 50)) > 200


@pytest.mark.parametrize("name", ["photo.jpg", "photo.png", "photo.webp", "photo.tif"])
def test_photos_become_jpeg(tmp_path, name):
    path = tmp_path / name
    photo().save(path)
    result = import_image(path)
    assert (result.extension, result.width, result.height) == ("jpg", 640, 480)
    image = decoded(result)
    assert image.format == "JPEG" and image.mode == "RGB"


def test_a_big_colourful_drawing_stays_png_after_downscaling(tmp_path):
    image = Image.new("RGB", (4000, 2250), "white")
    draw = ImageDraw.Draw(image)
    for i in range(200):
        colour = (i * 37 % 256, i * 91 % 256, i * 53 % 256)
        draw.line((i * 19, 0, 4000 - i * 13, 2250), fill=colour, width=5)
    image.save(tmp_path / "storyboard.png")
    result = import_image(tmp_path / "storyboard.png")
    assert (result.extension, result.width, result.height) == ("png", 1920, 1080)


def test_a_jpeg_of_line_art_stays_jpeg(tmp_path):
    drawing().save(tmp_path / "scan.jpg", quality=95)
    assert import_image(tmp_path / "scan.jpg").extension == "jpg"


def test_animated_gif_gives_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (80, 60), colour) for colour in ("red", "blue", "green")]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    image = decoded(import_image(tmp_path / "anim.gif"))
    assert image.convert("RGB").getpixel((40, 30)) == (255, 0, 0)


def test_transparency_is_flattened_onto_white_and_kept_lossless(tmp_path):
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, 49, 49), fill=(255, 0, 0, 255))
    image.save(tmp_path / "cutout.png")
    result = import_image(tmp_path / "cutout.png")
    assert result.extension == "png"
    flat = decoded(result)
    assert flat.mode == "RGB"
    assert flat.getpixel((10, 10)) == (255, 0, 0) and flat.getpixel((90, 10)) == (255, 255, 255)


def test_sixteen_bit_greyscale_keeps_its_tones(tmp_path):
    Image.new("I;16", (40, 40), 32768).save(tmp_path / "scan16.png")
    assert decoded(import_image(tmp_path / "scan16.png")).getpixel((5, 5)) in (127, 128)


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    Image.new("CMYK", (60, 40), (0, 255, 255, 0)).save(tmp_path / "print.jpg")
    image = decoded(import_image(tmp_path / "print.jpg"))
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((30, 20))
    assert red > 200 and green < 60 and blue < 60


def test_embedded_colour_profiles_are_applied_or_safely_ignored(tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(tmp_path / "tagged.png", icc_profile=srgb)
    Image.new("RGB", (60, 40), (200, 30, 30)).save(tmp_path / "bad-profile.png", icc_profile=b"not a profile")
    for name in ("tagged.png", "bad-profile.png"):
        image = decoded(import_image(tmp_path / name))
        assert "icc_profile" not in image.info
        assert all(abs(a - b) <= 2 for a, b in zip(image.getpixel((30, 20)), (200, 30, 30)))


def test_metadata_is_not_carried_over(tmp_path):
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPSInfo: GPSLatitude
    exif[0x010E] = "where the director lives"  # ImageDescription
    photo().save(tmp_path / "gps.jpg", exif=exif, comment=b"private")
    data = import_image(tmp_path / "gps.jpg").data
    assert b"Exif" not in data and b"director" not in data and b"private" not in data


def test_exif_orientation_6_swaps_width_and_height(tmp_path):
    image = photo((600, 400))
    ImageDraw.Draw(image).rectangle((0, 0, 99, 99), fill=(255, 0, 0))  # a red mark top left
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90° clockwise to show
    image.save(tmp_path / "phone.jpg", exif=exif, quality=95)
    result = import_image(tmp_path / "phone.jpg")
    assert (result.width, result.height) == (400, 600)
    upright = decoded(result)
    assert upright.size == (400, 600)
    red, green, blue = upright.getpixel((400 - 50, 50))  # the mark is now top right
    assert red > 200 and green < 60 and blue < 60


def test_exif_orientation_is_honoured_when_downscaling_too(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 8
    photo((4000, 3000)).save(tmp_path / "tall.jpg", exif=exif)
    result = import_image(tmp_path / "tall.jpg", working_width=1000)
    assert (result.width, result.height) == (1000, 1333)


def test_big_jpeg_is_downscaled_to_the_working_width(tmp_path):
    photo((6000, 4000)).save(tmp_path / "big.jpg", quality=90)
    result = import_image(tmp_path / "big.jpg")
    assert (result.extension, result.width, result.height) == ("jpg", 1920, 1280)
    assert decoded(result).size == (1920, 1280)


def test_big_png_is_downscaled_and_small_images_are_not_enlarged(tmp_path):
    drawing((4000, 1000)).save(tmp_path / "wide.png")
    drawing((300, 200)).save(tmp_path / "small.png")
    assert (import_image(tmp_path / "wide.png").width, import_image(tmp_path / "wide.png").height) == (1920, 480)
    assert (import_image(tmp_path / "small.png", working_width=100).width) == 100
    assert (import_image(tmp_path / "small.png").width, import_image(tmp_path / "small.png").height) == (300, 200)


def test_output_is_the_same_every_time(tmp_path):
    photo((2500, 1500)).save(tmp_path / "a.jpg")
    drawing().save(tmp_path / "b.png")
    for name in ("a.jpg", "b.png"):
        assert import_image(tmp_path / name) == import_image(tmp_path / name)


def test_a_decompression_bomb_is_refused_without_decoding(tmp_path):
    # Only a header claiming 20000×20000 and no pixel data: decoding would fail differently.
    header = struct.pack(">IIBBBBB", 20000, 20000, 1, 0, 0, 0, 0)
    path = tmp_path / "bomb.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IEND", b""))
    with pytest.raises(ImageImportError) as caught:
        import_image(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "decompression bomb" in message
    assert caught.value.path == str(path)


def test_a_saved_bomb_is_refused_too(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000)).save(path)
    with pytest.raises(ImageImportError, match=r"bomb\.png: .*decompression bomb"):
        import_image(path)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_just_over_the_limit_is_refused_too(tmp_path):
    # Pillow only warns up to twice its limit; the import refuses from the limit itself.
    path = tmp_path / "big.png"
    Image.new("1", (10000, 9000)).save(path)
    with pytest.raises(ImageImportError, match=r"10000×9000 pixels.*decompression bomb"):
        import_image(path)


def test_a_text_file_named_png_is_not_an_image(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("call sheet for Tuesday\n")
    with pytest.raises(ImageImportError) as caught:
        import_image(path)
    assert str(caught.value) == f"{path}: not an image Storyboarder can read"


def test_a_truncated_jpeg_is_refused(tmp_path):
    buffer = io.BytesIO()
    photo().save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageImportError, match=r"cut\.jpg: .*truncated"):
        import_image(path)


def test_postscript_is_never_handed_to_ghostscript(tmp_path):
    path = tmp_path / "logo.eps"
    path.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n")
    with pytest.raises(ImageImportError, match="not an image Storyboarder can read"):
        import_image(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "this is a folder, not an image"),
        (lambda p: p.write_bytes(b""), "the file is empty"),
    ],
)
def test_missing_files_folders_and_empty_files_are_explained(tmp_path, make, message):
    path = tmp_path / "frame.png"
    make(path)
    with pytest.raises(ImageImportError) as caught:
        import_image(path)
    assert str(caught.value) == f"{path}: {message}"


def test_an_unreadable_file_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "locked.png"
    drawing().save(path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    # chmod cannot lock out root, which CI often is.
    monkeypatch.setattr(image_import, "open_regular", denied)
    with pytest.raises(ImageImportError) as caught:
        import_image(path)
    assert str(caught.value) == f"{path}: cannot read the file (Permission denied)"


def test_a_batch_imports_the_good_files_and_reports_the_bad_one(tmp_path):
    paths = [tmp_path / "1.png", tmp_path / "2.png", tmp_path / "3.jpg"]
    drawing().save(paths[0])
    paths[1].write_text("not an image")
    photo().save(paths[2])
    seen = []
    imported, errors = import_images(paths, progress=lambda done, total: seen.append((done, total)))
    assert [image.source_name for image in imported] == ["1.png", "3.jpg"]
    assert [str(error) for error in errors] == [f"{paths[1]}: not an image Storyboarder can read"]
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_batch_stops_when_cancelled(tmp_path):
    paths = []
    for i in range(5):
        paths.append(tmp_path / f"{i}.png")
        drawing((64, 48)).save(paths[-1])
    seen = []
    imported, errors = import_images(
        paths, cancelled=lambda: len(seen) >= 2, progress=lambda done, total: seen.append(done)
    )
    assert [image.source_name for image in imported] == ["0.png", "1.png"]
    assert errors == [] and seen == [1, 2]


def test_the_working_width_must_be_positive(tmp_path):
    drawing().save(tmp_path / "a.png")
    with pytest.raises(ValueError):
        import_image(tmp_path / "a.png", working_width=0)
