"""govlint: a compliance linter for 政府信息公开工作年度报告."""

import os as _os

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_path"]

# The built-in rules live in the repository's rules/ directory and install as
# govlint.rules. When govlint is imported from a source checkout (e.g.
# `python -m govlint` in the repository) rather than from an installation,
# let govlint.rules resolve to that directory too.
_here = _os.path.dirname(__file__)
if not _os.path.isdir(_os.path.join(_here, "rules")) and _os.path.isfile(
        _os.path.join(_here, _os.pardir, "rules", "__init__.py")) and _os.path.isfile(
        _os.path.join(_here, _os.pardir, "pyproject.toml")):
    __path__.append(_os.path.dirname(_os.path.abspath(_here)))


def lint_text(text, path=None, config=None, *, previous=None):
    """Lint a string. previous: last year's report of the same agency (text)."""
    from .engine import lint_text as run
    return run(text, path, config, previous=previous)


def lint_path(path, config=None, *, previous=None):
    """Lint a file. previous: path of last year's report of the same agency."""
    from .engine import lint_path as run
    return run(path, config, previous=previous)
