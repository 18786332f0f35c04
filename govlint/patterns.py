"""Regular expressions compiled when first used.

The regex module compiles patterns in Python: compiling every pattern of
the engine and the rules at import took 60 to 100 ms, the largest part of
a cold start. Patterns are declared at module level as before, with lazy()
instead of regex.compile(), and compiled the first time they are used; a
run that never reaches a pattern (its rule's cheap pre-filter found
nothing to look at) never pays for it.
"""
from __future__ import annotations

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A stand-in for regex.compile(source, flags) that compiles on first use."""

    def __init__(self, source: str, flags: int = 0):
        self.pattern = source
        self.flags = flags

    def __getattr__(self, name: str):
        # Reached only for attributes not set on the instance: compile once,
        # then keep the compiled pattern's methods on the instance so that
        # later calls are plain attribute lookups.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("compiled")
        if compiled is None:
            compiled = regex.compile(self.pattern, self.flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
            self.compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(source, flags)
