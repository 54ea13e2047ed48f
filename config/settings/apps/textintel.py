"""Settings of the textintel app."""
