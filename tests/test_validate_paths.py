"""validate's image checks: the usual path costs no resolving, and escapes are still refused."""

from __future__ import annotations

from conftest import small_project
from PIL import Image

from storyboarder.io import images as io_images
from storyboarder.io import save_project


def _project(tmp_path):
    project = small_project()
    folder = tmp_path / "p"
    (folder / "images").mkdir(parents=True)
    Image.new("L", (64, 36), 200).save(folder / "images" / "a.png")
    outside = tmp_path / "outside.png"
    Image.new("L", (64, 36), 0).save(outside)
    (folder / "images" / "link.png").symlink_to(outside)
    panels = project.scenes[0].panels
    panels[0].image, panels[1].image, panels[2].image = "images/a.png", "images/link.png", "images/a.png"
    save_project(project, folder)
    return project, folder


def test_plain_image_paths_are_checked_without_resolving(tmp_path, monkeypatch):
    project, folder = _project(tmp_path)
    resolved = []
    real = io_images.unsafe_image_reason

    def counting(root, relative):
        resolved.append(relative)
        return real(root, relative)

    monkeypatch.setattr(io_images, "unsafe_image_reason", counting)
    problems = io_images.check_images(project, folder, "project.json")
    assert resolved == ["images/link.png"]  # only the path that is not a plain file in images/
    assert [(p.where, "symlink out of the project" in p.message) for p in problems] == [("scenes[0].panels[1].image", True)]


def test_a_plain_file_swapped_for_a_symlink_is_not_read(tmp_path, monkeypatch):
    """The listing said regular file; by the time it is opened it is a link out: refused, not followed."""
    project, folder = _project(tmp_path)
    real_listing = io_images.ImageDirectory

    def listing_then_swap(root):
        listing = real_listing(root)
        (folder / "images" / "a.png").unlink()
        (folder / "images" / "a.png").symlink_to(tmp_path / "outside.png")
        return listing

    monkeypatch.setattr(io_images, "ImageDirectory", listing_then_swap)
    problems = io_images.check_images(project, folder, "project.json")
    assert [p.where for p in problems] == ["scenes[0].panels[0].image", "scenes[0].panels[1].image", "scenes[0].panels[2].image"]
    assert all("cannot be read" in p.message or "symlink" in p.message for p in problems)
