"""The project settings dialog: title, credits, aspect ratio, frame rate and the planner's reset costs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
)

from storyboarder.model import Project
from storyboarder.model.fields import FieldError, spec

#: Aspect ratio presets as crews name them, width / height.
ASPECT_PRESETS = [
    ("2.39:1 (scope)", 2.39),
    ("1.85:1 (flat)", 1.85),
    ("16:9", 16 / 9),
    ("4:3", 4 / 3),
    ("9:16 (vertical)", 9 / 16),
    ("1:1", 1.0),
]
CUSTOM = "Custom…"
FPS_PRESETS = [23.976, 24.0, 25.0, 29.97, 30.0, 48.0, 50.0, 59.94, 60.0]


class ProjectSettingsDialog(QDialog):
    """Edit project-wide settings; ``values()`` returns what changed, for one undo step."""

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Project Settings")
        self.project = project
        form = QFormLayout(self)
        self.title = QLineEdit(project.title)
        self.title.setObjectName("projectTitle")
        self.director = QLineEdit(project.director)
        self.director.setObjectName("projectDirector")
        self.writer = QLineEdit(project.writer)
        self.writer.setObjectName("projectWriter")
        self.production = QLineEdit(project.production)
        self.aspect = QComboBox()
        self.aspect.setObjectName("aspectPreset")
        for name, ratio in ASPECT_PRESETS:
            self.aspect.addItem(name, ratio)
        self.aspect.addItem(CUSTOM, None)
        self.custom_aspect = QDoubleSpinBox()
        self.custom_aspect.setObjectName("customAspect")
        aspect = spec(Project, "aspect_ratio").bounds
        self.custom_aspect.setRange(aspect.low, aspect.high)
        self.custom_aspect.setDecimals(4)
        self.custom_aspect.setSingleStep(0.01)
        self.custom_aspect.setSuffix(" : 1")
        self.custom_aspect.setValue(project.aspect_ratio)
        self.fps = QComboBox()
        self.fps.setEditable(True)
        for fps in FPS_PRESETS:
            self.fps.addItem(f"{fps:g}", fps)
        self.fps.setCurrentText(f"{project.fps:g}")
        self.skip_letters = QLineEdit(project.skip_letters)
        self.skip_letters.setToolTip("Letters shot numbers leave out because they read like digits")

        form.addRow("Title", self.title)
        form.addRow("Director", self.director)
        form.addRow("Writer", self.writer)
        form.addRow("Production", self.production)
        form.addRow("Aspect ratio", self.aspect)
        form.addRow("Custom ratio", self.custom_aspect)
        form.addRow("Frame rate (fps)", self.fps)
        form.addRow("Skip shot letters", self.skip_letters)
        # What the shooting-order planner charges; crews reckon 20 to 60 minutes a camera setup.
        self.camera_reset = _minutes(project, "camera_reset_minutes", "Minutes to move to a new camera setup")
        self.lighting_reset = _minutes(project, "lighting_reset_minutes", "Minutes to relight for a new lighting setup")
        self.shot_minutes = _minutes(project, "default_shot_minutes", "Minutes a shot takes when it has no estimate")
        form.addRow("Camera reset", self.camera_reset)
        form.addRow("Lighting reset", self.lighting_reset)
        form.addRow("Shot, unestimated", self.shot_minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

        preset = next((i for i, (_n, r) in enumerate(ASPECT_PRESETS) if abs(r - project.aspect_ratio) < 0.002), None)
        self.aspect.setCurrentIndex(len(ASPECT_PRESETS) if preset is None else preset)
        self.aspect.currentIndexChanged.connect(self._preset_chosen)
        self._preset_chosen()

    def _preset_chosen(self) -> None:
        ratio = self.aspect.currentData()
        self.custom_aspect.setEnabled(ratio is None)
        if ratio is not None:
            self.custom_aspect.setValue(ratio)

    def aspect_ratio(self) -> float:
        """The chosen width / height."""
        ratio = self.aspect.currentData()
        return round(ratio if ratio is not None else self.custom_aspect.value(), 4)

    def frame_rate(self) -> float:
        """The chosen frame rate, or the current one when the text is not a usable number."""
        try:
            return spec(Project, "fps").parse(self.fps.currentText())
        except FieldError:
            return self.project.fps

    def values(self) -> dict:
        """Every setting the dialog edits, by field name."""
        letters = "".join(dict.fromkeys(ch for ch in self.skip_letters.text().upper() if ch.isalpha()))
        return {
            "title": self.title.text().strip(),
            "director": self.director.text().strip(),
            "writer": self.writer.text().strip(),
            "production": self.production.text().strip(),
            "aspect_ratio": self.aspect_ratio(),
            "fps": self.frame_rate(),
            "skip_letters": letters,
            "camera_reset_minutes": self.camera_reset.value(),
            "lighting_reset_minutes": self.lighting_reset.value(),
            "default_shot_minutes": self.shot_minutes.value(),
        }


def _minutes(project: Project, name: str, tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    bounds = spec(Project, name).bounds
    box.setRange(bounds.low, bounds.high)
    box.setDecimals(0)
    box.setSuffix(" min")
    box.setValue(getattr(project, name))
    box.setToolTip(tip)
    return box
