"""The drawing view driven with real mouse, key and tablet events: layers, undo, saving, reference, guides."""

from __future__ import annotations

import io
import math
import threading

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from conftest import small_project
from storyboarder.io import load_project, save_project, stage_image
from storyboarder.ui.actions import DrawingActionId
from storyboarder.ui.drawing import LAYER_NAMES, DrawingPanel, Tool
from storyboarder.ui.drawing.layers import decode_image
from storyboarder.ui.document import Document
from storyboarder.ui.settings import Settings
from storyboarder.ui.board.thumbnails import ThumbnailCache

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


# Helpers ------------------------------------------------------------------------------


def pil(image: QImage) -> Image.Image:
    """A QImage's pixels as a Pillow RGBA image (premultiplied, which is fine for alpha checks)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return Image.frombuffer("RGBA", (image.width(), image.height()), bytes(image.constBits()), "raw", "BGRA", image.bytesPerLine(), 1)


def alpha_box(image: QImage):
    """The bounding box of a layer's non-transparent pixels, or None when it is empty."""
    return pil(image).getchannel("A").getbbox()


def alpha(image: QImage, x: int, y: int) -> int:
    return QColor.fromRgba(image.pixel(x, y)).alpha()


def on_screen(drawing, x: float, y: float) -> QColor:
    """The colour the view shows at a canvas point (guides off, so only layers and onion skin)."""
    view = drawing.view
    for name in ("frame", "thirds", "centre", "action_safe", "title_safe"):
        if hasattr(view.guides, name):
            setattr(view.guides, name, False)
    point = to_widget(drawing, x, y)
    return view.grab().toImage().pixelColor(point.x(), point.y())


def to_widget(panel: DrawingPanel, x: float, y: float) -> QPoint:
    """The widget position over a canvas point."""
    return panel.view.image_transform().map(QPointF(x, y)).toPoint()


def stroke(panel: DrawingPanel, points, modifier=NO_MOD) -> None:
    """Press, move through and release at canvas points, as a mouse would."""
    view = panel.view
    widget_points = [to_widget(panel, x, y) for x, y in points]
    QTest.mousePress(view, LEFT, modifier, widget_points[0])
    for point in widget_points[1:]:
        QTest.mouseMove(view, point)
    QTest.mouseRelease(view, LEFT, modifier, widget_points[-1])


def line(x0, y0, x1, y1, steps=40):
    return [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps + 1)]


def png_file(path, size=(640, 360), color=(200, 30, 30)):
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste(color, (size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4))
    image.save(path)
    return path


def png_bytes(size=(1920, 1080), box=(200, 200, 900, 700)):
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste((0, 0, 0), box)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def document():
    return Document(small_project())


def open_drawing(qtbot, document, row=1, folder=None) -> DrawingPanel:
    panel = DrawingPanel(document, Settings())
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.show()
    qtbot.waitExposed(panel)
    # Shortcuts only reach the active window.
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    show(panel, row, folder)
    return panel


def show(drawing: DrawingPanel, row: int, folder=None, scene_index=0) -> None:
    scene = drawing.document.project.scenes[scene_index]
    previous = scene.panels[row - 1] if row > 0 else None
    following = scene.panels[row + 1] if row + 1 < len(scene.panels) else None
    drawing.show_panel(scene, scene.panels[row], previous, following, folder)


def others_blank(stack, layer):
    return {name: alpha_box(stack.images[name]) for name in LAYER_NAMES if name != layer}


# Strokes and layers -----------------------------------------------------------------------


def test_a_mouse_stroke_marks_the_current_layer_and_nothing_else(qtbot, document):
    drawing = open_drawing(qtbot, document)
    assert drawing.current_layer == "sketch" and drawing.tool is Tool.PENCIL
    stroke(drawing, line(400, 500, 1400, 500))
    stack = drawing.stack
    box = alpha_box(stack.images["sketch"])
    assert box is not None
    left, top, right, bottom = box
    assert left <= 405 and right >= 1395 and top >= 480 and bottom <= 520
    assert alpha(stack.images["sketch"], 900, 500) > 0
    assert alpha(stack.images["sketch"], 900, 560) == 0
    assert others_blank(stack, "sketch") == {"reference": None, "ink": None, "notes": None}
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == "Pencil stroke on sketch"
    # The screen shows it too: the composite is dark where the stroke is and white elsewhere.
    drawing.view.refresh_composite()
    assert QColor(drawing.view.composite.pixel(900, 500)).lightness() < 200
    assert QColor(drawing.view.composite.pixel(900, 700)).lightness() == 255


