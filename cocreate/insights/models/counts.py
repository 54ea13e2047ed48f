"""Pre-aggregated daily counts behind the brand dashboards."""

__all__: list[str] = []
