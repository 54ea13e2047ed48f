"""A linear projection trained on top of the sentence encoder.

The encoder's cosines are bunched together (most Korean pairs score 0.85-0.95 whatever they
mean), and it was never told what "the same question" means. The projection W (384 x 384,
started at the identity) is trained with the CoSENT ranking loss: within a batch of labelled
pairs, every pair people rated more similar than another should get the larger cosine. A
penalty keeps W near the identity, so what the encoder knew is not forgotten. Plain numpy,
full-batch gradients by hand, a fixed seed: the same data gives the same W."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SEED = 20240611


@dataclass(frozen=True)
class PairSet:
    """Encoder vectors of the two sides of each pair, and the pairs' gold similarity (any scale:
    only the order matters)."""

    left: np.ndarray
    right: np.ndarray
    gold: np.ndarray


def _cosines(w: np.ndarray, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, ...]:
    x, y = u @ w, v @ w
    nx = np.linalg.norm(x, axis=1) + 1e-9
    ny = np.linalg.norm(y, axis=1) + 1e-9
    c = np.einsum("ij,ij->i", x, y) / (nx * ny)
    return x, y, nx, ny, c


def _cosent(c: np.ndarray, gold: np.ndarray, scale: float) -> tuple[float, np.ndarray]:
    """CoSENT loss log(1 + sum over (i, j) with gold_i > gold_j of exp(scale (c_j - c_i))),
    and its gradient with respect to c."""
    diff = scale * (c[None, :] - c[:, None])  # [i, j] = scale (c_j - c_i)
    mask = gold[:, None] > gold[None, :]
    if not mask.any():
        return 0.0, np.zeros_like(c)
    z = np.where(mask, diff, -np.inf)
    top = max(float(z.max()), 0.0)
    e = np.where(mask, np.exp(z - top), 0.0)
    total = np.exp(-top) + e.sum()
    loss = top + float(np.log(total))
    weights = e / total  # d loss / d diff[i, j]
    grad = scale * (weights.sum(axis=0) - weights.sum(axis=1))
    return loss, grad


def train(
    sets: Sequence[PairSet],
    *,
    epochs: int = 4,
    batch: int = 256,
    rate: float = 0.01,
    scale: float = 20.0,
    keep: float = 0.01,
) -> np.ndarray:
    """W fitted on the pair sets (a batch is always drawn from one set, so scales never mix)."""
    dim = sets[0].left.shape[1]
    w = np.eye(dim, dtype=np.float64)
    rng = np.random.default_rng(SEED)
    m = np.zeros_like(w)
    s = np.zeros_like(w)
    step = 0
    for _ in range(epochs):
        batches = []
        for k, pair_set in enumerate(sets):
            order = rng.permutation(len(pair_set.gold))
            batches += [(k, order[i : i + batch]) for i in range(0, len(order), batch)]
        for index in rng.permutation(len(batches)):
            k, rows = batches[index]
            u, v, gold = sets[k].left[rows], sets[k].right[rows], sets[k].gold[rows]
            x, y, nx, ny, c = _cosines(w, u, v)
            _, dc = _cosent(c, gold, scale)
            gx = (y / (nx * ny)[:, None] - c[:, None] * x / (nx**2)[:, None]) * dc[:, None]
            gy = (x / (nx * ny)[:, None] - c[:, None] * y / (ny**2)[:, None]) * dc[:, None]
            grad = u.T @ gx + v.T @ gy + keep * (w - np.eye(dim))
            # Adam
            step += 1
            m = 0.9 * m + 0.1 * grad
            s = 0.999 * s + 0.001 * grad**2
            w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(s / (1 - 0.999**step)) + 1e-8)
    return w.astype(np.float32)
