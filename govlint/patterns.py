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
    """A stand-in for regex.compile(source, flags) that compiles on first use.

    The class's match methods compile the pattern and then put the compiled
    pattern's own methods on the instance, where they shadow the class's:
    every later call is a plain attribute lookup and a call into the regex
    module. (No __getattr__: defining one slows every attribute access.)"""

    def __init__(self, source: str, flags: int = 0):
        self.pattern = source
        self.flags = flags
        self.compiled = None

    def compile(self):
        if self.compiled is None:
            compiled = regex.compile(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self.compiled = compiled
        return self.compiled

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def _deferred(name: str):
    def method(self, *args, **kwargs):
        return getattr(self.compile(), name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"Compile the pattern, then {name}() as regex does."
    return method


for _name in _METHODS:
    setattr(LazyPattern, _name, _deferred(_name))


def lazy(source: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(source, flags)
