"""govlint: a compliance linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_path"]


def lint_text(text, path=None, config=None, *, previous=None):
    """Lint a string. previous: last year's report of the same agency (text)."""
    from govlint.engine.lint import lint_text as run
    return run(text, path, config, previous=previous)


def lint_path(path, config=None, *, previous=None):
    """Lint a file. previous: path of last year's report of the same agency."""
    from govlint.engine.lint import lint_path as run
    return run(path, config, previous=previous)
