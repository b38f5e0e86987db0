"""Save As: a project written into another folder, with a copy of every image file it uses.

The images go first, each written beside its final name and renamed, then
the JSON, as in every save; a kill at any moment leaves the new folder
without ``project.json`` or with a whole project, never one that names an
image not on disk. Images not saved yet are written by the save itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from storyboarder.model import Project

from .errors import ProjectError
from .fingerprint import Fingerprint
from .folders import FolderUse, folder_problem, folder_use, same_folder
from .images import ImageProblem, read_panel_image
from .paths import IMAGES_DIR, image_path_problem, panel_image_paths, project_paths
from .save import SaveReport, save_and_report, sync_folder, write_image_file


def holds_other_project(target: str | os.PathLike, source: str | os.PathLike | None) -> bool:
    """Tell whether saving into ``target`` would replace a project other than the one from ``source``."""
    return folder_use(project_paths(target)[0], source) is FolderUse.PROJECT


def save_project_as(
    project: Project,
    target: str | os.PathLike,
    source: str | os.PathLike | None = None,
    *,
    replace: bool = False,
    expected: Fingerprint | None = None,
) -> SaveReport:
    """Save the project into ``target``, copying its image files from ``source``; report the files written.

    A project already in ``target`` is replaced only with ``replace`` (its
    ``project.json`` is kept as ``project.json.bak``, as by every save); a
    folder of other files is never written into (``io.folders``). Otherwise
    ProjectError says so and nothing is changed. ``expected`` is passed to
    the save (see ``save_project``).
    """
    folder, project_file = project_paths(target)
    problem = folder_problem(folder, source, replace=replace)
    if problem:
        raise ProjectError.single(str(project_file if folder_use(folder, source) is FolderUse.PROJECT else folder), "", problem)
    copied = 0
    if source is not None and not same_folder(folder, Path(source)):
        try:
            copied = copy_images(project, Path(source), folder)
        except OSError as exc:
            raise ProjectError.single(str(folder), "", f"cannot copy the images: {exc.strerror or exc}") from None
    report = save_and_report(project, folder, expected=expected)
    report.written += copied
    return report


def copy_images(project: Project, source: Path, target: Path) -> int:
    """Copy every saved image file the project's panels use (layers too) from ``source`` into ``target``.

    Images not saved yet are left to the save. A file the target already
    has is kept: names carry a content hash or a never-reused token, so it
    holds the same bytes. An image that is missing or unsafe in the source
    is not copied; the project names it still, and loading says so.
    """
    (target / IMAGES_DIR).mkdir(parents=True, exist_ok=True)
    copied = 0
    for _scene, panel in project.iter_panels():
        for _field, relative in panel_image_paths(panel):
            if relative in project.pending_images or image_path_problem(relative):
                continue  # the save writes the one; the other is never read, so never copied
            try:
                copied += write_image_file(target, relative, lambda relative=relative: read_panel_image(source, relative))
            except ImageProblem:
                continue
    # The copies must be on disk before the project.json that names them.
    sync_folder(target / IMAGES_DIR)
    return copied
