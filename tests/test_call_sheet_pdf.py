"""The printed call sheet: every section, the derived numbers, Unicode, literal text, fitting and flowing, read back with pypdf."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import EXAMPLE
from storyboarder.export.call_sheet_options import CallSheetExportError, CallSheetOptions, select_days
from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf
from storyboarder.io import load_project
from storyboarder.model import (
    BackgroundCall,
    CameraSpec,
    CastCall,
    CastMember,
    CrewMember,
    DepartmentCall,
    Location,
    Panel,
    Project,
    Scene,
    ShootDay,
    SpecialInstructions,
)

SECTIONS = ("GENERAL CREW CALL", "TIMES", "SUN", "WEATHER", "LOCATIONS", "Nearest hospital", "SCENES: set / description",
            "CAST: character", "BACKGROUND", "CREW CALLS", "NOTES & SPECIAL INSTRUCTIONS", "EQUIPMENT CHECKLIST",
            "ADVANCE SCHEDULE", "SAFETY", "WALKIE CHANNELS", "KEY CONTACTS")


def texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeeze(text: str) -> str:
    """Text without whitespace, so a name wrapped onto two lines is still found."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheet") / "night-market.pdf"
    result = export_call_sheet_pdf(load_project(EXAMPLE).project, out)
    return out, result


def test_example_prints_one_page_per_day_with_every_section(example_pdf):
    out, result = example_pdf
    assert (result.pages, result.days, result.pages_per_day) == (2, 2, {"day-1": 1, "day-2": 1})
    assert result.warnings == []
    day1, day2 = texts(out)
    for section in SECTIONS:
        assert section in day1, section
    assert "CALL SHEET · DAY 1 OF 2" in day1 and "Monday 15 March 2027" in day1
    assert "CALL SHEET · DAY 2 OF 2" in day2 and "Tuesday 16 March 2027" in day2
    assert "Page 1 of 1" in day1 and "Page 1 of 1" in day2
    assert "CLOSED SET" in day2 and "CLOSED SET" not in day1
    assert "Script revision: Blue" in day1 and "Script revision: Pink" in day2
    assert "Last day of the schedule" in day2


def test_example_derived_values_print(example_pdf):
    out, _ = example_pdf
    day1 = texts(out)[0]
    flat = squeeze(day1)

    def row(*cells: str) -> bool:
        """Cells of one table row, in order (pypdf reads each cell on a line of its own)."""
        return squeeze("".join(cells)) in flat

    # Scene rows: I/E, D/N, pages, cast numbers, shots / setups, running time; then the totals.
    assert row("EXT", "N", "2 3/8", "1, 2", "6 / 6", "0:19.5")
    assert row("INT", "N", "1 4/8", "1, 2, 3", "5 / 5", "0:12.2")
    assert row("Total: 2 scenes", "3 7/8", "11 / 11", "0:31.7")
    # Cast by number with their calls.
    assert row("1", "MARA", "Lena Okafor", "SW", "16:15", "16:45", "18:15")
    assert row("3", "AUNTIE WEN", "Grace Liu", "SWF", "19:30", "20:00", "21:00")
    # Times, sun at the market in its own time zone, the hospital.
    assert "Breakfast 16:30" in day1 and "Est. wrap 05:30" in day1
    assert "Sunrise 07:26" in day1 and "Sunset 19:17" in day1 and "America/Vancouver" in day1
    assert "St. Brigid General Hospital" in day1 and "+1 555 0199" in day1
    # Crew by department with resolved calls; equipment from the shots; the next day's scenes.
    assert row("GRIP & ELECTRIC", "15:00") and row("Gaffer", "Rosa Delgado", "15:00") and row("Marcus Lee", "17:30")
    assert "☐ 48 fps (1D)" in day1 and "☐ Steadicam (1B)" in day1 and "☐ 3200K (1A–2E)" in day1
    assert "Day 2 of 2 · Tuesday 16 March 2027 · crew call 17:00" in day1
    assert row("3", "ROOFTOP") and row("1, 4", "Portside Studios, Stage 2")
    assert "Ch 1 Production / ADs" in day1 and "Jonas Berg (Line Producer): +1 555 0140" in day1


