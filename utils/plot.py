"""Figures that several notebooks share.  Every function draws on a Matplotlib Axes (made for you
when ``ax`` is None) and returns it, so notebooks can combine them into grids."""
from __future__ import annotations

from typing import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["show_images", "plot_costs", "plot_decision_boundary"]


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
