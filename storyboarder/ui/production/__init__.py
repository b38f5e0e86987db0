"""The Production tab: cast, crew, locations and shoot days."""
