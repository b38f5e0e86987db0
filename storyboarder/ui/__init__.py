"""The Qt desktop editor: windows, item models, undo commands and workers."""
