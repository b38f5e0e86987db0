"""The Shot List tab and the shooting-order planner dialog."""
