"""Settings of the moderation app."""
