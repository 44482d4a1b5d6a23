"""six_class.h5: the clothes of c4w2a2 (its source classes) and of c4w1a2's hidden tests."""
import numpy as np

from utils.data import load_dataset


def test_six_class_contents():
    data = load_dataset("six_class")
    assert data["train_x"].shape == (1080, 28, 28) and data["train_x"].dtype == np.uint8
    assert data["test_x"].shape == (360, 28, 28) and data["test_x"].dtype == np.uint8
    assert data["train_y"].shape == (1, 1080) and data["test_y"].shape == (1, 360)
    assert list(np.bincount(data["train_y"].ravel())) == [180] * 6
    assert list(np.bincount(data["test_y"].ravel())) == [60] * 6
    assert [str(c) for c in data["classes"]] == ["T-shirt/top", "trouser", "pullover", "dress",
                                                 "coat", "shirt"]
    # shuffled: the classes are interleaved, not in blocks
    assert len(set(data["train_y"][0, :30])) == 6
