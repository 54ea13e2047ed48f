"""The demo data behind `cocreate seed_demo`: people, brands, a mall, products and the
contributions taken from the public data sets shipped in data/ (see each set's README).
Everything here is deterministic, so every machine gets the same demo, and idempotent, so
running it again adds only what is missing."""
