"""Settings of the ledger app."""
