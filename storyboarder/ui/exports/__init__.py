"""The export dialogs, their preview and the export jobs they run."""
