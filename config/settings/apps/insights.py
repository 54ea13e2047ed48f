"""Settings of the insights app."""

# A figure resting on fewer distinct people than this is suppressed on every chart and table.
INSIGHTS_MIN_CELL_PEOPLE = 5

# Complaints whose sentence vectors, centred on the set's mean, are at least this close (cosine)
# to a theme's centre join it.
INSIGHTS_THEME_SIMILARITY = 0.2
