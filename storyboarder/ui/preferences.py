"""Edit › Preferences…: the settings a user may want to change, applied the moment they change.

The colours (the system's, light or dark), how often unsaved work is
autosaved, where exports are offered first, and the working size of new
drawings and imported images. Each is an ``Option`` in ``ui/settings.py``;
this dialog only shows and stores them, and applies the ones that act at
once (the palette, the autosave timer).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from . import settings as opts
from .help_text import HelpLabel
from .palettes import dark_palette

PALETTES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
#: The shortest autosave interval: a recovery copy of a big project takes a moment to write.
MIN_AUTOSAVE_SECONDS = 5

_startup_palette: list[QPalette] = []


def apply_palette(choice: str) -> None:
    """Give the application the system's, a light or a dark palette (every window follows at once)."""
    app = QApplication.instance()
    if not _startup_palette:
        _startup_palette.append(QPalette(app.palette()))  # what the system gave, before any choice
    if choice == "dark":
        app.setPalette(dark_palette())
    elif choice == "light":
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(_startup_palette[0])


def autosave_ms(settings) -> int:
    """The autosave interval in milliseconds, never below the shortest allowed."""
    return max(MIN_AUTOSAVE_SECONDS, settings.get(opts.AUTOSAVE_SECONDS)) * 1000


class PreferencesDialog(QDialog):
    """The editor's preferences; every change is stored and announced at once (no OK needed)."""

    #: An option was changed: the Option (from ui/settings.py).
    changed = Signal(object)

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.palette_box = QComboBox()
        self.palette_box.setObjectName("palette")
        for key, text in PALETTES.items():
            self.palette_box.addItem(text, key)
        self.palette_box.setCurrentIndex(max(0, self.palette_box.findData(settings.get(opts.PALETTE))))
        self.autosave = QSpinBox()
        self.autosave.setObjectName("autosaveSeconds")
        self.autosave.setRange(MIN_AUTOSAVE_SECONDS, 3600)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(max(MIN_AUTOSAVE_SECONDS, settings.get(opts.AUTOSAVE_SECONDS)))
        self.export_folder = QLineEdit(settings.get(opts.EXPORT_FOLDER))
        self.export_folder.setObjectName("exportFolder")
        self.export_folder.setPlaceholderText("Beside the project folder")
        browse = QPushButton("Browse…")
        browse.setObjectName("browseExportFolder")
        browse.setAutoDefault(False)  # Enter in the folder field keeps the typed folder, opens no chooser
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.export_folder, 1)
        folder_row.addWidget(browse)
        self.working_width = QSpinBox()
        self.working_width.setObjectName("workingWidth")
        self.working_width.setRange(640, 7680)
        self.working_width.setSingleStep(320)
        self.working_width.setSuffix(" px wide")
        self.working_width.setValue(settings.get(opts.WORKING_WIDTH))
        form = QFormLayout()
        form.addRow("&Colours:", self.palette_box)
        form.addRow("&Autosave every:", self.autosave)
        form.addRow("", HelpLabel("A recovery copy of unsaved work, written beside the project.", word_wrap=True))
        export_label = QLabel("&Export folder:")
        export_label.setBuddy(self.export_folder)  # a layout cannot be a buddy: without one the & shows
        form.addRow(export_label, folder_row)
        form.addRow("", HelpLabel("Where exports are offered first, until you export somewhere else.", word_wrap=True))
        form.addRow("&Drawing size:", self.working_width)
        form.addRow("", HelpLabel("New drawings and imported images, at the project's aspect ratio.", word_wrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.palette_box.currentIndexChanged.connect(lambda _i: self._store(opts.PALETTE, self.palette_box.currentData()))
        self.autosave.valueChanged.connect(lambda value: self._store(opts.AUTOSAVE_SECONDS, value))
        self.export_folder.editingFinished.connect(lambda: self._store(opts.EXPORT_FOLDER, self.export_folder.text().strip()))
        self.working_width.valueChanged.connect(lambda value: self._store(opts.WORKING_WIDTH, value))
        self.setMinimumWidth(520)

    def _store(self, option, value) -> None:
        if self.settings.get(option) != value:
            self.settings.set(option, value)
            self.changed.emit(option)

    def _browse(self) -> None:
        start = self.export_folder.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Export folder", start)
        if chosen:
            self.export_folder.setText(chosen)
            self._store(opts.EXPORT_FOLDER, chosen)


def open_preferences(context, files, parent: QWidget) -> PreferencesDialog:
    """Show the Preferences dialog; the palette and the autosave timer follow each change at once."""
    existing = parent.findChild(PreferencesDialog)
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    settings = context.settings
    dialog = PreferencesDialog(settings, parent)

    def follow(option) -> None:
        if option is opts.PALETTE:
            apply_palette(settings.get(opts.PALETTE))
        elif option is opts.AUTOSAVE_SECONDS:
            files.autosave_timer.start(autosave_ms(settings))  # restarts the count from now

    dialog.changed.connect(follow)
    dialog.show()
    return dialog