def test_pen_key_moves_to_the_ink_layer(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    assert drawing.tool is Tool.PEN and drawing.current_layer == "ink"
    stroke(drawing, line(300, 300, 300, 900))
    assert alpha_box(drawing.stack.images["ink"]) is not None
    assert others_blank(drawing.stack, "ink") == {"reference": None, "sketch": None, "notes": None}
    # The pen is solid: full opacity in the middle of the line.
    assert alpha(drawing.stack.images["ink"], 300, 600) == 255


def test_notes_layer_draws_in_the_accent_colour(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    drawing.set_layer("notes")
    stroke(drawing, line(500, 200, 900, 200))
    color = QColor.fromRgba(drawing.stack.images["notes"].pixel(700, 200))
    assert color.red() > 180 and color.green() < 90
    assert others_blank(drawing.stack, "notes") == {"reference": None, "sketch": None, "ink": None}


def test_translucent_tone_keeps_one_opacity_along_the_stroke(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_T)
    # Many short segments under a wide brush: each joint overlaps the last.
    stroke(drawing, line(400, 600, 1400, 600, steps=200))
    sketch = drawing.stack.images["sketch"]
    values = {alpha(sketch, x, 600) for x in range(500, 1300, 37)}
    assert len(values) == 1 and 40 < values.pop() < 120


def test_eraser_removes_pixels_and_undo_restores_them(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    stroke(drawing, line(400, 500, 1400, 500))
    ink = drawing.stack.images["ink"]
    drawn = ink.copy()
    assert alpha(ink, 900, 500) == 255
    qtbot.keyClick(drawing.view, Qt.Key.Key_E)
    assert drawing.tool is Tool.ERASER and drawing.current_layer == "ink"
    stroke(drawing, line(800, 300, 800, 700))
    ink = drawing.stack.images["ink"]
    assert alpha(ink, 800, 500) == 0
    assert alpha(ink, 1200, 500) == 255  # only under the eraser
    assert document.undo_stack.count() == 2 and document.undo_stack.text(1) == "Erase on ink"
    document.undo_stack.undo()
    assert drawing.stack.images["ink"] == drawn
    document.undo_stack.redo()
    assert alpha(drawing.stack.images["ink"], 800, 500) == 0
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert alpha_box(drawing.stack.images["ink"]) is None


def test_shift_drag_draws_a_straight_line(qtbot, document):
    drawing = open_drawing(qtbot, document)
    wiggle = [(400 + i * 10, 500 + 150 * math.sin(i / 5)) for i in range(101)]
    wiggle[-1] = (1400, 500)
    stroke(drawing, wiggle, Qt.KeyboardModifier.ShiftModifier)
    sketch = drawing.stack.images["sketch"]
    left, top, right, bottom = alpha_box(sketch)
    assert bottom - top < 20 and left <= 402 and right >= 1398
    assert alpha(sketch, 900, 500) > 0
    assert document.undo_stack.count() == 1


def test_line_tool_draws_straight_without_shift(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_L)
    stroke(drawing, [(300, 300), (500, 700), (900, 300)])
    box = alpha_box(drawing.stack.images["sketch"])
    assert box is not None and box[3] - box[1] < 20  # from (300, 300) to (900, 300) only


def test_bracket_keys_step_the_brush_size(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    assert drawing.view.brush.size == 4
    qtbot.keyClick(drawing.view, Qt.Key.Key_BracketRight)
    qtbot.keyClick(drawing.view, Qt.Key.Key_BracketRight)
    assert drawing.view.brush.size == 8 and drawing.size_box.value() == 8
    qtbot.keyClick(drawing.view, Qt.Key.Key_BracketLeft)
    assert drawing.view.brush.size == 6
    # Each tool keeps its own size.
    qtbot.keyClick(drawing.view, Qt.Key.Key_B)
    assert drawing.view.brush.size == 3


def test_tablet_pressure_changes_width_and_tablet_events_are_accepted(qtbot, document):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    drawing.set_brush_size(24)
    pen = QPointingDevice(
        "test stylus", 7, QPointingDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        QPointingDevice.Capability.Position | QPointingDevice.Capability.Pressure, 1, 3,
    )

    def tablet(kind, x, y, pressure):
        pos = QPointF(to_widget(drawing, x, y))
        buttons = Qt.MouseButton.NoButton if kind == QTabletEvent.Type.TabletRelease else LEFT
        event = QTabletEvent(kind, pen, pos, drawing.view.mapToGlobal(pos), pressure, 0, 0, 0, 0, 0, NO_MOD, LEFT, buttons)
        QApplication.sendEvent(drawing.view, event)
        return event.isAccepted()

    for y, pressure in ((300, 0.1), (700, 1.0)):
        assert tablet(QTabletEvent.Type.TabletPress, 400, y, pressure)
        for i in range(1, 30):
            assert tablet(QTabletEvent.Type.TabletMove, 400 + i * 30, y, pressure)
        assert tablet(QTabletEvent.Type.TabletRelease, 1270, y, pressure)
    ink = pil(drawing.stack.images["ink"]).getchannel("A")
    light = ink.crop((600, 250, 1000, 350)).getbbox()
    heavy = ink.crop((600, 650, 1000, 750)).getbbox()
    assert light[3] - light[1] < heavy[3] - heavy[1]
    assert document.undo_stack.count() == 2


# Commit, save and reload ---------------------------------------------------------------------


def test_commit_updates_the_composite_and_a_new_thumbnail_appears(qtbot, document):
    drawing = open_drawing(qtbot, document)
    panel = document.project.scenes[0].panels[1]
    cache = ThumbnailCache()
    cache.pending = document.project.pending_images
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    stroke(drawing, line(400, 500, 1400, 500))
    assert panel.image is None and drawing.is_dirty()
    assert drawing.commit()
    assert not drawing.is_dirty() and not drawing.commit()
    assert panel.image in document.project.pending_images
    assert panel.layers == {"ink": panel.layers["ink"]} and panel.layers["ink"].startswith(f"images/{panel.id}-ink-")
    assert document.undo_stack.text(document.undo_stack.count() - 1) == "Update drawing"
    composite = decode_image(document.project, None, panel.image)
    assert composite.size() == drawing.stack.size
    assert QColor(composite.pixel(900, 500)).lightness() < 30
    assert QColor(composite.pixel(900, 800)).lightness() == 255
    assert cache.pixmap(panel.image) is None
    with qtbot.waitSignal(cache.ready, timeout=10000):
        pass
    assert cache.pixmap(panel.image) is not None
    first = panel.image
    stroke(drawing, line(400, 700, 1400, 700))
    drawing.commit()
    assert panel.image != first and panel.image in document.project.pending_images


def test_save_and_reload_give_the_same_layers_pixel_for_pixel(qtbot, document, tmp_path):
    folder = tmp_path / "film"
    save_project(document.project, folder)
    document.folder = folder
    drawing = open_drawing(qtbot, document, folder=folder)
    stroke(drawing, [(300 + i * 9, 400 + 120 * math.sin(i / 9)) for i in range(100)])
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    stroke(drawing, [(900 + 200 * math.cos(i / 12), 500 + 200 * math.sin(i / 12)) for i in range(80)])
    qtbot.keyClick(drawing.view, Qt.Key.Key_T)
    stroke(drawing, line(200, 900, 1700, 900))
    drawing.set_layer("notes")
    qtbot.keyClick(drawing.view, Qt.Key.Key_L)
    stroke(drawing, [(1500, 200), (1700, 300)])
    assert drawing.import_reference(str(png_file(tmp_path / "ref.png")))
    drawing.set_layer_opacity("reference", 0.4)
    shown = {name: drawing.stack.images[name].copy() for name in LAYER_NAMES}
    assert all(alpha_box(image) is not None for image in shown.values())
    assert drawing.commit()
    written = save_project(document.project, folder)
    assert written == 5  # four layers and the composite
    panel = document.project.scenes[0].panels[1]
    assert sorted((folder / path).name.split("-")[2] for path in panel.layers.values()) == sorted(LAYER_NAMES)

    loaded = load_project(folder)
    again = Document(loaded.project, loaded.folder)
    reopened = open_drawing(qtbot, again, folder=loaded.folder)
    saved_panel = loaded.project.scenes[0].panels[1]
    assert saved_panel.layers == panel.layers and saved_panel.layer_opacity == {"reference": 0.4}
    assert reopened.stack.problems == {}
    for name in LAYER_NAMES:
        assert reopened.stack.images[name] == shown[name], name
    assert reopened.stack.opacity["reference"] == 0.4
    assert not reopened.is_dirty()
    # Saving again after a stroke on one layer writes that layer and the composite only.
    stroke(reopened, line(300, 1000, 800, 1000))
    reopened.commit()
    assert save_project(loaded.project, folder) == 2


def test_commit_encodes_in_a_worker_and_saving_waits_for_it(qtbot, document, tmp_path, monkeypatch):
    from storyboarder.ui.drawing import encoding

    threads = []
    gate = threading.Event()
    real = encoding.encode_png

    def held(image):
        threads.append(threading.current_thread())
        gate.wait(20)
        return real(image)

    monkeypatch.setattr(encoding, "encode_png", held)
    folder = tmp_path / "film"
    save_project(document.project, folder)
    document.folder = folder
    drawing = open_drawing(qtbot, document, folder=folder)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    stroke(drawing, line(400, 500, 1400, 500))
    drawn = drawing.stack.images["ink"].copy()
    panel = document.project.scenes[0].panels[1]
    assert drawing.commit()  # returns while the encodes are held
    pending = document.project.pending_images
    assert pending.busy() and panel.image in pending and panel.layers["ink"] in pending
    # The next panel shows this one as its onion skin at once, from memory: nothing waited.
    show(drawing, 2, folder)
    ghost = on_screen(drawing, 900, 500)
    assert ghost.lightness() < 255 and ghost.red() > ghost.blue()
    # Coming back shows the layer as the file will have it, still without waiting.
    show(drawing, 1, folder)
    assert pending.busy() and drawing.stack.images["ink"] == drawn and not drawing.is_dirty()
    threading.Timer(0.2, gate.set).start()
    assert save_project(document.project, folder) == 2
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    reloaded = decode_image(None, folder, panel.layers["ink"])
    assert reloaded == drawn
    composite = decode_image(None, folder, panel.image)
    assert QColor(composite.pixel(900, 500)).lightness() < 30


def test_a_panel_with_only_an_image_opens_it_on_the_reference_layer(qtbot, document):
    panel = document.project.scenes[0].panels[1]
    stage_image(document.project, panel, png_bytes(), "png")
    original = panel.image
    drawing = open_drawing(qtbot, document)
    stack = drawing.stack
    assert alpha_box(stack.images["reference"]) == (0, 0, 1920, 1080)
    assert QColor(stack.images["reference"].pixel(500, 500)).lightness() == 0
    assert not drawing.is_dirty()
    stroke(drawing, line(1000, 900, 1800, 900))
    assert drawing.commit()
    assert panel.layers["reference"] == original  # kept, not re-encoded
    assert set(panel.layers) == {"reference", "sketch"} and panel.image != original


# Reference and opacity ------------------------------------------------------------------------


def test_importing_a_reference_puts_it_on_the_reference_layer(qtbot, document, tmp_path):
    drawing = open_drawing(qtbot, document)
    assert drawing.import_reference(str(png_file(tmp_path / "ref.png", size=(640, 360))))
    reference = drawing.stack.images["reference"]
    assert alpha_box(reference) == (0, 0, 1920, 1080)  # scaled up to fill the canvas
    assert QColor(reference.pixel(960, 540)).red() > 150 and QColor(reference.pixel(960, 540)).green() < 80
    assert others_blank(drawing.stack, "reference") == {"sketch": None, "ink": None, "notes": None}
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Import reference image"
    document.undo_stack.undo()
    assert alpha_box(drawing.stack.images["reference"]) is None
    document.undo_stack.redo()
    assert alpha_box(drawing.stack.images["reference"]) is not None


def test_a_bad_reference_file_is_reported_not_imported(qtbot, document, tmp_path):
    drawing = open_drawing(qtbot, document)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    assert not drawing.import_reference(str(bad))
    assert "bad.png" in drawing.status.text()
    assert document.undo_stack.count() == 0


def test_pasting_a_reference_from_the_clipboard(qtbot, document):
    drawing = open_drawing(qtbot, document)
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 120, 220))
    QApplication.clipboard().setImage(image)
    assert drawing.paste_reference()
    assert QColor(drawing.stack.images["reference"].pixel(960, 540)).blue() > 200
    assert document.undo_stack.text(0) == "Paste reference image"


def test_an_opacity_drag_is_one_undo_step(qtbot, document, tmp_path):
    drawing = open_drawing(qtbot, document)
    drawing.import_reference(str(png_file(tmp_path / "ref.png")))
    slider = drawing.layer_list.opacity
    count = document.undo_stack.count()
    slider.sliderPressed.emit()
    for value in (90, 75, 60, 45):
        slider.setValue(value)
    slider.sliderReleased.emit()
    assert drawing.stack.opacity["reference"] == 0.45
    assert document.undo_stack.count() == count + 1
    assert document.undo_stack.text(count) == "Reference opacity"
    document.undo_stack.undo()
    assert drawing.stack.opacity["reference"] == 1.0 and slider.value() == 100
    # A single step of the slider (a key, not a drag) is a step of its own.
    slider.setValue(80)
    slider.setValue(70)
    assert document.undo_stack.count() == count + 2


def test_clearing_a_layer_is_one_undo_step(qtbot, document):
    drawing = open_drawing(qtbot, document)
    stroke(drawing, line(400, 500, 1400, 500))
    stroke(drawing, line(400, 600, 1400, 600))
    qtbot.keyClick(drawing.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert alpha_box(drawing.stack.images["sketch"]) is None
    assert document.undo_stack.count() == 3 and document.undo_stack.text(2) == "Clear sketch layer"
    document.undo_stack.undo()
    assert alpha(drawing.stack.images["sketch"], 900, 600) > 0
    # After a clear, the layer counts as empty again: committing a cleared drawing stores nothing.
    document.undo_stack.redo()
    assert not drawing.is_dirty()


def undo_pixels(document) -> int:
    from storyboarder.ui.commands import DrawingPixelsCommand

    stack = document.undo_stack
    steps = [stack.command(i) for i in range(stack.count())]
    return sum(step.pixel_bytes() for step in steps if isinstance(step, DrawingPixelsCommand))


def test_the_undo_history_keeps_its_pixels_within_a_limit(qtbot, document):
    drawing = open_drawing(qtbot, document)
    limit = 4 * 1024 * 1024
    drawing.undo_pixel_limit = limit
    rows = [60 + i * 80 for i in range(12)]
    for y in rows:
        stroke(drawing, line(100, y, 1800, y))
        assert undo_pixels(document) <= limit
    stack = document.undo_stack
    texts = [stack.text(i) for i in range(stack.count())]
    forgotten = [t for t in texts if t.endswith("(too old to undo)")]
    assert texts[-1] == "Pencil stroke on sketch"
    assert 0 < len(forgotten) < len(rows) - 1 and texts[: len(forgotten)] == forgotten
    # The steps that still hold their pixels undo and redo; the forgotten ones leave the
    # history when undo reaches them, and their strokes stay.
    sketch = lambda: drawing.stack.images["sketch"]  # noqa: E731
    while stack.canUndo():
        stack.undo()
    kept = len(rows) - len(forgotten)
    assert all(alpha(sketch(), 900, y) == 0 for y in rows[-kept:])
    assert all(alpha(sketch(), 900, y) > 0 for y in rows[: len(forgotten)])
    assert stack.count() == kept
    while stack.canRedo():
        stack.redo()
    assert all(alpha(sketch(), 900, y) > 0 for y in rows)


def test_the_latest_step_stays_undoable_whatever_its_size(qtbot, document):
    drawing = open_drawing(qtbot, document)
    drawing.undo_pixel_limit = 1024
    stroke(drawing, line(400, 500, 1400, 500))
    drawing.clear_layer("sketch")
    assert alpha_box(drawing.stack.images["sketch"]) is None
    assert document.undo_stack.text(0).endswith("(too old to undo)")
    document.undo_stack.undo()
    assert alpha(drawing.stack.images["sketch"], 900, 500) > 0


def test_hidden_layers_stay_in_the_composite_and_refuse_strokes(qtbot, document):
    drawing = open_drawing(qtbot, document)
    stroke(drawing, line(400, 500, 1400, 500))
    drawing.set_layer_visible("sketch", False)
    drawing.view.refresh_composite()
    assert QColor(drawing.view.composite.pixel(900, 500)).lightness() == 255
    stroke(drawing, line(400, 700, 1400, 700))
    assert alpha(drawing.stack.images["sketch"], 900, 700) == 0
    assert "hidden" in drawing.status.text()
    drawing.commit()
    panel = document.project.scenes[0].panels[1]
    composite = decode_image(document.project, None, panel.image)
    assert QColor(composite.pixel(900, 500)).lightness() < 255


# Undo across commits and panels ----------------------------------------------------------------


def test_undoing_a_commit_keeps_the_strokes_so_each_can_be_undone(qtbot, document):
    drawing = open_drawing(qtbot, document)
    panel = document.project.scenes[0].panels[1]
    stroke(drawing, line(400, 500, 1400, 500))
    stroke(drawing, line(400, 700, 1400, 700))
    drawing.commit()
    stack = document.undo_stack
    assert stack.count() == 3
    stack.undo()  # the commit
    assert panel.image is None and panel.layers == {}
    assert alpha(drawing.stack.images["sketch"], 900, 700) > 0 and drawing.is_dirty()
    stack.undo()
    assert alpha(drawing.stack.images["sketch"], 900, 700) == 0 and alpha(drawing.stack.images["sketch"], 900, 500) > 0
    stack.undo()
    assert alpha_box(drawing.stack.images["sketch"]) is None and not drawing.is_dirty()
    for _ in range(3):
        stack.redo()
    assert panel.image is not None and not drawing.is_dirty()
    assert alpha(drawing.stack.images["sketch"], 900, 700) > 0


def test_leaving_a_panel_commits_it_and_undo_brings_back_the_old_files(qtbot, document):
    drawing = open_drawing(qtbot, document)
    first = document.project.scenes[0].panels[1]
    stroke(drawing, line(400, 500, 1400, 500))
    stroke(drawing, line(400, 700, 1400, 700))
    show(drawing, 2)  # leaving commits
    second = document.project.scenes[0].panels[2]
    assert first.image is not None and drawing.panel is second
    stroke(drawing, line(200, 200, 600, 200))
    stack = document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Pencil stroke on sketch", "Pencil stroke on sketch", "Update drawing", "Pencil stroke on sketch",
    ]
    stack.undo()
    assert alpha_box(drawing.stack.images["sketch"]) is None
    stack.undo()
    assert first.image is None and first.layers == {}
    # The first panel's strokes are not on screen: undoing them changes nothing and they leave the history.
    stack.undo()
    stack.undo()
    assert stack.count() == 2 and first.image is None
    stack.redo()  # the commit again
    assert first.image is not None
    assert alpha_box(drawing.stack.images["sketch"]) is None  # the second panel is untouched


def test_coming_back_to_a_panel_and_undoing_takes_its_strokes_away_one_by_one(qtbot, document):
    drawing = open_drawing(qtbot, document)
    first = document.project.scenes[0].panels[1]
    stroke(drawing, line(400, 500, 1400, 500))
    stroke(drawing, line(400, 700, 1400, 700))
    show(drawing, 2)
    show(drawing, 1)  # a new session, loaded from the committed files
    assert drawing.panel is first and not drawing.is_dirty()
    stack = document.undo_stack
    stack.undo()  # the commit: the drawing stays on screen
    assert first.image is None and alpha(drawing.stack.images["sketch"], 900, 700) > 0
    stack.undo()
    assert alpha(drawing.stack.images["sketch"], 900, 700) == 0 and alpha(drawing.stack.images["sketch"], 900, 500) > 0
    stack.undo()
    assert alpha_box(drawing.stack.images["sketch"]) is None and not drawing.is_dirty()


def test_closing_commits_and_says_so(qtbot, document):
    drawing = open_drawing(qtbot, document)
    stroke(drawing, line(400, 500, 1400, 500))
    with qtbot.waitSignal(drawing.closed, timeout=1000):
        qtbot.keyClick(drawing.view, Qt.Key.Key_Escape)
    assert document.project.scenes[0].panels[1].image is not None
    assert drawing.stack is None


def test_next_and_previous_keys_ask_for_panels(qtbot, document):
    drawing = open_drawing(qtbot, document)
    with qtbot.waitSignal(drawing.nextPanelRequested, timeout=1000):
        qtbot.keyClick(drawing.view, Qt.Key.Key_PageDown)
    with qtbot.waitSignal(drawing.previousPanelRequested, timeout=1000):
        qtbot.keyClick(drawing.view, Qt.Key.Key_PageUp)
    with qtbot.waitSignal(drawing.nextPanelRequested, timeout=1000):
        qtbot.keyClick(drawing.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)


# The view --------------------------------------------------------------------------------------


def test_wheel_zooms_around_the_cursor_and_flip_keeps_strokes_under_it(qtbot, document):
    drawing = open_drawing(qtbot, document)
    view = drawing.view
    anchor = to_widget(drawing, 600, 400)
    before = view.zoom
    QTest.qWait(0)
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(QPointF(anchor), QPointF(view.mapToGlobal(anchor)), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, NO_MOD, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view, event)
    assert view.zoom == pytest.approx(before * 2 ** 0.5)
    x, y = view.canvas_xy(QPointF(anchor))
    assert (x, y) == pytest.approx((600, 400), abs=1)
    view.fit_to_window()
    qtbot.keyClick(view, Qt.Key.Key_H)
    assert view.flipped
    # On a flipped view a stroke still lands under the pointer: to_widget maps through the flip.
    stroke(drawing, line(200, 300, 500, 300))
    box = alpha_box(drawing.stack.images["sketch"])
    assert 190 <= box[0] <= 200 and 500 <= box[2] <= 510
    assert to_widget(drawing, 200, 300).x() > to_widget(drawing, 500, 300).x()


def test_space_drag_pans_without_drawing(qtbot, document):
    drawing = open_drawing(qtbot, document)
    view = drawing.view
    start = view.image_transform().map(QPointF(0, 0))
    QTest.keyPress(view, Qt.Key.Key_Space)
    stroke(drawing, line(500, 500, 800, 600))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    moved = view.image_transform().map(QPointF(0, 0)) - start
    assert moved.x() > 50 and moved.y() > 10
    assert alpha_box(drawing.stack.images["sketch"]) is None and document.undo_stack.count() == 0


def test_screenshot_with_guides_and_onion_skin(qtbot, document, tmp_path):
    scene = document.project.scenes[0]
    stage_image(document.project, scene.panels[0], png_bytes(box=(100, 600, 500, 1000)), "png")
    stage_image(document.project, scene.panels[2], png_bytes(box=(1400, 100, 1800, 500)), "png")
    drawing = open_drawing(qtbot, document)
    for action_id in drawing.actions_by_id:
        if action_id.name.startswith("GUIDE_"):
            drawing.action(action_id).setChecked(True)
    drawing.action(DrawingActionId.ONION_SKIN).setChecked(True)
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    stroke(drawing, [(960 + 300 * math.cos(i / 10), 540 + 300 * math.sin(i / 10)) for i in range(64)])
    shot = drawing.grab().toImage()
    shot.save(str(tmp_path / "drawing.png"))
    # The guides are drawn on the widget, not into the drawing.
    assert alpha_box(drawing.stack.images["sketch"]) is None
    # The previous panel's box shows faintly reddish, the next one's greenish, on screen;
    # the onion skin is multiplied over the canvas when painted, never put into it.
    previous = on_screen(drawing, 300, 800)
    following = on_screen(drawing, 1600, 300)
    assert previous.red() > previous.green() + 20 and previous.lightness() > 150
    assert following.green() > following.red() + 20 and following.lightness() > 150
    assert on_screen(drawing, 960, 100).lightness() == 255
    drawing.view.refresh_composite()
    assert QColor(drawing.view.composite.pixel(300, 800)).lightness() == 255
    drawing.action(DrawingActionId.ONION_SKIN).setChecked(False)
    assert on_screen(drawing, 300, 800).lightness() == 255


def test_every_tool_draws_notes_in_the_notes_colour(qtbot, document):
    drawing = open_drawing(qtbot, document)
    drawing.set_layer("notes")
    qtbot.keyClick(drawing.view, Qt.Key.Key_L)
    stroke(drawing, [(500, 300), (900, 300)])
    color = QColor.fromRgba(drawing.stack.images["notes"].pixel(700, 300))
    assert color.red() > 180 and color.green() < 90
    drawing.set_color(QColor("#0000ff"))
    qtbot.keyClick(drawing.view, Qt.Key.Key_B)
    assert drawing.view.brush.color == QColor("#0000ff")
    drawing.set_layer("sketch")
    assert drawing.view.brush.color == QColor("#505050")


@pytest.mark.parametrize("key", [Qt.Key.Key_P, Qt.Key.Key_B, Qt.Key.Key_T])
def test_what_is_shown_while_drawing_is_what_the_layers_compose_to(qtbot, document, tmp_path, key):
    # The pen is drawn straight onto the screen image; pencil and tone are composed per event.
    drawing = open_drawing(qtbot, document)
    assert drawing.import_reference(str(png_file(tmp_path / "ref.png")))
    drawing.set_layer_opacity("reference", 0.5)
    drawing.view.refresh_composite()
    before = pil(drawing.view.composite.copy()).convert("RGB")
    qtbot.keyClick(drawing.view, key)
    stroke(drawing, [(300 + i * 12, 540 + 300 * math.sin(i / 12)) for i in range(110)])
    drawing.view.refresh_composite()
    shown = pil(drawing.view.composite.copy())
    drawing.view._invalidate()
    drawing.view.refresh_composite()
    composed = pil(drawing.view.composite)
    from PIL import ImageChops

    difference = ImageChops.difference(shown.convert("RGB"), composed.convert("RGB"))
    assert max(high for _low, high in difference.getextrema()) <= 2
    assert ImageChops.difference(before, shown.convert("RGB")).getbbox() is not None  # the stroke is there


def busy_drawing(qtbot, document, tmp_path) -> DrawingPanel:
    """A drawing with neighbours for the onion skin, a faded reference, and marks on every layer."""
    scene = document.project.scenes[0]
    stage_image(document.project, scene.panels[0], png_bytes(box=(100, 300, 1700, 800)), "png")
    stage_image(document.project, scene.panels[2], png_bytes(box=(300, 100, 1800, 900)), "png")
    drawing = open_drawing(qtbot, document)
    drawing.action(DrawingActionId.ONION_SKIN).setChecked(True)
    assert drawing.import_reference(str(png_file(tmp_path / "ref.png", size=(1920, 1080))))
    drawing.set_layer_opacity("reference", 0.5)
    for layer, key, y in (("sketch", Qt.Key.Key_B, 520), ("ink", Qt.Key.Key_P, 560), ("notes", Qt.Key.Key_L, 600)):
        drawing.set_layer(layer)
        qtbot.keyClick(drawing.view, key)
        stroke(drawing, line(200, y, 1700, y + 40))
    return drawing


@pytest.mark.parametrize("layer", ["sketch", "ink", "notes"])
@pytest.mark.parametrize("key", [Qt.Key.Key_P, Qt.Key.Key_B, Qt.Key.Key_T, Qt.Key.Key_E, Qt.Key.Key_L])
def test_every_tool_shows_what_the_layers_compose_to_under_onion_skin_and_upper_layers(qtbot, document, tmp_path, key, layer):
    # Each stroke composes the screen from the layers flattened under it (the backdrop), one box
    # per event; the result must be what composing every layer from scratch gives.
    drawing = busy_drawing(qtbot, document, tmp_path)
    view = drawing.view
    drawing.set_layer(layer)
    qtbot.keyClick(view, key)
    view.refresh_composite()
    before = pil(view.composite.copy()).convert("RGB")
    wave = [(300 + i * 12, 560 + 300 * math.sin(i / 12)) for i in range(110)]
    widget_points = [to_widget(drawing, x, y) for x, y in wave]
    QTest.mousePress(view, LEFT, NO_MOD, widget_points[0])
    for point in widget_points[1:]:
        QTest.mouseMove(view, point)
        if point.x() % 3 == 0:
            view.refresh_composite()  # as repaints would, now and then
    QTest.mouseRelease(view, LEFT, NO_MOD, widget_points[-1])
    view.refresh_composite()
    shown = pil(view.composite.copy()).convert("RGB")
    view._invalidate()
    view.refresh_composite()
    composed = pil(view.composite).convert("RGB")
    from PIL import ImageChops

    difference = ImageChops.difference(shown, composed)
    assert max(high for _low, high in difference.getextrema()) <= 2
    assert ImageChops.difference(before, shown).getbbox() is not None  # the stroke is there


@pytest.mark.parametrize("key", [Qt.Key.Key_P, Qt.Key.Key_B])
def test_undo_in_the_middle_of_a_stroke_drops_that_stroke(qtbot, document, key):
    drawing = open_drawing(qtbot, document)
    qtbot.keyClick(drawing.view, key)
    layer = drawing.current_layer
    stroke(drawing, line(400, 300, 1400, 300))
    view = drawing.view
    QTest.mousePress(view, LEFT, NO_MOD, to_widget(drawing, 400, 700))
    for x in range(450, 1400, 50):
        QTest.mouseMove(view, to_widget(drawing, x, 700))
    assert view.drawing
    document.undo_stack.undo()  # as Ctrl+Z with the button still down
    assert not view.drawing
    QTest.mouseMove(view, to_widget(drawing, 1400, 700))
    QTest.mouseRelease(view, LEFT, NO_MOD, to_widget(drawing, 1400, 700))
    assert alpha_box(drawing.stack.images[layer]) is None
    assert document.undo_stack.index() == 0 and document.undo_stack.count() == 1
    drawing.view.refresh_composite()
    assert QColor(drawing.view.composite.pixel(900, 700)).lightness() == 255
    document.undo_stack.redo()
    assert alpha(drawing.stack.images[layer], 900, 300) > 0


def test_deleting_the_panel_being_drawn_is_announced_but_moving_it_is_not(qtbot, document):
    drawing = open_drawing(qtbot, document)
    scene, other = document.project.scenes
    with qtbot.assertNotEmitted(drawing.panelRemoved, wait=50):
        document.move_panels(scene, [1], other, 0)
    assert drawing.panel is other.panels[0]
    with qtbot.waitSignal(drawing.panelRemoved, timeout=1000):
        document.remove_panels(other, [0])


def test_a_sequence_is_drawn_panel_after_panel_with_page_down(qtbot, document):
    """What the window does with the drawing view's signals, and a director drawing a scene through."""
    from storyboarder.ui.drawing import neighbours

    scene = document.project.scenes[0]
    drawing = open_drawing(qtbot, document, row=0)

    def step(offset):
        row = scene.panels.index(drawing.panel) + offset
        if 0 <= row < len(scene.panels):
            panel = scene.panels[row]
            drawing.show_panel(scene, panel, *neighbours(scene, panel))

    drawing.nextPanelRequested.connect(lambda: step(1))
    drawing.previousPanelRequested.connect(lambda: step(-1))
    qtbot.keyClick(drawing.view, Qt.Key.Key_P)
    for row in range(3):
        assert drawing.panel is scene.panels[row]
        stroke(drawing, [(300 + row * 500 + 200 * math.cos(i / 8), 540 + 200 * math.sin(i / 8)) for i in range(52)])
        qtbot.keyClick(drawing.view, Qt.Key.Key_PageDown)
    # The last panel stays (there is no next one); the others were committed on the way.
    assert drawing.panel is scene.panels[2]
    assert [panel.image is not None for panel in scene.panels] == [True, True, False]
    # The onion skin shows the previous panel's circle, faintly, on screen (it is not in the composite).
    ghost = on_screen(drawing, 800 + 200, 540)
    assert ghost.lightness() < 255 and ghost.red() > ghost.blue()
    drawing.view.refresh_composite()
    assert QColor(drawing.view.composite.pixel(1000, 540)).lightness() == 255
    qtbot.keyClick(drawing.view, Qt.Key.Key_PageUp)
    assert drawing.panel is scene.panels[1] and scene.panels[2].image is not None
    texts = [document.undo_stack.text(i) for i in range(document.undo_stack.count())]
    assert texts.count("Update drawing") == 3 and texts.count("Pen stroke on ink") == 3
