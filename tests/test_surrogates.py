"""Text UTF-8 cannot hold (lone surrogates from ``\\ud800`` escapes) is repaired on every road in, so whatever loads, saves."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, small_project, tree_digest
from storyboarder.cli import main
from storyboarder.io import ProjectError, load_project, save_project
from storyboarder.io.fountain import ScriptError
from storyboarder.io.recovery import RECOVERY_FILE, load_recovery, write_recovery
from storyboarder.io.script_import import import_fountain
from storyboarder.io.surrogates import may_hold_surrogates, repair_surrogates, surrogate_places


def write_doc(path, doc):
    # ensure_ascii writes every lone surrogate as a \udXXX escape, as a hostile file would.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=True), encoding="ascii")


def small_doc(tmp_path):
    save_project(small_project(), tmp_path / "source")
    return json.loads((tmp_path / "source" / "project.json").read_text(encoding="utf-8"))


def test_a_lone_surrogate_is_replaced_with_a_warning_naming_its_place(tmp_path):
    doc = small_doc(tmp_path)
    doc["title"] = "Night \ud800"
    doc["scenes"][0]["panels"][1]["action"] = "a\udc00b\ud800"
    doc["scenes"][1]["panels"][0]["layers"] = {"ink\udfff": "images/x.png"}
    doc["cast"][0]["from_a_newer_release"] = ["ok", "odd \ud83d"]
    write_doc(tmp_path / "film" / "project.json", doc)

    loaded = load_project(tmp_path / "film")
    messages = [str(w) for w in loaded.warnings if "surrogate" in w.message]
    file = str(tmp_path / "film" / "project.json")
    assert messages == [
        f"{file}: title: the text held an unpaired surrogate (\\ud800), replaced with \ufffd",
        f"{file}: scenes[0].panels[1].action: the text held unpaired surrogates (\\udc00, \\ud800), replaced with \ufffd",
        f"{file}: scenes[1].panels[0].layers.ink\ufffd: a key held an unpaired surrogate (\\udfff), replaced with \ufffd",
        f"{file}: cast[0].from_a_newer_release[1]: the text held an unpaired surrogate (\\ud83d), replaced with \ufffd",
    ]
    project = loaded.project
    assert project.title == "Night \ufffd"
    assert project.scenes[0].panels[1].action == "a\ufffdb\ufffd"
    assert list(project.scenes[1].panels[0].layers) == ["ink\ufffd"]
    assert project.cast[0].extra["from_a_newer_release"] == ["ok", "odd \ufffd"]

    save_project(project, tmp_path / "film")
    again = load_project(tmp_path / "film")
    assert not [w for w in again.warnings if "surrogate" in w.message]
    assert again.project.title == "Night \ufffd"


def test_upper_case_escapes_are_found_and_true_pairs_are_left_alone(tmp_path):
    doc = small_doc(tmp_path)
    text = json.dumps(doc, indent=1)
    text = text.replace('"title": "Test"', '"title": "\\uD800 \\ud83d\\ude00 \\\\ud800"')
    (tmp_path / "film").mkdir()
    (tmp_path / "film" / "project.json").write_text(text)
    loaded = load_project(tmp_path / "film")
    # The pair is one emoji; the escaped backslash is a literal "\ud800" of six characters.
    assert loaded.project.title == "\ufffd \U0001f600 \\ud800"
    assert [w.where for w in loaded.warnings] == ["title"]


def test_the_fast_test_finds_every_escape_and_passes_over_files_without_one():
    assert may_hold_surrogates(b'{"a": "\\ud800"}') and may_hold_surrogates(b'"\\uDBFF"') and may_hold_surrogates(b'"\\uDc00"')
    assert not may_hold_surrogates(b'{"a": "\\u00e9 \\ud7ff \\ue000 ud800"}')
    assert not may_hold_surrogates((EXAMPLE / "project.json").read_bytes())


def test_a_deeply_nested_unknown_key_is_repaired_without_recursion():
    doc: list = ["\ud800"]
    for _ in range(5000):
        doc = [doc]
    warnings = repair_surrogates({"x": doc}, "f")
    assert len(warnings) == 1 and warnings[0].where == "x" + "[0]" * 5001
    inner = doc
    while inner.__class__ is list and inner[0].__class__ is list:
        inner = inner[0]
    assert inner == ["\ufffd"]


def test_the_recovery_copy_is_repaired_too_and_saves(tmp_path):
    doc = small_doc(tmp_path)
    doc["scenes"][0]["heading"] = "EXT. \ud800 - NIGHT"
    write_doc(tmp_path / "film" / RECOVERY_FILE, doc)
    loaded = load_recovery(tmp_path / "film")
    assert [w.where for w in loaded.warnings] == ["scenes[0].heading"]
    assert loaded.project.scenes[0].heading == "EXT. \ufffd - NIGHT"
    write_recovery(loaded.project, tmp_path / "film")
    save_project(loaded.project, tmp_path / "film")
    assert load_project(tmp_path / "film").warnings == []


def test_saving_text_with_a_surrogate_names_the_place_and_writes_nothing(tmp_path):
    save_project(small_project(), tmp_path)
    before = tree_digest(tmp_path)
    project = small_project()
    project.scenes[1].panels[0].notes = "bad \ud800"
    with pytest.raises(ProjectError) as caught:
        save_project(project, tmp_path)
    assert "scenes[1].panels[0].notes: the text holds an unpaired surrogate (\\ud800), which UTF-8 cannot store" in str(caught.value)
    with pytest.raises(ProjectError, match=r"cannot write the recovery copy: scenes\[1\]\.panels\[0\]\.notes"):
        write_recovery(project, tmp_path)
    assert tree_digest(tmp_path) == before


def test_a_screenplay_with_surrogate_bytes_imports_into_a_project_that_saves(tmp_path):
    # UTF-8 cannot hold a surrogate: such bytes are read as Windows-1252, with a warning.
    script = tmp_path / "night.fountain"
    script.write_bytes(b"INT. MARKET - NIGHT\n\nMara runs \xed\xa0\x80 fast.\n")
    project, plan = import_fountain(script)
    assert [w.where for w in plan.warnings] == ["line 3"]
    save_project(project, tmp_path / "film")
    assert load_project(tmp_path / "film").warnings == []
    # UTF-16 with a lone surrogate is refused, with its reason.
    utf16 = tmp_path / "utf16.fountain"
    utf16.write_bytes("INT. A - DAY\n\nx".encode("utf-16") + b"\x00\xd8")
    with pytest.raises(ScriptError, match="not valid UTF-16"):
        import_fountain(utf16)


def test_every_command_works_on_a_project_that_held_surrogates(tmp_path, capsys):
    doc = json.loads((EXAMPLE / "project.json").read_text(encoding="utf-8"))
    doc["title"] = "Night \ud800 Market"
    doc["scenes"][0]["heading"] = "EXT. \udc00"
    doc["scenes"][0]["panels"][0]["dialogue"] = "MARA\nRun \ud800"
    doc["cast"][0]["character"] = "MA\udbffRA"
    doc["locations"][0]["name"] = "Lane \ud800"
    for scene in doc["scenes"]:
        for panel in scene["panels"]:
            panel["image"] = None  # no pictures: the text is under test, and the exports stay quick
    folder = tmp_path / "film"
    write_doc(folder / "project.json", doc)
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["validate", str(folder)],
        ["info", str(folder)],
        ["plan", str(folder)],
        ["export", "storyboard", str(folder), "-o", str(out / "board.pdf")],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.pdf")],
        ["export", "shotlist", str(folder), "-o", str(out / "shots.csv")],
        ["export", "callsheet", str(folder), "-o", str(out / "call.pdf")],
        ["export", "animatic", str(folder), "-o", str(out / "cut.gif"), "--width", "160"],
        ["export", "edit", str(folder), "-o", str(out / "cut.edl")],
    ]
    printed = {}
    for command in commands:
        assert main(command) == 0, command
        captured = capsys.readouterr()
        # What reaches a terminal must encode: a lone surrogate there is a UnicodeEncodeError.
        printed[command[0]] = (captured.out + captured.err).encode("utf-8").decode("utf-8")
    assert "title:     Night \ufffd Market" in printed["info"]
    assert "title: the text held an unpaired surrogate (\\ud800)" in printed["validate"]
    assert "Run \ufffd" in (out / "shots.csv").read_text(encoding="utf-8-sig")
    save_project(load_project(folder).project, folder)
    assert load_project(folder).warnings == []


def _text_places(doc, path=()):
    """Every place in a project document that holds text, as a tuple of keys."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key != "format":
                yield from _text_places(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _text_places(value, (*path, index))
    elif isinstance(doc, str):
        yield path


def _put(doc, path, value):
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
_SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_text_with_surrogates_in_random_fields_loads_saves_and_reopens(tmp_path_factory, data):
    tmp_path = tmp_path_factory.mktemp("case")
    doc = small_doc(tmp_path)
    places = sorted(set(_text_places(doc)), key=repr)
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=6, unique=True))
    lone = False
    for place in chosen:
        text = data.draw(_ANY_TEXT) + data.draw(_SURROGATE) + data.draw(_ANY_TEXT)
        _put(doc, place, text)
        # A high and a low surrogate side by side are a valid pair once the file is read back.
        lone = lone or any(0xD800 <= ord(ch) <= 0xDFFF for ch in json.loads(json.dumps(text)))
    folder = tmp_path / "film"
    write_doc(folder / "project.json", doc)
    try:
        loaded = load_project(folder)
    except ProjectError as exc:
        # A random value may break a rule that has nothing to do with text (a version, a status):
        # that refusal must name its place and never be about encoding.
        assert all(p.where and "surrogate" not in p.message and "codec" not in p.message for p in exc.problems)
        return
    assert (sum("surrogate" in w.message for w in loaded.warnings) >= 1) == lone
    save_project(loaded.project, folder)
    write_recovery(loaded.project, folder)
    reopened = load_project(folder)
    assert not [w for w in reopened.warnings if "surrogate" in w.message]
    assert json.dumps(msgspec_builtins(reopened.project)) == json.dumps(msgspec_builtins(loaded.project))


def msgspec_builtins(project):
    import msgspec

    return msgspec.to_builtins(project)


def test_a_place_under_a_bad_key_is_named_in_printable_text():
    places = surrogate_places({"layers\ud800": {"ink": "a\udc00"}})
    assert places == [
        "layers\ufffd: a key holds an unpaired surrogate (\\ud800), which UTF-8 cannot store",
        "layers\ufffd.ink: the text holds an unpaired surrogate (\\udc00), which UTF-8 cannot store",
    ]
    "\n".join(places).encode("utf-8")
