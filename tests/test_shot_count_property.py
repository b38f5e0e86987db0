"""Counting shots without labelling them agrees with labelling them, for every scene (issue 15: the status bar's count)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyboarder.model import Panel, Scene
from storyboarder.model.numbering import shot_index, shot_letters
from storyboarder.model.shots import _runs_by_label, _scene_shot_count

OVERRIDES = st.sampled_from(["", "", "", "1A", "1B", "12A", "12AB", " 1C ", "INSERT", "1", "1Z", "1AA", "A"])


@given(st.integers(min_value=0, max_value=5000), st.sampled_from(["IO", "", "IOQ"]))
def test_shot_index_undoes_shot_letters(index, skip):
    assert shot_index(shot_letters(index, skip), skip) == index


@settings(max_examples=300)
@given(
    st.lists(st.tuples(st.booleans(), OVERRIDES), max_size=40),
    st.sampled_from(["1", "12", "1A", "?"]),
    st.sampled_from(["IO", ""]),
)
def test_the_count_equals_the_number_of_labels(panels, number, skip):
    scene = Scene(panels=[Panel(new_shot=new, shot=shot) for new, shot in panels])
    assert _scene_shot_count(scene, number, skip) == len(_runs_by_label(scene, number, skip))
