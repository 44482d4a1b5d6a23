"""The committed data files match datasets/MANIFEST.json, and utils.data refuses bad files."""
import json
import shutil

import numpy as np
import pytest

from utils import data
from utils.data import DATA_DIR, DatasetError, load_dataset, sha256

MANIFEST = json.loads((DATA_DIR / "MANIFEST.json").read_text())["files"]


@pytest.mark.parametrize("filename", sorted(MANIFEST))
def test_file_matches_manifest(filename):
    info = MANIFEST[filename]
    path = DATA_DIR / filename
    assert path.exists(), f"{filename} is listed in MANIFEST.json but not committed"
    assert path.stat().st_size == info["bytes"]
    assert sha256(path) == info["sha256"], f"{filename} changed: rebuild with `make datasets`"
    for key in ("description", "source", "license", "attribution", "builder", "used_by"):
        assert info.get(key), f"{filename}: manifest entry lacks {key}"
    assert (DATA_DIR.parent / info["builder"]).exists()


def test_readme_lists_every_file_with_checksum():
    readme = (DATA_DIR / "README.md").read_text()
    for filename, info in MANIFEST.items():
        assert filename in readme and info["sha256"] in readme and info["license"] in readme


def test_every_data_file_is_in_the_manifest():
    on_disk = {p.name for p in DATA_DIR.glob("*.h5")}
    assert on_disk == set(MANIFEST)


def test_fashion_pair_contents():
    d = load_dataset("fashion_pair")
    assert d["train_x"].shape == (1200, 28, 28) and d["train_x"].dtype == np.uint8
    assert d["test_x"].shape == (600, 28, 28)
    assert d["train_y"].shape == (1, 1200) and set(np.unique(d["train_y"])) == {0, 1}
    assert d["train_y"].mean() == 0.5 and d["test_y"].mean() == 0.5
    assert d["classes"] == ["pullover", "shirt"]


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    shutil.copy(DATA_DIR / "MANIFEST.json", tmp_path / "MANIFEST.json")
    shutil.copy(DATA_DIR / "fashion_pair.h5", tmp_path / "fashion_pair.h5")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    monkeypatch.setattr(data, "MANIFEST", tmp_path / "MANIFEST.json")
    data._manifest.cache_clear()
    yield tmp_path
    data._manifest.cache_clear()


def test_missing_file_is_a_clear_error(scratch_data):
    (scratch_data / "fashion_pair.h5").unlink()
    with pytest.raises(DatasetError, match="missing.*git checkout"):
        load_dataset("fashion_pair")


def test_corrupt_file_is_a_clear_error(scratch_data):
    path = scratch_data / "fashion_pair.h5"
    raw = bytearray(path.read_bytes())
    raw[-100] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(DatasetError, match="damaged.*SHA-256"):
        load_dataset("fashion_pair")


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(DatasetError, match="fashion_pair"):
        load_dataset("cats")


# files made by a trainer (datasets/train_*.py: weights, training curves) are not rebuilt by
# `make datasets`; tests/test_weights.py recomputes the accuracy of the weight files
@pytest.mark.parametrize("filename", sorted(f for f, i in MANIFEST.items()
                                            if not i["builder"].startswith("datasets/train_")))
def test_rebuild_reproduces_the_checksum(filename, tmp_path):
    """`make datasets` is deterministic: rebuilding gives the committed bytes."""
    import importlib.util

    builder = DATA_DIR.parent / MANIFEST[filename]["builder"]
    spec = importlib.util.spec_from_file_location(builder.stem, builder)
    module = importlib.util.module_from_spec(spec)
    import sys
    sys.path.insert(0, str(DATA_DIR))
    try:
        spec.loader.exec_module(module)
        source = getattr(module, "SOURCE_DIR", None)
        if source is not None and not source.exists():
            pytest.skip(f"{filename}: build source {source} is not installed here")
        try:
            module.build(tmp_path)
        except SystemExit as missing:      # a build-time package (the datasets extra) is absent
            pytest.skip(f"{filename}: {missing}")
    finally:
        sys.path.remove(str(DATA_DIR))
    if sha256(tmp_path / filename) != MANIFEST[filename]["sha256"]:
        _assert_same_contents(tmp_path / filename, DATA_DIR / filename)


