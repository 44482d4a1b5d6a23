"""Convolution and pooling layers in the style of Keras (NHWC images, Keras argument names).

    x = Input((64, 64, 3))
    h = Conv2D(32, 3, padding="same", activation="relu")(x)     # (None, 64, 64, 32)
    h = MaxPooling2D(2)(h)                                      # (None, 32, 32, 32)
    h = GlobalAveragePooling2D()(h)                             # (None, 32)

Each layer runs one forward/backward pair of :mod:`utils.nn.conv` through ``apply``, so a
layer call is one graph node.  Weights have Keras's names and layouts: ``kernel``
``(f_h, f_w, n_C_prev, filters)`` (``(f_h, f_w, filters, n_C_prev)`` for Conv2DTranspose,
``(f, n_C_prev, filters)`` for Conv1D, ``depthwise_kernel`` ``(f_h, f_w, n_C_prev,
depth_multiplier)``) and ``bias`` ``(filters,)``, so ``set_weights`` accepts Keras's arrays.
Wrong inputs raise a ``LayerError`` that names the layer and the shapes.
"""
from __future__ import annotations

import numpy as np

from . import conv as C
from .layers import (Layer, LayerError, _activation_name, _shape_str, _unique_name,
                     get_activation)
from .tensor import apply

__all__ = ["Conv2D", "Conv2DTranspose", "Conv1D", "DepthwiseConv2D", "MaxPool2D",
           "MaxPooling2D", "AveragePooling2D", "AvgPool2D", "GlobalAveragePooling2D",
           "GlobalAvgPool2D", "ZeroPadding2D", "UpSampling2D"]


def _pair(value, layer, what):
    try:
        return C._pair(value, what)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{layer}: {err}") from None


def _padding_arg(padding, layer, allowed=("valid", "same")):
    if not isinstance(padding, str) or padding.lower() not in allowed:
        raise ValueError(f"{layer}: padding must be one of {', '.join(map(repr, allowed))}, "
                         f"not {padding!r}")
    return padding.lower()


def _needs_grad(x):
    """Whether the layer's input needs a gradient (False for a model's input data)."""
    return bool(getattr(x, "requires_grad", True))


class _Windowed(Layer):
    """Shared checks of the 2-D layers: rank 4, the channel count they were built for, and a
    window that fits in the (padded) input.  Default names are Keras's ("conv2d",
    "max_pooling2d", ...)."""

    _rank, _layout = 4, "(m, n_H, n_W, n_C)"
    _keras_name = "layer"

    def __init__(self, name=None, **kwargs):
        super().__init__(name=name or _unique_name(self._keras_name), **kwargs)

    def _check_input(self, shape):
        name = f"layer '{self.name}' ({type(self).__name__})"
        if not isinstance(shape, tuple):
            raise LayerError(f"{name} takes one input, got {shape}")
        if len(shape) != self._rank:
            hint = ""
            if self._rank == 4 and len(shape) == 3:
                hint = (" A batch of grey images needs a channel axis: x[..., None] or "
                        "Reshape((n_H, n_W, 1)).")
            elif self._rank == 4 and len(shape) == 2:
                hint = " Did a Flatten() or Dense layer come before it?"
            raise LayerError(f"{name} expects input of shape {self._layout}, got "
                             f"{_shape_str(shape)}.{hint}")
        built_c = getattr(self, "_built_channels", None)
        if self.built and built_c is not None and shape[-1] != built_c:
            raise LayerError(f"{name} was built for {built_c} input channels, got input of "
                             f"shape {_shape_str(shape)}")
        self._check_window(shape, name)

    def _check_window(self, shape, name):
        kernel = getattr(self, "_window", None)
        if kernel is None or getattr(self, "padding", "valid") != "valid":
            return
        for axis, (n, f) in enumerate(zip(shape[1:1 + len(kernel)], kernel)):
            if n is not None and n < f:
                raise LayerError(f"{name}: its {'x'.join(map(str, kernel))} window does not "
                                 f"fit in an input of shape {_shape_str(shape)} with padding "
                                 f"'valid' (use padding='same', or a smaller window)")


class _ConvBase(_Windowed):
    _config_keys = ("filters", "kernel_size", "strides", "padding", "activation", "use_bias")

    def __init__(self, filters, kernel_size, strides, padding, activation, use_bias,
                 kernel_initializer, bias_initializer, **kwargs):
        super().__init__(**kwargs)
        kind = type(self).__name__
        if int(filters) <= 0:
            raise ValueError(f"{kind}: filters must be a positive integer, got {filters}")
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, kind, "kernel_size")
        self.strides = _pair(strides, kind, "strides")
        self.padding = _padding_arg(padding, kind)
        self.activation_name = _activation_name(activation)
        self.activation = get_activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        self._window = self.kernel_size

    def _finish(self, z):
        return z if self.activation is None else self.activation(z)

    def _inputs(self, x):
        return (x, self.kernel, self.bias) if self.use_bias else (x, self.kernel)


