"""Keyboard moves on the board: the next or previous scene, and panels one place left or right."""

from __future__ import annotations

from storyboarder.model import Project, Scene


def step_scene(selection, project: Project, offset: int) -> Scene | None:
    """Show the scene ``offset`` scenes away from the shown one, its first panel selected; None at either end."""
    scenes = project.scenes
    current = selection.scene
    index = next((i for i, scene in enumerate(scenes) if scene is current), None)
    target = 0 if index is None else index + offset
    if not scenes or not 0 <= target < len(scenes) or (index is not None and target == index):
        return None
    scene = scenes[target]
    selection.select_rows(scene, [0])
    return scene


def move_selected_panels(document, selection, offset: int) -> bool:
    """Move the selected panels of the shown scene one place earlier (-1) or later (+1), one undo step."""
    scene = selection.scene
    rows = selection.rows()
    if scene is None or not rows:
        return False
    if offset < 0:
        if rows[0] == 0:
            return False
        row = rows[0] - 1
    else:
        if rows[-1] >= len(scene.panels) - 1:
            return False
        row = rows[-1] + 2  # counted before the move, like a drop position
    document.move_panels(scene, rows, scene, row)
    return True
