"""Settings of the insights app."""