def test_two_exports_are_byte_identical(tmp_path):
    project = load_project(EXAMPLE).project
    export_call_sheet_pdf(project, tmp_path / "a.pdf")
    export_call_sheet_pdf(project, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a4_and_chosen_days(tmp_path):
    project = load_project(EXAMPLE).project
    out = tmp_path / "day2.pdf"
    result = export_call_sheet_pdf(project, out, CallSheetOptions(paper="a4", day_ids=("day-2",)))
    reader = PdfReader(out)
    assert result.pages == 1 and len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert "DAY 2 OF 2" in reader.pages[0].extract_text()


def stress_project() -> Project:
    """A long day: 15 cast, 40 crew, several scripts and long notes."""
    names = ["Алексей Смирнов", "Ελένη Παπαδοπούλου", "山田太郎", "Zoë Ångström", "José Núñez", "Łukasz Żółć",
             "Nguyễn Văn An", "Ngozi Adébáyọ̀", "Søren Kierkegård", "Иван Петров"]
    cast = [CastMember(id=f"c{i}", actor=names[i % len(names)] + f" {i}", character=f"ПЕРСОНАЖ {i}" if i % 3 == 0 else f"CHARACTER {i}",
                       number=i + 1) for i in range(15)]
    departments = ["Production", "Direction", "Camera", "Electric", "Grip", "Sound", "Art", "Props", "Costume", "Makeup",
                   "Locations", "Transport", "Catering", "VFX"]
    crew = [CrewMember(id=f"w{i}", name=f"{names[i % len(names)]} Crew{i}", department=departments[i % len(departments)],
                       role=f"Role number {i}", phone=f"+1 555 {1000 + i}") for i in range(40)]
    scenes = []
    for s in range(8):
        # One setup a scene, so that the day's shots fit between its shooting call and its wrap.
        panels = [Panel(cast_ids=[f"c{(s + k) % 15}" for k in range(3)],
                        camera=CameraSpec(camera="A", lens_mm=25 + s, rig="dolly", setup="1"))
                  for _ in range(3)]
        scenes.append(Scene(id=f"s{s}", heading=f"INT. 夜市の屋台 {s} - NIGHT", pages_eighths=s + 3, panels=panels,
                            description="Μια μεγάλη περιγραφή της σκηνής με πολλές λέξεις. " * 2))
    day = ShootDay(
        id="d1", date="2027-05-01", crew_call="06:00", shooting_call="07:30", breakfast="05:30", lunch="12:30", wrap="19:00",
        location_ids=["l1"], scene_ids=[s.id for s in scenes],
        cast_calls=[CastCall(cast_id=c.id, pickup="05:00", makeup="05:30", on_set="07:00", status="W",
                             remarks="Примечание: костюм и грим " * 2) for c in cast],
        department_calls=[DepartmentCall(department="Camera", call="05:45")],
        background=[BackgroundCall(count=20, description="Прохожие", report="06:00", report_place="Holding")],
        instructions=SpecialInstructions(camera="Long camera notes. " * 10, stunts="安全第一。" * 20),
        notes="General notes in English and 中文 and Русский. " * 6,
        safety="Safety first. " * 20,
        walkie_channels="\n".join(f"Ch {i} Channel {i}" for i in range(1, 8)),
    )
    location = Location(id="l1", name="Главная площадь", address="1 Square", latitude=55.75, longitude=37.62,
                        nearest_hospital="Hospital No. 1\nUlitsa 1\n+7 495 000 0000")
    return Project(title="Стресс-тест", director="Режиссёр", scenes=scenes, cast=cast, crew=crew, locations=[location],
                   shoot_days=[day, ShootDay(id="d2", date="2027-05-02", scene_ids=["s0"])])


def test_a_long_day_flows_onto_more_pages_and_loses_nothing(tmp_path):
    project = stress_project()
    out = tmp_path / "stress.pdf"
    result = export_call_sheet_pdf(project, out, CallSheetOptions(day_ids=("d1",)))
    pages = texts(out)
    assert result.warnings == []
    assert result.pages == len(pages) == result.pages_per_day["d1"]
    everything = squeeze("\n".join(pages))
    for member in project.crew:
        assert squeeze(member.name) in everything, member.name
    for member in project.cast:
        assert squeeze(member.actor) in everything and squeeze(member.character) in everything
    assert squeeze("安全第一。" * 20) in everything
    assert squeeze("Главная площадь") in everything and "Europe/Moscow" in "\n".join(pages)
    if len(pages) > 1:
        assert f"Page 1 of {len(pages)}" in pages[0]
        for number, text in enumerate(pages[1:], start=2):
            assert f"continued, page {number}" in text and f"Page {number} of {len(pages)}" in text


def test_a_5000_word_note_flows_over_pages_instead_of_being_cut(tmp_path):
    project = load_project(EXAMPLE).project
    project.shoot_days[0].safety = " ".join(f"word{i}" for i in range(5000)) + " THE-END"
    out = tmp_path / "long.pdf"
    result = export_call_sheet_pdf(project, out, CallSheetOptions(day_ids=("day-1",)))
    pages = texts(out)
    assert result.pages_per_day["day-1"] == len(pages) > 1
    text = "\n".join(pages)
    assert "word0 " in text and "word4999" in text and "THE-END" in text
    assert "continued, page 2" in pages[1]


def test_user_text_prints_literally(tmp_path):
    Image.new("RGB", (40, 30), "red").save(tmp_path / "secret.png")
    project = load_project(EXAMPLE).project
    project.title = "<b>Night</b> & <i>Day</i>"
    day = project.shoot_days[0]
    day.notes = f"Fish & chips <img src='{tmp_path / 'secret.png'}'/> &amp; <font size=40>big</font>"
    day.cast_calls[0].remarks = "a < b > c & d"
    project.cast[1].character = "<JUNO>"
    out = tmp_path / "literal.pdf"
    export_call_sheet_pdf(project, out, CallSheetOptions(day_ids=("day-1",)))
    text = texts(out)[0]
    assert "<b>Night</b> & <i>Day</i>" in text
    assert f"Fish & chips <img src='{tmp_path / 'secret.png'}'/> &amp; <font size=40>big</font>" in squeeze(text) or \
        squeeze(f"Fish & chips <img src='{tmp_path / 'secret.png'}'/> &amp; <font size=40>big</font>") in squeeze(text)
    assert "a < b > c & d" in text and "<JUNO>" in text
    for page in PdfReader(out).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not any(ref.get_object().get("/Subtype") == "/Image" for ref in xobjects.values())


def test_non_latin_text_prints_through_the_fallback_fonts(tmp_path):
    project = load_project(EXAMPLE).project
    project.title = "Ночной рынок"
    project.cast[0].character = "ΜΆΡΑ"
    project.locations[0].name = "夜市 Harbour Street"
    project.shoot_days[0].weather = "Дождь, 9 °C; βροχή; 小雨"
    out = tmp_path / "unicode.pdf"
    result = export_call_sheet_pdf(project, out, CallSheetOptions(day_ids=("day-1",)))
    text = texts(out)[0]
    assert result.warnings == []
    for sample in ("Ночной рынок", "ΜΆΡΑ", "夜市 Harbour Street", "Дождь, 9 °C; βροχή; 小雨"):
        assert sample in text, sample


def test_characters_no_font_has_are_warned_about_by_place(tmp_path):
    project = load_project(EXAMPLE).project
    project.shoot_days[0].notes = "Carved: \U00013000"
    result = export_call_sheet_pdf(project, tmp_path / "x.pdf", CallSheetOptions(day_ids=("day-1",)))
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("Day 1: notes: no installed font has") and "U+13000" in result.warnings[0]


def test_deleted_scene_cast_and_location_print_a_warning_line(tmp_path):
    project = load_project(EXAMPLE).project
    day = project.shoot_days[0]
    day.scene_ids.insert(0, "scene-deleted")
    day.cast_calls.append(CastCall(cast_id="cast-deleted"))
    day.location_ids.append("loc-deleted")
    out = tmp_path / "broken.pdf"
    result = export_call_sheet_pdf(project, out, CallSheetOptions(day_ids=("day-1",)))
    text = squeeze("\n".join(texts(out)))
    for message in ("scene 'scene-deleted' is scheduled but no longer in the project",
                    "cast member 'cast-deleted' is called but no longer in the cast",
                    "location 'loc-deleted' is booked but no longer in the project"):
        assert squeeze(f"WARNING: {message}") in text
        assert any(message in warning for warning in result.warnings)
    assert squeeze("NIGHT MARKET") in text  # the rest of the day still prints


def test_cancel_writes_nothing_and_progress_counts_days(tmp_path):
    project = load_project(EXAMPLE).project
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"old")
    result = export_call_sheet_pdf(project, out, cancelled=lambda: True)
    assert result.cancelled and out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
    seen = []
    export_call_sheet_pdf(project, out, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_days_are_chosen_by_number_range_or_date():
    project = stress_project()
    project.shoot_days.append(ShootDay(id="d3", date="2027-05-01"))
    assert [d.id for d in select_days(project, [])] == ["d1", "d2", "d3"]
    assert [d.id for d in select_days(project, ["2"])] == ["d2"]
    assert [d.id for d in select_days(project, ["3,1-2"])] == ["d3", "d1", "d2"]
    assert [d.id for d in select_days(project, ["2027-05-01"])] == ["d1", "d3"]
    with pytest.raises(CallSheetExportError) as raised:
        select_days(project, ["4", "2027-06-01", "soon"])
    assert raised.value.problems == [
        "day 4: the schedule has days 1 to 3",
        "day 2027-06-01: no shoot day is on that date (days run from 2027-05-01 to 2027-05-02)",
        "day 'soon': give a day number such as 2, a range such as 1-3, or a date as YYYY-MM-DD",
    ]
    with pytest.raises(CallSheetExportError, match="no shoot days"):
        select_days(Project(), [])


def test_bad_options_and_outputs_are_one_line_each(tmp_path):
    project = load_project(EXAMPLE).project
    with pytest.raises(CallSheetExportError, match="paper: 'tabloid' is not one of letter, a4"):
        export_call_sheet_pdf(project, tmp_path / "x.pdf", CallSheetOptions(paper="tabloid"))
    with pytest.raises(CallSheetExportError, match="no shoot day has the id 'nope'"):
        export_call_sheet_pdf(project, tmp_path / "x.pdf", CallSheetOptions(day_ids=("nope",)))
    with pytest.raises(Exception, match="is a folder"):
        export_call_sheet_pdf(project, tmp_path)
