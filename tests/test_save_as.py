"""Save As writes the project into another folder with every image it uses, and replaces a project only when told."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from conftest import small_project, tree_digest
from storyboarder.io import BACKUP_FILE, PROJECT_FILE, ProjectError, load_project, save_project
from storyboarder.io.save_as import holds_other_project, save_project_as
from storyboarder.io.staging import add_image, stage_image


def _png(color: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (16, 9), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def saved(tmp_path):
    """A project saved in ``source`` with a flattened image and two drawing layers on its first panel."""
    source = tmp_path / "source"
    project = small_project()
    panel = project.scenes[0].panels[0]
    stage_image(project, panel, _png(10))
    panel.layers = {name: add_image(project, panel, _png(20 + i), layer=name) for i, name in enumerate(("sketch", "ink"))}
    save_project(project, source)
    return project, source


def _images(folder, project) -> dict[str, bytes]:
    return {
        relative: (folder / relative).read_bytes()
        for _scene, panel in project.iter_panels()
        for relative in ([panel.image] if panel.image else []) + list(panel.layers.values())
    }


def test_save_as_copies_saved_images_and_layers_and_writes_pending_ones(saved, tmp_path):
    project, source = saved
    # Drawn since the last save: still only in memory.
    later = stage_image(project, project.scenes[1].panels[0], _png(99))
    before = tree_digest(source)
    target = tmp_path / "copy"

    written = save_project_as(project, target, source).written

    assert written == 4  # three copies and the unsaved image
    loaded = load_project(target)
    assert loaded.warnings == []
    copies = _images(target, loaded.project)
    assert copies[later] == _png(99)
    assert {k: v for k, v in copies.items() if k != later} == _images(source, load_project(source).project)
    assert len(copies) == 4
    assert tree_digest(source) == before, "the old folder is left as it was"
    assert project.pending_images == {}, "the unsaved image is on disk now"


def test_a_folder_with_another_project_is_refused_unless_replacing(saved, tmp_path):
    project, source = saved
    target = tmp_path / "other"
    save_project(small_project(), target)
    other = (target / PROJECT_FILE).read_bytes()
    before = tree_digest(target)
    assert holds_other_project(target, source)

    with pytest.raises(ProjectError) as caught:
        save_project_as(project, target, source)
    assert str(caught.value) == f"{target / PROJECT_FILE}: a project already exists here; nothing was changed"
    assert tree_digest(target) == before

    save_project_as(project, target, source, replace=True)
    assert load_project(target).warnings == []
    # The replaced project is kept, as every save keeps the file it replaces.
    assert (target / BACKUP_FILE).read_bytes() == other


def test_save_as_into_the_projects_own_folder_is_a_plain_save(saved):
    project, source = saved
    assert not holds_other_project(source, source)
    project.title = "Renamed"
    assert save_project_as(project, source, source).written == 0
    assert load_project(source).project.title == "Renamed"


def test_an_untitled_project_has_no_folder_to_copy_from(tmp_path):
    project = small_project()
    relative = stage_image(project, project.scenes[0].panels[0], _png(5))
    assert not holds_other_project(tmp_path / "new", None)
    assert save_project_as(project, tmp_path / "new").written == 1
    assert (tmp_path / "new" / relative).read_bytes() == _png(5)


def test_missing_and_unsafe_images_are_not_copied_and_nothing_outside_is_read(saved, tmp_path):
    project, source = saved
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png(1))
    os.symlink(secret, source / "images" / "link.png")
    panels = project.scenes[0].panels
    panels[1].image = "images/link.png"  # a symlink out of the project folder
    panels[2].image = "../secret.png"
    project.scenes[1].panels[0].image = "images/never-saved.png"
    target = tmp_path / "copy"

    save_project_as(project, target, source)

    assert not (target / "images" / "link.png").exists()
    assert all(path.read_bytes() != _png(1) for path in (target / "images").iterdir()), "the secret was copied"
    warned = {w.where for w in load_project(target).warnings}
    assert warned == {"scenes[0].panels[1].image", "scenes[0].panels[2].image", "scenes[1].panels[0].image"}


def test_images_the_target_already_has_are_kept(saved, tmp_path):
    project, source = saved
    target = tmp_path / "copy"
    save_project_as(project, target, source)
    assert save_project_as(project, target, source, replace=True).written == 0


def test_a_failed_copy_leaves_no_project_in_the_target(saved, tmp_path, monkeypatch):
    project, source = saved
    target = tmp_path / "copy"
    import storyboarder.io.save as save_module

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save_module, "write_atomic", full_disk)
    with pytest.raises(ProjectError, match=f"^{target}: cannot copy the images: No space left on device$"):
        save_project_as(project, target, source)
    assert not (target / PROJECT_FILE).exists()
