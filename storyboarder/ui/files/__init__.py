"""Opening, saving, recovering and importing projects, and the project settings dialog."""