class Conv2D(_ConvBase):
    """2-D convolution: (m, n_H_prev, n_W_prev, n_C_prev) -> (m, n_H, n_W, filters).

    Arguments: filters, kernel_size (int or (f_h, f_w)), strides (int or pair, default 1),
    padding ("valid" or "same", TensorFlow's rule), activation, use_bias,
    kernel_initializer, bias_initializer.  n_H = floor((n_H_prev + p_top + p_bottom - f_h) /
    s_h) + 1.
    """

    _keras_name = "conv2d"

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 **kwargs):
        super().__init__(filters, kernel_size, strides, padding, activation, use_bias,
                         kernel_initializer, bias_initializer, **kwargs)

    def build(self, input_shape):
        self._built_channels = input_shape[-1]
        self.kernel = self.add_weight("kernel", self.kernel_size + (input_shape[-1], self.filters),
                                      self.kernel_initializer)
        self.bias = self.add_weight("bias", (self.filters,), self.bias_initializer) \
            if self.use_bias else None

    def call(self, x, training=False):
        z = apply(C.conv2d_forward, C.conv2d_backward, *self._inputs(x), strides=self.strides,
                  padding=self.padding, need_dx=_needs_grad(x))
        return self._finish(z)


class Conv2DTranspose(_ConvBase):
    """Transposed convolution: (m, n_H, n_W, n_C_prev) -> (m, n_H s_h, n_W s_w, filters) with
    padding "same", (m, (n_H - 1) s_h + max(f_h, s_h), ..., filters) with "valid".

    Same arguments as Conv2D; kernel (f_h, f_w, filters, n_C_prev) as in Keras.
    """

    _keras_name = "conv2d_transpose"

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 **kwargs):
        super().__init__(filters, kernel_size, strides, padding, activation, use_bias,
                         kernel_initializer, bias_initializer, **kwargs)
        self._window = None            # any input size works

    def build(self, input_shape):
        self._built_channels = input_shape[-1]
        self.kernel = self.add_weight("kernel", self.kernel_size + (self.filters, input_shape[-1]),
                                      self.kernel_initializer)
        self.bias = self.add_weight("bias", (self.filters,), self.bias_initializer) \
            if self.use_bias else None

    def call(self, x, training=False):
        z = apply(C.conv2d_transpose_forward, C.conv2d_transpose_backward, *self._inputs(x),
                  strides=self.strides, padding=self.padding)
        return self._finish(z)


class Conv1D(_ConvBase):
    """1-D convolution over sequences: (m, n_L, n_C_prev) -> (m, n_L_out, filters).

    padding "valid", "same" or "causal" (output step t sees inputs up to t only).
    kernel (f, n_C_prev, filters).
    """

    _keras_name = "conv1d"

    _rank, _layout = 3, "(m, n_L, n_C)"

    def __init__(self, filters, kernel_size, strides=1, padding="valid", activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 **kwargs):
        _Windowed.__init__(self, **kwargs)
        if int(filters) <= 0:
            raise ValueError(f"Conv1D: filters must be a positive integer, got {filters}")
        self.filters = int(filters)
        k = kernel_size if isinstance(kernel_size, (int, np.integer)) else tuple(kernel_size)[0]
        s = strides if isinstance(strides, (int, np.integer)) else tuple(strides)[0]
        self.kernel_size, self.strides = (int(k),), (int(s),)
        if self.kernel_size[0] < 1 or self.strides[0] < 1:
            raise ValueError(f"Conv1D: kernel_size and strides must be positive, got "
                             f"{kernel_size}, {strides}")
        self.padding = _padding_arg(padding, "Conv1D", ("valid", "same", "causal"))
        self.activation_name = _activation_name(activation)
        self.activation = get_activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer
        self._window = self.kernel_size

    def build(self, input_shape):
        self._built_channels = input_shape[-1]
        self.kernel = self.add_weight("kernel", self.kernel_size + (input_shape[-1], self.filters),
                                      self.kernel_initializer)
        self.bias = self.add_weight("bias", (self.filters,), self.bias_initializer) \
            if self.use_bias else None

    def call(self, x, training=False):
        z = apply(C.conv1d_forward, C.conv1d_backward, *self._inputs(x),
                  strides=self.strides[0], padding=self.padding, need_dx=_needs_grad(x))
        return self._finish(z)


