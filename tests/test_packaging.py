"""What pyproject.toml declares works once installed: commands, bounds, the README."""

from __future__ import annotations

import importlib
import importlib.metadata
import pathlib
import re
import sys
import textwrap
import tomllib
from collections.abc import Callable
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]

# [project.scripts] and [project.gui-scripts] are installed as these groups.
SCRIPT_GROUPS = {"scripts": "console_scripts", "gui-scripts": "gui_scripts"}


def declared_entry_points(project: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Every (group, name, object reference) that a [project] table declares."""
    found = {
        (group, name, value)
        for table, group in SCRIPT_GROUPS.items()
        for name, value in project.get(table, {}).items()
    }
    found.update(
        (group, name, value)
        for group, entries in project.get("entry-points", {}).items()
        for name, value in entries.items()
    )
    return found


def load(reference: str) -> Callable[..., Any]:
    """Import ``module:attr.attr`` the way an installed entry point is loaded."""
    module_name, _, attrs = reference.partition(":")
    target: Any = importlib.import_module(module_name.strip())
    for attr in filter(None, attrs.strip().split(".")):
        target = getattr(target, attr)
    return target  # type: ignore[no-any-return]


def exit_code_of_help(reference: str, name: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Call an entry point as ``NAME --help`` and return its exit code."""
    entry = load(reference)
    monkeypatch.setattr(sys, "argv", [name, "--help"])
    try:
        result = entry()
    except SystemExit as done:
        code = done.code
    else:
        code = result
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


DECLARED = sorted(declared_entry_points(PROJECT))


@pytest.mark.parametrize(("group", "name", "reference"), DECLARED)
def test_declared_entry_point_answers_help(
    group: str, name: str, reference: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each declared command or entry point imports and exits 0 on --help."""
    assert exit_code_of_help(reference, name, monkeypatch) == 0, (group, name, reference)


def test_a_missing_entry_point_module_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: pyproject declared accountplan.__main__:main before that module existed.

    The installed ``accountplan`` command crashed with ModuleNotFoundError;
    the check above fails the same way for a declaration whose module is
    missing.
    """
    with pytest.raises(ModuleNotFoundError):
        exit_code_of_help("accountplan._no_such_module:main", "accountplan", monkeypatch)


def test_the_command_line_is_declared() -> None:
    """`accountplan` is installed as a console script running accountplan.__main__:main."""
    assert ("console_scripts", "accountplan", "accountplan.__main__:main") in DECLARED


def test_help_check_reads_exit_codes(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check passes a command that exits 0 on --help and fails one that does not."""
    (tmp_path / "cli_probe.py").write_text(
        textwrap.dedent(
            """
            import argparse
            import sys

            def good():
                argparse.ArgumentParser(prog="good").parse_args()

            def returns_two():
                return 2 if "--help" in sys.argv else 0

            class Group:
                @staticmethod
                def nested():
                    return None
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert exit_code_of_help("cli_probe:good", "good", monkeypatch) == 0
    assert exit_code_of_help("cli_probe:returns_two", "bad", monkeypatch) == 2
    assert exit_code_of_help("cli_probe:Group.nested", "nested", monkeypatch) == 0
    with pytest.raises(AttributeError):
        load("cli_probe:missing")


def test_declared_set_is_read_from_every_table() -> None:
    """Scripts, GUI scripts and plug-in groups are all collected."""
    project = {
        "scripts": {"tool": "pkg.cli:main"},
        "gui-scripts": {"tool-gui": "pkg.gui:main"},
        "entry-points": {"pkg.plugins": {"csv": "pkg.csv:Plugin"}},
    }
    assert declared_entry_points(project) == {
        ("console_scripts", "tool", "pkg.cli:main"),
        ("gui_scripts", "tool-gui", "pkg.gui:main"),
        ("pkg.plugins", "csv", "pkg.csv:Plugin"),
    }
    assert declared_entry_points({}) == set()


def test_installed_entry_points_match_the_declaration() -> None:
    """The installed distribution's metadata has exactly the declared entry points.

    Fails for an install made from an older pyproject.toml: reinstall
    (``python -m pip install -e ".[dev]"``) after changing the declarations.
    """
    try:
        distribution = importlib.metadata.distribution("accountplan")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        pytest.skip("accountplan is not installed")
    installed = {(ep.group, ep.name, ep.value) for ep in distribution.entry_points}
    assert set(DECLARED) == installed


def _lower_bounds() -> dict[str, str]:
    bounds: dict[str, str] = {}
    for requirement in PROJECT["dependencies"]:
        if ";" in requirement:  # platform-specific (tzdata on Windows): not pinned
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][0-9A-Za-z.]*)", requirement.strip())
        assert match, f"{requirement!r} needs a plain '>=' lower bound"
        bounds[match[1].lower()] = match[2]
    return bounds


def _release(version: str) -> tuple[int, ...]:
    """A plain release number as PEP 440 compares it: 23.1 == 23.1.0."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_minimum_constraints_pin_every_lower_bound() -> None:
    """constraints/minimum.txt pins each runtime dependency to its declared lower bound."""
    pins: dict[str, tuple[int, ...]] = {}
    for raw in (ROOT / "constraints" / "minimum.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = _release(version.strip())
    bounds = {name: _release(version) for name, version in _lower_bounds().items()}
    assert {"attrs", "cattrs", "python-dateutil", "babel"} <= bounds.keys()
    assert bounds == pins


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n(.*?)```", text, re.DOTALL)
    assert block, "README.md starts with a console block"
    return block[1].strip().splitlines()


def test_readme_test_command_is_the_one_ci_runs() -> None:
    """The README's second command runs exactly the pytest command of .ci/run."""
    commands = _readme_commands()
    assert len(commands) == 2
    install, _, pytest_command = commands[1].partition(" && ")
    assert install.startswith("python -m pip install")
    assert pytest_command.startswith("python -m pytest ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"run_pytest {pytest_command}\n" in ci


def test_readme_quickstart_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Python blocks run, and the quickstart prints what its comments say."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out == "21% €\xa060,49\n"
