"""Where the top-level data directories are: ontology/ and queries/ beside the package
in a source checkout or editable install, else installed as packages of their own."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir(name: str) -> Path:
    here = Path(__file__).resolve().parent.parent / name
    if here.is_dir():
        return here
    return Path(str(resources.files(name)))


def ontology_dir() -> Path:
    return data_dir("ontology")


def queries_dir() -> Path:
    return data_dir("queries")
