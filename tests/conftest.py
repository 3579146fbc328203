"""Shared fixtures: builds are made once per session and reused by the tests that read them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_PAGE = SHARED / "seeds" / "000_d5a58648515df90c.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "data" / "sample"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/fixtures/golden/*.ttl from the current extractor")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def _build(inputs, out: Path) -> Path:
    from graph.build import build

    result = build(inputs, out, network=False)
    assert result.articles > 0, [str(p) for p in result.problems]
    return out


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """out dir of a build of the bundled sample corpus."""
    return _build([SAMPLE], tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    if not SEED_PAGE.exists():
        pytest.skip(f"{SEED_PAGE} not present (../shared beside the checkout)")
    return _build([SEED_PAGE], tmp_path_factory.mktemp("seed"))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    dst = tmp_path / "sample"
    shutil.copytree(SAMPLE, dst)
    return dst
