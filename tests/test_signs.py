"""datasets/build_signs.py (the hand signs of signs.h5; test_datasets rebuilds the file): seeded, balanced, and the
settings that measure_signs.py explores do what they say.  Small images, so seconds."""
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "datasets"))

import build_signs  # noqa: E402


def test_render_is_seeded_uint8_and_sized():
    a = build_signs.render(np.random.default_rng(7), 3, size=24)
    b = build_signs.render(np.random.default_rng(7), 3, size=24)
    assert a.shape == (24, 24, 3) and a.dtype == np.uint8
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, build_signs.render(np.random.default_rng(8), 3, size=24))


def test_split_is_balanced_and_labels_are_a_row():
    images, labels = build_signs.make_split(np.random.default_rng(0), 2, size=16)
    assert images.shape == (12, 16, 16, 3) and labels.shape == (1, 12)
    assert np.bincount(labels.ravel(), minlength=6).tolist() == [2] * 6


def test_version_settings_are_kept():
    """Each generator version's settings stay as they were: a version's images are
    reproducible from its number."""
    assert build_signs.VERSIONS[1] == {"scale": (1.5, 1.8), "rotation": 10, "shift": 0.12,
                                       "clutter": 0, "top": 0.75}
    assert build_signs.VARY == build_signs.VERSIONS[build_signs.GENERATOR_VERSION]


@pytest.mark.parametrize("darker", [0.0, 0.2, 0.3])
def test_darker_keeps_the_background_below_the_skin(monkeypatch, darker):
    """VARY["darker"] moves the background's base colour at least that far below the skin's
    mean brightness (channels stop at 0.02, and texture adds a little back, so the whole
    background is checked against 0.6 of the gap); without it some backgrounds are brighter."""
    monkeypatch.setitem(build_signs.VARY, "darker", darker)
    n = 16
    t = (np.arange(n) + 0.5) / n
    px, py = np.meshgrid(t, t)
    gaps = []
    for seed in range(40):
        rng = np.random.default_rng(seed)
        skin = build_signs._skin(rng)
        gaps.append(skin.mean() - build_signs._background(rng, n, px, py, skin).mean())
    if darker:
        assert min(gaps) >= 0.6 * darker
    else:
        assert min(gaps) < 0


def test_use_version_switches_the_settings_and_back():
    try:
        build_signs.use_version(1)
        assert build_signs.SIZE == 32 and build_signs.PER_CLASS == {"train": 180, "test": 60}
        assert build_signs.VARY == build_signs.VERSIONS[1]
        assert build_signs.render(np.random.default_rng(0), 2).shape == (32, 32, 3)
    finally:
        build_signs.use_version(build_signs.GENERATOR_VERSION)
    assert build_signs.SIZE == 64 and build_signs.VARY == build_signs.VERSIONS[4]
    assert "2400 train / 360 test, 64x64" in build_signs.description()


def test_version_3_is_version_2_without_the_pixel_noise():
    """Version 3 draws the same images as version 2 (measured in measure_signs.py), less the
    noise: the same random draws, so the same hands on the same backgrounds; version 4 (shipped)
    only moves the hand further sideways."""
    assert build_signs.VERSIONS[3] == dict(build_signs.VERSIONS[2], noise=0.0)
    assert build_signs.VERSIONS[4] == dict(build_signs.VERSIONS[3], shift=(0.18, 0.1))
    try:
        build_signs.use_version(2)
        noisy = build_signs.render(np.random.default_rng(5), 4, size=32).astype(int)
        build_signs.use_version(3)
        clean = build_signs.render(np.random.default_rng(5), 4, size=32).astype(int)
    finally:
        build_signs.use_version(build_signs.GENERATOR_VERSION)
    difference = np.abs(noisy - clean)
    assert 0 < difference.mean() < 8 and difference.max() < 40
