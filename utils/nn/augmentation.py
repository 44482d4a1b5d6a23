"""More training-only image augmentation (``RandomFlip`` and ``RandomRotation`` are in
:mod:`utils.nn.layers`).

    x = Input((28, 28, 1))
    h = RandomTranslation(0.1, 0.1, fill_mode="constant")(x)    # shifts of up to 3 pixels
"""
from __future__ import annotations

import numpy as np

from . import initializers, ops
from .layers import LayerError, RandomRotation, _shape_str

__all__ = ["RandomTranslation"]


class RandomTranslation(RandomRotation):
    """Training-only augmentation: shift each image (m, n_H, n_W, n_C) by a random whole number
    of pixels, up to round(height_factor * n_H) vertically and round(width_factor * n_W)
    horizontally in either direction (drawn uniformly).  Pixels that come from outside the
    image are filled by ``fill_mode``: "reflect" (the Keras default), "nearest" or "constant"
    (``fill_value``; the natural choice for objects on a black background).  The identity at
    inference.  ``seed`` gives the layer its own generator.

    Keras also draws fractional shifts (with interpolation); whole pixels keep images sharp.
    """

    _config_keys = ("height_factor", "width_factor", "fill_mode", "fill_value")

    def __init__(self, height_factor: float, width_factor: float, fill_mode: str = "reflect",
                 fill_value: float = 0.0, seed: int | None = None, **kwargs):
        super().__init__(0.0, fill_mode=fill_mode, fill_value=fill_value, seed=seed, **kwargs)
        for name, value in (("height_factor", height_factor), ("width_factor", width_factor)):
            if not 0 <= value <= 1:
                raise ValueError(f"RandomTranslation: {name} must be in [0, 1], got {value}")
        self.height_factor, self.width_factor = float(height_factor), float(width_factor)

    def _check_input(self, shape):
        if len(shape) != 4:
            raise LayerError(f"layer '{self.name}' (RandomTranslation) expects images (m, n_H, "
                             f"n_W, n_C), got {_shape_str(shape)}")

    def call(self, x, training=False):
        m, H, W, _ = x.shape
        max_dy, max_dx = int(round(self.height_factor * H)), int(round(self.width_factor * W))
        if not training or (max_dy == 0 and max_dx == 0):
            return x
        rng = self._rng or initializers.rng()
        dy = rng.integers(-max_dy, max_dy + 1, size=m)[:, None, None]
        dx = rng.integers(-max_dx, max_dx + 1, size=m)[:, None, None]
        yy, xx = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
        # the output pixel (y, x) takes the input pixel (y - dy, x - dx)
        iy, in_y = self._source_index(yy[None] - dy, H)
        ix, in_x = self._source_index(xx[None] - dx, W)
        out = ops.getitem(x, (np.arange(m)[:, None, None], iy, ix))
        if self.fill_mode == "constant":
            outside = ~(in_y & in_x)[..., None]
            out = ops.where(outside, np.asarray(self.fill_value, x.dtype), out)
        return out
