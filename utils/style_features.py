"""What c4w4a2_style_transfer gives its students: the feature network, the images, plots.

The graded answers (the costs and ``train_step``) are in ``utils/style_transfer.py``; this module
holds none of them, so the assignment's sandbox may hold it.

The feature network
-------------------
The original assignment uses VGG-19 trained on ImageNet, a 550 MB download.  This course uses a
small VGG-like network whose weights are **random, fixed by a seed, and never trained**:

    input (1, n_H, n_W, 3) in [0, 1] -> x * 2 - 1
    block1: conv 3x3, 32 -> ReLU -> conv 3x3, 32 -> ReLU -> 2x2 average pooling
    block2: conv 3x3, 64 -> ReLU -> conv 3x3, 64 -> ReLU -> 2x2 average pooling
    block3: conv 3x3, 128 -> ReLU -> conv 3x3, 128 -> ReLU -> 2x2 average pooling
    block4: conv 3x3, 256 -> ReLU

Each filter is drawn from a normal distribution, made zero-mean (it answers to changes of
colour and brightness across its window, not to the window's mean level) and scaled to the
norm sqrt(2 / fan_in) * sqrt(fan_in) (He's scale: the activations keep their size from layer to
layer instead of growing or fading); biases are zero.  He, Wang & Hopcroft (NIPS 2016) found
random-weight VGG features "highly competitive" for style transfer, and Ustyuzhaninov et al.
(ICLR 2017) that random multi-scale filters make good textures: the Gram matrices of many random
filters at several scales already describe a texture well.

``make_feature_model()`` returns an ``nn.Model`` whose outputs are the layers named in
``STYLE_LAYER_NAMES`` then ``CONTENT_LAYER`` (the last output is the content layer, as in the
original assignment).
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.data import load_dataset

SEED = 2016
STYLE_LAYER_NAMES = ("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1")
CONTENT_LAYER = "block3_conv2"
_BLOCKS = ((32, 32), (64, 64), (128, 128), (256,))
IMAGES_FILE = "style_images.h5"


def _random_filters(rng: np.random.Generator, f: int, n_in: int, n_out: int) -> np.ndarray:
    """(f, f, n_in, n_out) zero-mean random filters, each of norm sqrt(2) (He's scale)."""
    w = rng.normal(size=(f * f * n_in, n_out))
    w -= w.mean(axis=0, keepdims=True)
    w *= np.sqrt(2.0) / np.linalg.norm(w, axis=0, keepdims=True)
    return w.reshape(f, f, n_in, n_out).astype(np.float32)


class VGGLike(nn.Model):
    """The random network of the module docstring, returning the activations of ``layer_names``
    (a list, in that order) for an image (1, n_H, n_W, 3) of any size."""

    def __init__(self, layer_names=STYLE_LAYER_NAMES + (CONTENT_LAYER,), seed: int = SEED):
        super().__init__(name="vgg_like")
        self.layer_names = tuple(layer_names)
        rng = np.random.default_rng(seed)
        self.convs, n_in = [], 3
        for b, widths in enumerate(_BLOCKS, start=1):
            for c, width in enumerate(widths, start=1):
                conv = nn.Conv2D(width, 3, padding="same", activation="relu",
                                 name=f"block{b}_conv{c}")
                conv(np.zeros((1, 8, 8, n_in), dtype=np.float32))      # builds its weights
                conv.set_weights([_random_filters(rng, 3, n_in, width),
                                  np.zeros(width, dtype=np.float32)])
                setattr(self, conv.name, conv)                  # tracked: its weights count
                self.convs.append(conv)
                n_in = width
        self.pool = nn.AveragePooling2D(2, name="pool")
        self.trainable = False
        last = max(int(n[5]) * 10 + int(n[-1]) for n in self.layer_names)
        self._depth = next(i for i, conv in enumerate(self.convs)
                           if int(conv.name[5]) * 10 + int(conv.name[-1]) == last) + 1

    def call(self, image, training=False):
        x = image * np.float32(2.0) - np.float32(1.0)
        found = {}
        for i, conv in enumerate(self.convs[:self._depth]):
            if i > 0 and conv.name.endswith("conv1"):
                x = self.pool(x)
            x = conv(x)
            found[conv.name] = x
        return [found[n] for n in self.layer_names]


def make_feature_model(layer_names=STYLE_LAYER_NAMES + (CONTENT_LAYER,), seed: int = SEED):
    """The feature network: called on an image (1, n_H, n_W, 3) in [0, 1] (an array, or an
    ``nn.Tensor`` with ``requires_grad=True`` to get gradients with respect to the image), it
    returns a list of (1, n_H_l, n_W_l, n_C_l) tensors: the layers ``layer_names``, by default
    the style layers then the content layer."""
    return VGGLike(layer_names, seed)


def activations(model: nn.Model, image: np.ndarray) -> list:
    """The model's outputs on ``image`` (1, n_H, n_W, 3) as a list of arrays (no graph)."""
    with nn.no_grad():
        outs = model(np.asarray(image, dtype=np.float32))
    outs = outs if isinstance(outs, (list, tuple)) else [outs]
    return [o.numpy().copy() for o in outs]


def style_layer_weights(style_activations, names=STYLE_LAYER_NAMES) -> list:
    """STYLE_LAYERS for ``compute_style_cost``: [(name, weight), ...], one per style layer.

    Each layer's weight is 1 / (number of layers) divided by the squared Frobenius norm of
    that layer's style Gram matrix (with the cost's normalisation, the norm of
    G / (2 n_C n_H n_W)): every layer then contributes a cost of the same size, so that no
    layer's scale (a property of the random weights, not of the style) drowns the others."""
    weights = []
    for name, a in zip(names, style_activations):
        _, n_H, n_W, n_C = a.shape
        flat = a.reshape(n_H * n_W, n_C)
        gram = flat.T @ flat / (2.0 * n_C * n_H * n_W)
        weights.append((name, float(1.0 / len(names) / max(np.sum(gram ** 2), 1e-12))))
    return weights


def clip_0_1(image):
    """``image`` clipped to [0, 1] (an array in, an array out)."""
    return np.clip(image, 0.0, 1.0)


# --- the images ---------------------------------------------------------------------------------

def load_images(kind: str) -> dict:
    """The images of ``datasets/style_images.h5`` of one kind ("content" or "style"):
    {name: (image (192, 192, 3) float32 in [0, 1], description, licence)}, in file order."""
    if kind not in ("content", "style"):
        raise ValueError("kind is 'content' or 'style'")
    data = load_dataset("style_images")
    return {name: (data[f"{kind}__{name}"].astype(np.float32) / 255.0,
                   str(data[f"description__{name}"]), str(data[f"license__{name}"]))
            for name in str(data[f"{kind}_order"]).split(",")}


def resize(image: np.ndarray, size: int) -> np.ndarray:
    """A square image (n, n, 3) resized to (size, size, 3) by averaging (downscaling by an
    integer factor) or bilinear interpolation (any other factor)."""
    n = image.shape[0]
    if n % size == 0:
        k = n // size
        return image.reshape(size, k, size, k, 3).mean(axis=(1, 3))
    pos = (np.arange(size) + 0.5) * n / size - 0.5
    pos = np.clip(pos, 0, n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    t = (pos - lo)[:, None]
    rows = image[lo] * (1 - t)[:, :, None] + image[hi] * t[:, :, None]
    t = (pos - lo)[None, :, None]
    return rows[:, lo] * (1 - t) + rows[:, hi] * t


def show_row(ax_row, images, titles):
    """Images side by side on a row of axes, without ticks."""
    for ax, img, title in zip(ax_row, images, titles):
        ax.imshow(np.clip(np.asarray(img).reshape(np.asarray(img).shape[-3:]), 0, 1))
        ax.set_title(title, fontsize=9)
        ax.axis("off")


# --- gradients through a cost (the notebook's test cells) ---------------------------------------

def gradients(fn, args, wrt, make, upstream=None):
    """The gradients that reach the arguments ``wrt`` (indices) of ``fn(*args)``.

    Each argument in ``wrt`` (an array, or a list of arrays) is replaced by tensors made with
    ``make(array, requires_grad=True, dtype="float64")`` (``nn.Tensor``, or
    ``utils.testing.framework`` with "Tensor" to make them where a student's function runs);
    ``fn``'s result is backpropagated (with ``upstream`` as d loss / d result, if given).
    Returns (result, grads): grads[k] is the gradient of argument wrt[k] (a list for a list;
    None where no gradient arrived), or (result, None) when the result cannot be
    backpropagated (not a tensor)."""
    args = list(args)
    made = {}
    for i in wrt:
        if isinstance(args[i], (list, tuple)):
            made[i] = [make(np.asarray(a), requires_grad=True, dtype="float64") for a in args[i]]
        else:
            made[i] = make(np.asarray(args[i]), requires_grad=True, dtype="float64")
        args[i] = made[i]
    result = fn(*args)
    try:
        backward = result.backward
    except Exception:
        backward = None
    if not callable(backward):
        return result, None
    if upstream is None:
        backward()
    else:
        backward(upstream)
    grads = [[t.grad for t in made[i]] if isinstance(made[i], list) else made[i].grad
             for i in wrt]
    return result, grads


def check_gradients(name, fn, args, wrt, expected, upstream=None, hint=None):
    """Check that ``fn`` (a student's cost) returns a tensor whose gradients, with respect to
    the arguments ``wrt``, are ``expected`` (as returned by :func:`gradients`)."""
    from utils.testing import CheckFailure, check, check_type, framework
    _, got = gradients(fn, args, wrt, lambda a, **kw: framework("Tensor", a, **kw), upstream)
    if got is None:
        raise CheckFailure(f"{name}, given framework tensors, did not return a tensor that can "
                           "be differentiated\n  hint: use only .reshape, .T, @, -, ** and "
                           ".sum() (tensors have them); np.sum, np.square, np.dot or float(...) "
                           "leave the framework's graph")
    for k, (g, e) in enumerate(zip(got, expected)):
        pairs = list(zip(g, e)) if isinstance(e, list) else [(g, e)]
        for j, (gj, ej) in enumerate(pairs):
            if ej is None:
                continue
            label = f"the gradient of {name} with respect to argument {wrt[k] + 1}" + (
                f"[{j}]" if isinstance(e, list) else "")
            check_type(label, gj, np.ndarray,
                       hint="no gradient reached this input: keep every step inside the "
                            "framework (.reshape, .T, @, -, **, .sum()); NumPy functions "
                            "such as np.sum or np.square cut the graph")
            check(label, gj, ej, rtol=1e-5, atol=1e-9, quiet=True, hint=hint)
