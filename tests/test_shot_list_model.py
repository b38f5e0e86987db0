"""The shot list model: rows, the column catalogue, cell text and parsing, subtotals, filters, and the new fields."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE, small_project
from storyboarder.io import load_project, save_project
from storyboarder.model import Project
from storyboarder.model.edits import get_field, set_fields
from storyboarder.model.shot_columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    CSV_COLUMNS,
    DEFAULT_COLUMNS,
    PDF_COLUMNS,
    ShotListContext,
    ShotListError,
    cell_text,
    cell_value,
    csv_text,
    natural_key,
    parse_cell,
    parse_columns,
    sort_key,
)
from storyboarder.model.numbering import parse_duration_ms
from storyboarder.model.shot_list import (
    ShotFilter,
    filter_choices,
    filter_rows,
    group_by_scene,
    order_rows,
    shot_rows,
    subtotal,
)
from storyboarder.vocabulary import load_vocabulary
from shot_list_data import rich_project


# The new fields -----------------------------------------------------------------


def test_new_fields_default_so_old_files_load_unchanged(tmp_path):
    (tmp_path / "project.json").write_text(json.dumps({"format": "storyboarder", "version": 1, "scenes": [{"panels": [{}]}]}))
    project = load_project(tmp_path).project
    panel = project.scenes[0].panels[0]
    assert (panel.status, panel.cut_reason, panel.shoot_order) == ("", "", None)
    assert project.camera_reset_minutes == 30.0 and 20 <= project.camera_reset_minutes <= 60
    assert project.lighting_reset_minutes == 45.0 and project.default_shot_minutes == 15.0


def test_new_fields_round_trip(tmp_path):
    project = rich_project()
    project.scenes[0].panels[1].shoot_order = 3
    project.camera_reset_minutes = 25.0
    save_project(project, tmp_path)
    again = load_project(tmp_path).project
    assert again.scenes[0].panels[1].shoot_order == 3
    assert again.scenes[0].panels[3].status == "cut" and again.scenes[0].panels[3].cut_reason == "covered in 1A"
    assert again.camera_reset_minutes == 25.0


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda doc: doc.update(camera_reset_minutes=-5), "camera_reset_minutes"),
        (lambda doc: doc["scenes"][0]["panels"][0].update(shoot_order=0), "scenes[0].panels[0].shoot_order"),
    ],
)
def test_bad_planner_values_are_read_as_missing_with_their_place(tmp_path, edit, where):
    doc = {"format": "storyboarder", "version": 1, "scenes": [{"id": "s", "panels": [{"id": "p"}]}]}
    edit(doc)
    (tmp_path / "project.json").write_text(json.dumps(doc))
    loaded = load_project(tmp_path)
    assert [warning.where for warning in loaded.warnings] == [where]
    assert loaded.project.camera_reset_minutes == 30 and loaded.project.scenes[0].panels[0].shoot_order is None


def test_vocabulary_covers_every_term_the_issue_lists():
    words = load_vocabulary()
    wanted = {
        "shot_sizes": ["EWS", "ELS", "WS", "LS", "FS", "MWS", "MLS", "cowboy", "MS", "MCU", "CU", "VCU", "ECU",
                       "two-shot", "OTS", "POV", "insert", "establishing"],
        "angles": ["eye level", "high", "low", "overhead", "bird's-eye", "Dutch", "worm's-eye"],
        "movements": ["static", "pan", "tilt", "pedestal", "dolly in", "dolly out", "truck", "arc", "crane", "jib",
                      "handheld", "Steadicam", "gimbal", "zoom", "dolly zoom", "rack focus", "tracking", "follow", "drone"],
    }
    for name, terms in wanted.items():
        known = {t.value.casefold(): t for t in words.terms(name)}
        known.update({alias.casefold(): t for t in words.terms(name) for alias in t.aliases})
        missing = [term for term in terms if term.casefold() not in known]
        assert not missing, f"{name} lacks {missing}"
        # Every standard term carries its full name, so a list shows both.
        assert all(t.name for t in words.terms(name)), name


# Columns ------------------------------------------------------------------------


def test_column_keys_are_unique_and_paths_name_real_fields():
    assert len(COLUMN_BY_KEY) == len(COLUMNS)
    project = rich_project()
    scene, panel = project.scenes[0], project.scenes[0].panels[0]
    for column in COLUMNS:
        if column.editable:
            owner = scene if column.owner == "scene" else panel
            get_field(owner, column.path)  # raises if the path is wrong
        else:
            assert cell_value(column, scene, panel) is None
    assert COLUMN_BY_KEY["shot_size"].path == "camera.shot_size" and COLUMN_BY_KEY["shot_size"].vocabulary == "shot_sizes"
    assert not COLUMN_BY_KEY["shot"].editable and COLUMN_BY_KEY["int_ext"].owner == "scene"
    assert set(PDF_COLUMNS) <= set(DEFAULT_COLUMNS) <= set(COLUMN_BY_KEY)
    assert "thumbnail" in CSV_COLUMNS and "thumbnail" not in PDF_COLUMNS


def test_every_issue_column_is_in_the_catalogue():
    issue = ["scene", "shot", "thumbnail", "shot_size", "angle", "movement", "lens", "camera", "rig", "setup",
             "lighting_setup", "lighting_style", "cast", "action", "dialogue", "duration", "est_minutes", "notes",
             "int_ext", "location", "time_of_day", "shoot_order", "status"]
    assert [key for key in issue if key not in COLUMN_BY_KEY] == []


def test_cell_text_of_a_row():
    project = rich_project()
    ctx = ShotListContext(project)
    scene = project.scenes[0]
    texts = {c.key: cell_text(c, scene, scene.panels[1], ctx) for c in COLUMNS}
    assert texts["scene"] == "1" and texts["shot"] == "1B-1"
    assert texts["lens"] == "50mm" and texts["duration"] == "0:01.5"
    assert texts["cast"] == "MARA, ЖЕНЯ" and texts["location"] == "Night market"
    assert texts["int_ext"] == "EXT" and texts["est_minutes"] == "" and texts["status"] == ""
    assert cell_text("shot", scene, scene.panels[2], ctx) == "1B-2"
    assert cell_text("status", scene, scene.panels[3], ctx) == "cut"
    assert csv_text("duration", scene, scene.panels[1], ctx) == "1.5" and csv_text("lens", scene, scene.panels[1], ctx) == "50"


def test_parse_cell_round_trips_every_editable_column():
    project = rich_project()
    ctx = ShotListContext(project)
    for scene in project.scenes:
        for panel in scene.panels:
            for column in COLUMNS:
                if not column.editable:
                    continue
                stored = cell_value(column, scene, panel)
                for text in {cell_text(column, scene, panel, ctx), csv_text(column, scene, panel, ctx)}:
                    assert parse_cell(column, text, ctx) == stored, (column.key, text)


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("lens", "35mm", 35.0),
        ("lens", " 35 ", 35.0),
        ("lens", "", None),
        ("duration", "2.5", 2500),
        ("duration", "0:02.5", 2500),
        ("duration", "1:00:00", 3_600_000),
        ("est_minutes", "20 min", 20.0),
        ("shoot_order", "4", 4),
        ("status", "Shot", "shot"),
        ("status", "", ""),
        ("cast", "mara, Ana Lima", ["c-mara"]),
        ("cast", "женя", ["c-zhen"]),
        ("location", "van", "l-van"),
        ("location", "", None),
        ("shot_size", "medium close-up", "MCU"),
        ("shot_size", "mcu", "MCU"),
        ("movement", "whip pan", "whip pan"),
    ],
)
def test_parse_cell_accepts_what_people_type(key, text, value):
    assert parse_cell(key, text, ShotListContext(rich_project())) == value


@pytest.mark.parametrize(
    ("key", "text"),
    [("lens", "wide"), ("lens", "-5"), ("duration", "soon"), ("shoot_order", "0"), ("shoot_order", "2.5"),
     ("status", "maybe"), ("cast", "NOBODY"), ("location", "Moon"), ("shot", "3A")],
)
def test_parse_cell_refuses_nonsense_with_a_message(key, text):
    with pytest.raises(ShotListError) as caught:
        parse_cell(key, text, ShotListContext(rich_project()))
    assert caught.value.problems and caught.value.problems[0]


def test_parse_duration_bounds():
    assert parse_duration_ms("90s") == 90_000
    for text in ("nan", "inf", "1e999"):
        with pytest.raises(ValueError):
            parse_duration_ms(text)
    with pytest.raises(ShotListError, match="duration must be"):
        parse_cell("duration", "864000", ShotListContext(Project()))


def test_parse_columns_takes_keys_titles_and_aliases_in_order():
    assert parse_columns("shot, size,Lens (mm), light,est, I/E") == ("shot", "shot_size", "lens", "lighting_setup", "est_minutes", "int_ext")
    assert parse_columns("shot,shot") == ("shot",)
    with pytest.raises(ShotListError) as caught:
        parse_columns("shot,wat,nope")
    assert len(caught.value.problems) == 2
    with pytest.raises(ShotListError):
        parse_columns(" , ")


def test_sort_keys_are_natural_and_put_blanks_last():
    assert sorted(["10A", "2B", "2A", "1AA"], key=natural_key) == ["1AA", "2A", "2B", "10A"]
    project = rich_project()
    ctx = ShotListContext(project)
    rows = shot_rows(project)
    by_lens = sorted(rows, key=lambda r: sort_key("lens", r.scene, r.panel, ctx))
    assert [r.panel.id for r in by_lens] == ["a", "c", "b", "d", "b2"]
    by_size = sorted(rows, key=lambda r: sort_key("shot_size", r.scene, r.panel, ctx))
    assert by_size[-1].panel.camera.shot_size == "" and by_size[0].panel.camera.shot_size == "CU"


# Rows, groups, subtotals ------------------------------------------------------------


def test_rows_follow_story_order_and_group_by_scene():
    project = rich_project()
    ctx = ShotListContext(project)
    rows = shot_rows(project)
    assert [r.panel.id for r in rows] == ["a", "b", "b2", "c", "d"]
    assert [r.position for r in rows] == [0, 1, 2, 3, 4]
    groups = group_by_scene(rows, ctx)
    assert [(g.number, g.panels) for g in groups] == [("1", 4), ("2", 1)]
    assert groups[0].title == "1  EXT. MARKET - NIGHT"
    only_second = shot_rows(project, [project.scenes[1]])
    assert [r.panel.id for r in only_second] == ["d"] and only_second[0].position == 4


def test_subtotals_count_shots_duration_and_minutes():
    project = rich_project()
    ctx = ShotListContext(project)
    first = group_by_scene(shot_rows(project), ctx)[0].subtotal(ctx)
    # Shots 1A, 1B (two panels, 5 min estimated on the second) and 1C (unestimated, at the default 15),
    # and one 30-minute camera reset: the planner films 1C on 1A's setup, then moves to 1B.
    assert (first.shots, first.panels, first.duration_ms) == (3, 4, 7500)
    assert first.est_minutes == 40 + 5 + 15 + 30 and first.unestimated_shots == 1
    assert (first.shot, first.cut) == (1, 1)


def test_a_filtered_shot_counts_once():
    project = rich_project()
    ctx = ShotListContext(project)
    rows = [r for r in shot_rows(project) if r.panel.id in ("b", "b2")]
    assert subtotal(rows, ctx).shots == 1


def test_shoot_order_rows_and_continuations_follow_their_shot():
    project = rich_project()
    panels = {p.id: p for _, p in project.iter_panels()}
    panels["c"].shoot_order, panels["a"].shoot_order, panels["b"].shoot_order = 1, 2, 3
    rows = order_rows(shot_rows(project), "shoot")
    assert [r.panel.id for r in rows] == ["c", "a", "b", "b2", "d"]
    ctx = ShotListContext(project)
    groups = group_by_scene(rows, ctx)
    assert [(g.number, g.continued) for g in groups] == [("1", False), ("2", False)]
    panels["d"].shoot_order = 2
    groups = group_by_scene(order_rows(shot_rows(project), "shoot"), ctx)
    assert [(g.number, g.continued) for g in groups] == [("1", False), ("2", False), ("1", True)]
    with pytest.raises(ValueError):
        order_rows(shot_rows(project), "alphabetical")


# Filters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (ShotFilter(), ["a", "b", "b2", "c", "d"]),
        (ShotFilter(text="market"), ["a", "b", "b2", "c"]),  # the location name is searched too
        (ShotFilter(text="mara RUNS"), ["b"]),
        (ShotFilter(text="стой"), ["c"]),
        (ShotFilter(text="<b>&amp;"), ["d"]),
        (ShotFilter(scene_ids=frozenset({"s2"})), ["d"]),
        (ShotFilter(location_ids=frozenset({"l-market"})), ["a", "b", "b2", "c"]),
        (ShotFilter(camera_setups=frozenset({"1"})), ["a", "c"]),
        (ShotFilter(camera_setups=frozenset({""})), ["b2", "d"]),
        (ShotFilter(lighting_setups=frozenset({"L1"})), ["a", "b"]),
        (ShotFilter(cast_ids=frozenset({"c-zhen"})), ["b", "c"]),
        (ShotFilter(cast_ids=frozenset({"c-zhen"}), camera_setups=frozenset({"2"})), ["b"]),
        (ShotFilter(text="nothing like this"), []),
    ],
)
def test_filters(flt, ids):
    project = rich_project()
    rows = filter_rows(shot_rows(project), flt, ShotListContext(project))
    assert [r.panel.id for r in rows] == ids


def test_filter_choices_list_what_the_project_has():
    project = rich_project()
    choices = filter_choices(project)
    assert [v for v, _ in choices.scenes] == ["s1", "s2"]
    assert choices.locations == (("l-market", "Night market"), ("l-van", "Van"))
    assert choices.camera_setups == (("1", "1"), ("2", "2"), ("", "(no setup)"))
    assert choices.lighting_setups == (("L1", "L1"), ("", "(no setup)"))
    assert choices.cast == (("c-mara", "MARA"), ("c-zhen", "ЖЕНЯ"))


def test_an_edit_through_the_column_path_shows_in_the_cell():
    project = small_project()
    ctx = ShotListContext(project)
    scene, panel = project.scenes[0], project.scenes[0].panels[0]
    column = COLUMN_BY_KEY["shot_size"]
    set_fields(project, [panel], column.path, [parse_cell(column, "extreme close-up", ctx)])
    assert cell_text(column, scene, panel, ctx) == "ECU"


def test_example_project_rows():
    project = load_project(EXAMPLE).project
    ctx = ShotListContext(project)
    rows = shot_rows(project)
    assert len(rows) == sum(len(s.panels) for s in project.scenes)
    groups = group_by_scene(rows, ctx)
    assert len(groups) == len(project.scenes)
    assert sum(g.subtotal(ctx).shots for g in groups) == 21
