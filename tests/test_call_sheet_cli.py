"""``storyboarder export callsheet`` and the schedule warnings of ``storyboarder validate``, headless."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pypdf import PdfReader

from conftest import EXAMPLE
from storyboarder.cli import main
from storyboarder.io import load_project, save_project
from storyboarder.model import CastCall


def test_exports_every_day_into_one_pdf(tmp_path, capsys):
    out = tmp_path / "sheets.pdf"
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"wrote {out} (2 days, 2 pages, 0 warnings)"
    assert captured.err == ""
    pages = PdfReader(out).pages
    assert ["DAY 1 OF 2" in pages[0].extract_text(), "DAY 2 OF 2" in pages[1].extract_text()] == [True, True]


def test_chooses_days_by_number_or_date_on_a4(tmp_path, capsys):
    out = tmp_path / "day2.pdf"
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(out), "--day", "2027-03-16", "--paper", "A4"]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and "Tuesday 16 March 2027" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.height)) == 842
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(out), "--day", "2", "--day", "1"]) == 0
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert "DAY 2 OF 2" in texts[0] and "DAY 1 OF 2" in texts[1]
    assert "(2 days, 2 pages, 0 warnings)" in capsys.readouterr().out


def test_all_days_writes_one_pdf_per_day_into_a_folder(tmp_path, capsys):
    folder = tmp_path / "sheets"
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(folder), "--all-days"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["day-01-2027-03-15.pdf", "day-02-2027-03-16.pdf"]
    assert capsys.readouterr().out.count("wrote ") == 2


def test_bad_days_and_outputs_are_one_line_each_and_exit_2(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(out), "--day", "5", "--day", "2030-01-01", "--paper", "legal"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "error: paper: 'legal' is not one of letter, a4",
        "error: day 5: the schedule has days 1 to 2",
        "error: day 2030-01-01: no shoot day is on that date (days run from 2027-03-15 to 2027-03-16)",
    ]
    assert not out.exists()
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "the folder" in capsys.readouterr().err
    (tmp_path / "file.pdf").write_bytes(b"")
    assert main(["export", "callsheet", str(EXAMPLE), "-o", str(tmp_path / "file.pdf"), "--all-days"]) == 2
    assert "with --all-days give a folder" in capsys.readouterr().err
    assert main(["export", "callsheet", str(tmp_path / "nothing-here"), "-o", str(out)]) == 2
    assert "error:" in capsys.readouterr().err


def test_schedule_warnings_print_on_stderr_with_the_export(tmp_path, capsys):
    loaded = load_project(EXAMPLE)
    loaded.project.shoot_days[0].cast_calls[0] = CastCall(cast_id="cast-mara", makeup="17:00", on_set="16:00")
    save_project(loaded.project, tmp_path / "p")
    assert main(["export", "callsheet", str(tmp_path / "p"), "-o", str(tmp_path / "x.pdf"), "--day", "1"]) == 0
    captured = capsys.readouterr()
    assert "warning: Day 1 (2027-03-15): #1 MARA (Lena Okafor) is due on set at 16:00, before their hair and makeup call at 17:00" in captured.err
    assert "1 warnings)" in captured.out


def test_validate_lists_schedule_warnings_and_still_exits_0(tmp_path, capsys):
    shutil.copytree(EXAMPLE, tmp_path / "p")
    project = load_project(tmp_path / "p").project
    project.shoot_days[1].date = "2027-03-15"
    project.locations[1].nearest_hospital = ""
    project.locations[0].nearest_hospital = ""
    save_project(project, tmp_path / "p")
    assert main(["validate", str(tmp_path / "p")]) == 0
    captured = capsys.readouterr()
    file = tmp_path / "p" / "project.json"
    err = captured.err.splitlines()
    assert f"warning: {file}: Day 1 (2027-03-15): 2027-03-15 is also the date of Day 2 (2027-03-15)" in err
    assert f"warning: {file}: Day 2 (2027-03-15): no nearest hospital is listed for the day's locations" in err
    assert "ok (4 scenes, 22 panels, 4 warnings)" in captured.out


def test_validate_of_the_example_has_no_warnings(capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    assert "ok (4 scenes, 22 panels, 0 warnings)" in capsys.readouterr().out


_BLOCKED = r"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked in this test")
sys.meta_path.insert(0, Block())
from storyboarder.cli import main
code = main(["export", "callsheet", sys.argv[1], "-o", sys.argv[2]])
code2 = main(["validate", sys.argv[1]])
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules), "Qt was imported"
print("codes", code, code2)
"""


def test_callsheet_export_runs_without_qt(tmp_path):
    result = subprocess.run([sys.executable, "-c", _BLOCKED, str(EXAMPLE), str(tmp_path / "c.pdf")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "codes 0 0" in result.stdout
    assert (tmp_path / "c.pdf").stat().st_size > 10_000
