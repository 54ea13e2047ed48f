"""Settings of the insights app."""

# A figure resting on fewer distinct people than this is suppressed on every chart and table.
INSIGHTS_MIN_CELL_PEOPLE = 5
