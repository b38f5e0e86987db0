"""The Board tab: the scene navigator, the panel grid, the inspector and copy and paste of panels."""
