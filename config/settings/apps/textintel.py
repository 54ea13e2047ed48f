"""Settings of the textintel app."""

import os
from pathlib import Path

_VAR_DIR = Path(
    os.environ.get("COCREATE_VAR_DIR", Path(__file__).resolve().parent.parent.parent.parent / "var")
)

# The analysis service (started by `cocreate worker`, see ADR 0003): web processes ask it for
# search-query morphemes and similar ideas instead of loading Kiwi and the encoder themselves.
TEXTINTEL_ANALYSIS_SOCKET = os.environ.get(
    "TEXTINTEL_ANALYSIS_SOCKET", str(_VAR_DIR / "textintel.sock")
)
# Seconds a web request waits for the service before it falls back to plain-word matching.
TEXTINTEL_ANALYSIS_TIMEOUT = float(os.environ.get("TEXTINTEL_ANALYSIS_TIMEOUT", "1.0"))

# The in-memory similarity index looks for new vectors at most this often, and reloads whole
# (dropping deleted rows) this often.
TEXTINTEL_INDEX_REFRESH_SECONDS = 1.0
TEXTINTEL_INDEX_RELOAD_SECONDS = 600.0

# Contributions per batch in `cocreate textintel_enrich`.
TEXTINTEL_ENRICH_BATCH = 256
