"""Pages of the ideas app: public (list, idea, proposing, supporting), for brands (review,
merge, campaigns) and the co-development workspace."""
