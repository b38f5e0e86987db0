"""Unsaved image files, some still being encoded: reads wait for them, a save writes finished files."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from conftest import small_project
from storyboarder.io import load_project, save_project
from storyboarder.io.staging import add_image_later
from storyboarder.model.pending import PendingImages


def test_reading_an_entry_waits_for_its_bytes_and_keeps_them():
    images = PendingImages()
    promise: Future[bytes] = Future()
    images.put_later("images/a.png", promise)
    assert "images/a.png" in images and len(images) == 1
    assert images.peek("images/a.png") is promise and images.busy()
    threading.Timer(0.05, promise.set_result, [b"png bytes"]).start()
    assert images["images/a.png"] == b"png bytes"
    assert images.peek("images/a.png") == b"png bytes" and not images.busy()


def test_the_mapping_reads_like_a_dict_of_bytes():
    images = PendingImages()
    images["images/b.png"] = b"b"
    done: Future[bytes] = Future()
    done.set_result(b"a")
    images.put_later("images/a.png", done)
    assert images == {"images/a.png": b"a", "images/b.png": b"b"}
    assert dict(images) == {"images/a.png": b"a", "images/b.png": b"b"}
    assert images.get("images/missing.png") is None and images.peek("images/missing.png") is None
    images.clear()
    assert images == {}


def test_a_failed_encode_is_an_os_error_naming_the_file():
    images = PendingImages()
    failed: Future[bytes] = Future()
    failed.set_exception(MemoryError("out of memory"))
    images.put_later("images/c.png", failed)
    with pytest.raises(OSError, match=r"images/c\.png.*could not be encoded.*out of memory"):
        images.wait()


def test_a_save_waits_for_images_still_being_encoded(tmp_path):
    project = small_project()
    panel = project.scenes[0].panels[0]
    gate = threading.Event()

    def slow_encode() -> bytes:
        gate.wait(5)
        return b"\x89PNG finished"

    with ThreadPoolExecutor(1) as pool:
        panel.image = add_image_later(project, panel, pool.submit(slow_encode), "png")
        assert panel.image.startswith(f"images/{panel.id}-") and panel.image.endswith(".png")
        threading.Timer(0.1, gate.set).start()
        assert save_project(project, tmp_path / "film") == 1
    assert (tmp_path / "film" / panel.image).read_bytes() == b"\x89PNG finished"
    assert project.pending_images == {}
    assert load_project(tmp_path / "film").project.scenes[0].panels[0].image == panel.image


def test_promised_names_never_repeat():
    project = small_project()
    panel = project.scenes[0].panels[0]
    done: Future[bytes] = Future()
    done.set_result(b"same bytes")
    paths = {add_image_later(project, panel, done, "png", layer="ink") for _ in range(200)}
    assert len(paths) == 200
