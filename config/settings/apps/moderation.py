"""Settings of the moderation app."""

# How long after a hiding decision its author may appeal it, in days.
MODERATION_APPEAL_DAYS = 30
# How many replies one organisation may post under one contribution.
MODERATION_REPLIES_PER_ORG = 10
