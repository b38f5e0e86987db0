"""The print image cache: on by default on the CLI, keyed by content, safe against damage and symlinks.

Work is counted (images actually prepared), never timed.
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import EXAMPLE, small_project
from PIL import Image, ImageDraw

from storyboarder.cli import main
from storyboarder.export import StoryboardOptions, export_storyboard_pdf, print_images
from storyboarder.export.print_cache import PrintCache, default_cache_dir
from storyboarder.io import save_project


@pytest.fixture
def prepares(monkeypatch):
    """Count the images actually prepared (decoded, downscaled, encoded)."""
    calls = []
    real = print_images.encode_for_print

    def counting(folder, relative, size, data=None):
        calls.append(relative)
        return real(folder, relative, size, data)

    monkeypatch.setattr(print_images, "encode_for_print", counting)
    return calls


def _entries(folder):
    return sorted(p for p in folder.iterdir() if p.suffix in (".jpg", ".png")) if folder.is_dir() else []


def _project_with_art(tmp_path, suffix="png"):
    project = small_project()
    folder = tmp_path / "p"
    (folder / "images").mkdir(parents=True)
    for index, panel in enumerate(project.scenes[0].panels[:2]):
        image = Image.new("RGB", (800, 450), "white")
        ImageDraw.Draw(image).line([(20, 20 + index * 30), (780, 430)], fill="black", width=4)
        image.save(folder / "images" / f"art{index}.{suffix}")
        panel.image = f"images/art{index}.{suffix}"
    save_project(project, folder)
    return folder


def test_a_second_cli_export_prepares_nothing_with_the_default_cache(tmp_path, prepares):
    folder = _project_with_art(tmp_path)
    assert main(["export", "storyboard", str(folder), "-o", str(tmp_path / "a.pdf")]) == 0
    assert len(prepares) == 2
    cache = default_cache_dir()
    assert cache.is_relative_to(os.environ["XDG_CACHE_HOME"])  # the test's own folder, not the user's
    assert len(_entries(cache)) == 2
    assert main(["export", "storyboard", str(folder), "-o", str(tmp_path / "b.pdf"), "--force"]) == 0
    assert len(prepares) == 2  # every image came from the cache
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_no_cache_writes_nothing_to_the_cache(tmp_path, prepares):
    folder = _project_with_art(tmp_path)
    for out in ("a.pdf", "b.pdf"):
        assert main(["export", "storyboard", str(folder), "-o", str(tmp_path / out), "--no-cache"]) == 0
    assert len(prepares) == 4
    assert not default_cache_dir().exists()
    assert main(["export", "shotlist", str(folder), "-o", str(tmp_path / "s.pdf"), "--thumbnails", "--no-cache"]) == 0
    assert not default_cache_dir().exists()


def test_cache_dir_and_no_cache_cannot_be_given_together(tmp_path, capsys):
    folder = _project_with_art(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["export", "storyboard", str(folder), "-o", str(tmp_path / "a.pdf"), "--no-cache", "--cache-dir", str(tmp_path / "c")])
    assert exit_.value.code == 2 and "not allowed with" in capsys.readouterr().err


def export(folder, out, cache):
    from storyboarder.io import load_project

    loaded = load_project(folder)
    return export_storyboard_pdf(loaded.project, loaded.folder, out, StoryboardOptions(scenes="1", image_cache_dir=cache))


def test_a_damaged_cache_entry_is_ignored_and_rewritten(tmp_path, prepares):
    folder = _project_with_art(tmp_path)
    cache = tmp_path / "cache"
    export(folder, tmp_path / "a.pdf", cache)
    good = {p.name: p.read_bytes() for p in _entries(cache)}
    damaged, truncated = _entries(cache)
    damaged.write_bytes(b"\x00" * len(damaged.read_bytes()))
    truncated.write_bytes(truncated.read_bytes()[:-40])
    export(folder, tmp_path / "b.pdf", cache)
    assert len(prepares) == 4  # both prepared again
    assert {p.name: p.read_bytes() for p in _entries(cache)} == good
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_the_cache_is_keyed_by_content_not_by_file_date(tmp_path, prepares):
    """A drawing changed in place with its size and date put back still prints as it is now."""
    folder = _project_with_art(tmp_path, "bmp")  # a BMP's size does not change with its drawing
    cache = tmp_path / "cache"
    export(folder, tmp_path / "a.pdf", cache)
    art = folder / "images" / "art0.bmp"
    before, data = art.stat(), art.read_bytes()
    image = Image.open(art).convert("RGB")
    ImageDraw.Draw(image).rectangle([300, 100, 500, 300], fill="black")
    image.save(art)
    assert art.read_bytes() != data and art.stat().st_size == before.st_size
    os.utime(art, ns=(before.st_atime_ns, before.st_mtime_ns))
    export(folder, tmp_path / "b.pdf", cache)
    assert sorted(prepares) == ["images/art0.bmp", "images/art0.bmp", "images/art1.bmp"]
    assert (tmp_path / "a.pdf").read_bytes() != (tmp_path / "b.pdf").read_bytes()


def test_the_cache_never_reads_through_a_symlink(tmp_path, prepares):
    """An entry replaced by a link to a file outside the cache (even one with the right bytes) is not read."""
    folder = _project_with_art(tmp_path)
    cache = tmp_path / "cache"
    export(folder, tmp_path / "a.pdf", cache)
    outside = tmp_path / "outside"
    outside.mkdir()
    for entry in _entries(cache):
        shutil.move(entry, outside / entry.name)
        entry.symlink_to(outside / entry.name)
    export(folder, tmp_path / "b.pdf", cache)
    assert len(prepares) == 4
    assert all(not p.is_symlink() for p in _entries(cache))
    assert len(list(outside.iterdir())) == 2  # the files outside are left as they were


def test_the_cache_is_pruned_least_recently_used_first(tmp_path):
    cache = PrintCache(tmp_path / "cache", max_bytes=2500)
    keys = [f"{n:032x}" for n in range(3)]
    for n, key in enumerate(keys):
        entry = cache.put(key, b"\xff\xd8" + bytes([n]) * 996 + b"\xff\xd9", 10, 10, "jpg")
        os.utime(entry.path, ns=(n * 10**9, n * 10**9))  # put in order 0, 1, 2
    assert cache.get(keys[0]) is not None  # used now: the most recent
    assert cache.prune() == 1
    assert cache.get(keys[1]) is None
    assert cache.get(keys[0]) is not None and cache.get(keys[2]) is not None
    (tmp_path / "cache" / "notes.txt").write_text("not ours")
    cache.max_bytes = 0
    cache.prune()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["notes.txt"]


def test_the_example_project_exports_the_same_with_and_without_a_cache(tmp_path):
    from storyboarder.io import load_project

    loaded = load_project(EXAMPLE)
    options = StoryboardOptions(scenes="1", date=None)
    export_storyboard_pdf(loaded.project, loaded.folder, tmp_path / "a.pdf", options)
    cached = StoryboardOptions(scenes="1", image_cache_dir=tmp_path / "cache")
    export_storyboard_pdf(loaded.project, loaded.folder, tmp_path / "b.pdf", cached)
    export_storyboard_pdf(loaded.project, loaded.folder, tmp_path / "c.pdf", cached)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes()
