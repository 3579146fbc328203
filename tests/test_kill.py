"""A build killed with SIGKILL at any moment leaves the previous graph.ttl, graph.trig,
network.html and store intact and loadable: each output file is the old or the new
complete version, the store reopens, and every article's named graph is the old or the
new one (articles the killed build was not replacing: exactly the old one). The next
build then finishes the job.

Run A (sample articles 1-20) is built first; run B (articles 15-28, three of them
changed) is started as `python build_graph.py B --out OUT --store STORE` and killed at
named phases (GOVKG_TEST_PAUSE_AT holds it there), inside the network.html write, and
at fractions of its measured run time."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.slow  # ~3 minutes: the sample build's network.html is large
from rdflib import Graph

from graph.build import OUTPUTS, PAUSE_ENV, build
from graph.spool import WORK_PREFIX
from graph.store import STAGING
from tests.conftest import ROOT
from tests.incremental_corpus import article_graph, graphs_of, write_runs

PHASES = ["read", "extracted", "store-half", "stored", "staged", "committed-graph.ttl", "committed-graph.trig"]
AFTER_TRIG = [0.3, 1.5]  # seconds after graph.trig is renamed: inside the network.html write
FRACTIONS = [0.6, 0.9]  # of the measured duration of an uninterrupted run B
KILLS: list[str] = []  # what each kill hit, for the report (-s shows it)


def command(state: Path, b: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build_graph.py"), str(b), "--out", str(state / "out"),
            "--store", str(state / "store")]


def start(state: Path, b: Path, phase: str | None = None, pause: float = 600) -> subprocess.Popen:
    env = dict(os.environ)
    if phase:
        env.update({PAUSE_ENV: phase, "GOVKG_TEST_PAUSE_SECONDS": str(pause)})
    return subprocess.Popen(command(state, b), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


def wait_for_phase(proc: subprocess.Popen, phase: str) -> None:
    for line in proc.stderr:
        if f"paused at {phase}" in line:
            return
    proc.wait()
    pytest.fail(f"the build ended (exit {proc.returncode}) without reaching phase {phase}")


def kill(proc: subprocess.Popen, what: str) -> None:
    running = proc.poll() is None
    proc.send_signal(signal.SIGKILL) if running else None
    proc.wait()
    proc.stderr.close()
    KILLS.append(f"{what}: {'killed' if running else 'had already finished'}")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The state after run A ("old"), after an uninterrupted run B ("new"), and B's duration."""
    d = tmp_path_factory.mktemp("kill")
    a, b, ids_a, ids_b = write_runs(d / "in")
    old = d / "old"
    build([a], old / "out", store_dir=old / "store")
    new = d / "new"
    shutil.copytree(old, new)
    t0 = time.monotonic()
    proc = subprocess.run(command(new, b), capture_output=True, text=True)
    duration = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr
    snap = {name: {f: (s / "out" / f).read_bytes() for f in OUTPUTS} for name, s in (("old", old), ("new", new))}
    stores = {name: graphs_of(s / "store") for name, s in (("old", old), ("new", new))}
    assert snap["old"] != snap["new"] and stores["old"] != stores["new"]
    return dict(dir=d, b=b, ids_a=ids_a, ids_b=ids_b, old=old, files=snap, stores=stores, duration=duration)


def fresh(states, name: str) -> Path:
    state = states["dir"] / f"killed-{name}"
    shutil.copytree(states["old"], state)
    return state


def check_intact(states, state: Path) -> None:
    out = state / "out"
    for name in OUTPUTS:
        data = (out / name).read_bytes()
        assert data in (states["files"]["old"][name], states["files"]["new"][name]), f"{name} is neither old nor new"
    Graph().parse(out / "graph.ttl", format="turtle")  # loadable
    ox.Store().load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert (out / "network.html").read_bytes().rstrip().endswith(b"</html>")
    stored = graphs_of(state / "store")  # reopens after SIGKILL
    old, new = states["stores"]["old"], states["stores"]["new"]
    for art in set(states["ids_a"]) | set(states["ids_b"]):
        g = article_graph(art)
        if art not in states["ids_b"]:
            assert stored.get(g) == old[g], f"{art}: an article not being replaced changed"
        elif art not in states["ids_a"]:
            assert stored.get(g) in (None, new[g]), f"{art}: a new article is half written"
        else:
            assert stored.get(g) in (old[g], new[g]), f"{art}: a replaced article is neither old nor new"
    extra = set(stored) - set(old) - set(new)
    assert all(g.startswith(STAGING) for g in extra), extra