def _assert_same_contents(rebuilt, committed) -> None:
    """Same datasets, attributes and integer/text values; floats within 1e-12 (relative).

    NumPy picks its exp/tanh kernels by the CPU's instruction set, so a file of values computed
    with them (rnn_caches.h5) can differ in the last bit from one machine to the next; a wrong
    seed or formula changes far more than that.
    """
    import h5py

    def items(f):
        found = {}
        f.visititems(lambda name, obj: found.__setitem__(name, obj[()])
                     if isinstance(obj, h5py.Dataset) else None)
        return found

    with h5py.File(rebuilt, "r") as a, h5py.File(committed, "r") as b:
        assert {k: str(v) for k, v in a.attrs.items()} == {k: str(v) for k, v in b.attrs.items()}
        new, old = items(a), items(b)
        assert sorted(new) == sorted(old), f"{rebuilt.name}: other datasets"
        for name, value in old.items():
            got = new[name]
            assert np.shape(got) == np.shape(value) and getattr(got, "dtype", None) == getattr(
                value, "dtype", None), f"{rebuilt.name}/{name}: shape or dtype differs"
            if np.issubdtype(np.asarray(value).dtype, np.floating):
                np.testing.assert_allclose(got, value, rtol=1e-12, atol=1e-15,
                                           err_msg=f"{rebuilt.name}/{name}")
            else:
                assert np.array_equal(got, value), f"{rebuilt.name}/{name} differs"


def test_moons_contents():
    d = load_dataset("moons")
    assert d["train_X"].shape == (2, 300) and d["train_X"].dtype == np.float64
    assert d["train_Y"].shape == (1, 300) and d["train_Y"].dtype == np.uint8
    assert d["train_Y"].sum() == 150


def test_rnn_caches_are_what_the_reference_forward_makes():
    """c5w1a1's visible backward tests start from these caches: each one is consistent (what
    utils.rnn's forward pass returns for its own inputs), so a correct backward that recomputes
    a pre-activation from the cache still passes."""
    from utils import rnn
    from utils.rnn_utils import example_backward

    def same(got, want):
        assert len(got) == len(want)
        for g, w in zip(got[:-1], want[:-1]):
            np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)
        assert got[-1].keys() == want[-1].keys()

    da_next, cache = example_backward("rnn_cell_backward")
    assert da_next.shape == (5, 4) and np.abs(cache[0]).sum() > 1
    same(cache, rnn.rnn_cell_forward(cache[2], cache[1], cache[-1])[2])
    da_next, dc_next, cache = example_backward("lstm_cell_backward")
    assert dc_next.shape == (5, 4) and np.abs(cache[1]).sum() > 1
    same(cache, rnn.lstm_cell_forward(cache[8], cache[2], cache[3], cache[-1])[3])
    for name, forward, steps_at in (("rnn_backward", rnn.rnn_forward, 2),
                                    ("lstm_backward", rnn.lstm_forward, 3)):
        da, (steps, x) = example_backward(name)
        assert da.shape == (5, 4, 6) and x.shape == (3, 4, 6) and len(steps) == 6
        a0 = steps[0][1] if name == "rnn_backward" else steps[0][2]
        want_steps, want_x = forward(x, a0, steps[0][-1])[steps_at]
        np.testing.assert_array_equal(x, want_x)
        for got, want in zip(steps, want_steps):
            same(got, want)
    with pytest.raises(ValueError, match="rnn_cell_backward"):
        example_backward("gru_backward")


def test_standardise_uses_the_training_statistics_for_every_set():
    """utils.data.standardise (c2w3a1's and c4w1a2's MLP inputs): each feature of the training
    set gets mean 0 and standard deviation ~1; the test set is moved by the *training*
    statistics; a constant feature stays finite; rows (axis 0) or Course 2's columns (axis 1)."""
    from utils.data import standardise
    rng = np.random.default_rng(0)
    train = rng.uniform(0, 255, size=(40, 3, 3, 2))
    train[:, 0, 0, 0] = 7.0                                   # a pixel that never changes
    test = train[:5] + 10.0
    a, b = standardise(train, test)
    assert a.dtype == b.dtype == np.float32 and a.shape == train.shape and b.shape == test.shape
    np.testing.assert_allclose(a.mean(axis=0), 0, atol=1e-5)
    assert np.all(np.isfinite(a)) and np.all(a[:, 0, 0, 0] == 0)
    np.testing.assert_allclose(a[:, 1:].std(axis=0), 1, atol=1e-3)
    assert np.all(b[:, 1:] > a[:5, 1:])                      # not re-centred on its own mean
    (columns,) = standardise(train.reshape(40, -1).T, axis=1)
    np.testing.assert_allclose(columns, a.reshape(40, -1).T, rtol=1e-6, atol=1e-6)
