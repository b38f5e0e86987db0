"""What committing a drawing stores in its panel: new layer files, opacities and a composite.

Only layers whose content changed since they were loaded (their tag says
so) are encoded; unchanged ones keep their files, including a panel's
original picture on the reference layer and any layer this version does
not draw. The composite is rendered whenever anything changed.
"""

from __future__ import annotations

from typing import Any

from storyboarder.model import Panel, Project

from .layers import LAYER_NAMES, LayerStack, panel_layer_paths, panel_tags


def panel_fields(project: Project, panel: Panel, stack: LayerStack) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The panel's ``layers``, ``layer_opacity`` and ``image`` now and as the stack would have them.

    New images are staged in the project for the next save. Returns None,
    and marks the stack clean, when the drawing comes to what the panel
    already has (for example, drawn and then erased).
    """
    paths, model = panel_layer_paths(panel), panel_tags(panel, stack.size)
    # Layers this version does not draw are kept as they are.
    layers = {name: path for name, path in panel.layers.items() if name not in LAYER_NAMES}
    for name in LAYER_NAMES:
        if stack.tags[name] == model[name]:
            if paths[name]:
                layers[name] = paths[name]
        elif not stack.is_blank(name):
            layers[name] = project.add_image(panel, stack.encode(name), "png", layer=name)
    opacity = {name: value for name, value in panel.layer_opacity.items() if name not in LAYER_NAMES}
    opacity.update({name: round(value, 4) for name, value in stack.opacity.items() if value < 1.0})
    had = dict(panel.layers) if panel.layers else ({"reference": panel.image} if panel.image else {})
    if layers == had and opacity == dict(panel.layer_opacity):
        stack.tags.update(model)
        return None
    image = project.add_image(panel, stack.flatten_png(), "png") if layers else None
    old = {"layers": dict(panel.layers), "layer_opacity": dict(panel.layer_opacity), "image": panel.image}
    new = {"layers": layers, "layer_opacity": opacity, "image": image}
    return old, new
