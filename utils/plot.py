"""Figures that several notebooks share.  Every function draws on a Matplotlib Axes (made for you
when ``ax`` is None) and returns it, so notebooks can combine them into grids."""
from __future__ import annotations

from typing import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["show_images", "plot_costs", "plot_decision_boundary", "plot_class_probabilities",
           "label_points"]


def show_images(images: np.ndarray, titles: Sequence[str] | None = None, ncols: int = 8,
                size: float = 1.4, cmap: str = "gray", suptitle: str | None = None):
    """A grid of images.

    images: (m, h, w) grayscale or (m, h, w, 3) colour, any numeric dtype.
    titles: m short strings shown above the images (e.g. "pred: shirt").
    Returns the figure.
    """
    images = np.asarray(images)
    m = len(images)
    ncols = max(1, min(ncols, m))
    nrows = max(1, int(np.ceil(m / ncols)))
    title_lines = max((str(t).count("\n") + 1 for t in titles), default=0) if titles else 0
    row_height = size + 0.17 * title_lines + 0.1
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, layout="constrained",
                             figsize=(size * ncols, row_height * nrows + (0.4 if suptitle else 0)))
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < m:
            ax.imshow(images[i], cmap=cmap if images[i].ndim == 2 else None)
            if titles is not None:
                ax.set_title(titles[i], fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    return fig


def plot_costs(costs: dict[str, Sequence[float]], every: int = 100, ax=None,
               title: str = "Cost during training", log: bool = False):
    """Learning curves: ``costs`` maps a label (e.g. "lr = 0.01") to costs recorded every
    ``every`` iterations."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    for label, values in costs.items():
        values = np.squeeze(np.asarray(values, dtype=float))
        ax.plot(np.arange(len(values)) * every, values, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if log:
        ax.set_yscale("log")
    ax.set_title(title)
    if len(costs) > 1 or next(iter(costs), ""):
        ax.legend()
    return ax


def plot_decision_boundary(predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray,
                           Y: np.ndarray, ax=None, title: str | None = None,
                           resolution: int = 200, margin: float = 0.5):
    """Shade the regions a 2-D binary classifier assigns to each class and scatter the data.

    predict: maps a (2, n) array of points to (1, n) or (n,) predictions in {0, 1}.
    X: (2, m) points; Y: (1, m) or (m,) labels in {0, 1}.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution),
                         np.linspace(y_min, y_max, resolution))
    grid = np.vstack([xx.ravel(), yy.ravel()])
    zz = np.asarray(predict(grid)).reshape(xx.shape)
    ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], colors=["#f4b6b6", "#b6cff4"], alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=plt.cm.coolwarm_r, s=12, edgecolors="k",
               linewidths=0.3)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


def plot_class_probabilities(probs: Sequence[float], classes: Sequence[str], true: int, ax=None,
                             title: str | None = None):
    """Horizontal bars of a classifier's probabilities for one example, the true class marked.

    The true class's row is shaded green, its name is green and bold, and every bar carries its
    value: the true class stays visible even when its probability is near 0, where its bar is
    too short to see.
    """
    probs = np.asarray(probs, dtype=float).ravel()
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 2.8))
    rows = np.arange(len(classes))
    ax.axhspan(true - 0.5, true + 0.5, color="tab:green", alpha=0.15, lw=0)
    ax.barh(rows, probs, color=["tab:green" if c == true else "tab:gray" for c in rows])
    for c, p in zip(rows, probs):
        ax.text(min(p, 1.0) + 0.01, c, f"{p:.0%}" if p >= 0.005 else f"{p:.1e}", va="center",
                fontsize=8, color="tab:green" if c == true else "0.3",
                fontweight="bold" if c == true else "normal")
    ax.set_yticks(rows, [f"{name} (true)" if c == true else name
                         for c, name in zip(rows, classes)])
    for c, label in enumerate(ax.get_yticklabels()):
        if c == true:
            label.set_color("tab:green")
            label.set_fontweight("bold")
    ax.set_ylim(len(classes) - 0.5, -0.5)               # the first class on top
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("predicted probability")
    if title:
        ax.set_title(title)
    return ax


def label_points(ax, points, labels, colors="black", sides=1, fontsize=8, gap=1.0,
                 iterations=200):
    """Label scattered points without overlapping labels.

    Each label starts beside its point (``sides``: +1 right, -1 left, one for all or one per
    label); labels whose boxes overlap are pushed apart vertically until none do, and a label
    moved away from its point gets a thin line back to it. Lay the figure out (tight_layout)
    BEFORE calling this: the labels are placed in screen space. Returns the annotations.
    """
    points = np.asarray(points, dtype=float)
    n = len(labels)
    colors = [colors] * n if isinstance(colors, str) else list(colors)
    sides = [sides] * n if np.isscalar(sides) else list(sides)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    to_points = 72.0 / fig.dpi
    texts = [ax.annotate(label, xy, xytext=(4 * side, 0), textcoords="offset points",
                         fontsize=fontsize, color=color, va="center",
                         ha="left" if side > 0 else "right")
             for label, xy, color, side in zip(labels, points, colors, sides)]
    dy = np.zeros(n)                                  # vertical offsets, in points
    for _ in range(iterations):
        boxes = [t.get_window_extent(renderer) for t in texts]
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                a, b = boxes[i], boxes[j]
                if a.x1 <= b.x0 or b.x1 <= a.x0:          # side by side: no overlap
                    continue
                overlap = min(a.y1, b.y1) - max(a.y0, b.y0) + gap / to_points
                if overlap <= 0:
                    continue
                up, down = (i, j) if (a.y0 + a.y1, i) > (b.y0 + b.y1, j) else (j, i)
                push = 0.5 * overlap * to_points + 0.1
                dy[up] += push
                dy[down] -= push
                moved = True
        for t, side, d in zip(texts, sides, dy):
            t.xyann = (4 * side, d)
        if not moved:
            break
    final = []
    for t, label, xy, color, side, d in zip(texts, labels, points, colors, sides, dy):
        t.remove()
        line = ({"arrowstyle": "-", "color": color, "lw": 0.4, "shrinkA": 0, "shrinkB": 2,
                 "relpos": (0.0 if side > 0 else 1.0, 0.5)}
                if abs(d) > 0.6 * fontsize else None)    # moved off its point: a leader line
        final.append(ax.annotate(label, xy, xytext=(4 * side, d),
                                 textcoords="offset points", fontsize=fontsize, color=color,
                                 va="center", ha="left" if side > 0 else "right",
                                 arrowprops=line))
    texts = final
    return texts
