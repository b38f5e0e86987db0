"""Bugs 11 and 13: icons and help text follow the palette, measured from grabs in light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from conftest import EXAMPLE, open_window
from storyboarder.ui.palettes import contrast, dark_palette, relative_luminance


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp):
    """Run the test in the light palette and again in the dark one, then put the palette back."""
    before = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(before)


def luminances(image: QImage) -> list[float]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return [relative_luminance(image.pixelColor(x, y)) for y in range(image.height()) for x in range(image.width())]


def prominence(widget) -> float:
    """How far a widget's pixels stand out from its background on average (WCAG luminance)."""
    image = widget.grab().toImage()
    background = relative_luminance(image.convertToFormat(QImage.Format.Format_RGB32).pixelColor(1, 1))
    values = luminances(image)
    return sum(abs(v - background) for v in values) / len(values)


def test_a_disabled_toolbar_icon_is_fainter_than_an_enabled_one(qtbot, palette):
    window = open_window(qtbot, EXAMPLE, size=(1400, 860))
    toolbar = window.findChild(type(window.addToolBar("probe")), "mainToolbar")
    assert not window.undo_action.isEnabled() and window.draw_action.isEnabled()
    undo, draw = toolbar.widgetForAction(window.undo_action), toolbar.widgetForAction(window.draw_action)
    assert undo.isVisible() and draw.isVisible()
    faint, clear = prominence(undo), prominence(draw)
    assert faint < 0.6 * clear, (palette, faint, clear)


def text_contrast(label) -> float:
    """The WCAG contrast of a label's text: its most distinct pixel against its background."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixelColor(0, 0)
    best = max((image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())),
               key=lambda c: contrast(c, background))
    return contrast(best, background)


def label_with(dialog, start: str):
    from PySide6.QtWidgets import QLabel

    found = [label for label in dialog.findChildren(QLabel) if label.text().startswith(start)]
    assert len(found) == 1, start
    return found[0]


@pytest.mark.parametrize(("action", "dialog", "note"), [
    ("EXPORT_SHOTLIST", "export_dialog", "Ticked as the Shot List tab shows them"),
    ("IMPORT_SCREENPLAY", "import_dialog", "Boneyard, sections"),
    ("PLAN_SHOOTING", "plan_dialog", "Drag shots to change the order"),
])
def test_help_text_reaches_wcag_aa_contrast(qtbot, palette, action, dialog, note):
    from storyboarder.ui.actions import ActionId

    window = open_window(qtbot, EXAMPLE, size=(1400, 860))
    window.action(getattr(ActionId, action)).trigger()
    shown = getattr(window, dialog)
    qtbot.waitExposed(shown)
    label = label_with(shown, note)
    assert label.isVisible()
    assert text_contrast(label) >= 4.5, palette
    # Still a note, not body text: dimmer than the dialog's own text.
    body = shown.palette().color(shown.palette().ColorRole.WindowText)
    window_colour = shown.palette().color(shown.palette().ColorRole.Window)
    assert text_contrast(label) < contrast(body, window_colour)
    shown.reject()
