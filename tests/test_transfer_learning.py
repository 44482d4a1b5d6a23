"""The conclusions c4w2a2_transfer_learning's prose draws from its training runs.

The notebook's own cells are run (the solution notebook, test cells left out), and what the
prose says about their results is checked here, with its margin:

* the transferred model is above chance (1/6) on the validation set after one epoch, and
  training from scratch starts at chance;
* transfer learning beats training from scratch on the test set;
* fine-tuning brings no clear gain on the validation set (a few of its 120 images either way).
"""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import matplotlib
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "solutions" / "c4w2a2_transfer_learning" / "c4w2a2_transfer_learning.ipynb"


def run_notebook_cells(path: Path) -> dict:
    """The namespace after running a solution notebook's ordinary cells (no test cells)."""
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace: dict = {"__name__": "__main__"}
    for cell in nbformat.read(str(path), as_version=4).cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(cell.source, str(path), "exec"), namespace)
        plt.close("all")
    return namespace


@pytest.fixture(scope="module")
def run():
    return run_notebook_cells(NOTEBOOK)


def test_transfer_is_above_chance_from_the_first_epoch(run):
    chance = 1 / 6
    assert run["history"].history["val_accuracy"][0] > chance + 0.05
    assert run["history_scratch"].history["val_accuracy"][0] < chance + 0.05


def test_transfer_beats_training_from_scratch(run):
    # the margin: 2 points, 7 of the 360 test images (the run is not bit-for-bit the same on
    # every CPU: frozen 59.2 % against 54.4 % from scratch on the author's machine, 58.6 %
    # against 55.0 % on a fresh CI clone; the prose claims a gain, and a small one)
    assert run["frozen_test_accuracy"] > run["scratch_test_accuracy"] + 0.02
    assert run["fine_test_accuracy"] > run["scratch_test_accuracy"] + 0.02


def test_fine_tuning_brings_no_clear_gain(run):
    # "no clear gain": at most 4 more of the 120 validation images (3.3 points); and no collapse
    # either (the run is not bit-for-bit the same on every machine: a fresh CI clone lost 5
    # images where the author's run lost 1)
    before = run["history"].history["val_accuracy"][-1]
    after = run["history_fine"].history["val_accuracy"][-1]
    n = len(run["y_val"])
    assert (after - before) * n <= 4.5
    assert (before - after) * n <= 12.5
