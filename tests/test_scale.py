"""Scale features that must not change what is built: parallel extraction and the
batched filling of an empty store."""
import json
import os
import subprocess
import sys

from graph.build import CHUNK, build
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402


def _corpus(path, n):
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in synthetic.corpus(n, 11)),
                    encoding="utf-8")
    return path


def test_two_workers_build_the_same_bytes_as_one(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl", 5 * CHUNK)  # above the size where workers start
    one = build([corpus], tmp_path / "one", network=False, workers=1)
    two = build([corpus], tmp_path / "two", network=False, workers=2)
    assert one.articles == two.articles == 5 * CHUNK
    assert one.triples == two.triples > 50 * one.articles  # distinct triples: people, posts, evidence
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_a_batched_fresh_store_equals_one_filled_article_by_article(tmp_path):
    """The first build into a store fills it in batches; a rebuild of the same input goes
    graph by graph. Both must leave the same graph."""
    corpus = _corpus(tmp_path / "corpus.jsonl", 40)
    build([corpus], tmp_path / "out", network=False, store_dir=tmp_path / "store")
    first = (tmp_path / "out" / "graph.trig").read_bytes()
    again = build([corpus], tmp_path / "out", network=False, store_dir=tmp_path / "store")
    assert again.changes["unchanged"] == 40
    assert (tmp_path / "out" / "graph.trig").read_bytes() == first


def _double(x):
    return 2 * x


def test_workers_take_the_input_a_window_at_a_time():
    """A generator of articles is not read ahead of the results by more than a window:
    the pool's feeder would otherwise pull a whole corpus into memory."""
    from graph import build as b
    pulled = []

    def items():
        for k in range(10 * b.WINDOW):
            pulled.append(k)
            yield k

    results = b._map(_double, items(), 2, b._NoBar())
    assert next(results) == 0
    assert len(pulled) <= b.WINDOW
    assert list(results) == [2 * k for k in range(1, 10 * b.WINDOW)]


def test_an_overlong_json_line_is_skipped_and_the_next_one_read(tmp_path, monkeypatch):
    from graph import articles
    monkeypatch.setattr(articles, "MAX_LINE", 1000)
    good = {"id": "gut", "title": "T", "text": "Markus Richter ist Bundes-CIO."}
    long = {**good, "id": "lang", "text": "Wort " * 400}
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (good, long, {**good, "id": "danach"})) + "\n")
    res = articles.read_inputs([path])
    assert [a.id for a in res.articles] == ["gut", "danach"]
    [p] = res.problems
    assert p.source == f"{path}:2" and p.reason == "line too long" and "skipped" in p.message


def test_no_network_view_for_a_graph_too_large_to_show(tmp_path, monkeypatch):
    from graph import build as b
    corpus = _corpus(tmp_path / "corpus.jsonl", 12)
    build([corpus], tmp_path / "out")
    assert (tmp_path / "out" / "network.html").exists()
    monkeypatch.setattr(b, "MAX_VIEW_ARTICLES", 10)
    res = build([corpus], tmp_path / "out")
    assert not (tmp_path / "out" / "network.html").exists()  # the old view is gone, not stale
    [p] = [p for p in res.problems if p.reason == "graph too large to view"]
    assert "12 articles" in p.message and "--focus" in p.message
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_work_directories_of_killed_builds_are_removed(tmp_path):
    """A killed build cannot remove its work files; the next build removes those whose
    process is gone, and leaves running builds' and other files alone."""
    from graph.spool import remove_abandoned_work_directories

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f"govkg-build-{int(ended.stdout)}-abc_12"
    running = tmp_path / f"govkg-build-{os.getpid()}-xyz"
    other = tmp_path / "govkg-build-notes"
    for d in (dead, running, other):
        d.mkdir()
        (d / "graphs-1").write_text("x")
    assert remove_abandoned_work_directories(tmp_path) == [dead]
    assert not dead.exists() and running.exists() and other.exists()


def test_the_union_spool_leaves_out_lines_spooled_lately_and_the_union_keeps_them(tmp_path, monkeypatch):
    """An actor's label comes again in every article that names it: the union's work
    file gets it once while it is recent, and again once forgotten; each graph keeps
    all its statements, and the written union has every line once."""
    import io

    from graph import export, spool

    monkeypatch.setattr(spool, "RECENT_UNION_LINES", 2)
    files = spool.GraphFiles.create(tmp_path, "g")
    label = '<https://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"'

    def line(name):
        return f'<https://example.org/{name}> <https://example.org/p> "{name}"'

    graphs = {"https://example.org/g0": [label, line("s0")], "https://example.org/g1": [label, line("s1")],
              "https://example.org/g2": [line("x1"), line("x2"), line("x3")], "https://example.org/g3": [label]}
    for graph, statements in graphs.items():
        files.add(graph, files.write(graph, statements)[0])
    spooled = b"".join(f.read_bytes() for f in files.triples.files()).decode().splitlines()
    assert spooled.count(f"{label} .") == 2  # left out in g1 (recent), spooled again in g3 (forgotten)
    assert len(spooled) == 7
    for graph, statements in graphs.items():
        quads = files.quads.read(files.graphs[graph]).decode()
        assert all(f"{s} <{graph}> ." in quads for s in statements)
    out = io.BytesIO()
    assert export.write(files, "nt", out, tmp_path) == 6
    assert out.getvalue().decode().count(label) == 1
