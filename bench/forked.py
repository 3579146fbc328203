"""Timing a call in a forked child that is stopped after a timeout: for the benchmarks,
whose slow queries on rdflib would otherwise run for hours."""
from __future__ import annotations

import os
import signal
import time


def timed_in_child(run, timeout: float) -> tuple[float | None, int | None]:
    """(seconds, rows) of run() in a forked child (it shares the loaded graph), or
    (None, None) when it takes longer than `timeout`."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            t0 = time.perf_counter()
            rows = run()
            os.write(w, f"{time.perf_counter() - t0} {rows}".encode())
        finally:
            os._exit(0)
    os.close(w)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            data = os.read(r, 100).decode().split()
            os.close(r)
            return (float(data[0]), int(data[1])) if data else (None, None)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(r)
    return None, None
