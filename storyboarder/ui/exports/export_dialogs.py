"""File › Export dialogs for the shot list, call sheets, the animatic and the editorial timeline.

Each dialog gathers the same options its CLI command takes, remembers them
once an export runs (Cancel forgets them), and hands a plain export function
to a job with progress and Cancel.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storyboarder.export.scene_selection import select_scenes
from storyboarder.export.storyboard_options import StoryboardExportError
from storyboarder.model import format_duration
from storyboarder.model.schedule import day_label

from .. import settings as opts
from ..help_text import HelpLabel
from .export_jobs import default_file_name, image_folder, may_write, plural, start_export


class ExportDialog(QDialog):
    """A small form of export options above an output path; subclasses say what to export and how."""

    #: The export job started (it reports its own end); tests and callers can wait on its ``finished``.
    exportStarted = Signal(object)

    #: What the export is called in titles and messages.
    what = "file"
    #: The option under which this dialog's choices are remembered.
    option: opts.Option
    #: File dialog filter; an empty one asks for a folder.
    file_filter = ""
    default_suffix = ""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.project = context.project
        self.folder = context.folder
        self.settings = context.settings
        self.job = None
        self.setWindowTitle(f"Export {self.what[:1].upper()}{self.what[1:]}")
        self.form = QFormLayout()
        self.out = QLineEdit()
        self.out.setObjectName("exportPath")
        self.out.textChanged.connect(self._check)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.problem = QLabel()
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #b00020; }")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.build()
        self.form.addRow("Save to", row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.remembered = self._load_choices()
        self.restore(self.remembered)
        self.out.setText(self.remembered.get("out") or self.default_out())
        self._check()

    # Subclass hooks ------------------------------------------------------------------------

    def build(self) -> None:
        """Add the option rows to ``self.form``."""

    def remembered_options(self) -> dict[str, tuple[QWidget, object]]:
        """The option widgets whose values are remembered between exports, by name, with their defaults."""
        return {}

    def choices(self) -> dict:
        """The options as plain values, to remember."""
        return {name: _value_of(widget) for name, (widget, _default) in self.remembered_options().items()}

    def restore(self, choices: dict) -> None:
        """Show remembered options (a value of the wrong kind, from an older release, falls back to the default)."""
        for name, (widget, default) in self.remembered_options().items():
            _show_value(widget, choices.get(name, default), default)

    def default_out(self) -> str:
        """Where the export goes by default."""
        chosen = self.settings.get(opts.EXPORT_FOLDER)  # Preferences › Export folder
        base = Path(chosen) if chosen else Path(self.folder).parent if self.folder else Path.home()
        return str(base / default_file_name(self.context.document.display_name(), self.what, self.default_suffix))

    def problems(self) -> list[str]:
        """What stops the export, one line each (empty when it can go)."""
        return []

    def work(self, out: Path):
        """Return ``work(progress, cancelled)`` for the job."""
        raise NotImplementedError

    def describe(self, result) -> str:
        """What was written, for the finished message."""
        return ""

    def outputs(self, out: Path) -> list[tuple[Path, str]]:
        """Every path the export writes, with its kind, for the check before it starts."""
        return [(out, self.default_suffix.lstrip("."))]

    # Shared --------------------------------------------------------------------------------

    def scenes_field(self) -> QLineEdit:
        """A scene selection such as ``1,3-5``, checked as it is typed."""
        field = QLineEdit()
        field.setPlaceholderText("all, or for example 1,3-5")
        field.textChanged.connect(self._check)
        return field

    def suffix_problem(self, *suffixes: str) -> list[str]:
        """Refuse an output name whose extension is not one this export writes."""
        suffix = Path(self.out.text().strip()).suffix.lower()
        if suffix and suffix not in suffixes:
            listed = ", ".join(suffixes[:-1]) + " or " + suffixes[-1] if len(suffixes) > 1 else suffixes[0]
            return [f"Save as {listed}."]
        return []

    def scenes_problem(self, text: str) -> list[str]:
        """Check a scene selection such as ``1,3-5`` against the project."""
        if not text.strip():
            return []
        try:
            select_scenes(self.project, text)
        except StoryboardExportError as exc:
            return list(exc.problems)
        return []

    def _load_choices(self) -> dict:
        try:
            found = json.loads(self.settings.get(self.option) or "{}")
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def _browse(self) -> None:
        if self.file_filter:
            path, _ = QFileDialog.getSaveFileName(self, f"Export {self.what}", self.out.text(), self.file_filter)
        else:
            path = QFileDialog.getExistingDirectory(self, f"Export {self.what} into", self.out.text())
        if path:
            self.out.setText(path)

    def _check(self, *_args) -> None:
        found = self.problems()
        if not self.out.text().strip():
            found.append("Choose where to save.")
        self.problem.setText("\n".join(found))
        self.export_button.setEnabled(not found)

    def export(self) -> None:
        """Remember the choices, close, and export in a job with progress and Cancel."""
        self._check()
        if not self.export_button.isEnabled():
            return
        out = Path(self.out.text().strip())
        if self.default_suffix and not out.suffix:
            out = out.with_suffix(self.default_suffix)
        if not may_write(self, self.what, self.outputs(out), self.folder):
            return
        # Only an export that runs remembers its choices: Cancel, or No to replacing a file, leaves the last ones.
        self.settings.set(self.option, json.dumps({**self.choices(), "out": str(out)}))
        work = self.work(out)
        self.accept()
        self.job = start_export(self.context, self.parentWidget(), self.what, out, work, self.describe)
        self.exportStarted.emit(self.job)


class ShotListExportDialog(ExportDialog):
    """The shot list as CSV or PDF; the columns start as the Shot List tab shows them, in their order."""

    what = "shot list"
    option = opts.Option("export/shotlist", str, "")
    file_filter = "PDF (*.pdf);;CSV for spreadsheets (*.csv)"
    default_suffix = ".pdf"

    def build(self) -> None:
        self.scenes = self.scenes_field()
        self.order = QComboBox()
        self.order.addItem("Story order", "story")
        self.order.addItem("Shooting order (shoot #)", "shoot")
        self.thumbnails = QCheckBox("Print a frame of each shot (PDF)")
        self.as_shot = QCheckBox("As shot: status and cut reason; cut shots struck through")
        self.paper = QComboBox()
        for key, label in (("letter", "Letter"), ("a4", "A4"), ("legal", "Legal"), ("tabloid", "Tabloid"), ("a3", "A3")):
            self.paper.addItem(label, key)
        self.columns = self._column_list()
        columns_note = HelpLabel("Ticked as the Shot List tab shows them")
        self.form.addRow("Scenes", self.scenes)
        self.form.addRow("Order", self.order)
        self.form.addRow("", self.thumbnails)
        self.form.addRow("", self.as_shot)
        self.form.addRow("Paper", self.paper)
        self.form.addRow("Columns", self.columns)
        self.form.addRow("", columns_note)

    def _column_list(self) -> QListWidget:
        from storyboarder.model.shot_columns import AS_SHOT_COLUMNS, COLUMNS, COLUMN_BY_KEY

        # Status and cut reason come with "As shot", not as columns of their own.
        shown = [key for key in self.settings.shot_list_columns() if key not in AS_SHOT_COLUMNS]
        hidden = [column.key for column in COLUMNS if column.key not in shown and column.key not in AS_SHOT_COLUMNS]
        columns = QListWidget()
        columns.setObjectName("exportColumns")
        for key in shown + hidden:
            item = QListWidgetItem(COLUMN_BY_KEY[key].title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in shown else Qt.CheckState.Unchecked)
            columns.addItem(item)
        columns.itemChanged.connect(self._check)
        columns.setMaximumHeight(160)
        return columns

    def chosen_columns(self) -> tuple[str, ...]:
        """The keys of the ticked columns, in the order listed."""
        return _ticked(self.columns)

    def remembered_options(self) -> dict[str, tuple[QWidget, object]]:
        return {"order": (self.order, "story"), "thumbnails": (self.thumbnails, False),
                "as_shot": (self.as_shot, False), "paper": (self.paper, "letter")}

    def problems(self) -> list[str]:
        found = self.scenes_problem(self.scenes.text()) + self.suffix_problem(".pdf", ".csv")
        if not self.chosen_columns():
            found.append("Tick at least one column.")
        return found

    def work(self, out: Path):
        from storyboarder.export.shotlist_options import ShotListOptions

        columns = tuple(key for key in self.chosen_columns() if not (key == "thumbnail" and out.suffix.lower() == ".pdf"))
        options = ShotListOptions(
            scenes=self.scenes.text().strip(),
            columns=columns or None,
            order=self.order.currentData(),
            thumbnails=self.thumbnails.isChecked(),
            as_shot=self.as_shot.isChecked(),
            paper=self.paper.currentData(),
        )
        project, folder = self.project, image_folder(self.folder)
        self._csv = out.suffix.lower() == ".csv"

        def work(progress, cancelled):
            if out.suffix.lower() == ".csv":
                from storyboarder.export.shotlist_csv import export_shotlist_csv

                return export_shotlist_csv(project, out, options, progress=progress, cancelled=cancelled)
            from storyboarder.export.shotlist_pdf import export_shotlist_pdf

            return export_shotlist_pdf(project, folder, out, options, progress=progress, cancelled=cancelled)

        return work

    def outputs(self, out: Path) -> list[tuple[Path, str]]:
        return [(out, "csv" if out.suffix.lower() == ".csv" else "pdf")]

    def describe(self, result) -> str:
        rows = plural(result.panels, "row")
        return rows if self._csv else f"{plural(result.pages, 'page')}, {rows}"


class CallSheetExportDialog(ExportDialog):
    """Call sheets for the chosen shoot days, one PDF."""

    what = "call sheets"
    option = opts.Option("export/callsheets", str, "")
    file_filter = "PDF (*.pdf)"
    default_suffix = ".pdf"

    def build(self) -> None:
        self.days = QListWidget()
        self.days.setObjectName("exportDays")
        for day in self.project.shoot_days:
            item = QListWidgetItem(f"{day_label(self.project, day)}  ·  {len(day.scene_ids)} scenes")
            item.setData(Qt.ItemDataRole.UserRole, day.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.days.addItem(item)
        self.days.itemChanged.connect(self._check)
        self.days.setMaximumHeight(160)
        self.paper = QComboBox()
        self.paper.addItem("Letter", "letter")
        self.paper.addItem("A4", "a4")
        self.form.addRow("Shoot days", self.days)
        self.form.addRow("Paper", self.paper)

    def chosen_days(self) -> tuple[str, ...]:
        """The ids of the ticked days, in schedule order."""
        return _ticked(self.days)

    def remembered_options(self) -> dict[str, tuple[QWidget, object]]:
        return {"paper": (self.paper, "letter")}

    def problems(self) -> list[str]:
        if not self.project.shoot_days:
            return ["The project has no shoot days yet: add them on the Production tab."]
        return [] if self.chosen_days() else ["Tick at least one shoot day."]

    def work(self, out: Path):
        from storyboarder.export.call_sheet_options import CallSheetOptions
        from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf

        options = CallSheetOptions(paper=self.paper.currentData(), day_ids=self.chosen_days())
        project = self.project
        return lambda progress, cancelled: export_call_sheet_pdf(project, out, options, progress=progress, cancelled=cancelled)

    def describe(self, result) -> str:
        return f"{plural(result.days, 'day')} on {plural(result.pages, 'page')}"


class AnimaticExportDialog(ExportDialog):
    """The boards at their durations as a GIF or a PNG sequence."""

    what = "animatic"
    option = opts.Option("export/animatic", str, "")
    file_filter = "Animated GIF (*.gif)"
    default_suffix = ".gif"

    def build(self) -> None:
        self.kind = QComboBox()
        self.kind.addItem("Animated GIF", "gif")
        self.kind.addItem("PNG image sequence (a folder)", "png")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.width = _pixels(160, 3840)
        self.scenes = self.scenes_field()
        self.captions = QCheckBox("Burn in shot numbers and dialogue subtitles")
        self.form.addRow("Format", self.kind)
        self.form.addRow("Width", self.width)
        self.form.addRow("Scenes", self.scenes)
        self.form.addRow("", self.captions)

    def _kind_changed(self) -> None:
        gif = self.kind.currentData() == "gif"
        self.file_filter = "Animated GIF (*.gif)" if gif else ""
        self.default_suffix = ".gif" if gif else ""
        text = self.out.text().strip()
        if text:
            path = Path(text)
            self.out.setText(str(path.with_suffix(".gif")) if gif else str(path.with_suffix("")) + "/")

    def remembered_options(self) -> dict[str, tuple[QWidget, object]]:
        return {"kind": (self.kind, "gif"), "width": (self.width, 960), "captions": (self.captions, True)}

    def problems(self) -> list[str]:
        return self.scenes_problem(self.scenes.text())

    def work(self, out: Path):
        from storyboarder.export.animatic import AnimaticOptions, export_animatic

        options = AnimaticOptions(width=self.width.value(), scenes=self.scenes.text().strip(), captions=self.captions.isChecked())
        project, folder = self.project, image_folder(self.folder)
        target = self._target(out)
        return lambda progress, cancelled: export_animatic(project, folder, target, options, progress=progress, cancelled=cancelled)

    def _target(self, out: Path) -> Path:
        return out if self.kind.currentData() == "gif" else Path(str(out).rstrip("/\\") + "/")

    def outputs(self, out: Path) -> list[tuple[Path, str]]:
        from storyboarder.export.animatic import animatic_outputs

        return animatic_outputs(self._target(out))

    def describe(self, result) -> str:
        return f"{plural(result.frames, 'frame')} of {plural(result.panels, 'panel')}, {format_duration(result.duration_ms)}"


class EditExportDialog(ExportDialog):
    """A timeline of the panels as stills for an editor: FCP 7 XML, FCP X, EDL or OTIO."""

    what = "edit"
    option = opts.Option("export/edit", str, "")
    file_filter = "FCP 7 XML for Premiere and Resolve (*.xml);;Final Cut Pro X (*.fcpxml);;CMX 3600 EDL (*.edl);;OpenTimelineIO (*.otio)"
    default_suffix = ".xml"

    def build(self) -> None:
        self.scenes = self.scenes_field()
        self.width = _pixels(320, 7680)
        self.captions = QCheckBox("Burn shot numbers and dialogue into the stills")
        # Here, not at the top: the timeline library is only needed once this dialog opens.
        from storyboarder.export.editorial import rate_text, timeline_rate

        rate = timeline_rate(self.project.fps)
        fps = f"{rate_text(rate)} fps"
        if abs(float(rate) - self.project.fps) > 0.01:
            fps += f" (timecode has no {self.project.fps:g} fps; every panel keeps its length)"
        note = HelpLabel(f"{fps}, from 01:00:00:00; the stills go beside the file, in NAME_media/")
        self.form.addRow("Scenes", self.scenes)
        self.form.addRow("Still width", self.width)
        self.form.addRow("", self.captions)
        self.form.addRow("", note)

    def remembered_options(self) -> dict[str, tuple[QWidget, object]]:
        return {"width": (self.width, 1920), "captions": (self.captions, False)}

    def problems(self) -> list[str]:
        found = self.scenes_problem(self.scenes.text()) + self.suffix_problem(".xml", ".fcpxml", ".edl", ".otio")
        return found

    def work(self, out: Path):
        from storyboarder.export.editorial import EditOptions, export_edit

        options = EditOptions(scenes=self.scenes.text().strip(), width=self.width.value(), captions=self.captions.isChecked())
        project, folder = self.project, image_folder(self.folder)
        return lambda progress, cancelled: export_edit(project, folder, out, options, progress=progress, cancelled=cancelled)

    def outputs(self, out: Path) -> list[tuple[Path, str]]:
        from storyboarder.export.editorial import edit_outputs

        return edit_outputs(out)

    def describe(self, result) -> str:
        return f"{plural(result.clips, 'clip')}, stills in {result.media.name}/"


def _pixels(smallest: int, largest: int) -> QSpinBox:
    """A width in pixels, stepping by the smallest."""
    box = QSpinBox()
    box.setRange(smallest, largest)
    box.setSingleStep(smallest)
    box.setSuffix(" px")
    return box


def _ticked(items: QListWidget) -> tuple[str, ...]:
    """The data of a list's ticked entries, in the order listed."""
    return tuple(
        items.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(items.count())
        if items.item(row).checkState() == Qt.CheckState.Checked
    )


def _value_of(widget: QWidget):
    """What an option widget holds, as a plain value to remember."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.isChecked()


def _show_value(widget: QWidget, value, default) -> None:
    """Show a remembered value in its widget; one of the wrong kind shows the default."""
    if isinstance(widget, QComboBox):
        index = widget.findData(value)
        widget.setCurrentIndex(index if index >= 0 else max(0, widget.findData(default)))
    elif isinstance(widget, QSpinBox):
        widget.setValue(value if isinstance(value, int) and not isinstance(value, bool) else default)
    else:
        widget.setChecked(value if isinstance(value, bool) else default)
