"""Nothing is left behind: a cancelled, failed or interrupted export or import leaves every folder as it found it.

Each case runs cancelled part-way (the ``cancelled`` callback), on a full
disk (the write raises ``OSError(ENOSPC)`` after a few files, having put
part of its bytes on disk first, as a real full disk does) or interrupted
(``KeyboardInterrupt`` from the write), into a new folder and into one an
earlier export filled, and compares the whole tree (folders included)
before and after.
"""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest
from PIL import Image

from storyboarder.cli import main
from storyboarder.export import StoryboardExportError
from storyboarder.export.animatic import AnimaticOptions, export_animatic
from storyboarder.export.editorial import EditOptions, export_edit
from storyboarder.io import ProjectError, new_project_folder, stage_image
from storyboarder.model import Panel, Project, Scene
from test_animatic import board
from test_fountain_import import FIXTURE


def tree(folder: Path) -> dict[str, str]:
    """Every file (by content) and every folder under ``folder``: an empty folder left behind shows too."""
    return {
        str(path.relative_to(folder)): "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
    }


def full_disk_after(monkeypatch, owner, name: str, calls: int, error: BaseException | None = None) -> None:
    """Make the write ``owner.name`` fail from its ``calls + 1``-th call on, after putting a few bytes on disk.

    The file written is ``self`` for a Path method, else the first argument (``Image.save(fp)``).
    """
    real = getattr(owner, name)
    count = [0]

    def write(self, *args, **kwargs):
        count[0] += 1
        if count[0] > calls:
            target = self if isinstance(self, Path) else args[0]
            with open(target, "wb") as handle:
                handle.write(b"\x89PNG partial")  # a full disk takes part of a file first
            raise error or OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, write)


def cancel_after(count: int):
    """A ``cancelled`` callback that says yes from its ``count + 1``-th question on."""
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > count

    return cancelled


@pytest.fixture
def project_dir(tmp_path):
    folder = tmp_path / "p"
    return folder, board(folder)


# Editorial export: the timeline and OUT_media/ -------------------------------------------


@pytest.mark.parametrize("earlier", [False, True], ids=["new", "over an earlier export"])
def test_cancelled_edit_leaves_no_stills(tmp_path, project_dir, earlier):
    folder, project = project_dir
    out = tmp_path / "cut.xml"
    if earlier:
        export_edit(project, folder, out)
    before = tree(tmp_path)
    # With captions every still differs from the earlier export's.
    result = export_edit(project, folder, out, EditOptions(captions=True), cancelled=cancel_after(3))
    assert result.cancelled
    assert tree(tmp_path) == before


@pytest.mark.parametrize("earlier", [False, True], ids=["new", "over an earlier export"])
def test_edit_on_a_full_disk_leaves_no_stills(tmp_path, project_dir, monkeypatch, earlier):
    folder, project = project_dir
    out = tmp_path / "cut.xml"
    if earlier:
        export_edit(project, folder, out)
    before = tree(tmp_path)
    full_disk_after(monkeypatch, Image.Image, "save", 2)
    with pytest.raises(StoryboardExportError, match="No space left on device"):
        export_edit(project, folder, out)
    assert tree(tmp_path) == before


def test_edit_whose_timeline_hits_a_full_disk_removes_its_stills(tmp_path, project_dir, monkeypatch):
    folder, project = project_dir
    before = tree(tmp_path)
    full_disk_after(monkeypatch, Path, "write_text", 0)
    with pytest.raises(StoryboardExportError, match="No space left on device"):
        export_edit(project, folder, tmp_path / "cut.otio")
    assert tree(tmp_path) == before


