"""Play mode: the animatic played in the window."""
