"""File › Export › Storyboard PDF: every option of the CLI, presets, a live preview, and the export.

The dialog builds the same ``StoryboardOptions`` the CLI builds and calls
the same exporter, in a worker thread with progress and Cancel. Its
choices are remembered in the settings (scenes and "selected panels
only" belong to one project and start fresh) once an export runs; Cancel
forgets what was changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storyboarder.export import FIELDS, PAPER_SIZES, StoryboardExportError, StoryboardOptions, export_storyboard_pdf
from storyboarder.export.storyboard_layout import paginate
from storyboarder.export.storyboard_options import MAX_DPI, MAX_GRID, MIN_DPI, parse_fields, parse_layout
from storyboarder.export.storyboard_pdf import chosen_panels

from .. import settings as opts
from .export_jobs import default_file_name, image_folder, may_write, plural, start_export
from ..jobs import Job
from .pdf_preview import Preview, PreviewRenderer

#: The box the preview page is fitted in, in device-independent pixels.
PREVIEW_WIDTH, PREVIEW_HEIGHT = 540, 440
FIELD_LABELS = {
    "shot": "Shot number",
    "duration": "Duration",
    "action": "Action",
    "dialogue": "Dialogue",
    "notes": "Notes",
    "camera": "Camera",
    "lighting": "Lighting",
    "sound": "Sound",
}
PAPER_LABELS = {"letter": "Letter", "a4": "A4", "legal": "Legal", "tabloid": "Tabloid", "a3": "A3"}
CUSTOM = "Custom"


@dataclass(frozen=True)
class Preset:
    """A layout crews ask for by name."""

    name: str
    columns: int
    rows: int
    orientation: str = "landscape"
    text_position: str = "below"
    #: The fields the preset prints, or None to keep the user's.
    fields: tuple[str, ...] | None = None


PRESETS = [
    Preset("1-up", 1, 1),
    Preset("2×1", 2, 1),
    Preset("3×2", 3, 2),
    Preset("2×3 portrait", 2, 3, orientation="portrait"),
    Preset("4×2", 4, 2),
    Preset("3×3", 3, 3),
    Preset("4×4 thumbnails", 4, 4, fields=("shot", "duration")),
]


def image_cache_dir() -> Path:
    """Where prepared print images are kept, so that the next export of a project is fast.

    The command line's folder too: an image prepared by either is ready for the other.
    """
    from storyboarder.export.print_cache import default_cache_dir

    return default_cache_dir()


class ExportStoryboardDialog(QDialog):
    """Choose how the storyboard prints, see its first page, and export it."""

    #: The export job, once started (its ``finished`` arrives after the message is shown).
    exportStarted = Signal(object)

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export Storyboard PDF")
        self.setObjectName("exportStoryboardDialog")
        self.context = context
        self.project = project = context.project
        self.folder = context.folder
        self.selected_ids = frozenset(panel.id for panel in context.selection.panels)
        self.settings = context.settings
        self.job: Job | None = None
        self.last_preview: Preview | None = None
        #: The fields ticked before a preset that sets its own (thumbnails) was chosen.
        self.preset_fields_saved: tuple[str, ...] | None = None
        self._loading = False
        # An untitled project has no folder: its images are all in memory (pending).
        self.renderer = PreviewRenderer(project, image_folder(self.folder), parent=self)
        self.renderer.ready.connect(self._show_preview)
        self.renderer.started.connect(lambda: self.preview_status.setText("Drawing the preview…"))

        self._build()
        self._load_settings()
        self._connect()
        self._changed()

    # Building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.preset = QComboBox(objectName="preset")
        for preset in PRESETS:
            self.preset.addItem(preset.name, preset)
        self.preset.addItem(CUSTOM, None)
        self.columns = self._spin("columns", 1, MAX_GRID)
        self.rows = self._spin("rows", 1, MAX_GRID)
        grid_row = QHBoxLayout()
        grid_row.addWidget(self.columns)
        grid_row.addWidget(QLabel("columns ×"))
        grid_row.addWidget(self.rows)
        grid_row.addWidget(QLabel("rows"))
        grid_row.addStretch(1)
        self.paper = QComboBox(objectName="paper")
        for name in PAPER_SIZES:
            self.paper.addItem(PAPER_LABELS.get(name, name), name)
        self.orientation = QComboBox(objectName="orientation")
        self.orientation.addItem("Landscape", "landscape")
        self.orientation.addItem("Portrait", "portrait")
        self.text_position = QComboBox(objectName="textPosition")
        self.text_position.addItem("Below the image", "below")
        self.text_position.addItem("Right of the image", "right")

        page = QGroupBox("Page")
        form = QFormLayout(page)
        form.addRow("Preset", self.preset)
        form.addRow("Panels per page", grid_row)
        form.addRow("Paper", self.paper)
        form.addRow("Orientation", self.orientation)
        form.addRow("Text", self.text_position)

        self.scenes = QLineEdit(objectName="scenes")
        self.scenes.setPlaceholderText("All scenes, or for example 1,3-5,12A")
        count = len(self.selected_ids)
        self.selected_only = QCheckBox(
            f"Selected panels only ({count} selected)" if count else "Selected panels only (none selected)",
            objectName="selectedOnly",
        )
        self.selected_only.setEnabled(bool(count))
        self.title_page = QCheckBox("Title page", objectName="titlePage")
        self.new_page_per_scene = QCheckBox("Start each scene on a new page", objectName="newPagePerScene")
        content = QGroupBox("What prints")
        form = QFormLayout(content)
        form.addRow("Scenes", self.scenes)
        form.addRow("", self.selected_only)
        self.field_boxes: dict[str, QCheckBox] = {}
        fields = QGridLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        for index, name in enumerate(FIELDS):
            box = QCheckBox(FIELD_LABELS[name], objectName=f"field_{name}")
            self.field_boxes[name] = box
            fields.addWidget(box, index // 2, index % 2)
        form.addRow("Fields", fields)
        form.addRow("", self.title_page)
        form.addRow("", self.new_page_per_scene)

        self.dpi = self._spin("dpi", MIN_DPI, MAX_DPI)
        self.dpi.setSingleStep(25)
        self.dpi.setSuffix(" DPI")
        self.dpi.setToolTip("Image resolution at printed size; 200 is sharp on paper")
        self.confidential = QLineEdit(objectName="confidential")
        self.confidential.setPlaceholderText("For example CONFIDENTIAL")
        self.font_path = QLineEdit(objectName="font")
        self.font_path.setPlaceholderText("Found on the system")
        browse = QPushButton("Choose…", objectName="chooseFont")
        browse.clicked.connect(self._choose_font)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_path, 1)
        font_row.addWidget(browse)
        print_box = QGroupBox("Print")
        form = QFormLayout(print_box)
        form.addRow("Images", self.dpi)
        form.addRow("Footer text", self.confidential)
        form.addRow("Font", font_row)

        left = QVBoxLayout()
        left.addWidget(page)
        left.addWidget(content)
        left.addWidget(print_box)
        left.addStretch(1)

        self.preview = QLabel(objectName="preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH + 16, PREVIEW_HEIGHT + 16)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("QLabel#preview { background: palette(dark); border-radius: 4px; }")
        self.preview_status = QLabel(objectName="previewStatus")
        self.preview_status.setWordWrap(True)
        self.summary = QLabel(objectName="summary")
        self.summary.setWordWrap(True)
        right = QVBoxLayout()
        self.caption = QLabel("<b>First page</b>", objectName="previewCaption")
        right.addWidget(self.caption)
        right.addWidget(self.preview, 1)
        right.addWidget(self.summary)
        right.addWidget(self.preview_status)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addSpacing(12)
        body.addLayout(right, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(self.buttons)

    def _spin(self, name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(low, high)
        return spin

    def _connect(self) -> None:
        self.preset.activated.connect(self._preset_chosen)
        for spin in (self.columns, self.rows, self.dpi):
            spin.valueChanged.connect(self._changed)
        for combo in (self.paper, self.orientation, self.text_position):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.scenes, self.confidential, self.font_path):
            edit.textChanged.connect(self._changed)
        for box in (self.selected_only, self.title_page, self.new_page_per_scene, *self.field_boxes.values()):
            box.toggled.connect(self._changed)

    # Settings ----------------------------------------------------------------------

    def _load_settings(self) -> None:
        self._loading = True
        get = self.settings.get
        try:
            columns, rows = parse_layout(get(opts.BOARD_LAYOUT))
        except StoryboardExportError:
            columns, rows = 3, 2
        self.columns.setValue(columns)
        self.rows.setValue(rows)
        _select_data(self.paper, get(opts.BOARD_PAPER))
        _select_data(self.orientation, get(opts.BOARD_ORIENTATION))
        _select_data(self.text_position, get(opts.BOARD_TEXT_POSITION))
        try:
            fields = set(parse_fields(get(opts.BOARD_FIELDS)))
        except StoryboardExportError:
            fields = set(FIELDS)
        self._set_fields(fields)
        self.title_page.setChecked(get(opts.BOARD_TITLE_PAGE))
        self.new_page_per_scene.setChecked(get(opts.BOARD_NEW_PAGE_PER_SCENE))
        self.dpi.setValue(get(opts.BOARD_DPI))
        self.confidential.setText(get(opts.BOARD_CONFIDENTIAL))
        self.font_path.setText(get(opts.BOARD_FONT))
        self._loading = False

    def save_settings(self) -> None:
        """Remember the choices for the next time the dialog opens."""
        put = self.settings.set
        put(opts.BOARD_LAYOUT, f"{self.columns.value()}x{self.rows.value()}")
        put(opts.BOARD_PAPER, self.paper.currentData())
        put(opts.BOARD_ORIENTATION, self.orientation.currentData())
        put(opts.BOARD_TEXT_POSITION, self.text_position.currentData())
        put(opts.BOARD_FIELDS, ",".join(self.chosen_fields()))
        put(opts.BOARD_TITLE_PAGE, self.title_page.isChecked())
        put(opts.BOARD_NEW_PAGE_PER_SCENE, self.new_page_per_scene.isChecked())
        put(opts.BOARD_DPI, self.dpi.value())
        put(opts.BOARD_CONFIDENTIAL, self.confidential.text())
        put(opts.BOARD_FONT, self.font_path.text().strip())

    # Options -----------------------------------------------------------------------

    def chosen_fields(self) -> tuple[str, ...]:
        """The ticked fields, in the CLI's order."""
        return tuple(name for name in FIELDS if self.field_boxes[name].isChecked())

    def options(self) -> StoryboardOptions:
        """The options as chosen; they may still fail ``check()`` or select nothing."""
        return StoryboardOptions(
            columns=self.columns.value(),
            rows=self.rows.value(),
            paper=self.paper.currentData(),
            orientation=self.orientation.currentData(),
            scenes=self.scenes.text().strip(),
            fields=self.chosen_fields(),
            text_position=self.text_position.currentData(),
            title_page=self.title_page.isChecked(),
            dpi=self.dpi.value(),
            panel_ids=self.selected_ids if self.selected_only.isChecked() and self.selected_ids else None,
            scenes_start_new_page=self.new_page_per_scene.isChecked(),
            confidential=self.confidential.text().strip(),
            font=self.font_path.text().strip() or None,
            image_cache_dir=image_cache_dir(),
        )

    def apply_preset(self, name: str) -> None:
        """Set the layout of a named preset, as choosing it in the list does."""
        index = self.preset.findText(name)
        if index < 0:
            raise KeyError(name)
        self.preset.setCurrentIndex(index)
        self._preset_chosen(index)

    def _preset_chosen(self, index: int) -> None:
        preset: Preset | None = self.preset.itemData(index)
        if preset is None:
            return
        self._loading = True
        self.columns.setValue(preset.columns)
        self.rows.setValue(preset.rows)
        _select_data(self.orientation, preset.orientation)
        _select_data(self.text_position, preset.text_position)
        # A preset that chooses fields (thumbnails) hands back the user's own on the way out.
        current = self.preset_fields_saved
        if preset.fields is not None:
            if current is None:
                self.preset_fields_saved = self.chosen_fields()
            self._set_fields(preset.fields)
        elif current is not None:
            self._set_fields(current)
            self.preset_fields_saved = None
        self._loading = False
        self._changed()

    def _set_fields(self, fields) -> None:
        for name, box in self.field_boxes.items():
            box.setChecked(name in fields)

    def _matching_preset(self) -> int:
        for index, preset in enumerate(PRESETS):
            if (
                (preset.columns, preset.rows, preset.orientation, preset.text_position)
                == (self.columns.value(), self.rows.value(), self.orientation.currentData(), self.text_position.currentData())
                and (preset.fields is None or preset.fields == self.chosen_fields())
            ):
                return index
        return len(PRESETS)

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self.preset.setCurrentIndex(self._matching_preset())
        options = self.options()
        problems = []
        try:
            options.check()
            if not options.fields:
                problems.append("fields: tick at least one field")
            panels = chosen_panels(self.project, options)
        except StoryboardExportError as exc:
            problems.extend(exc.problems)
        if problems:
            self.export_button.setEnabled(False)
            self.summary.setText("")
            self._show_problem("\n".join(problems))
            return
        self.export_button.setEnabled(True)
        pages = len(paginate(panels, options.columns * options.rows, options.scenes_start_new_page))
        pages += 1 if options.title_page else 0
        self.summary.setText(f"{len(panels)} panels on {pages} page{'s' if pages != 1 else ''}")
        self.caption.setText("<b>First page of panels</b> (after the title page)" if options.title_page else "<b>First page</b>")
        self.renderer.request(options, self._preview_pixels(options))

    def _preview_pixels(self, options: StoryboardOptions) -> int:
        """How wide to render the page so that it fits the preview box, in device pixels."""
        page_w, page_h = options.page_size
        width = min(PREVIEW_WIDTH, PREVIEW_HEIGHT * page_w / page_h)
        return max(120, round(width * self.devicePixelRatioF()))

    # Preview -----------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self.preview.setPixmap(QPixmap())
        self.preview.setText(text)
        self.preview_status.setText("")

    def _show_preview(self, preview: Preview) -> None:
        self.last_preview = preview
        if preview.error:
            self._show_problem(preview.error)
            return
        pixmap = QPixmap.fromImage(preview.image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.preview.setText("")
        self.preview.setPixmap(pixmap)
        if preview.warnings:
            self.preview_status.setText(f"{len(preview.warnings)} warnings on this page, for example: {preview.warnings[0]}")
        else:
            self.preview_status.setText("")

    def preview_pixmap(self) -> QPixmap:
        """The preview as shown (null while there is none)."""
        return self.preview.pixmap()

    # Export ------------------------------------------------------------------------

    def _choose_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a font", self.font_path.text(), "TrueType fonts (*.ttf *.ttc);;All files (*)")
        if path:
            self.font_path.setText(path)

    def _default_path(self) -> str:
        folder = (
            self.settings.get(opts.BOARD_FOLDER)
            or self.settings.get(opts.EXPORT_FOLDER)  # Preferences › Export folder
            or (str(self.folder.parent) if self.folder else str(Path.home()))
        )
        return str(Path(folder) / default_file_name(self.context.document.display_name()))

    def export(self) -> None:
        """Ask where to save, close, and export in the background with progress and Cancel."""
        path, _ = QFileDialog.getSaveFileName(self, "Export storyboard PDF", self._default_path(), "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if not may_write(self, "storyboard", [(Path(path), "pdf")], self.folder):
            return
        # Only an export that runs remembers its choices: Cancel leaves the last ones.
        self.settings.set(opts.BOARD_FOLDER, str(Path(path).parent))
        self.save_settings()
        options = self.options()
        self.accept()
        self.job = start_storyboard_export(
            self.context, self.parentWidget(), self.project, image_folder(self.folder), Path(path), options
        )
        self.exportStarted.emit(self.job)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self.renderer.stop()
        super().done(result)


def start_storyboard_export(context, window: QWidget | None, project, folder: Path, out: Path, options: StoryboardOptions) -> Job:
    """Export a storyboard PDF off the UI thread; tell the user how it went and offer to open it."""

    def work(progress, cancelled):
        return export_storyboard_pdf(project, folder, out, options, progress=progress, cancelled=cancelled)

    def describe(result) -> str:
        return f"{plural(result.pages, 'page')}, {plural(result.panels, 'panel')}"

    return start_export(context, window, "storyboard", out, work, describe)


def _select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
