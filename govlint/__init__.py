"""govlint: a compliance linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_path"]


def lint_text(text, path=None, config=None):
    from .engine import lint_text as run
    return run(text, path, config)


def lint_path(path, config=None):
    from .engine import lint_path as run
    return run(path, config)
