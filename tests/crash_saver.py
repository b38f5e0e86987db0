"""A saver to be killed: loads a project, then saves alternating states forever.

Used by test_crash_safety.py, which SIGKILLs it at random moments.
"""

from __future__ import annotations

import io
import sys

from PIL import Image

from storyboarder.io import load_project, save_project
from storyboarder.io.staging import stage_image


def main(folder: str) -> None:
    project = load_project(folder).project
    print("ready", flush=True)
    counter = 0
    while True:
        counter += 1
        state = "A" if counter % 2 else "B"
        project.title = state
        for _scene, panel in project.iter_panels():
            panel.action = f"{state} {counter}"
        # Every save also brings a new image, so image writes are killed too.
        buffer = io.BytesIO()
        Image.new("L", (64, 36), counter % 256).save(buffer, "PNG")
        stage_image(project, project.scenes[0].panels[counter % 10], buffer.getvalue())
        save_project(project, folder)


if __name__ == "__main__":
    main(sys.argv[1])
