"""Every script in examples/ runs and prints something."""

from __future__ import annotations

import contextlib
import io
import pathlib
import runpy

import pytest

EXAMPLES = sorted((pathlib.Path(__file__).resolve().parent.parent / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: pathlib.Path) -> None:
    """The example runs to completion as a script and prints its result."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as stop:
            # An example whose extra is missing says so and exits with 0.
            if stop.code not in (0, None):
                raise
            pytest.skip(out.getvalue().strip() or f"{script.name} stopped early")
    assert out.getvalue().strip(), f"{script.name} printed nothing"
