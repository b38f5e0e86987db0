"""What committing a drawing stores in its panel: new layer files, opacities and a composite.

Only layers whose content changed since they were loaded (their tag says
so) are encoded, in a worker (``encoding``); unchanged ones keep their
files, including a panel's original picture on the reference layer and
any layer this version does not draw. The composite is rendered whenever
anything changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QImage

from storyboarder.io.staging import add_image_later
from storyboarder.model import Panel, Project

from .encoding import encode_later
from .layers import LAYER_NAMES, LayerStack, panel_layer_paths, panel_tags


def panel_fields(project: Project, panel: Panel, stack: LayerStack) -> tuple[dict[str, Any], dict[str, Any], dict[str, QImage]] | None:
    """The panel's ``layers``, ``layer_opacity`` and ``image`` now and as the stack would have them.

    New images are encoded in a worker and promised to the project for the
    next save (see ``encoding``); the third item maps each new file's path
    to its pixels, for showing them again without waiting for the encode.
    Returns None, and marks the stack clean, when the drawing comes to what
    the panel already has (for example, drawn and then erased).
    """
    paths, model = panel_layer_paths(panel), panel_tags(panel, stack.size)
    # Layers this version does not draw are kept as they are.
    layers: dict[str, str | None] = {name: path for name, path in panel.layers.items() if name not in LAYER_NAMES}
    changed = []
    for name in LAYER_NAMES:
        if stack.tags[name] == model[name]:
            if paths[name]:
                layers[name] = paths[name]
        elif not stack.is_blank(name):
            changed.append(name)
            layers[name] = None  # its file is named below, in this order
    opacity = {name: value for name, value in panel.layer_opacity.items() if name not in LAYER_NAMES}
    opacity.update({name: round(value, 4) for name, value in stack.opacity.items() if value < 1.0})
    had = dict(panel.layers) if panel.layers else ({"reference": panel.image} if panel.image else {})
    if not changed and layers == had and opacity == dict(panel.layer_opacity):
        stack.tags.update(model)
        return None
    images: dict[str, QImage] = {}
    image = None
    if layers:
        # The composite first: the board's thumbnail waits for it.
        flat = stack.flatten()
        image = add_image_later(project, panel, encode_later(flat), "png")
        images[image] = flat
    for name in changed:
        pixels = QImage(stack.images[name])
        layers[name] = add_image_later(project, panel, encode_later(pixels), "png", layer=name)
        images[layers[name]] = pixels
    old = {"layers": dict(panel.layers), "layer_opacity": dict(panel.layer_opacity), "image": panel.image}
    new = {"layers": layers, "layer_opacity": opacity, "image": image}
    return old, new, images


class Drafts:
    """The last change ``panel_fields`` made, kept so that asking again encodes nothing new.

    An autosave asks for the change a commit would make (and writes it into
    the recovery copy only); the commit that follows uses the same files.
    A change made for an older state of the drawing is dropped, with its
    files: no panel and no undo step names them.
    """

    def __init__(self) -> None:
        self._last: tuple[tuple, tuple] | None = None

    def change(self, project: Project, panel: Panel, stack: LayerStack):
        """``panel_fields`` for the drawing as it is now, made once per state of the drawing and the panel."""
        key = (id(panel), tuple(stack.tags.items()), tuple(stack.opacity.items()),
               tuple(panel.layers.items()), tuple(panel.layer_opacity.items()), panel.image)
        if self._last is not None:
            made_from, change = self._last
            if made_from == key:
                return change
            self.drop(project)
        change = panel_fields(project, panel, stack)
        if change is not None:
            self._last = (key, change)
        return change

    def taken(self) -> None:
        """The last change was committed: its files belong to the undo step now."""
        self._last = None

    def drop(self, project: Project) -> None:
        """Forget the last change and the files made for it (never named by a panel or an undo step)."""
        if self._last is None:
            return
        _made_from, (_old, new, _images) = self._last
        self._last = None
        pending = project.pending_images
        for path in (new["image"], *new["layers"].values()):
            if path is not None and path in pending:
                del pending[path]
