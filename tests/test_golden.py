"""Golden graphs: hand-written fixture articles -> expected Turtle, compared by
isomorphism. `pytest --update-golden` rewrites the expected files from the current
extractor; review the diff before committing it."""
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

from graph.build import build
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "articles").glob("*.jsonl"))


def _article_graphs(trig: Path) -> Graph:
    """Union of the article graphs (the vocabulary graph is checked elsewhere)."""
    ds = Dataset()
    ds.parse(trig, format="trig")
    g = Graph()
    for s, p, o, c in ds.quads((None, None, None, None)):
        if c is not None and not str(c.identifier if hasattr(c, "identifier") else c).endswith("/vocabulary"):
            g.add((s, p, o))
    return g


def _dump(g: Graph) -> str:
    return "\n".join(sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in g))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fixture_builds_the_golden_graph(case, tmp_path, update_golden):
    build([case], tmp_path, network=False)
    got = _article_graphs(tmp_path / "graph.trig")
    golden = FIXTURES / "golden" / f"{case.stem}.ttl"
    if update_golden:
        golden.write_bytes(got.serialize(format="turtle", encoding="utf-8"))
    assert golden.exists(), "no golden file; run pytest --update-golden"
    want = Graph().parse(golden, format="turtle")
    iso_got, iso_want = to_isomorphic(got), to_isomorphic(want)
    if iso_got != iso_want:
        _, only_got, only_want = graph_diff(iso_got, iso_want)
        pytest.fail(f"graph differs from {golden.name}\n--- only in the build:\n{_dump(only_got)}\n"
                    f"--- only in the golden file:\n{_dump(only_want)}")
