from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture
def corpus_text():
    def read(name: str) -> str:
        match = sorted(CORPUS.glob(f"{name}*.txt"))
        assert match, f"no corpus report {name}"
        return match[0].read_text(encoding="utf-8")
    return read
