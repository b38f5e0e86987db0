"""The Production tab: cast, crew and locations as editable tables (shoot days have their own page)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTabWidget

from storyboarder.model import CastMember, CrewMember, Location
from storyboarder.model.cast import cast_from_scenes, next_cast_number
from storyboarder.model.departments import DEPARTMENTS
from .item_table import ItemTablePage
from .production_models import Field
from .shoot_day_view import ShootDayPage


CAST_FIELDS = (
    Field("number", "#", width=40),
    Field("character", "Character", width=150),
    Field("actor", "Actor", width=150),
    Field("phone", "Phone", width=120),
    Field("email", "Email", width=180),
    Field("notes", "Notes", width=240),
)

CREW_FIELDS = (
    Field("name", "Name", width=150),
    Field("department", "Department", "term:", width=140, choices=DEPARTMENTS),
    Field("role", "Role", width=150),
    Field("phone", "Phone", width=120),
    Field("email", "Email", width=180),
)

LOCATION_FIELDS = (
    Field("name", "Name", width=160),
    Field("address", "Address", width=200),
    Field("latitude", "Latitude", width=80),
    Field("longitude", "Longitude", width=80),
    Field("parking", "Parking", width=150),
    Field("nearest_hospital", "Nearest hospital (name, address, phone)", width=240),
    Field("time_zone", "Time zone (blank: from coordinates)", "time_zone", width=150),
    Field("contact", "On-site contact", width=150),
    Field("notes", "Notes", width=200),
)


class ProductionView(QTabWidget):
    """Cast, crew and locations: the production data call sheets are made from."""

    problem = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("production")
        self.setDocumentMode(True)
        self.setTabPosition(QTabWidget.TabPosition.West)
        # A new cast member takes the next free number; numbers never move once given.
        new_cast = lambda: CastMember(number=next_cast_number(document.project))  # noqa: E731
        self.cast = ItemTablePage(document, "cast", CAST_FIELDS, new_cast, "cast member")
        self.crew = ItemTablePage(document, "crew", CREW_FIELDS, CrewMember, "crew member")
        self.locations = ItemTablePage(document, "locations", LOCATION_FIELDS, Location, "location")
        self.cast_from_scenes_button = QPushButton("Add cast from scenes")
        self.cast_from_scenes_button.setObjectName("castFromScenes")
        self.cast_from_scenes_button.setToolTip("Add every character who speaks in the storyboard but is not in the cast yet")
        self.cast_from_scenes_button.clicked.connect(self.add_cast_from_scenes)
        self.cast.buttons.insertWidget(1, self.cast_from_scenes_button)
        self.document = document
        for page, title in ((self.cast, "Cast"), (self.crew, "Crew"), (self.locations, "Locations")):
            self.addTab(page, title)
            page.problem.connect(self.problem)
        self.shoot_days = ShootDayPage(document)
        self.addTab(self.shoot_days, "Shoot Days")

    def add_cast_from_scenes(self) -> None:
        """Create cast entries for the speaking characters the cast list lacks, as one undo step."""
        found = cast_from_scenes(self.document.project)
        if found:
            self.document.add_items("cast", found, text=f"Add {len(found)} cast from scenes")
        else:
            self.problem.emit("Everyone who speaks in the storyboard is in the cast already")
        self.setCurrentIndex(0)
