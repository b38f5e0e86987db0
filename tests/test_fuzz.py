"""Whatever bytes sit in project.json, loading either works or raises our own error."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import small_project
from storyboarder.io import ProjectError, dumps, load_document

_VALID = dumps(small_project()).encode()


def _load(data: bytes) -> None:
    folder = Path(tempfile.gettempdir())
    try:
        loaded = load_document(data, folder, folder / "project.json")
    except ProjectError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
    else:
        # Whatever loaded must save again.
        dumps(loaded.project)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_any_bytes_load_or_raise_project_error(data):
    _load(data)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(_VALID) - 1), st.binary(min_size=1, max_size=8))
def test_corrupted_valid_files_load_or_raise_project_error(offset, garbage):
    _load(_VALID[:offset] + garbage + _VALID[offset + len(garbage):])


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["title", "scenes", "cast", "fps", "shoot_days"]), _json_values)
def test_any_json_value_in_any_field_loads_or_raises_project_error(key, value):
    doc = json.loads(_VALID)
    doc[key] = value
    _load(json.dumps(doc).encode())


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["id", "camera", "lighting", "cast_ids", "duration_ms", "image", "new_shot"]), _json_values)
def test_any_json_value_in_a_panel_loads_or_raises_project_error(key, value):
    doc = json.loads(_VALID)
    doc["scenes"][0]["panels"][0][key] = value
    _load(json.dumps(doc).encode())
