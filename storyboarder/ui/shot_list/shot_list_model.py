"""The Qt item model of the shot list: scenes as group rows, their panels as rows, fields as columns.

Like the grid's models it holds no copies of panel data: cells are read
from the panels when a view asks, and edits go through the document's undo
stack, so the grid, the inspector and the shot list always agree.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPalette

from storyboarder.model import Panel, Scene, format_duration, scene_duration_ms, shot_count
from storyboarder.model.events import FieldsChanged
from storyboarder.model.shot_columns import COLUMNS, Column, ShotListContext, cell_text, csv_text, sort_key
from storyboarder.model.shot_list import ShotRow, row_text

from ..adapters import ProjectModel
from ..board.item_models import Role

_Index = QModelIndex | QPersistentModelIndex

#: Row height that fits a 16:9 thumbnail beside one line of text.
THUMB_SIZE = QSize(64, 36)

#: The internal id of a top-level (scene) index; panel indexes carry their scene's key.
_TOP = 0

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SCENE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_PANEL_FLAGS = _SCENE_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_EDITABLE_FLAGS = _PANEL_FLAGS | Qt.ItemFlag.ItemIsEditable



@functools.cache
def _bold_font() -> QFont:
    # Made once: a view asks for every scene row's font on every paint.
    font = QFont()
    font.setBold(True)
    return font


#: Starting widths on screen, in pixels, of the columns wider than the narrowest.
_WIDTHS = {"thumbnail": 76, "scene": 64, "shot": 70, "camera": 53, "int_ext": 53, "shot_size": 76, "angle": 88, "movement": 94, "rig": 82,
           "lighting_setup": 64, "lighting_style": 88, "cast": 118, "action": 283, "dialogue": 236, "duration": 64,
           "notes": 188, "location": 106, "time_of_day": 70, "status": 64, "cut_reason": 129}


def column_width(column: Column) -> int:
    """A starting width for a column on screen (the scene column also holds the tree's indent)."""
    return _WIDTHS.get(column.key, 59)


def owner_of(column: Column, scene: Scene, panel: Panel):
    """The object a cell's field belongs to: the scene for scene columns, else the panel."""
    return scene if column.owner == "scene" else panel


class ShotListModel(ProjectModel, QAbstractItemModel):
    """Every panel of the project, grouped under its scene, one column per shot-list field."""

    #: Rows are scenes and panels; cast and location names show in cells.
    LISTS = ("scenes", "panels", "cast", "locations")

    def __init__(self, document, thumbnails=None, parent=None):
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.columns: tuple[Column, ...] = COLUMNS
        # Panel indexes remember their scene by a small key that never changes,
        # so persistent indexes survive scenes moving around.
        self._keys: dict[int, int] = {}
        self._scenes: dict[int, Scene] = {}
        self._context: ShotListContext | None = None
        #: Where each panel sits (scene row, panel row), by object id; rebuilt lazily after structure changes.
        self._positions: dict[int, tuple[int, int]] | None = None
        #: Each scene's row by object id, for parent(); rebuilt lazily after scenes move.
        self._scene_rows: dict[int, int] | None = None
        #: Each panel's row as one folded string for the free-text filter, by panel id.
        self._search: dict[int, str] = {}
        #: Sort keys by (scene key, row, column), so a sort works each cell out once, not once per comparison.
        self._sort_keys: dict[tuple[int, int, int], tuple] = {}
        self.watch_project(document)
        if thumbnails is not None:
            thumbnails.ready.connect(self._thumbnail_ready)

    # Keys and context ----------------------------------------------------------------

    def _key(self, scene: Scene) -> int:
        key = self._keys.get(id(scene))
        if key is None:
            key = len(self._keys) + 1
            self._keys[id(scene)] = key
            self._scenes[key] = scene
        return key

    @property
    def context(self) -> ShotListContext:
        """Shot numbers, cast and locations, recomputed lazily after an edit."""
        if self._context is None:
            self._context = ShotListContext(self._project)
        return self._context

    # Listening to the project ------------------------------------------------------------

    def project_replaced(self) -> None:
        self._keys.clear()
        self._scenes.clear()
        self._forget_all()

    def _forget_all(self) -> None:
        self._context = None
        self._positions = None
        self._scene_rows = None
        self._search.clear()
        self._sort_keys.clear()

    def rows_parent(self, owner, name):
        if name == "scenes":
            return QModelIndex()
        if name == "panels" and owner in self._project.scenes:
            return self.scene_index(owner)
        return None  # cast and locations are not rows here

    def forget(self, event) -> None:
        # Before Qt hears the end: views ask for rows and parents straight away.
        self._positions = None
        self._scene_rows = None
        if self._one_scene(event) is None:
            self._search.clear()
        self._sort_keys.clear()

    def _one_scene(self, event) -> Scene | None:
        """The scene whose panels alone a row change renumbers, or None when any row's text may change.

        Shot labels are per scene (``model.shots``), so inserting, removing or
        moving panels of one scene changes no other scene's rows; scenes, cast
        and locations show on rows all over.
        """
        if event.name == "panels" and event.owner in self._project.scenes:
            return event.owner
        return None

    def rows_changed(self, event) -> None:
        """Repaint the rows a row change may have renumbered: one scene's for its panels, else every row."""
        # Only now: until views hear of it, the rows that moved keep showing their old numbers.
        scene = self._one_scene(event)
        if scene is None:
            self._context = None
            self._search.clear()  # may have been filled from the old numbers meanwhile
            self._sort_keys.clear()
            self._repaint_all()
            return
        if self._context is not None:
            self._context.relabel(scene)
        for panel in scene.panels:
            self._search.pop(id(panel), None)
        row = self._project.scenes.index(scene)
        self.repaint_rows(row, row)  # the group row's duration and shot count
        self._repaint_children(scene, row)

    def fields_changed(self, event: FieldsChanged) -> None:
        """Repaint the rows of the edited panels or scenes, or every row if numbers or names changed."""
        plain = not _renumbers(event.path) and all(isinstance(obj, (Panel, Scene)) for obj in event.objects)
        if not plain:
            # Numbers, cast or location names may have changed; a panel's own field changes none of them.
            self._context = None
        self._forget_search(event)
        if plain:
            self._repaint_edited(event)
        else:
            self._repaint_all()

    def _forget_search(self, event: FieldsChanged) -> None:
        if _renumbers(event.path):
            self._search.clear()
            self._sort_keys.clear()
            return
        panels = []
        for obj in event.objects:
            if isinstance(obj, Panel):
                panels.append(obj)
            elif isinstance(obj, Scene):
                panels.extend(obj.panels)
            else:  # a cast member or location renamed: names show on many rows
                self._search.clear()
                self._sort_keys.clear()
                return
        positions = self.positions()
        for panel in panels:
            self._search.pop(id(panel), None)
            found = positions.get(id(panel))
            if found is None:
                self._sort_keys.clear()
                continue
            scene_row, panel_row = found
            key = self._keys.get(id(self._project.scenes[scene_row]))
            for column in range(len(self.columns)):
                self._sort_keys.pop((key, panel_row, column), None)

    def sort_key_at(self, index: _Index) -> tuple:
        """How a cell sorts (kept until the project changes): scenes by story order, cells by ``sort_key``."""
        key = (index.internalId(), index.row(), index.column())
        found = self._sort_keys.get(key)
        if found is None:
            panel = self.panel_of(index)
            if panel is None:
                found = (index.row(),)
            else:
                column = self.columns[index.column()]
                found = sort_key(column, self._scenes[index.internalId()], panel, self.context)
            self._sort_keys[key] = found
        return found

    def search_text(self, scene: Scene, panel: Panel) -> str:
        """Everything a row shows, folded, for the free-text filter (kept until the row changes)."""
        found = self._search.get(id(panel))
        if found is None:
            found = self._search[id(panel)] = row_text(ShotRow(scene, panel, 0), self.context)
        return found

    def _repaint_edited(self, event: FieldsChanged) -> None:
        last = self.columnCount() - 1
        positions = self.positions()
        groups: set[int] = set()
        for obj in event.objects:
            if isinstance(obj, Scene):
                if obj in self._project.scenes:
                    row = self._project.scenes.index(obj)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                    self._repaint_children(obj, row)
                continue
            found = positions.get(id(obj))
            if found is None:
                continue
            scene_row, panel_row = found
            parent = self.index(scene_row, 0)
            self.dataChanged.emit(self.index(panel_row, 0, parent), self.index(panel_row, last, parent))
            groups.add(scene_row)
        if event.path in _GROUP_FIELDS:
            for scene_row in groups:
                # The group row shows the scene's total duration and shot count.
                index = self.index(scene_row, 0)
                self.dataChanged.emit(index, index)

    def _repaint_children(self, scene: Scene, row: int) -> None:
        if scene.panels:
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(0, 0, parent), self.index(len(scene.panels) - 1, self.columnCount() - 1, parent))

    def _repaint_all(self) -> None:
        scenes = self._project.scenes
        if not scenes:
            return
        self.dataChanged.emit(self.index(0, 0), self.index(len(scenes) - 1, self.columnCount() - 1))
        for row, scene in enumerate(scenes):
            self._repaint_children(scene, row)

    def _thumbnail_ready(self, path: str) -> None:
        column = self.column_of("thumbnail")
        if column < 0:
            return
        # Only the frame cells showing this image change; views repaint just those.
        for scene_row, scene in enumerate(self._project.scenes):
            parent = None
            for panel_row, panel in enumerate(scene.panels):
                if panel.image == path:
                    parent = parent or self.index(scene_row, 0)
                    index = self.index(panel_row, column, parent)
                    self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # Lookups -----------------------------------------------------------------------------

    def column_of(self, key: str) -> int:
        """The column number of a column key, or -1."""
        for number, column in enumerate(self.columns):
            if column.key == key:
                return number
        return -1

    def scene_index(self, scene: Scene, column: int = 0) -> QModelIndex:
        """The group row of a scene."""
        return self.index(self._project.scenes.index(scene), column)

    def positions(self) -> dict[int, tuple[int, int]]:
        """Each panel's (scene row, panel row) by object id, so finding a row is not a walk of the project."""
        if self._positions is None:
            self._positions = {
                id(panel): (scene_row, panel_row)
                for scene_row, scene in enumerate(self._project.scenes)
                for panel_row, panel in enumerate(scene.panels)
            }
        return self._positions

    def panel_index(self, panel: Panel, column: int = 0) -> QModelIndex:
        """The row of a panel, or an invalid index."""
        found = self.positions().get(id(panel))
        if found is None:
            return QModelIndex()
        scene_row, panel_row = found
        scenes = self._project.scenes
        if scene_row >= len(scenes) or panel_row >= len(scenes[scene_row].panels) or scenes[scene_row].panels[panel_row] is not panel:
            self._positions = None  # changed without telling us; look again
            return self.panel_index(panel, column) if id(panel) in self.positions() else QModelIndex()
        return self.index(panel_row, column, self.index(scene_row, 0))

    def scene_of(self, index: _Index) -> Scene | None:
        """The scene of a group row or of a panel row."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            scenes = self._project.scenes
            return scenes[index.row()] if index.row() < len(scenes) else None
        return self._scenes.get(index.internalId())

    def panel_of(self, index: _Index) -> Panel | None:
        """The panel of a panel row, or None for group rows."""
        if not index.isValid() or index.internalId() == _TOP:
            return None
        scene = self._scenes.get(index.internalId())
        if scene is None or not 0 <= index.row() < len(scene.panels):
            return None
        return scene.panels[index.row()]

    # The Qt model API ----------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: _Index = QModelIndex()) -> QModelIndex:
        # Called hundreds of thousands of times by a sort: kept to dictionary and list lookups.
        if column < 0 or column >= len(self.columns) or row < 0:
            return QModelIndex()
        scenes = self._project.scenes
        if not parent.isValid():
            return self.createIndex(row, column, _TOP) if row < len(scenes) else QModelIndex()
        parent_row = parent.row()
        if parent.internalId() != _TOP or parent_row >= len(scenes):
            return QModelIndex()
        scene = scenes[parent_row]
        if row >= len(scene.panels):
            return QModelIndex()
        key = self._keys.get(id(scene)) or self._key(scene)
        return self.createIndex(row, column, key)

    def parent(self, index: _Index = QModelIndex()):  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        scene = self._scenes.get(index.internalId())
        if scene is None:
            return QModelIndex()
        rows = self._scene_rows
        if rows is None:
            rows = self._scene_rows = {id(s): r for r, s in enumerate(self._project.scenes)}
        row = rows.get(id(scene))
        return QModelIndex() if row is None else self.createIndex(row, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        if not parent.isValid():
            return len(self._project.scenes)
        if parent.internalId() != _TOP or parent.column() != 0:
            return 0
        scene = self.scene_of(parent)
        return len(scene.panels) if scene is not None else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return len(self.columns)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.title + ("" if column.path else " (read-only here)")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Worked out once: a view asks for every visible cell's flags on every layout.
        if not index.isValid():
            return _NO_FLAGS
        if index.internalId() == _TOP:
            return _SCENE_FLAGS
        return _EDITABLE_FLAGS if self.columns[index.column()].editable else _PANEL_FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._scene_data(index, role)
        panel = self.panel_of(index)
        if panel is None:
            return None
        scene = self._scenes[index.internalId()]
        column = self.columns[index.column()]
        if role == Role.OBJECT:
            return panel
        if column.kind == "image":
            if role == Qt.ItemDataRole.DecorationRole and self.thumbnails is not None:
                return self.thumbnails.scaled(panel.image, THUMB_SIZE.width(), THUMB_SIZE.height())
            if role == Qt.ItemDataRole.ToolTipRole:
                return panel.image or "No image"
            return None
        context = self.context
        if role == Qt.ItemDataRole.DisplayRole:
            text = cell_text(column, scene, panel, context)
            return text.split("\n", 1)[0] if column.multiline else text
        if role == Qt.ItemDataRole.EditRole:
            # What an editor starts from: the text a user would type (seconds, millimetres, names).
            return csv_text(column, scene, panel, context)
        if role == Qt.ItemDataRole.ToolTipRole and column.multiline:
            full = cell_text(column, scene, panel, context)
            return full if "\n" in full.strip() else None
        if role == Role.SORT:
            return self.sort_key_at(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and panel.status == "cut":
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def _scene_data(self, index: _Index, role: int):
        scene = self.scene_of(index)
        if scene is None:
            return None
        if role == Role.OBJECT:
            return scene
        if role == Role.SORT:
            return (index.row(),)
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            number = self.context.numbers.get(scene.id, "?")
            heading = scene.heading.strip() or "(no heading)"
            shots = shot_count(self._project, scene)
            return (
                f"{number}   {heading}    {shots} shot{'s' if shots != 1 else ''} · "
                f"{format_duration(scene_duration_ms(scene))}"
            )
        if role == Qt.ItemDataRole.FontRole:
            return _bold_font()
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        panel = self.panel_of(index)
        if panel is None or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        if not column.editable:
            return False
        owner = owner_of(column, self._scenes[index.internalId()], panel)
        self.document.set_field([owner], column.path, value, column.title.lower())
        return True


#: Panel fields a scene's group row sums up (its running time).
_GROUP_FIELDS = ("duration_ms",)


def _renumbers(path: str) -> bool:
    # These fields change the shot or scene numbers, or the cast names, of other rows; the
    # estimate and setup fields change other shots' scheduled minutes (the resets before them).
    return path in ("shot", "new_shot", "number", "cast_ids", "shoot_order", "est_minutes", "camera.setup",
                    "camera.lens_mm", "lighting.setup", "location_id")
