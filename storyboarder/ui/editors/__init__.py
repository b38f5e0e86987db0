"""Field editors shared by the inspector, the shot list and the production tables."""
