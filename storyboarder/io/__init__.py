"""Reading, writing, validating and migrating Storyboarder project files.

No Qt here: the CLI and the GUI share these functions.
"""

from __future__ import annotations

from .errors import Problem, ProjectError
from .load import LoadedProject, load_document, load_project
from .migrate import FORMAT_VERSION
from .paths import BACKUP_FILE, IMAGES_DIR, PROJECT_FILE, project_paths
from .save import dumps, new_project_folder, save_project
from .staging import add_image, add_image_later, stage_image

__all__ = [
    "BACKUP_FILE",
    "FORMAT_VERSION",
    "IMAGES_DIR",
    "PROJECT_FILE",
    "LoadedProject",
    "Problem",
    "ProjectError",
    "add_image",
    "add_image_later",
    "dumps",
    "load_document",
    "load_project",
    "new_project_folder",
    "project_paths",
    "save_project",
    "stage_image",
]
