"""Neural style transfer (c4w4a2): the content cost, Gram matrices, the style costs, the total
cost and one optimisation step on the image.

The course's reference answers of ``c4w4a2_style_transfer`` (guarded by ``TAUGHT_IN``: the
notebook that teaches them cannot import this module).  Each cost works on NumPy arrays and on
``utils.nn`` tensors alike (it uses only ``.shape``, ``.reshape``, ``.T``, ``@``, ``-``, ``**``
and ``.sum()``), so the same function gives a number for arrays and a differentiable tensor for
tensors.

Shapes: an activation is (1, n_H, n_W, n_C); a model's output is a list of them, the style
layers first and the content layer last.
"""
from __future__ import annotations

import numpy as np

from utils.testing import course_reference

TAUGHT_IN = ("c4w4a2_style_transfer",)

__all__ = ["compute_content_cost", "gram_matrix", "compute_layer_style_cost",
           "compute_style_cost", "total_cost", "train_step"]


def _unrolled(a):
    """(1, n_H, n_W, n_C) -> (n_C, n_H * n_W): one row per channel."""
    _, n_H, n_W, n_C = a.shape
    return a.reshape(n_H * n_W, n_C).T


@course_reference
def compute_content_cost(content_output, generated_output):
    """J_content = sum((a_C - a_G)^2) / (4 n_H n_W n_C) on the last output (the content layer).

    content_output, generated_output -- lists of activations; the last is (1, n_H, n_W, n_C)
    Returns a number (arrays) or a scalar tensor (tensors)."""
    a_C, a_G = content_output[-1], generated_output[-1]
    _, n_H, n_W, n_C = a_G.shape
    return ((a_C - a_G) ** 2).sum() / (4.0 * n_H * n_W * n_C)


@course_reference
def gram_matrix(A):
    """G_A = A A^T.  A -- (n_C, n_H * n_W); returns (n_C, n_C)."""
    return A @ A.T


@course_reference
def compute_layer_style_cost(a_S, a_G):
    """J_style^[l] = sum((G_S - G_G)^2) / (4 n_C^2 (n_H n_W)^2).

    a_S, a_G -- (1, n_H, n_W, n_C) activations of one layer for the style and generated image."""
    _, n_H, n_W, n_C = a_G.shape
    GS = gram_matrix(_unrolled(a_S))
    GG = gram_matrix(_unrolled(a_G))
    return ((GS - GG) ** 2).sum() / (4.0 * n_C ** 2 * (n_H * n_W) ** 2)


@course_reference
def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS):
    """J_style = sum over the style layers of weight_l * J_style^[l].

    style_image_output, generated_image_output -- lists of activations, the style layers first
    (in the order of STYLE_LAYERS), the content layer last (not used here)
    STYLE_LAYERS -- list of (layer name, weight)"""
    J_style = 0
    a_S, a_G = style_image_output[:-1], generated_image_output[:-1]
    for (_, weight), s, g in zip(STYLE_LAYERS, a_S, a_G):
        J_style = J_style + weight * compute_layer_style_cost(s, g)
    return J_style


@course_reference
def total_cost(J_content, J_style, alpha=10, beta=40):
    """J = alpha J_content + beta J_style."""
    return alpha * J_content + beta * J_style


@course_reference
def train_step(generated_image, a_C, a_S, STYLE_LAYERS, optimizer, feature_model,
               alpha=10, beta=40):
    """One Adam step on the image (the notebook's version reads ``feature_model`` from the
    notebook; here it is an argument).

    generated_image -- nn.Tensor (1, n_H, n_W, 3), requires_grad=True: updated in place, then
                       clipped to [0, 1]
    a_C, a_S -- the content and style images' activations (lists of arrays)
    Returns J (a float), the cost before the step."""
    a_G = feature_model(generated_image)
    J = total_cost(compute_content_cost(a_C, a_G), compute_style_cost(a_S, a_G, STYLE_LAYERS),
                   alpha=alpha, beta=beta)
    J.backward()
    optimizer.step([generated_image])
    np.clip(generated_image.data, 0.0, 1.0, out=generated_image.data)
    return float(J.item())
