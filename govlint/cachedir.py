"""Where govlint keeps what it can compute again: lint results
(engine/cache.py), report identities for pairing (engine/pairing.py) and
compiled patterns (patterns.py). $GOVLINT_CACHE_DIR, else
$XDG_CACHE_HOME/govlint, else ~/.cache/govlint."""
from __future__ import annotations

import os


def cache_dir() -> str:
    if os.environ.get("GOVLINT_CACHE_DIR"):
        return os.environ["GOVLINT_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "govlint")
