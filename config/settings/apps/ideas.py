"""Settings of the ideas app."""
