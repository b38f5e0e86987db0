"""Exports never write over the user's files: not the project's own, not a FIFO or device, not another kind of file unasked.

Every export command is run at each kind of bad output and must exit 2,
leave the project exactly as it was and write nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import EXAMPLE, tree_digest
from storyboarder.cli import main
from storyboarder.export.output import existing_kind

#: Every export command, with the suffix its output takes.
COMMANDS = {
    "storyboard": (["export", "storyboard"], ".pdf"),
    "shotlist csv": (["export", "shotlist"], ".csv"),
    "shotlist pdf": (["export", "shotlist"], ".pdf"),
    "callsheet": (["export", "callsheet"], ".pdf"),
    "animatic gif": (["export", "animatic", "--width", "64"], ".gif"),
    "edit": (["export", "edit", "--width", "64"], ".xml"),
    "edit edl": (["export", "edit", "--width", "64"], ".edl"),
    "edit otio": (["export", "edit", "--width", "64"], ".otio"),
}


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "night-market"
    shutil.copytree(EXAMPLE, folder)
    return folder


def first_image(project: Path) -> Path:
    return sorted((project / "images").iterdir())[0]


def export(name: str, project: Path, out, *extra: str) -> int:
    command, _suffix = COMMANDS[name]
    return main([*command, str(project), "-o", str(out), *extra])


@pytest.mark.parametrize("name", COMMANDS)
def test_no_export_writes_into_the_projects_images(name, project, capsys):
    before = tree_digest(project)
    out = project / "images" / f"new{COMMANDS[name][1]}"
    assert export(name, project, out) == 2
    assert "inside the project's folder images/" in capsys.readouterr().err
    assert tree_digest(project) == before and not out.exists()


@pytest.mark.parametrize("name", ["storyboard", "callsheet"])
@pytest.mark.parametrize("own", ["project.json", "project.json.bak", "project.recovery.json", ".storyboarder.lock",
                                 "project.recovery.damaged-20261203-120000.json"])
def test_no_export_replaces_the_projects_own_files(name, own, project, capsys):
    (project / "project.json.bak").write_bytes((project / "project.json").read_bytes())
    if "damaged" in own:  # a damaged recovery copy, set aside for the user to read (io.recovery.set_aside_recovery)
        (project / own).write_bytes(b"{ damaged")
    before = tree_digest(project)
    assert export(name, project, project / own) == 2
    err = capsys.readouterr().err
    assert f"is the project's own {own}; an export never replaces it" in err
    assert tree_digest(project) == before


@pytest.mark.parametrize("name", ["storyboard", "callsheet"])
def test_no_export_replaces_a_drawing(name, project, capsys):
    before = tree_digest(project)
    assert export(name, project, first_image(project), "--force") == 2
    assert "inside the project's folder images/" in capsys.readouterr().err
    assert tree_digest(project) == before


@pytest.mark.parametrize("name", COMMANDS)
def test_a_link_into_the_project_is_not_followed(name, project, tmp_path, capsys):
    link = tmp_path / f"out{COMMANDS[name][1]}"
    link.symlink_to(project / "project.json")
    before = tree_digest(project)
    assert export(name, project, link) == 2
    assert "is the project's own project.json" in capsys.readouterr().err
    assert tree_digest(project) == before and link.is_symlink()


@pytest.mark.parametrize("name", COMMANDS)
def test_a_file_of_another_kind_is_replaced_only_with_force(name, project, tmp_path, capsys):
    out = tmp_path / f"shot{COMMANDS[name][1]}"
    Image.new("L", (8, 8), 90).save(out, "PNG")
    png = out.read_bytes()
    assert export(name, project, out) == 2
    assert "holds a PNG image" in capsys.readouterr().err
    assert out.read_bytes() == png
    assert export(name, project, out, "--force") == 0
    assert out.read_bytes() != png


@pytest.mark.parametrize("name", COMMANDS)
def test_an_earlier_export_of_the_same_kind_is_replaced(name, project, tmp_path):
    out = tmp_path / f"again{COMMANDS[name][1]}"
    assert export(name, project, out) == 0
    first = out.stat().st_mtime_ns
    os.utime(out, ns=(first - 10**9, first - 10**9))
    assert export(name, project, out) == 0
    assert out.stat().st_mtime_ns != first - 10**9


@pytest.mark.parametrize("name", COMMANDS)
def test_a_fifo_is_refused_without_hanging(name, project, tmp_path):
    fifo = tmp_path / f"pipe{COMMANDS[name][1]}"
    os.mkfifo(fifo)
    command, _suffix = COMMANDS[name]
    # A separate process: were the export to open the FIFO, it would wait forever for a writer.
    result = subprocess.run(
        [sys.executable, "-m", "storyboarder", *command, str(project), "-o", str(fifo)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "is a named pipe (FIFO), not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert fifo.exists() and not fifo.is_file()


@pytest.mark.parametrize("name", COMMANDS)
def test_a_device_is_never_written(name, project, tmp_path, capsys):
    # Through a link, so that even a broken check could only replace the link, never /dev/null itself.
    out = tmp_path / f"null{COMMANDS[name][1]}"
    out.symlink_to("/dev/null")
    assert export(name, project, out) == 2
    assert f"{out} is a device, not a regular file" in capsys.readouterr().err
    assert out.is_symlink() and Path("/dev/null").is_char_device()


def test_an_export_may_go_beside_project_json(project):
    assert export("storyboard", project, project / "board.pdf") == 0
    assert (project / "board.pdf").read_bytes().startswith(b"%PDF-")


def test_call_sheets_per_day_never_go_into_the_project(project, capsys):
    before = tree_digest(project)
    assert main(["export", "callsheet", str(project), "-o", str(project / "images"), "--all-days"]) == 2
    assert "inside the project's folder images/" in capsys.readouterr().err
    assert tree_digest(project) == before


def test_call_sheets_per_day_ask_before_replacing_another_kind(project, tmp_path, capsys):
    folder = tmp_path / "sheets"
    assert main(["export", "callsheet", str(project), "-o", str(folder), "--all-days"]) == 0
    day_one = sorted(folder.iterdir())[0]
    Image.new("L", (8, 8)).save(day_one, "PNG")
    capsys.readouterr()
    assert main(["export", "callsheet", str(project), "-o", str(folder), "--all-days"]) == 2
    assert f"{day_one} holds a PNG image" in capsys.readouterr().err
    assert existing_kind(day_one) == "png"
    assert main(["export", "callsheet", str(project), "-o", str(folder), "--all-days", "--force"]) == 0
    assert existing_kind(day_one) == "pdf"


def test_an_animatic_sequence_never_goes_into_the_project(project, capsys):
    before = tree_digest(project)
    assert main(["export", "animatic", str(project), "-o", str(project / "images") + "/", "--width", "64"]) == 2
    assert "inside the project's folder images/" in capsys.readouterr().err
    assert main(["export", "animatic", str(project), "-o", str(project / "frames") + "/", "--width", "64"]) == 2
    assert tree_digest(project) == before and not (project / "frames").exists()


def test_an_animatic_sequence_into_a_fifo_is_refused(project, tmp_path, capsys):
    os.mkfifo(tmp_path / "frames")
    assert main(["export", "animatic", str(project), "-o", str(tmp_path / "frames") + "/", "--width", "64"]) == 2
    assert "is a named pipe (FIFO); give a folder to write into" in capsys.readouterr().err


def test_an_edit_keeps_its_stills_out_of_the_project(project, tmp_path, capsys):
    before = tree_digest(project)
    # The timeline could go beside project.json, but its stills folder would be a new project folder.
    assert main(["export", "edit", str(project), "-o", str(project / "cut.xml"), "--width", "64"]) == 2
    assert "inside the project's folder cut_media/" in capsys.readouterr().err
    assert tree_digest(project) == before and not (project / "cut.xml").exists()


def test_an_edit_whose_stills_folder_is_a_file_is_refused(project, tmp_path, capsys):
    (tmp_path / "cut_media").write_text("notes")
    assert main(["export", "edit", str(project), "-o", str(tmp_path / "cut.xml"), "--width", "64"]) == 2
    assert f"{tmp_path / 'cut_media'} is a file; give a folder to write into" in capsys.readouterr().err
    assert (tmp_path / "cut_media").read_text() == "notes" and not (tmp_path / "cut.xml").exists()


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"GIF89a....", "gif"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"\xef\xbb\xbfScene,Shot\r\n", "text"),
        (b"  <?xml version='1.0'?>", "xml"),
        (b'{\n  "OTIO_SCHEMA": ', "json"),
        (b"TITLE: cut\n" + "é".encode() * 300, "text"),  # the 512-byte head ends inside a character
        (b"\x00\x01\x02binary", "binary"),
        (b"", "empty"),
    ],
)
def test_the_kind_of_an_existing_file_comes_from_its_first_bytes(head, kind, tmp_path):
    path = tmp_path / "file.pdf"
    path.write_bytes(head)
    assert existing_kind(path) == kind
