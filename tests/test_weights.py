"""Every shipped weight file reaches the accuracy its manifest entry reports (datasets/train_*.py)."""
import importlib.util
import json
import sys

import numpy as np
import pytest

from utils.data import DATA_DIR

MANIFEST = json.loads((DATA_DIR / "MANIFEST.json").read_text())["files"]
WEIGHTS = sorted(name for name, info in MANIFEST.items() if "accuracy" in info)


def _trainer(filename):
    return load_script(DATA_DIR.parent / MANIFEST[filename]["builder"])


def load_script(path):
    """A script of datasets/ loaded as a module (it imports its neighbours, as when run)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(DATA_DIR))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(DATA_DIR))
    return module


@pytest.mark.parametrize("filename", WEIGHTS)
def test_weights_reach_the_reported_accuracy(filename):
    info = MANIFEST[filename]
    assert info["builder"].startswith("datasets/train_") and info["train_seconds"] > 0
    value = _trainer(filename).evaluate(DATA_DIR / filename)
    assert value == pytest.approx(info["accuracy"]["value"], abs=0.005), filename


def test_weight_files_are_small():
    for filename in WEIGHTS:
        assert MANIFEST[filename]["bytes"] < 8 * 2**20, f"{filename} is too large to commit"


def test_resnet_vs_plain_curves_say_what_c4w2a1_says():
    """c4w2a1 section 6: the residual network's training cost is the lower one (every epoch of
    the stored run), both networks end up fitting the training set (so the gap at 20 layers is
    not degradation), and the residual one is ahead on the test set."""
    from utils.data import load_dataset
    curves = load_dataset("resnet_vs_plain")
    assert np.all(curves["resnet_loss"] < curves["plain_loss"])
    for name in ("resnet", "plain"):
        assert curves[f"{name}_accuracy"][-1] >= 0.99
    assert curves["resnet_test_accuracy"].item() > curves["plain_test_accuracy"].item() + 0.02
