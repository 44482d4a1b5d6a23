"""Load the course's offline datasets from ``datasets/``, checking each file's checksum.

Every data file is listed in ``datasets/MANIFEST.json`` with its SHA-256, size, source and
license (``datasets/README.md`` shows the same table for people).  Nothing is downloaded: a
missing or damaged file is an error that says how to get it back.

    >>> data = load_dataset("fashion_pair")
    >>> data["train_x"].shape          # (m_train, 28, 28) uint8 images
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import h5py
import numpy as np

__all__ = ["DATA_DIR", "DatasetError", "load_dataset", "dataset_info", "sha256", "standardise"]

DATA_DIR = Path(__file__).resolve().parent.parent / "datasets"
MANIFEST = DATA_DIR / "MANIFEST.json"


class DatasetError(RuntimeError):
    """A data file is missing, unknown or does not match its checksum."""


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _manifest() -> dict:
    if not MANIFEST.exists():
        raise DatasetError(f"{MANIFEST} is missing: restore it with `git checkout -- datasets/`")
    return json.loads(MANIFEST.read_text())["files"]


def dataset_info(name: str) -> dict:
    """The manifest entry of dataset ``name`` (file, sha256, bytes, source, license, ...)."""
    files = _manifest()
    filename = name if name.endswith(".h5") else f"{name}.h5"
    if filename not in files:
        known = ", ".join(sorted(Path(f).stem for f in files))
        raise DatasetError(f"unknown dataset {name!r}; the course has: {known}")
    return {"file": filename, **files[filename]}


def load_dataset(name: str) -> dict[str, np.ndarray]:
    """Read every array of ``datasets/<name>.h5`` into a dict, after checking its SHA-256.

    String attributes of the file (class names, descriptions) are returned as well, under
    their attribute names.
    """
    info = dataset_info(name)
    path = DATA_DIR / info["file"]
    if not path.exists():
        raise DatasetError(
            f"{path} is missing. It is part of the repository: `git checkout -- datasets/` "
            "restores it, and `make datasets` rebuilds it from its source.")
    actual = sha256(path)
    if actual != info["sha256"]:
        raise DatasetError(
            f"{path} is damaged or was changed: its SHA-256 is {actual}, the manifest says "
            f"{info['sha256']}. Restore it with `git checkout -- {path.name}` (in datasets/) "
            "or rebuild it with `make datasets`.")
    out: dict[str, np.ndarray] = {}
    with h5py.File(path, "r") as handle:
        for key, value in handle.attrs.items():
            out[key] = _plain(value)
        for key in handle:
            out[key] = handle[key][()]
    return out


def _plain(value):
    """h5py attributes as plain Python values (str, list of str) or arrays."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.ndarray) and value.dtype.kind in "OSU":
        return [v.decode() if isinstance(v, bytes) else str(v) for v in value.tolist()]
    return value


def standardise(train: np.ndarray, *others: np.ndarray, axis: int = 0, eps: float = 1e-3):
    """Centre and scale every feature by the *training* set's mean and standard deviation.

    train -- (m, ...) examples along ``axis`` (0: rows, as in (m, n_H, n_W, n_C); 1: columns,
    as in Course 2's (n_x, m)); others -- more sets (test, validation) of the same layout, scaled
    with the training statistics (never their own: that would leak the test set into the
    preprocessing).  ``eps`` keeps a feature that never varies (a border pixel) finite.
    Returns float32 arrays of the same shapes: (train, *others).
    """
    mean = train.mean(axis=axis, keepdims=True, dtype=np.float64)
    scale = train.std(axis=axis, keepdims=True, dtype=np.float64) + eps
    return tuple(((x - mean) / scale).astype(np.float32) for x in (train, *others))
