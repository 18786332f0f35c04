from __future__ import annotations

import os
from pathlib import Path

import pytest

# The tests read English help, summaries and error lines unless they ask
# for Chinese (--lang zh or GOVLINT_LANG=zh), whatever the machine's locale;
# subprocesses inherit it.
os.environ["GOVLINT_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture
def corpus_text():
    def read(name: str) -> str:
        match = sorted(CORPUS.glob(f"{name}*.txt"))
        assert match, f"no corpus report {name}"
        return match[0].read_text(encoding="utf-8")
    return read
