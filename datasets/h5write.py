"""Write HDF5 files byte-for-byte reproducibly (no timestamps), for the build scripts."""
from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np


def write_h5(path: Path, arrays: dict[str, np.ndarray], attrs: dict | None = None) -> None:
    """Save ``arrays`` (gzip-compressed) and string/number ``attrs`` to ``path``.

    ``track_times=False`` keeps modification times out of the file, so the same inputs give
    the same bytes and the same checksum on every rebuild.
    """
    path.unlink(missing_ok=True)
    with h5py.File(path, "w", libver="earliest", track_order=True) as handle:
        for key, value in (attrs or {}).items():
            handle.attrs[key] = value
        for key, value in arrays.items():
            handle.create_dataset(key, data=np.ascontiguousarray(value), compression="gzip",
                                  compression_opts=9, shuffle=True, track_times=False)
