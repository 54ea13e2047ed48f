"""Trained models of text intelligence: sentiment, kind, category, aspects and similarity.

`cocreate.textintel.ml.api` is the interface the rest of the product uses."""
