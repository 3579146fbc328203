"""Node positions computed up front, so that a large page is drawn at once instead of
running vis-network's physics in the browser (measured here: about 250 ms per physics
step for 5,000 nodes in headless Chromium, a minute to stabilise).

Each connected component is laid out on its own, then the components are packed in
rows, largest first; single actors end up in a tidy grid below the big components
instead of a ring around them.

The layout is force-directed in the manner of Fruchterman and Reingold (springs along
edges, repulsion between nodes). Small components compute the repulsion exactly, all
at once (the pairs of every small component in one array). A large component replaces
the O(n^2) repulsion with a particle-mesh approximation: node masses are spread on a
grid and the force field is the convolution of that density with the 1/r kernel, done
with FFTs, O(n + m + G^2 log G) per step. networkx's spring_layout needs scipy beyond
500 nodes and is O(n^2) per step; this takes well under a second for 5,000 nodes with
numpy alone. Below the grid's resolution nodes do not repel each other; the page's
physics polish (small graphs) or the zoom (large ones) makes up for it.

Deterministic: seeded starts, a fixed number of steps, rounded positions.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

EDGE = 80.0        # pixels per unit of layout: about the length of an edge on the page
EXACT_MAX = 150    # components up to this size get exact repulsion
GAP_X, GAP_Y = 2.0, 1.0  # layout units between packed components: labels are wide, not tall


def force_layout(g: nx.Graph, *, seed: int = 7) -> dict:
    """Positions {node: (x, y)} in page pixels for any networkx graph; directions and
    parallel edges are ignored."""
    nodes = sorted(g)
    if not nodes:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in g.edges() if a != b})
    src = np.array([a for a, _ in pairs], dtype=np.int64)
    dst = np.array([b for _, b in pairs], dtype=np.int64)
    und = nx.Graph()
    und.add_nodes_from(range(len(nodes)))
    und.add_edges_from(pairs)
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    comp_of = np.empty(len(nodes), dtype=np.int64)
    for k, comp in enumerate(comps):
        comp_of[comp] = k
    edge_comp = comp_of[src]
    rng = np.random.default_rng(seed)
    pos = np.zeros((len(nodes), 2))
    small = [k for k, c in enumerate(comps) if 1 < len(c) <= EXACT_MAX]
    if small:
        _exact([comps[k] for k in small], src, dst, pos, rng)
    for k, comp in enumerate(comps):
        if len(comp) > EXACT_MAX:
            local = np.full(len(nodes), -1, dtype=np.int64)
            local[comp] = np.arange(len(comp))
            mine = edge_comp == k
            pos[comp] = _mesh(len(comp), local[src[mine]], local[dst[mine]], rng)
    _pack(comps, pos)
    pos *= EDGE
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, pos.tolist())}


def _start(n: int, rng) -> np.ndarray:
    angle = rng.uniform(0, 2 * math.pi, n)
    dist = math.sqrt(n) * np.sqrt(rng.uniform(0, 1, n))
    return np.column_stack((dist * np.cos(angle), dist * np.sin(angle)))


def _move(pos: np.ndarray, disp: np.ndarray, limit) -> None:
    length = np.sqrt((disp * disp).sum(axis=1)) + 1e-9
    pos += disp * (np.minimum(length, limit) / length)[:, None]


def _springs(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    """Attraction r^2 (ideal edge length 1) along every edge."""
    disp = np.zeros((n, 2))
    if len(src):
        d = pos[dst] - pos[src]
        pull = d * np.sqrt((d * d).sum(axis=1))[:, None]
        for axis in (0, 1):
            disp[:, axis] += np.bincount(src, weights=pull[:, axis], minlength=n)
            disp[:, axis] -= np.bincount(dst, weights=pull[:, axis], minlength=n)
    return disp


def _exact(comps: list[list[int]], src_all: np.ndarray, dst_all: np.ndarray, pos: np.ndarray, rng,
           steps: int = 100) -> None:
    """All small components at once: repulsion 1/r between the pairs of each component."""
    members = np.concatenate([np.array(c) for c in comps])
    n = len(members)
    local_of = np.full(len(pos), -1, dtype=np.int64)
    local_of[members] = np.arange(n)
    comp_of = np.concatenate([np.full(len(c), k) for k, c in enumerate(comps)])
    mine = local_of[src_all] >= 0
    src, dst = local_of[src_all[mine]], local_of[dst_all[mine]]
    pi, pj = [], []
    for c in comps:
        ids = local_of[c]
        a, b = np.triu_indices(len(c), k=1)
        pi.append(ids[a])
        pj.append(ids[b])
    pi, pj = np.concatenate(pi), np.concatenate(pj)
    p = np.concatenate([_start(len(c), rng) for c in comps])
    sizes = np.bincount(comp_of)
    temperature = np.sqrt(sizes)[comp_of] / 4
    for step in range(steps):
        d = p[pi] - p[pj]
        r2 = (d * d).sum(axis=1) + 1e-6
        push = d / r2[:, None]
        disp = _springs(p, src, dst, n)
        for axis in (0, 1):
            disp[:, axis] += np.bincount(pi, weights=push[:, axis], minlength=n)
            disp[:, axis] -= np.bincount(pj, weights=push[:, axis], minlength=n)
        _move(p, disp, temperature * (1 - step / steps) + 0.01)
    pos[members] = p


def _kernel(grid: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the x and y components of the kernel c / |c|^2 (c in cells) on a grid
    padded to twice the size, so that the convolution does not wrap around."""
    size = 2 * grid
    idx = np.arange(size)
    idx = np.where(idx < grid, idx, idx - size).astype(float)  # signed offsets, FFT order
    dx, dy = np.meshgrid(idx, idx, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[0, 0] = 1.0
    kx, ky = dx / r2, dy / r2
    kx[0, 0] = ky[0, 0] = 0.0
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def _mesh(n: int, src: np.ndarray, dst: np.ndarray, rng, steps: int = 100) -> np.ndarray:
    """One large component (nodes 0..n-1, edges src-dst), repulsion through the grid."""
    grid = int(min(64, max(24, 2 * math.sqrt(n))))
    size = 2 * grid
    fkx, fky = _kernel(grid)
    pos = _start(n, rng)
    temperature = math.sqrt(n) / 4
    for step in range(steps):
        lo = pos.min(axis=0)
        h = max(float((pos.max(axis=0) - lo).max()), 1e-9) / (grid - 1)  # cell size
        cell = (pos - lo) / h
        i0 = np.clip(np.floor(cell).astype(np.int64), 0, grid - 2)
        f = cell - i0  # cloud-in-cell weights of the four surrounding grid points
        weights = ((1 - f[:, 0]) * (1 - f[:, 1]), f[:, 0] * (1 - f[:, 1]), (1 - f[:, 0]) * f[:, 1], f[:, 0] * f[:, 1])
        flat = [(i0[:, 0] + cx) * size + (i0[:, 1] + cy) for cx, cy in ((0, 0), (1, 0), (0, 1), (1, 1))]
        density = np.zeros(size * size)
        for idx, w in zip(flat, weights):
            density += np.bincount(idx, weights=w, minlength=size * size)
        rho = np.fft.rfft2(density.reshape(size, size))
        field_x = np.fft.irfft2(rho * fkx, s=(size, size)).ravel()
        field_y = np.fft.irfft2(rho * fky, s=(size, size)).ravel()
        disp = _springs(pos, src, dst, n)
        for idx, w in zip(flat, weights):
            disp[:, 0] += w * field_x[idx] / h
            disp[:, 1] += w * field_y[idx] / h
        _move(pos, disp, temperature * (1 - step / steps) + 0.01)
    return pos


def _pack(comps: list[list[int]], pos: np.ndarray) -> None:
    """Components in rows, largest first, each row about as wide as the largest."""
    boxes = []
    for comp in comps:
        p = pos[comp]
        lo, hi = p.min(axis=0), p.max(axis=0)
        pos[comp] = p - lo
        boxes.append(hi - lo)
    width = max(float(boxes[0][0]), 1.5 * math.sqrt(sum((b[0] + GAP_X) * (b[1] + GAP_Y) for b in boxes)))
    x = y = row_height = 0.0
    for comp, (w, h) in zip(comps, boxes):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + GAP_Y, 0.0
        pos[comp] += (x, y)
        x += float(w) + GAP_X
        row_height = max(row_height, float(h))
    pos -= pos.mean(axis=0)
