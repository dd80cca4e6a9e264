"""Without pandas (or dask) the columnar modules say which extra to install."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import sys
sys.modules[{blocked!r}] = None  # as if it were not installed
try:
    import {module}
except ImportError as error:
    from accountplan.exceptions import AccountPlanError, MissingDependencyError
    assert isinstance(error, MissingDependencyError), type(error)
    assert isinstance(error, AccountPlanError)
    print(error.extra, "|", error)
from tests.public_api import importable
assert importable({module!r}) is None
"""


@pytest.mark.parametrize(
    ("module", "blocked", "extra"),
    [
        ("accountplan.frames", "pandas", "pandas"),
        ("accountplan.dask", "dask.dataframe", "dask"),
    ],
)
def test_a_missing_extra_is_named(module: str, blocked: str, extra: str) -> None:
    """Importing the module raises MissingDependencyError with the pip command to run."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(module=module, blocked=blocked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    assert (
        f'{extra} | {module} needs the optional {extra!r} extra: pip install "accountplan[{extra}]"'
        == done.stdout.strip()
    )
