"""Storyboarder: an offline storyboard and shot-list editor for directors and crews."""

__version__ = "0.1.0"
