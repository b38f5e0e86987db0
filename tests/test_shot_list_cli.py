"""`storyboarder export shotlist` and `storyboarder plan` from the command line."""

from __future__ import annotations

import shutil

from pypdf import PdfReader

from conftest import EXAMPLE, tree_digest
from shot_list_data import rich_project
from storyboarder.cli import main
from storyboarder.export.shotlist_csv import read_shotlist_csv
from storyboarder.io import load_project, save_project
from storyboarder.io.recovery import acquire_lock, release_lock
from storyboarder.model import CameraSpec, LightingSpec, Panel, Project, Scene, ShootDay


def test_export_csv_and_pdf(tmp_path, capsys):
    assert main(["export", "shotlist", str(EXAMPLE), "-o", str(tmp_path / "night.csv"), "--scenes", "1", "--columns", "shot,size,lens"]) == 0
    assert "wrote" in capsys.readouterr().out
    rows = read_shotlist_csv(tmp_path / "night.csv")
    assert [list(r) for r in rows][0] == ["Shot", "Shot size", "Lens (mm)"] and len(rows) == 7
    code = main(["export", "shotlist", str(EXAMPLE), "-o", str(tmp_path / "night.pdf"), "--thumbnails", "--as-shot", "--paper", "a4"])
    out = capsys.readouterr().out
    assert code == 0 and "pages, 22 rows, 0 warnings" in out
    reader = PdfReader(tmp_path / "night.pdf")
    assert round(float(reader.pages[0].mediabox.width)) == 842  # A4 landscape
    assert "Status" in reader.pages[0].extract_text()


def test_bad_options_are_reported_together_and_nothing_is_written(tmp_path, capsys):
    before = tree_digest(tmp_path)
    code = main(["export", "shotlist", str(EXAMPLE), "-o", str(tmp_path / "list.txt"), "--columns", "shot,nope", "--order", "random", "--scenes", "99"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: output: 'list.txt' must end in .csv or .pdf" in err
    assert "error: columns: unknown column 'nope'" in err
    assert "error: order: 'random' is not one of story, shoot" in err
    assert "error: scenes: '99' matches no scene" in err
    assert "Traceback" not in err and tree_digest(tmp_path) == before


def test_a_broken_project_is_one_line(tmp_path, capsys):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "project.json").write_text("{nope")
    assert main(["export", "shotlist", str(tmp_path / "p"), "-o", str(tmp_path / "x.csv")]) == 2
    assert "project.json: line 1 column 2" in capsys.readouterr().err


def _planning_project(folder):
    scene = Scene(id="s1", heading="INT. KITCHEN - DAY", panels=[
        Panel(id=f"p{i}", camera=CameraSpec(setup=setup, lens_mm=35.0), lighting=LightingSpec(setup="L1"), est_minutes=10.0)
        for i, setup in enumerate(["A", "B", "A", "B"])
    ])
    project = Project(title="Plan", scenes=[scene], shoot_days=[ShootDay(id="day-1", date="2025-05-01", shooting_call="08:00", wrap="09:00", scene_ids=["s1"])])
    save_project(project, folder)
    return folder


def test_plan_prints_and_writes_the_shoot_order(tmp_path, capsys):
    folder = _planning_project(tmp_path / "p")
    before = tree_digest(folder)
    assert main(["plan", str(folder), "--day", "1"]) == 0
    out = capsys.readouterr().out
    assert "Day 1 (2025-05-01): 4 shots" in out
    assert "camera resets:   story order 3, plan 1" in out
    assert "08:00" in out and "over the 09:00 wrap by 10 min" in out
    assert tree_digest(folder) == before  # without --write nothing changes
    assert main(["plan", str(folder), "--scene", "1", "--write"]) == 0
    assert "saved the shoot order" in capsys.readouterr().out
    panels = load_project(folder).project.scenes[0].panels
    assert [p.shoot_order for p in panels] == [1, 3, 2, 4]
    assert not (folder / ".storyboarder.lock").exists() and not any(n.name.endswith(".lock") for n in folder.iterdir())
    assert main(["export", "shotlist", str(folder), "-o", str(tmp_path / "o.csv"), "--order", "shoot", "--columns", "shot,shoot"]) == 0
    assert [r["Shot"] for r in read_shotlist_csv(tmp_path / "o.csv")] == ["1A", "1C", "1B", "1D"]


def test_plan_refuses_to_write_a_project_open_elsewhere_and_bad_units(tmp_path, capsys, monkeypatch):
    folder = _planning_project(tmp_path / "p")
    assert main(["plan", str(folder), "--day", "7"]) == 2
    assert "error: day: '7' is not a shoot day of this project (it has days 1 to 1)" in capsys.readouterr().err
    assert main(["plan", str(folder), "--scene", "4"]) == 2
    assert "error: scene: no scene is numbered '4'" in capsys.readouterr().err
    # Another process holds the lock: pretend it is alive.
    monkeypatch.setattr("storyboarder.io.recovery._held", lambda holder: True)
    assert acquire_lock(folder) is None
    monkeypatch.setattr("storyboarder.io.recovery.os.getpid", lambda: 1)
    before = tree_digest(folder)
    assert main(["plan", str(folder), "--write"]) == 2
    assert "the project is open in Storyboarder" in capsys.readouterr().err
    assert tree_digest(folder) == before
    monkeypatch.undo()
    release_lock(folder)


def test_plan_every_day_of_the_example(tmp_path, capsys):
    work = tmp_path / "night"
    shutil.copytree(EXAMPLE, work)
    assert main(["plan", str(work)]) == 0
    out = capsys.readouterr().out
    assert "Day 1 (2027-03-15): 11 shots" in out and "Day 2 (2027-03-16): 10 shots" in out
    assert "done at 05:15" in out


def test_rich_project_exports_from_the_cli(tmp_path, capsys):
    save_project(rich_project(), tmp_path / "rich")
    assert main(["export", "shotlist", str(tmp_path / "rich"), "-o", str(tmp_path / "rich.pdf"), "--order", "shoot"]) == 0
    assert "(1 page, 5 rows, 0 warnings)" in capsys.readouterr().out


_BLOCKED = r"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked in this test")
sys.meta_path.insert(0, Block())
from storyboarder.cli import main
codes = [
    main(["export", "shotlist", sys.argv[1], "-o", sys.argv[2] + "/s.csv"]),
    main(["export", "shotlist", sys.argv[1], "-o", sys.argv[2] + "/s.pdf", "--thumbnails"]),
    main(["plan", sys.argv[1]]),
]
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules), "Qt was imported"
print("codes", codes)
"""


def test_shot_list_commands_run_with_qt_blocked(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", _BLOCKED, str(EXAMPLE), str(tmp_path)], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert "codes [0, 0, 0]" in result.stdout
    assert (tmp_path / "s.csv").stat().st_size > 0 and (tmp_path / "s.pdf").stat().st_size > 0
