"""Test sessions (surveys) a brand runs for a product or prototype."""

__all__: list[str] = []
