"""Stage boundaries: link, store and the export never load spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["dossier.store", "dossier.models", "dossier.present.export", "dossier.ingest"])
def test_module_does_not_import_spacy(module: str) -> None:
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_public_api_is_exactly_all() -> None:
    import types

    import dossier

    public = {
        n for n, v in vars(dossier).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"
    }
    assert sorted(public) == sorted(set(dossier.__all__) - {"__version__"})
    assert dossier.__all__ == sorted(dossier.__all__)
