"""Write HDF5 files byte-for-byte reproducibly (no timestamps), for the build scripts."""
from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np


def write_h5(path: Path, arrays: dict[str, np.ndarray], attrs: dict | None = None,
             chunk_rows: int | None = None) -> None:
    """Save ``arrays`` (gzip-compressed) and string/number ``attrs`` to ``path``.

    ``track_times=False`` keeps modification times out of the file, so the same inputs give
    the same bytes and the same checksum on every rebuild.  ``chunk_rows``: arrays of rank 3 or
    more are stored in chunks of that many whole rows (images), not h5py's automatic chunks of
    a few pixels, which compress a stack of images to about twice the size.
    """
    path.unlink(missing_ok=True)
    with h5py.File(path, "w", libver="earliest", track_order=True) as handle:
        for key, value in (attrs or {}).items():
            handle.attrs[key] = value
        for key, value in arrays.items():
            value = np.ascontiguousarray(value)
            chunks = ((min(chunk_rows, len(value)),) + value.shape[1:]
                      if chunk_rows and value.ndim >= 3 else None)
            handle.create_dataset(key, data=value, chunks=chunks, compression="gzip",
                                  compression_opts=9, shuffle=True, track_times=False)
