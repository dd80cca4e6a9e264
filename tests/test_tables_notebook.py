"""The example notebook runs from top to bottom (nbclient, with the pandas and plot extras)."""

from __future__ import annotations

import pathlib

import pytest

NOTEBOOK = pathlib.Path(__file__).resolve().parent.parent / "examples" / "notebook.ipynb"


def test_example_notebook_runs() -> None:
    """Every cell of examples/notebook.ipynb runs without an error and shows its tables."""
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.data for o in outputs if o.output_type in {"execute_result", "display_data"}]
    assert any("SLA measurements (3000 rows)" in data.get("text/html", "") for data in shown)
    assert any("image/png" in data for data in shown)
