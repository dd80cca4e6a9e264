"""Test configuration: Hypothesis profiles and Sybil for docs and docstrings."""

from __future__ import annotations

import os
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_DOCTEST_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

_docs = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=_DOCTEST_FLAGS),
    ],
    patterns=["*.md"],
    path="docs",
)
_src = Sybil(
    parsers=[DocTestParser(optionflags=_DOCTEST_FLAGS)],
    patterns=["*.py"],
    path="src",
)

pytest_collect_file = (_docs + _src).pytest()

__all__ = ["CodeBlockParser"]
