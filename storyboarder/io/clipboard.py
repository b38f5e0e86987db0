"""Panels on the clipboard: the bytes Copy writes and Paste reads, between windows and processes.

The clipboard carries the panels as JSON with their flattened image inside,
so a paste into another project brings the pictures along. Anything may be
on a clipboard, so a paste is decoded like a project file: the codec checks
every field, and whatever is wrong is refused as ``clipboard: PLACE:
PROBLEM`` with nothing pasted. Keys the model does not know and numbers
out of their declared range, which a file keeps or repairs so as not to
lose a project, are refused too: this build copies neither, and a paste
must bring nothing unseen into a project.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path, PurePosixPath

import msgspec

from storyboarder.model import Panel, Project, new_id
from storyboarder.model.fields import one_line_repairs

from .codec import Decoder, describe
from .errors import Problem, ProjectError
from .images import ImageProblem, open_panel_image, read_panel_image
from . import limits
from .load import check_version, parse_document
from .surrogates import may_hold_surrogates, repair_surrogates
from .migrate import FORMAT, FORMAT_VERSION, migrate
from .paths import image_path_problem, panel_image_paths
from .staging import stage_image

#: The MIME type of copied panels.
PANELS_MIME = "application/x-storyboarder-panels+json"

#: What the ``format`` key of copied panels says.
PANELS_FORMAT = "storyboarder-panels"

#: The "file" that messages about a paste name.
CLIPBOARD = "clipboard"

#: More panels than any board holds: a longer list is not decoded (each panel costs memory).
MAX_PANELS = 100_000

_ITEM_KEYS = frozenset({"panel", "image_data", "image_ext"})
_TOP_KEYS = frozenset({"format", "version", "panels"})
#: Image file extensions a pasted image may have (what imports, drawings and projects use).
_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff"})


def encode_panels(project: Project, folder: Path | None, panels: list[Panel]) -> bytes:
    """The clipboard bytes of ``panels``, each with its flattened image (unsaved or from ``folder``)."""
    items = []
    for panel in panels:
        image_data = None
        if panel.image:
            data = project.pending_images.get(panel.image)
            if data is None and folder is not None:
                try:
                    data = read_panel_image(folder, panel.image)
                except ImageProblem:
                    data = None  # pasted without its picture, as it shows here
            if data is not None:
                image_data = base64.b64encode(data).decode("ascii")
        items.append(
            {
                "panel": msgspec.to_builtins(panel),
                "image_data": image_data,
                "image_ext": PurePosixPath(panel.image).suffix.lstrip(".") if image_data else "",
            }
        )
    return msgspec.json.encode({"format": PANELS_FORMAT, "version": FORMAT_VERSION, "panels": items})


def decode_panels(data: bytes, project: Project) -> list[Panel]:
    """New panels (new ids) from clipboard bytes, their images staged in ``project``; or raise ProjectError.

    Cast members the project does not have are dropped from the panels (the
    cast of another project means nothing here); drawing layers stay behind
    and the flattened image travels instead. Nothing is staged unless every
    panel is good.
    """
    if len(data) > limits.MAX_FILE_BYTES:
        raise ProjectError.single(CLIPBOARD, "", f"the copied panels are {len(data):,} bytes; at most {limits.MAX_FILE_BYTES:,} are pasted")
    doc = parse_document(data, CLIPBOARD)
    if may_hold_surrogates(data):
        # Another program may put "\ud800" escapes there: pasted text must stay savable.
        repair_surrogates(doc, CLIPBOARD)
    items = _checked_items(doc)
    decoder = Decoder(strict=True)
    decoded: list[tuple[Panel, bytes | None, str]] = []
    for i, item in enumerate(items):
        path = ((None, "panels"), i)
        if item.__class__ is not dict:
            decoder.fail(path, f"expected an object, found {describe(item)}")
            continue
        for key in sorted(item.keys() - _ITEM_KEYS):
            decoder.fail((path, key[:80]), "this key is not part of copied panels")
        if "panel" not in item:
            decoder.fail(path, "the panel is missing")
            continue
        before = len(decoder.problems)
        panel = decoder.entity(Panel, item["panel"], (path, "panel"))
        if len(decoder.problems) == before:
            for where, message in _panel_problems(panel):
                decoder.fail(((path, "panel"), where), message)
        image = _image(decoder, item, path)
        decoded.append((panel, image, str(item.get("image_ext") or "png").lower()))
    if decoder.problems:
        raise ProjectError([Problem(CLIPBOARD, where, message) for where, message in decoder.problems])
    known_cast = {member.id for member in project.cast}
    panels = []
    for panel, image, extension in decoded:
        panel.id = new_id("p")
        panel.cast_ids = [c for c in panel.cast_ids if c in known_cast]
        panel.image = None
        panel.layers = {}
        panel.layer_opacity = {}
        one_line_repairs(panel)  # pasted text, like typed text, holds one line where a field does
        if image is not None:
            stage_image(project, panel, image, extension)
        panels.append(panel)
    return panels


def _checked_items(doc: dict) -> list:
    """Check the header of copied panels (migrating older ones) and return the list of items."""
    if doc.get("format") != PANELS_FORMAT:
        raise ProjectError.single(CLIPBOARD, "format", "this is not panels copied from Storyboarder")
    version = check_version(doc, CLIPBOARD, "the panels were copied from")
    unknown = sorted(doc.keys() - _TOP_KEYS)
    if unknown:
        raise ProjectError.single(CLIPBOARD, unknown[0][:80], "this key is not part of copied panels")
    items = doc.get("panels")
    if items.__class__ is not list:
        raise ProjectError.single(CLIPBOARD, "panels", f"expected a list of panels, found {describe(items)}")
    if len(items) > MAX_PANELS:
        raise ProjectError.single(CLIPBOARD, "panels", f"{len(items):,} panels were copied; at most {MAX_PANELS:,} are pasted at once")
    if version < FORMAT_VERSION:
        # Panels change with the project format: migrate them inside a document of their own.
        try:
            wrapped = {"format": FORMAT, "version": version, "scenes": [{"panels": [_panel_of(item) for item in items]}]}
            panels = migrate(wrapped, version)["scenes"][0]["panels"]
        except (LookupError, KeyError, TypeError, ValueError) as exc:
            raise ProjectError.single(CLIPBOARD, "version", f"cannot migrate from format version {version}: {exc}") from None
        items = [dict(item, panel=panel) if item.__class__ is dict else item for item, panel in zip(items, panels)]
    return items


def _panel_of(item: object) -> object:
    return item.get("panel") if item.__class__ is dict else None


def _panel_problems(panel: Panel) -> list[tuple[str, str]]:
    """Image paths of this panel that leave a project folder (which a loaded project would not read)."""
    problems = []
    for where, relative in panel_image_paths(panel):
        reason = image_path_problem(relative)
        if reason:
            problems.append((where[:80], reason))
    return problems


def _image(decoder: Decoder, item: dict, path: tuple) -> bytes | None:
    """The copied image bytes of one item, checked like an image file; None when it has none."""
    encoded, extension = item.get("image_data"), item.get("image_ext", "")
    if encoded is None:
        return None
    if encoded.__class__ is not str:
        decoder.fail((path, "image_data"), f"expected base64 text or null, found {describe(encoded)}")
        return None
    if extension.__class__ is not str or extension.lower() not in _EXTENSIONS:
        shown = repr(extension[:20]) if extension.__class__ is str else describe(extension)
        decoder.fail((path, "image_ext"), f"expected an image file extension ({', '.join(sorted(_EXTENSIONS))}), found {shown}")
        return None
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        decoder.fail((path, "image_data"), "the image is not valid base64")
        return None
    try:
        open_panel_image(Path(os.curdir), "copied image", load=False, data=data).close()
    except ImageProblem as exc:
        decoder.fail((path, "image_data"), str(exc).removesuffix("; a placeholder is shown"))
        return None
    return data
