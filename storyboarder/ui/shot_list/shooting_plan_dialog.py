"""Plan shooting order: shots sharing a camera setup and lens, then a lighting setup, shot together.

The dialog shows the planner's order on the day's clock and what it saves
against story order; the user drags shots to adjust it, and keeping it
writes every panel's shoot # as one undo step. Story order never changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from storyboarder.model import scene_numbers
from storyboarder.model.call_sheet_warnings import day_too_long_message
from storyboarder.model.schedule import day_label
from storyboarder.model.shooting_time import DayLength, day_length
from storyboarder.model.shooting_order import (
    ShootingPlan,
    count_resets,
    format_clock,
    plan_day,
    plan_scene,
    running_clock,
    shoot_order_values,
    total_minutes,
)
from ..help_text import HelpLabel


def _hours(minutes: float) -> str:
    whole = int(round(minutes))
    return f"{whole // 60} h {whole % 60:02d} min" if whole >= 60 else f"{whole} min"


class ShootingPlanDialog(QDialog):
    """Plan a scene or a shoot day, adjust by dragging, keep it as shoot numbers."""

    #: The order was kept as shoot numbers (the window then shows the shot list in that order).
    kept = Signal()

    def __init__(self, context, scene=None, parent=None):
        super().__init__(parent)
        self.document = context.document
        self.setWindowTitle("Plan Shooting Order")
        self.resize(640, 560)
        project = self.document.project
        self.unit = QComboBox()
        self.unit.setObjectName("planUnit")
        for day in project.shoot_days:
            self.unit.addItem(f"{day_label(project, day)} · {len(day.scene_ids)} scenes", ("day", day))
        numbers = scene_numbers(project)
        for candidate in project.scenes:
            self.unit.addItem(f"Scene {numbers.get(candidate.id, '?')}  {candidate.heading.strip()}", ("scene", candidate))
        if scene is not None:
            self.unit.setCurrentIndex(max(0, next((i for i in range(self.unit.count()) if self.unit.itemData(i)[1] is scene), 0)))
        self.unit.currentIndexChanged.connect(lambda _index: self._plan())
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("planWarning")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.day = None
        self.shots = QListWidget()
        self.shots.setObjectName("planShots")
        # A clock, marks and setups read down in columns only in a fixed-width face.
        self.shots.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.shots.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.shots.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.shots.model().rowsMoved.connect(self._reordered)
        replan = QPushButton("Use the planner's order")
        replan.clicked.connect(lambda: self._plan(prefer_saved=False))
        story = QPushButton("Story order")
        story.clicked.connect(lambda: self._show(self.plan.shots))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_button = buttons.addButton("Keep as shoot #", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setObjectName("planKeep")
        buttons.addButton(replan, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(story, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.keep)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Plan", self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        hint = HelpLabel("Drag shots to change the order. ● marks a camera reset, ◐ a lighting reset.", word_wrap=True)
        layout.addWidget(hint)
        layout.addWidget(self.shots, 1)
        layout.addWidget(buttons)
        self.plan: ShootingPlan | None = None
        self.order: list = []
        self._plan()

    def _plan(self, prefer_saved: bool = True) -> None:
        data = self.unit.currentData()
        project = self.document.project
        if data is None:
            self.plan = None
            self._show([])
            return
        kind, target = data
        self.plan = plan_day(project, target) if kind == "day" else plan_scene(project, target)
        self.day = target if kind == "day" else None
        # A plan kept before is shown as kept; otherwise the planner's proposal (the order every paper estimates).
        self._show(self.plan.order if prefer_saved else self.plan.planned)

    def _show(self, order: list) -> None:
        self.order = list(order)
        self.shots.blockSignals(True)
        self.shots.clear()
        if self.plan is not None:
            for index, entry in enumerate(running_clock(self.order, self.plan.costs)):
                shot = entry.shot
                marks = ("●" if entry.camera_reset else " ") + ("◐" if entry.lighting_reset else " ")
                camera = shot.first.camera
                lens = f"{camera.lens_mm:g}mm" if camera.lens_mm is not None else "no lens"
                text = (f"{index + 1:>3}.  {format_clock(entry.start, self.plan.start)}  {marks}  {shot.label:<6}"
                        f"  setup {camera.setup or '—'} · {lens} · light {shot.first.lighting.setup or '—'}"
                        f"  ({shot.minutes:g} min)")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, index)
                self.shots.addItem(item)
        self.shots.blockSignals(False)
        self._summarise()

    def _reordered(self, *_args) -> None:
        order = [self.order[self.shots.item(row).data(Qt.ItemDataRole.UserRole)] for row in range(self.shots.count())]
        self._show(order)

    def _summarise(self) -> None:
        plan = self.plan
        if plan is None or not plan.shots:
            self.summary.setText("Nothing to plan: add scenes to the shoot day, or choose a scene with panels.")
            self.warning.setVisible(False)
            self.keep_button.setEnabled(False)
            return
        self.keep_button.setEnabled(True)
        story, mine = plan.story_resets, count_resets(self.order)
        minutes = total_minutes(self.order, plan.costs)
        self.summary.setText(
            f"Story order: {story.camera} camera and {story.lighting} lighting resets, {_hours(plan.story_minutes)}.\n"
            f"This order: {mine.camera} camera and {mine.lighting} lighting resets, {_hours(minutes)}"
            f" — {_hours(max(0.0, plan.story_minutes - minutes))} saved."
            + (f"  Wrap about {format_clock(minutes, plan.start)}." if plan.start is not None else "")
        )
        fit = DayLength(day_length(self.day), minutes) if self.day is not None else None
        self.warning.setText(f"Warning: {day_too_long_message(self.day, fit.needed, fit.available)}."
                             if fit is not None and fit.over > 0 else "")
        self.warning.setVisible(bool(self.warning.text()))

    def keep(self) -> None:
        """Store the order as the shots' shoot numbers (one undo step) and show the shot list in that order."""
        if not self.order:
            return
        panels, values = shoot_order_values(self.order)
        self.document.set_field_values(panels, "shoot_order", values, "shoot #")
        self.accept()
        self.kept.emit()