def test_interrupted_edit_leaves_no_stills(tmp_path, project_dir, monkeypatch):
    folder, project = project_dir
    before = tree(tmp_path)
    full_disk_after(monkeypatch, Image.Image, "save", 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        export_edit(project, folder, tmp_path / "cut.edl")
    assert tree(tmp_path) == before


# Animatic PNG sequences: frames/ ---------------------------------------------------------


@pytest.mark.parametrize("sequence", ["frames", "panels"])
@pytest.mark.parametrize("earlier", [False, True], ids=["new", "over an earlier export"])
def test_cancelled_sequence_leaves_the_folder_as_it_was(tmp_path, project_dir, sequence, earlier):
    folder, project = project_dir
    out = tmp_path / "frames"
    options = AnimaticOptions(width=160, sequence=sequence)
    if earlier:
        export_animatic(project, folder, out, options)
        project.scenes[0].panels[0].duration_ms = 3000
    before = tree(tmp_path)
    result = export_animatic(project, folder, out, options, cancelled=cancel_after(3))
    assert result.cancelled
    assert tree(tmp_path) == before


@pytest.mark.parametrize("sequence", ["frames", "panels"])
@pytest.mark.parametrize("earlier", [False, True], ids=["new", "over an earlier export"])
def test_sequence_on_a_full_disk_leaves_the_folder_as_it_was(tmp_path, project_dir, monkeypatch, sequence, earlier):
    folder, project = project_dir
    out = tmp_path / "frames"
    options = AnimaticOptions(width=160, sequence=sequence)
    if earlier:
        export_animatic(project, folder, out, options)
        project.scenes[0].panels[0].duration_ms = 3000
    before = tree(tmp_path)
    full_disk_after(monkeypatch, Path, "write_bytes", 2)
    with pytest.raises(StoryboardExportError, match="No space left on device"):
        export_animatic(project, folder, out, options)
    assert tree(tmp_path) == before


def test_interrupted_sequence_leaves_no_folder(tmp_path, project_dir, monkeypatch):
    folder, project = project_dir
    before = tree(tmp_path)
    full_disk_after(monkeypatch, Path, "write_bytes", 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        export_animatic(project, folder, tmp_path / "frames", AnimaticOptions(width=160))
    assert tree(tmp_path) == before


def test_a_finished_sequence_replaces_the_earlier_one_and_leaves_no_hidden_files(tmp_path, project_dir):
    folder, project = project_dir
    out = tmp_path / "frames"
    export_animatic(project, folder, out, AnimaticOptions(width=160))
    first = len(list(out.iterdir()))
    project.scenes[0].panels[0].duration_ms = 100
    result = export_animatic(project, folder, out, AnimaticOptions(width=160))
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == result.frames < first
    assert names == [f"frame_{number:05d}.png" for number in range(1, result.frames + 1)]


# Screenplay import: the project folder ---------------------------------------------------


def _write_atomic_fails(monkeypatch, error: BaseException) -> None:
    import storyboarder.io.save as save

    def write_atomic(target, data):
        Path(target).with_name(".storyboarder-save-partial").write_bytes(data[:10])
        Path(target).with_name(".storyboarder-save-partial").unlink()  # what write_atomic does on failure
        raise error

    monkeypatch.setattr(save, "write_atomic", write_atomic)


def test_import_on_a_full_disk_removes_the_folders_it_made(tmp_path, monkeypatch, capsys):
    before = tree(tmp_path)
    _write_atomic_fails(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    assert main(["import", "fountain", str(FIXTURE), "-o", str(tmp_path / "films" / "brick")]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_interrupted_import_into_an_empty_folder_keeps_the_folder_only(tmp_path, monkeypatch):
    (tmp_path / "brick").mkdir()
    before = tree(tmp_path)
    _write_atomic_fails(monkeypatch, KeyboardInterrupt())
    assert main(["import", "fountain", str(FIXTURE), "-o", str(tmp_path / "brick")]) == 130  # Ctrl+C's exit status
    assert tree(tmp_path) == before


def test_a_new_project_whose_save_fails_removes_only_what_it_wrote(tmp_path, monkeypatch):
    import storyboarder.io.save as save

    folder = tmp_path / "p"
    (folder / "images").mkdir(parents=True)
    project = Project()
    there, new = Panel(), Panel()
    project.scenes.append(Scene(panels=[there, new]))
    stage_image(project, there, b"\x89PNG one")
    # An empty images/ is the most a new project's folder may hold (io.folders): one with
    # files in it holds someone's other files, and is refused before anything is written.
    stage_image(project, new, b"\x89PNG two")
    before = tree(tmp_path)
    real = save.write_atomic

    def write_atomic(target, data):
        if target.name == "project.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, data)

    monkeypatch.setattr(save, "write_atomic", write_atomic)
    with pytest.raises(ProjectError, match="No space left on device"):
        new_project_folder(folder, project=project)
    assert (folder / new.image).parent.is_dir()  # images/ was there before: it stays
    assert tree(tmp_path) == before