def work_directories(pid: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"{WORK_PREFIX}{pid}-*"))


def check_recovers(states, state: Path, network: bool) -> None:
    """The next build over the killed state ends where an uninterrupted one would, and
    removes the killed build's work files."""
    proc = subprocess.run(command(state, states["b"]) + ([] if network else ["--no-network"]),
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for name in OUTPUTS if network else ("graph.ttl", "graph.trig"):
        assert (state / "out" / name).read_bytes() == states["files"]["new"][name], name
    assert graphs_of(state / "store") == states["stores"]["new"]
    assert not [p.name for p in (state / "out").iterdir() if p.name.endswith(".tmp")]
    assert not work_directories(states.get("killed_pid", -1))


@pytest.mark.parametrize("phase", PHASES)
def test_kill_at_a_phase_leaves_old_or_new(states, phase):
    state = fresh(states, phase)
    proc = start(state, states["b"], phase)
    wait_for_phase(proc, phase)
    kill(proc, f"phase {phase}")
    assert work_directories(proc.pid), "a killed build leaves its work files behind"
    states["killed_pid"] = proc.pid
    check_intact(states, state)
    if phase == "staged":  # temporaries of both graph files are on disk now
        assert len([p for p in (state / "out").iterdir() if p.name.endswith(".tmp")]) == 2
    if phase in ("store-half", "staged"):
        check_recovers(states, state, network=phase == "store-half")


@pytest.mark.parametrize("delay", AFTER_TRIG)
def test_kill_while_network_html_is_written(states, delay):
    state = fresh(states, f"network-{delay}")
    proc = start(state, states["b"], "committed-graph.trig", pause=0)
    wait_for_phase(proc, "committed-graph.trig")
    time.sleep(delay)
    kill(proc, f"{delay}s after graph.trig was renamed")
    check_intact(states, state)
    assert (state / "out" / "graph.trig").read_bytes() == states["files"]["new"]["graph.trig"]


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_kill_after_a_measured_delay(states, fraction):
    state = fresh(states, f"at-{fraction}")
    proc = start(state, states["b"])
    time.sleep(states["duration"] * fraction)
    kill(proc, f"{fraction:.0%} of {states['duration']:.1f}s")
    check_intact(states, state)


def test_report_kill_moments(states):
    print("\n".join(["", "kill moments:"] + KILLS))
    assert len(KILLS) >= len(PHASES) + len(AFTER_TRIG) + len(FRACTIONS)


def test_kill_while_an_empty_store_is_filled(tmp_path):
    """The first build into a store fills it with the bulk loader, which is not atomic.
    Killed in the middle, it leaves a marker; the next build empties the store and fills
    it anew, ending where an uninterrupted build ends."""
    from graph.store import FILLING_MARKER
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in synthetic.corpus(600, 3)),
                      encoding="utf-8")
    whole = build([corpus], tmp_path / "whole" / "out", network=False, store_dir=tmp_path / "whole" / "store")
    state = tmp_path / "killed"
    proc = start(state, corpus, "filling", pause=0)
    wait_for_phase(proc, "filling")
    time.sleep(whole.store_seconds * 0.3)
    kill(proc, "30% into filling an empty store")
    assert (state / "store" / FILLING_MARKER).exists()
    assert graphs_of(state / "store") != graphs_of(tmp_path / "whole" / "store")  # really half
    proc = subprocess.run(command(state, corpus) + ["--no-network"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "first build into this store was interrupted" in proc.stdout + proc.stderr
    assert graphs_of(state / "store") == graphs_of(tmp_path / "whole" / "store")
    for name in ("graph.ttl", "graph.trig"):
        assert (state / "out" / name).read_bytes() == (tmp_path / "whole" / "out" / name).read_bytes()
