"""Settings of the feeds app."""
