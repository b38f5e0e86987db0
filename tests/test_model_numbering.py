"""Shot and scene numbering, and durations, as crews expect them."""

from __future__ import annotations

import pytest

from storyboarder.model import (
    Panel,
    Project,
    Scene,
    format_duration,
    scene_duration_ms,
    scene_numbers,
    shot_count,
    shot_labels,
    shot_letters,
    total_duration_ms,
)


def test_letters_skip_i_and_o_by_default():
    letters = [shot_letters(i) for i in range(24)]
    assert "I" not in letters and "O" not in letters
    assert letters[:9] == ["A", "B", "C", "D", "E", "F", "G", "H", "J"]
    assert letters[-1] == "Z"


def test_letters_go_on_to_double_letters_after_z():
    assert shot_letters(23) == "Z"
    assert shot_letters(24) == "AA"
    assert shot_letters(25) == "AB"
    assert shot_letters(24 + 24 * 24) == "AAA"


def test_skipped_letters_are_a_project_setting():
    project = Project(skip_letters="", scenes=[Scene(panels=[Panel() for _ in range(10)])])
    labels = [shot_labels(project)[p.id].label for p in project.scenes[0].panels]
    assert labels[8] == "1I"
    project.skip_letters = "IOQ"
    assert shot_letters(14, project.skip_letters) == "R"


def test_negative_index_is_refused():
    with pytest.raises(ValueError):
        shot_letters(-1)


def _labels(project):
    found = shot_labels(project)
    return [[found[p.id].label for p in scene.panels] for scene in project.scenes]


def test_continuing_panels_share_the_shot_with_an_index():
    panels = [Panel(), Panel(new_shot=False), Panel(new_shot=False), Panel()]
    project = Project(scenes=[Scene(panels=panels)])
    assert _labels(project) == [["1A-1", "1A-2", "1A-3", "1B"]]
    assert shot_count(project, project.scenes[0]) == shot_count(project) == 2


def test_first_panel_always_starts_a_shot():
    project = Project(scenes=[Scene(panels=[Panel(new_shot=False), Panel()])])
    assert _labels(project) == [["1A", "1B"]]


def test_override_names_its_shot_without_renumbering_others():
    panels = [Panel(), Panel(shot="X99"), Panel(new_shot=False), Panel()]
    project = Project(scenes=[Scene(panels=panels)])
    assert _labels(project) == [["1A", "X99-1", "X99-2", "1C"]]


def test_scene_numbers_count_on_from_a_locked_number():
    scenes = [Scene(), Scene(number="12A"), Scene(), Scene(number="X"), Scene()]
    project = Project(scenes=scenes)
    assert list(scene_numbers(project).values()) == ["1", "12A", "13", "X", "14"]
    project.scenes[1].panels = [Panel(), Panel()]
    assert _labels(project)[1] == ["12AA", "12AB"]


def test_durations_add_up_per_scene_and_in_total():
    project = Project(
        scenes=[Scene(panels=[Panel(duration_ms=1500), Panel(duration_ms=2500)]), Scene(panels=[Panel(duration_ms=61_000)])]
    )
    assert scene_duration_ms(project.scenes[0]) == 4000
    assert total_duration_ms(project) == 65_000
    assert format_duration(65_000) == "1:05.0"
    assert format_duration(3_725_000) == "1:02:05"