class DepthwiseConv2D(_ConvBase):
    """Depthwise convolution (MobileNet): each input channel has its own depth_multiplier
    filters; (m, n_H_prev, n_W_prev, n_C_prev) -> (m, n_H, n_W, n_C_prev * depth_multiplier).

    depthwise_kernel (f_h, f_w, n_C_prev, depth_multiplier), bias (n_C_prev * depth_multiplier,).
    """

    _keras_name = "depthwise_conv2d"
    _config_keys = ("kernel_size", "strides", "padding", "depth_multiplier", "activation",
                    "use_bias")

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", **kwargs):
        super().__init__(1, kernel_size, strides, padding, activation, use_bias,
                         depthwise_initializer, bias_initializer, **kwargs)
        if int(depth_multiplier) <= 0:
            raise ValueError(f"DepthwiseConv2D: depth_multiplier must be a positive integer, "
                             f"got {depth_multiplier}")
        self.depth_multiplier = int(depth_multiplier)
        self.depthwise_initializer = depthwise_initializer

    def build(self, input_shape):
        self._built_channels = input_shape[-1]
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", self.kernel_size + (input_shape[-1], self.depth_multiplier),
            self.depthwise_initializer)
        self.kernel = self.depthwise_kernel
        self.bias = self.add_weight("bias", (input_shape[-1] * self.depth_multiplier,),
                                    self.bias_initializer) if self.use_bias else None

    def call(self, x, training=False):
        z = apply(C.depthwise_conv2d_forward, C.depthwise_conv2d_backward, *self._inputs(x),
                  strides=self.strides, padding=self.padding)
        return self._finish(z)


# ------------------------------------------------------------------------------ pooling
class _Pool2D(_Windowed):
    _forward = _backward = None
    _config_keys = ("pool_size", "strides", "padding")

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", **kwargs):
        super().__init__(**kwargs)
        kind = type(self).__name__
        self.pool_size = _pair(pool_size, kind, "pool_size")
        self.strides = self.pool_size if strides is None else _pair(strides, kind, "strides")
        self.padding = _padding_arg(padding, kind)
        self._window = self.pool_size

    def call(self, x):
        return apply(type(self)._forward, type(self)._backward, x, pool_size=self.pool_size,
                     strides=self.strides, padding=self.padding)


class MaxPooling2D(_Pool2D):
    """Max over each pool_size window of each channel: (m, n_H_prev, n_W_prev, n_C) ->
    (m, n_H, n_W, n_C).  pool_size (default 2), strides (default pool_size), padding."""

    _keras_name = "max_pooling2d"
    _forward = staticmethod(C.max_pool2d_forward)
    _backward = staticmethod(C.max_pool2d_backward)


class AveragePooling2D(_Pool2D):
    """Mean over each pool_size window of each channel (with "same" padding the padded cells
    are left out of the mean, as in TensorFlow)."""

    _keras_name = "average_pooling2d"
    _forward = staticmethod(C.avg_pool2d_forward)
    _backward = staticmethod(C.avg_pool2d_backward)


MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D


class GlobalAveragePooling2D(_Windowed):
    """Mean over height and width: (m, n_H, n_W, n_C) -> (m, n_C)."""

    _keras_name = "global_average_pooling2d"

    def call(self, x):
        return apply(C.global_avg_pool2d_forward, C.global_avg_pool2d_backward, x)


GlobalAvgPool2D = GlobalAveragePooling2D


class ZeroPadding2D(_Windowed):
    """Zeros around each image: padding int, (p_h, p_w) or ((top, bottom), (left, right))."""

    _keras_name = "zero_padding2d"
    _config_keys = ("padding",)

    def __init__(self, padding=(1, 1), **kwargs):
        super().__init__(**kwargs)
        try:
            self.padding = C.normalize_padding(padding, (1, 1), (1, 1), (1, 1))
        except (TypeError, ValueError) as err:
            raise ValueError(f"ZeroPadding2D: {err}") from None

    def call(self, x):
        return apply(C.zero_pad2d_forward, C.zero_pad2d_backward, x, padding=self.padding)


class UpSampling2D(_Windowed):
    """Repeat every pixel size = (s_h, s_w) times: (m, n_H, n_W, n_C) -> (m, n_H s_h,
    n_W s_w, n_C).  Only interpolation="nearest"."""

    _keras_name = "up_sampling2d"
    _config_keys = ("size", "interpolation")

    def __init__(self, size=(2, 2), interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.size = _pair(size, "UpSampling2D", "size")
        if interpolation != "nearest":
            raise ValueError(f"UpSampling2D: only interpolation='nearest' is implemented, "
                             f"not {interpolation!r}")
        self.interpolation = interpolation

    def call(self, x):
        return apply(C.upsample2d_forward, C.upsample2d_backward, x, size=self.size)
