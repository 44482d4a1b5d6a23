"""Layers: the building blocks of models, in the style of Keras.

A layer owns weights (tensors with ``requires_grad=True``) and maps input tensors to output
tensors with the operations of :mod:`utils.nn.ops`; autograd gives the backward pass.

Writing a layer (this is how every layer below is written)::

    class Scale(Layer):
        def build(self, input_shape):              # input_shape: (None, n), first call only
            self.s = self.add_weight("s", (input_shape[-1],), initializer="ones")

        def call(self, x, training=False):         # x: Tensor (m, n)
            return x * self.s

A layer is built on its first call, from the shape of its input.  Calling it on a tensor (or
a NumPy array) computes; calling it on a symbolic ``Input(...)`` records a node of a graph that
``Model(inputs, outputs)`` runs later.  Calling one layer object several times reuses (shares)
its weights.  Layers assigned as attributes of a layer (``self.dense = Dense(4)``) are tracked:
their weights belong to the outer layer too.
"""
from __future__ import annotations

import inspect
import re
from typing import Any, Sequence

import numpy as np

from . import initializers, ops
from .tensor import Tensor, get_default_dtype, no_grad

__all__ = [
    "LayerError", "Layer", "Input", "InputLayer", "SymbolicTensor", "Dense", "Activation",
    "ReLU", "LeakyReLU", "Softmax", "Dropout", "Flatten", "Reshape", "BatchNormalization",
    "LayerNormalization", "Add", "Subtract", "Multiply", "Average", "Maximum", "Concatenate",
    "Dot", "RepeatVector", "Permute", "Lambda", "Rescaling", "RandomFlip", "RandomRotation",
    "get_activation", "AddConstant",
]


class LayerError(ValueError):
    """A layer was called on inputs it cannot handle; the message names the layer and shapes."""


_NAME_COUNTS: dict[str, int] = {}
_TRAINING = [False]   # the training flag of the layer calls in progress (innermost last)


def _unique_name(prefix: str) -> str:
    n = _NAME_COUNTS.get(prefix, 0)
    _NAME_COUNTS[prefix] = n + 1
    return prefix if n == 0 else f"{prefix}_{n}"


def clear_session() -> None:
    """Restart automatic layer names ("dense", "dense_1", ...) from the beginning."""
    _NAME_COUNTS.clear()


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _shape_str(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + \
        ("," if len(shape) == 1 else "") + ")"


# ----------------------------------------------------------------------- activations
_ACTIVATIONS = {
    "linear": None, None: None,
    "relu": ops.relu, "relu6": ops.relu6, "sigmoid": ops.sigmoid, "tanh": ops.tanh,
    "softmax": ops.softmax, "leaky_relu": ops.leaky_relu,
    "exp": ops.exp,
}


def get_activation(activation):
    """A function Tensor -> Tensor from a name ("relu", "softmax", ...), a function or None."""
    if callable(activation):
        return activation
    if activation not in _ACTIVATIONS:
        names = ", ".join(repr(k) for k in _ACTIVATIONS if k)
        raise ValueError(f"unknown activation {activation!r}; known: {names}")
    return _ACTIVATIONS[activation]


def _activation_name(activation):
    """The name of an activation argument (a name, a function or None), for get_config."""
    if activation is None or isinstance(activation, str):
        return activation
    return getattr(activation, "__name__", "custom")


# --------------------------------------------------------------------- symbolic graph
class SymbolicTensor:
    """The output of a layer called on ``Input(...)``: a shape and the call that makes it.

    ``shape`` has ``None`` for the batch axis.  ``Model(inputs, outputs)`` follows the
    ``node`` links back to the inputs and replays the calls on real data.
    """

    def __init__(self, shape, dtype, node: "Node", index: int = 0):
        self.shape, self.dtype, self.node, self.index = tuple(shape), np.dtype(dtype), node, index

    ndim = property(lambda self: len(self.shape))

    def __repr__(self) -> str:
        return (f"<SymbolicTensor shape={_shape_str(self.shape)} "
                f"from layer '{self.node.layer.name}'>")


class Node:
    """One call of a layer in a graph: ``outputs = layer(inputs, **kwargs)``."""

    def __init__(self, layer: "Layer", inputs, kwargs: dict, training: bool | None = None):
        self.layer, self.inputs, self.kwargs = layer, inputs, kwargs
        self.training = training    # fixed at the call (e.g. base_model(x, training=False))
        self.outputs: list[SymbolicTensor] = []
        layer.__dict__.setdefault("_inbound_nodes", []).append(self)

    def parents(self) -> list[SymbolicTensor]:
        """The symbolic tensors this call reads (in its inputs or its keyword arguments)."""
        return [t for t in _flatten([self.inputs, list(self.kwargs.values())])
                if isinstance(t, SymbolicTensor)]


def _flatten(x) -> list:
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in _flatten(item)]
    return [x]


def _map_structure(fn, x, leaf=None):
    """fn applied to every leaf of nested lists/tuples (``leaf(x)`` True stops the descent)."""
    if leaf is not None and leaf(x):
        return fn(x)
    if isinstance(x, (list, tuple)):
        return type(x)(_map_structure(fn, y, leaf) for y in x)
    return fn(x)


def _mask_of(inputs):
    """The mask attached to a layer's input (the first input of a list), or None."""
    first = inputs[0] if isinstance(inputs, (list, tuple)) and inputs else inputs
    return getattr(first, "_mask", None) if isinstance(first, Tensor) else None


def _is_symbolic(x) -> bool:
    return any(isinstance(t, SymbolicTensor) for t in _flatten(x))


# ------------------------------------------------------------------------- the base class
class Layer:
    """Base class of all layers (and of models).

    Arguments (every layer):
    name        -- unique name, automatic ("dense", "dense_1", ...) if None
    trainable   -- False freezes the layer's weights (and those of its sublayers)
    input_shape -- the shape of one example (without the batch axis), for the first layer of a
                   ``Sequential`` so that it can be built and summarised before any data

    Subclasses define ``build(input_shape)`` (create weights with ``add_weight``; input_shape
    has ``None`` as batch size, a list of shapes for several inputs) and
    ``call(inputs, training=False)`` (Tensor(s) -> Tensor(s)).
    """

    def __init__(self, name: str | None = None, trainable: bool = True,
                 input_shape: Sequence[int] | None = None, dtype=None, **kwargs):
        if kwargs:
            raise TypeError(f"{type(self).__name__}: unknown argument(s) "
                            f"{', '.join(sorted(kwargs))}")
        self.__dict__.setdefault("_layers", [])   # may exist: attributes set before super()
        self.name = name or _unique_name(_snake(type(self).__name__))
        self._trainable = bool(trainable)
        self.built = False
        self._weights: list[Tensor] = []
        self._trainable_flags: dict[int, bool] = {}
        self._input_shape_arg = None if input_shape is None else tuple(input_shape)
        self.input_shape = None
        self.output_shape = None
        self.dtype = np.dtype(dtype) if dtype is not None else None
        self.__dict__.setdefault("_inbound_nodes", [])   # its calls on symbolic tensors (Node)

    # -------------------------------------------------------------- tracking sublayers
    def __setattr__(self, key: str, value: Any) -> None:
        if not key.startswith("_"):
            found = [v for v in _flatten(value) if isinstance(v, Layer)] \
                if isinstance(value, (Layer, list, tuple)) else []
            tracked = self.__dict__.setdefault("_layers", [])
            for layer in found:
                if layer is not self and all(layer is not l for l in tracked):
                    tracked.append(layer)
        object.__setattr__(self, key, value)

    @property
    def sublayers(self) -> list["Layer"]:
        """Layers this layer holds as attributes (in the order they were assigned)."""
        return list(self._layers)

    # ---------------------------------------------------------------------- weights
    def add_weight(self, name: str, shape, initializer="glorot_uniform",
                   trainable: bool = True, dtype=None) -> Tensor:
        """Create a weight: a tensor of ``shape`` filled by ``initializer`` (a name or a
        callable ``(shape, dtype) -> array``).  Trainable weights get gradients."""
        dtype = dtype or self.dtype or get_default_dtype()
        value = initializers.get(initializer)(tuple(shape), dtype)
        w = Tensor(value, requires_grad=trainable, dtype=dtype, name=f"{self.name}/{name}")
        self._weights.append(w)
        self._trainable_flags[id(w)] = bool(trainable)
        return w

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        """Freeze (False) or unfreeze this layer and every layer inside it.  Frozen weights
        stop requiring gradients (no work is spent on them) and lose any stale ``.grad``."""
        self._trainable = bool(value)
        for w in self._weights:
            w.requires_grad = self._trainable and self._trainable_flags.get(id(w), True)
            w.grad = None
        for layer in self._layers:
            layer.trainable = value

    def _all_layers(self) -> list["Layer"]:
        """This layer and every layer inside it, each once (depth first)."""
        seen, out, stack = set(), [], [self]
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            stack.extend(reversed(layer._layers))
        return out

    @property
    def weights(self) -> list[Tensor]:
        """All weights (own first, then those of sublayers), each once."""
        seen, out = set(), []
        for layer in self._all_layers():
            for w in layer._weights:
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
        return out

    @property
    def trainable_weights(self) -> list[Tensor]:
        """Weights the optimizer updates: trainable weights of trainable layers, skipping
        everything inside a frozen layer."""
        seen_layers, seen, out, stack = set(), set(), [], [self]
        while stack:
            layer = stack.pop()
            if id(layer) in seen_layers or not layer._trainable:
                continue
            seen_layers.add(id(layer))
            for w in layer._weights:
                if layer._trainable_flags.get(id(w), True) and id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
            stack.extend(reversed(layer._layers))
        return out

    @property
    def non_trainable_weights(self) -> list[Tensor]:
        ids = {id(w) for w in self.trainable_weights}
        return [w for w in self.weights if id(w) not in ids]

    def count_params(self) -> int:
        """Number of numbers in all weights."""
        return int(sum(w.size for w in self.weights))

    def get_weights(self) -> list[np.ndarray]:
        """Copies of the weights' arrays, in the order of ``weights``."""
        return [w.data.copy() for w in self.weights]

    def set_weights(self, arrays: Sequence[np.ndarray]) -> None:
        """Overwrite the weights with ``arrays`` (same number, same shapes)."""
        weights = self.weights
        if len(arrays) != len(weights):
            raise ValueError(f"layer '{self.name}' has {len(weights)} weight arrays "
                             f"({', '.join(str(w.shape) for w in weights)}), got {len(arrays)}")
        for w, a in zip(weights, arrays):
            a = np.asarray(a)
            if a.shape != w.shape:
                raise ValueError(f"layer '{self.name}': weight {w.name} has shape {w.shape}, "
                                 f"got an array of shape {a.shape}")
            w.data[...] = a

    # ---------------------------------------------------------------------- calling
    def build(self, input_shape) -> None:
        """Create the weights, knowing the input shape (batch axis None).  Default: none."""

    def call(self, inputs, training: bool = False):
        raise NotImplementedError(f"{type(self).__name__} must define call(inputs, training)")

    def _accepts_training(self) -> bool:
        cls = type(self)
        if "_call_takes_training" not in cls.__dict__:
            params = inspect.signature(cls.call).parameters
            cls._call_takes_training = "training" in params or any(
                p.kind == p.VAR_KEYWORD for p in params.values())
        return cls._call_takes_training

    def __call__(self, inputs, training: bool | None = None, **kwargs):
        """Run the layer on Tensor(s) (NumPy arrays are converted), or record a graph node
        when called on symbolic tensors from ``Input``."""
        if _is_symbolic(inputs) or _is_symbolic(list(kwargs.values())):
            return self._call_symbolic(inputs, kwargs, training)
        inputs = _map_structure(
            lambda x: x if isinstance(x, Tensor) or x is None else _to_tensor(x), inputs)
        shapes = _map_structure(lambda t: None if t is None else (None,) + t.shape[1:], inputs)
        if not self.built:
            self._check_input(shapes)
            try:
                self.build(shapes)
            except LayerError:
                raise
            except (ValueError, IndexError, TypeError) as err:
                raise LayerError(f"layer '{self.name}' ({type(self).__name__}) could not be "
                                 f"built for input shape {_shapes_str(shapes)}: {err}") from err
            self.built = True
        self._check_input(shapes)
        # training=None inherits the mode of the enclosing layer call (as in Keras), so a
        # Dropout inside a custom layer follows model.fit without passing the flag by hand
        training = _TRAINING[-1] if training is None else bool(training)
        if self._accepts_training():
            kwargs["training"] = training
        # a mask attached to the input (Embedding(mask_zero=True)) goes to a layer whose call
        # takes one (the recurrent layers), as in Keras
        in_mask = _mask_of(inputs)
        if in_mask is not None and "mask" not in kwargs and self._accepts_mask():
            kwargs["mask"] = in_mask
        _TRAINING.append(training)
        try:
            out = self.call(inputs, **kwargs)
        except LayerError:
            raise
        except (ValueError, IndexError) as err:
            raise LayerError(f"layer '{self.name}' ({type(self).__name__}) failed on input "
                             f"shape {_shapes_str(shapes)}: {err}") from err
        finally:
            _TRAINING.pop()
        out_mask = self.compute_mask(inputs, kwargs.get("mask", in_mask))
        if isinstance(out, Tensor) and (out_mask is not None or out is not inputs):
            out._mask = out_mask
        # plain attribute writes (no sublayer tracking needed): this runs on every call
        object.__setattr__(self, "input_shape", shapes)
        object.__setattr__(self, "output_shape",
                           _map_structure(lambda t: (None,) + t.shape[1:], out))
        return out

    def _check_input(self, shapes) -> None:
        """Raise a LayerError if the layer cannot take inputs of these shapes (override)."""

    # ------------------------------------------------------------------ masks (as Keras)
    supports_masking = False     # True: the output keeps the input's mask (Dropout, Activation)

    def compute_mask(self, inputs, mask):
        """The mask of this call's output, (m, T) booleans or None: by default the input's
        mask if the layer supports masking, else none (override: Embedding, recurrent layers)."""
        return mask if self.supports_masking else None

    def _accepts_mask(self) -> bool:
        cls = type(self)
        if "_call_takes_mask" not in cls.__dict__:
            cls._call_takes_mask = "mask" in inspect.signature(cls.call).parameters
        return cls._call_takes_mask

    def _call_symbolic(self, inputs, kwargs, training=None):
        def run(fill: int):
            # the layer on zeros: a batch of 2, unknown lengths (None) set to `fill`
            def zeros(x):
                if not isinstance(x, SymbolicTensor):
                    return x                   # constants (None, arrays) pass through
                shape = (2,) + tuple(fill if d is None else d for d in x.shape[1:])
                return Tensor._wrap(np.zeros(shape, dtype=x.dtype))
            with no_grad():
                out = self(_map_structure(zeros, inputs), training=False,
                           **{k: _map_structure(zeros, v) for k, v in kwargs.items()})
            return out

        # the output shapes: run the layer once on zeros (this also builds it); if an input
        # has an unknown length, run it again with another length: axes that change are None
        out = run(1)
        several = isinstance(out, (list, tuple))
        outs = list(out) if several else [out]
        shapes = [(None,) + t.shape[1:] for t in outs]
        symbolic = [t for t in _flatten([inputs, list(kwargs.values())])
                    if isinstance(t, SymbolicTensor)]
        if any(None in t.shape[1:] for t in symbolic):
            shapes = [tuple(None if a != b else a for a, b in zip(s, (None,) + o.shape[1:]))
                      if len(s) == o.ndim else s for s, o in zip(shapes, _flatten([run(2)]))]
        node = Node(self, inputs, kwargs, training)
        node.outputs = [SymbolicTensor(shape, t.dtype, node, i)
                        for i, (shape, t) in enumerate(zip(shapes, outs))]
        return list(node.outputs) if several else node.outputs[0]

    # ------------------------------------------------------------ place in a graph
    def _only_node(self, what: str) -> "Node":
        nodes = self.__dict__.get("_inbound_nodes", [])
        if not nodes:
            raise AttributeError(
                f"layer '{self.name}' has no {what} yet: it gets one when it is called on a "
                "symbolic tensor (Input(...) or another layer's output), or when it is part "
                "of a Sequential model that starts with an Input")
        if len(nodes) > 1:
            raise AttributeError(
                f"layer '{self.name}' was called {len(nodes)} times in graphs, so its {what} is "
                "ambiguous: keep the tensor each call returned instead")
        return nodes[0]

    @property
    def output(self):
        """The symbolic tensor this layer's call produced (a list for several outputs): e.g.
        ``Model(model.inputs, [layer.output for layer in model.layers])`` gives every layer's
        output for an input (feature maps), ``Model(vgg.inputs, vgg.get_layer(name).output)``
        a network cut after one layer."""
        outs = self._only_node("output").outputs
        return outs[0] if len(outs) == 1 else list(outs)

    @property
    def input(self):
        """The symbolic tensor(s) this layer was called on (see ``output``)."""
        return self._only_node("input").inputs

    # --------------------------------------------------------------------- describing
    _config_keys: tuple[str, ...] = ()    # the constructor arguments get_config reports

    def get_config(self) -> dict:
        """The layer's name, ``trainable`` and the arguments it was made with, as plain data
        (numbers, strings, tuples, None), as Keras's ``get_config``: e.g. a Conv2D gives
        filters, kernel_size, strides, padding, activation (a name or None), use_bias."""
        config = {"name": self.name, "trainable": self.trainable}
        for key in self._config_keys:
            # activations are stored as functions; their name was kept as activation_name
            value = getattr(self, "activation_name" if key == "activation" else key)
            config[key] = _plain_config(value)
        return config

    def __repr__(self) -> str:
        return f"<{type(self).__name__} '{self.name}'>"


def _plain_config(value):
    """Config values as plain Python data: NumPy scalars to numbers, lists to tuples."""
    if isinstance(value, (list, tuple)):
        return tuple(_plain_config(v) for v in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _shapes_str(shapes) -> str:
    if isinstance(shapes, list):
        return "[" + ", ".join(_shapes_str(s) for s in shapes) + "]"
    return "None" if shapes is None else _shape_str(shapes)


def _to_tensor(x) -> Tensor:
    arr = np.asarray(x)
    if arr.dtype.kind in "iub":        # integer data (class indices, token ids) stays integer
        return Tensor._wrap(arr)
    return Tensor(arr)


# --------------------------------------------------------------------------- Input
class InputLayer(Layer):
    """The placeholder at the start of a functional model (no weights)."""

    def __init__(self, shape, dtype=None, name=None):
        super().__init__(name=name or _unique_name("input"))
        self.input_dtype = np.dtype(dtype or get_default_dtype())
        self.built = True
        self.input_shape = self.output_shape = (None,) + tuple(shape)

    def get_config(self) -> dict:
        return {"name": self.name, "trainable": self.trainable,
                "shape": tuple(self.output_shape[1:]), "dtype": str(self.input_dtype)}

    def call(self, x):
        return x


def Input(shape: Sequence[int], dtype=None, name: str | None = None) -> SymbolicTensor:
    """A symbolic input of one example's ``shape`` (no batch axis), e.g. Input((64, 64, 3)).

    Call layers on it to describe a model, then ``Model(inputs, outputs)``.  Integer inputs
    (token ids) use ``dtype="int64"``.
    """
    layer = InputLayer(tuple(shape), dtype=dtype, name=name)
    node = Node(layer, [], {})
    node.outputs = [SymbolicTensor(layer.output_shape, layer.input_dtype, node)]
    return node.outputs[0]


# --------------------------------------------------------------------------- core layers
class Dense(Layer):
    """Fully connected layer: ``activation(x @ kernel + bias)``.

    x (m, n_in) -> (m, units); also (m, T, n_in) -> (m, T, units) (the same weights at every
    step).  kernel (n_in, units) (the transpose of the course's W), bias (units,).
    """

    _config_keys = ("units", "activation", "use_bias")

    def __init__(self, units: int, activation=None, use_bias: bool = True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        if int(units) <= 0:
            raise ValueError(f"Dense: units must be a positive integer, got {units}")
        self.units = int(units)
        self.activation_name = _activation_name(activation)
        self.activation = get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer, self.bias_initializer = kernel_initializer, bias_initializer

    def _check_input(self, shape):
        if not isinstance(shape, tuple):
            raise LayerError(f"layer '{self.name}' (Dense) takes one input, got "
                             f"{_shapes_str(shape)}")
        if len(shape) < 2 or len(shape) > 3:
            hint = " Put a Flatten() layer before it to turn images into vectors." \
                if len(shape) > 3 else ""
            raise LayerError(f"layer '{self.name}' (Dense) expects input of shape (m, n) or "
                             f"(m, T, n), got {_shape_str(shape)}.{hint}")
        if self.built and shape[-1] != self.kernel.shape[0]:
            raise LayerError(f"layer '{self.name}' (Dense) was built for {self.kernel.shape[0]} "
                             f"input features, got input of shape {_shape_str(shape)}")

    def build(self, input_shape):
        self.kernel = self.add_weight("kernel", (input_shape[-1], self.units),
                                      self.kernel_initializer)
        self.bias = self.add_weight("bias", (self.units,), self.bias_initializer) \
            if self.use_bias else None

    def call(self, x, training=False):
        z = ops.linear(x, self.kernel, self.bias)
        return z if self.activation is None else self.activation(z)


class Activation(Layer):
    """Apply an activation by name ("relu", "sigmoid", "tanh", "softmax") or function."""

    _config_keys = ("activation",)
    supports_masking = True

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation_name = _activation_name(activation)
        self.activation = get_activation(activation) or (lambda x: x)

    def call(self, x):
        return self.activation(x)


class ReLU(Layer):
    """max(x, 0); with ``max_value`` also capped there (``ReLU(6.)`` is MobileNetV2's ReLU6)."""

    _config_keys = ("max_value",)

    def __init__(self, max_value: float | None = None, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and not max_value > 0:
            raise ValueError(f"ReLU: max_value must be positive or None, got {max_value}")
        self.max_value = None if max_value is None else float(max_value)

    def call(self, x):
        return ops.relu(x, max_value=self.max_value)


class LeakyReLU(Layer):
    """x where x > 0, else alpha * x."""

    _config_keys = ("alpha",)

    def __init__(self, alpha: float = 0.3, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def call(self, x):
        return ops.leaky_relu(x, self.alpha)


class Softmax(Layer):
    """Softmax along ``axis``."""

    _config_keys = ("axis",)

    def __init__(self, axis: int = -1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, x):
        return ops.softmax(x, axis=self.axis)


class Dropout(Layer):
    """Inverted dropout while training (each entry zeroed with probability ``rate``, the rest
    scaled by 1/(1-rate)); the identity at inference.  ``seed`` gives the layer its own
    generator, otherwise the framework's (``set_seed``) is used."""

    _config_keys = ("rate",)
    supports_masking = True

    def __init__(self, rate: float, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate < 1:
            raise ValueError(f"Dropout: rate must be in [0, 1), got {rate}")
        self.rate = float(rate)
        self._rng = None if seed is None else np.random.default_rng(seed)

    def call(self, x, training=False):
        if not training or self.rate == 0:
            return x
        return ops.dropout(x, self.rate, self._rng or initializers.rng())


class Flatten(Layer):
    """(m, d1, d2, ...) -> (m, d1 * d2 * ...)."""

    def call(self, x):
        return ops.reshape(x, (x.shape[0], -1))


class Reshape(Layer):
    """Reshape each example to ``target_shape`` (no batch axis; one entry may be -1)."""

    _config_keys = ("target_shape",)

    def __init__(self, target_shape: Sequence[int], **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def _check_input(self, shape):
        n_in = int(np.prod(shape[1:]))
        n_out = int(np.prod([d for d in self.target_shape if d != -1]))
        if (-1 not in self.target_shape and n_in != n_out) or (n_out and n_in % n_out):
            raise LayerError(f"layer '{self.name}' (Reshape) cannot reshape input "
                             f"{_shape_str(shape)} ({n_in} numbers per example) to "
                             f"{_shape_str(self.target_shape)}")

    def call(self, x):
        return ops.reshape(x, (x.shape[0],) + self.target_shape)


class BatchNormalization(Layer):
    """Batch normalisation of axis ``axis`` (features / channels), over all other axes.

    Training: normalise with the batch's mean and variance and update the moving averages
    (moving = momentum * moving + (1 - momentum) * batch).  Inference: use the moving averages.
    A frozen layer (trainable=False) always runs in inference mode, as in Keras.
    Weights: gamma, beta (trainable), moving_mean, moving_variance (not trainable).
    """

    _config_keys = ("axis", "momentum", "epsilon")

    def __init__(self, axis: int = -1, momentum: float = 0.99, epsilon: float = 1e-3,
                 **kwargs):
        super().__init__(**kwargs)
        self.axis, self.momentum, self.epsilon = axis, momentum, epsilon

    def build(self, input_shape):
        n = input_shape[self.axis]
        self.gamma = self.add_weight("gamma", (n,), "ones")
        self.beta = self.add_weight("beta", (n,), "zeros")
        self.moving_mean = self.add_weight("moving_mean", (n,), "zeros", trainable=False)
        self.moving_variance = self.add_weight("moving_variance", (n,), "ones", trainable=False)

    def _check_input(self, shape):
        if self.built and shape[self.axis] != self.gamma.shape[0]:
            raise LayerError(f"layer '{self.name}' (BatchNormalization) was built for "
                             f"{self.gamma.shape[0]} features on axis {self.axis}, got input "
                             f"of shape {_shape_str(shape)}")

    def call(self, x, training=False):
        training = training and self.trainable
        return ops.batch_norm(x, self.gamma, self.beta, axis=self.axis, eps=self.epsilon,
                              training=training, moving_mean=self.moving_mean.data,
                              moving_var=self.moving_variance.data, momentum=self.momentum)


class LayerNormalization(Layer):
    """Normalise each example over its last axis, then scale (gamma) and shift (beta)."""

    _config_keys = ("axis", "epsilon")

    def __init__(self, axis: int = -1, epsilon: float = 1e-3, **kwargs):
        super().__init__(**kwargs)
        if axis not in (-1,):
            raise ValueError("LayerNormalization supports axis=-1 (the last axis) only")
        self.axis, self.epsilon = axis, epsilon

    def build(self, input_shape):
        n = input_shape[-1]
        self.gamma = self.add_weight("gamma", (n,), "ones")
        self.beta = self.add_weight("beta", (n,), "zeros")

    def call(self, x):
        return ops.layer_norm(x, self.gamma, self.beta, eps=self.epsilon)


class _Merge(Layer):
    """Base of layers that take a list of tensors."""

    def _check_input(self, shapes):
        if not isinstance(shapes, list) or len(shapes) < 2:
            raise LayerError(f"layer '{self.name}' ({type(self).__name__}) takes a list of at "
                             f"least 2 tensors, got {_shapes_str(shapes)}")


class Add(_Merge):
    """Sum of a list of tensors of the same shape (a residual connection)."""

    def _check_input(self, shapes):
        super()._check_input(shapes)
        if any(s != shapes[0] for s in shapes):
            raise LayerError(f"layer '{self.name}' (Add) needs inputs of one shape, got "
                             f"{_shapes_str(shapes)}")

    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.add(out, x)
        return out


class _SameShapeMerge(_Merge):
    """Base of elementwise merges: a list of tensors of one shape."""

    def _check_input(self, shapes):
        super()._check_input(shapes)
        if any(s != shapes[0] for s in shapes):
            raise LayerError(f"layer '{self.name}' ({type(self).__name__}) needs inputs of one "
                             f"shape, got {_shapes_str(shapes)}")


class Subtract(_SameShapeMerge):
    """inputs[0] - inputs[1]."""

    def _check_input(self, shapes):
        super()._check_input(shapes)
        if len(shapes) != 2:
            raise LayerError(f"layer '{self.name}' (Subtract) takes exactly 2 inputs, got "
                             f"{len(shapes)}")

    def call(self, inputs):
        return ops.sub(inputs[0], inputs[1])


class Multiply(_SameShapeMerge):
    """Elementwise product of a list of tensors (gating)."""

    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.mul(out, x)
        return out


class Average(_SameShapeMerge):
    """Elementwise mean of a list of tensors."""

    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.add(out, x)
        return out / len(inputs)


class Maximum(_SameShapeMerge):
    """Elementwise maximum of a list of tensors."""

    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.maximum(out, x)
        return out


class Concatenate(_Merge):
    """Join a list of tensors along ``axis`` (other axes must match)."""

    _config_keys = ("axis",)

    def __init__(self, axis: int = -1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def _check_input(self, shapes):
        super()._check_input(shapes)
        rank = len(shapes[0])
        axis = self.axis % rank
        rest = [tuple(d for i, d in enumerate(s) if i != axis) for s in shapes]
        if any(len(s) != rank for s in shapes) or any(r != rest[0] for r in rest):
            raise LayerError(f"layer '{self.name}' (Concatenate) can only join tensors whose "
                             f"shapes agree except on axis {self.axis}, got {_shapes_str(shapes)}")

    def call(self, inputs):
        return ops.concatenate(inputs, axis=self.axis)


class Dot(_Merge):
    """Per-example dot product of two tensors along ``axes`` (an int or a pair, not counting
    the batch axis as 0: axes=1 is the first axis after the batch).

    (m, n) . (m, n) with axes=1 -> (m, 1); (m, p, k) . (m, k, q) with axes=(2, 1) -> (m, p, q);
    (m, T, 1) . (m, T, n) with axes=1 -> (m, 1, n) (attention: weights times values).
    """

    _config_keys = ("axes", "normalize")

    def __init__(self, axes, normalize: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.axes = (axes, axes) if np.isscalar(axes) else tuple(axes)
        self.normalize = normalize

    def _check_input(self, shapes):
        super()._check_input(shapes)
        a, b = shapes
        if len(a) not in (2, 3) or len(b) not in (2, 3) or len(a) != len(b):
            raise LayerError(f"layer '{self.name}' (Dot) supports two inputs of rank 2 or 3, "
                             f"got {_shapes_str(shapes)}")
        if a[self.axes[0]] != b[self.axes[1]]:
            raise LayerError(f"layer '{self.name}' (Dot): axis {self.axes[0]} of the first "
                             f"input and axis {self.axes[1]} of the second must have the same "
                             f"size, got {_shapes_str(shapes)}")

    def call(self, inputs):
        x, y = inputs
        if self.normalize:
            x = x / ops.sqrt(ops.sum(x * x, axis=self.axes[0], keepdims=True))
            y = y / ops.sqrt(ops.sum(y * y, axis=self.axes[1], keepdims=True))
        if x.ndim == 2:
            return ops.sum(x * y, axis=1, keepdims=True)
        ax, ay = self.axes[0] % 3, self.axes[1] % 3
        x = x if ax == 2 else ops.transpose(x, (0, 2, 1))     # (m, p, k)
        y = y if ay == 1 else ops.transpose(y, (0, 2, 1))     # (m, k, q)
        return ops.matmul(x, y)


class RepeatVector(Layer):
    """(m, d) -> (m, n, d): the same vector n times (one per time step)."""

    _config_keys = ("n",)

    def __init__(self, n: int, **kwargs):
        super().__init__(**kwargs)
        self.n = int(n)

    def _check_input(self, shape):
        if len(shape) != 2:
            raise LayerError(f"layer '{self.name}' (RepeatVector) expects (m, d), got "
                             f"{_shape_str(shape)}")

    def call(self, x):
        m, d = x.shape
        # broadcasting does the copying; its backward (unbroadcast) sums the n copies
        return ops.reshape(x, (m, 1, d)) + np.zeros((1, self.n, 1), dtype=x.dtype)


class Permute(Layer):
    """Permute the axes of each example: dims numbers them from 1 (the batch axis stays 0),
    e.g. Permute((2, 1)) turns (m, T, n) into (m, n, T)."""

    _config_keys = ("dims",)

    def __init__(self, dims: Sequence[int], **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(int(d) for d in dims)

    def _check_input(self, shape):
        if sorted(self.dims) != list(range(1, len(shape))):
            raise LayerError(f"layer '{self.name}' (Permute): dims {self.dims} must order the "
                             f"axes 1..{len(shape) - 1} of input {_shape_str(shape)}")

    def call(self, x):
        return ops.transpose(x, (0,) + self.dims)


class Lambda(Layer):
    """Wrap a function of tensors (built from ``ops``) as a layer without weights:
    ``Lambda(lambda x: x * 2)``."""

    def __init__(self, function, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(f"Lambda needs a function, got {function!r}")
        self.function = function

    def call(self, inputs):
        return self.function(inputs)


class Rescaling(Layer):
    """x * scale + offset, elementwise (no weights): ``Rescaling(1 / 255)`` maps pixels to
    [0, 1], ``Rescaling(1 / 127.5, offset=-1)`` to [-1, 1] (MobileNetV2's preprocessing)."""

    _config_keys = ("scale", "offset")

    def __init__(self, scale: float, offset: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale, self.offset = float(scale), float(offset)

    def call(self, x):
        dtype = x.dtype if x.dtype.kind == "f" else get_default_dtype()
        x = x if x.dtype.kind == "f" else Tensor(x.data.astype(dtype))
        return x * np.asarray(self.scale, dtype) + np.asarray(self.offset, dtype)


class AddConstant(Layer):
    """x + value, with a fixed array (no weights) broadcast against the input, e.g. a table of
    positional encodings (1, T, d) added to embeddings (m, T, d):
    ``AddConstant(pos_encoding[:, :T, :])``.  The value is part of the layer's configuration."""

    _config_keys = ("value",)

    def __init__(self, value, **kwargs):
        super().__init__(**kwargs)
        self._value = np.array(value, dtype=get_default_dtype())

    @property
    def value(self):
        return self._value.tolist()

    def _check_input(self, shapes):
        try:
            np.broadcast_shapes(tuple(1 if d is None else d for d in shapes),
                                self._value.shape)
        except ValueError:
            raise LayerError(f"layer '{self.name}' (AddConstant): a value of shape "
                             f"{self._value.shape} does not broadcast to the input's shape "
                             f"{_shape_str(shapes)}") from None

    def call(self, x):
        dtype = x.dtype if x.dtype.kind == "f" else get_default_dtype()
        x = x if x.dtype.kind == "f" else Tensor(x.data.astype(dtype))
        return x + self._value.astype(dtype, copy=False)


class RandomFlip(Layer):
    """Training-only augmentation: flip each image (m, n_H, n_W, n_C) left-right
    ("horizontal"), upside down ("vertical") or both, each with probability 1/2.
    The identity at inference.  ``seed`` gives the layer its own generator."""

    _config_keys = ("mode",)

    def __init__(self, mode: str = "horizontal", seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        if mode not in ("horizontal", "vertical", "horizontal_and_vertical"):
            raise ValueError(f"RandomFlip: mode must be 'horizontal', 'vertical' or "
                             f"'horizontal_and_vertical', got {mode!r}")
        self.mode = mode
        self._rng = None if seed is None else np.random.default_rng(seed)

    def _check_input(self, shape):
        if len(shape) != 4:
            raise LayerError(f"layer '{self.name}' (RandomFlip) expects images (m, n_H, n_W, "
                             f"n_C), got {_shape_str(shape)}")

    def call(self, x, training=False):
        if not training:
            return x
        rng = self._rng or initializers.rng()
        m = x.shape[0]
        if "horizontal" in self.mode:
            flip = rng.random(m) < 0.5
            x = ops.where(flip[:, None, None, None], x[:, :, ::-1, :], x)
        if "vertical" in self.mode:
            flip = rng.random(m) < 0.5
            x = ops.where(flip[:, None, None, None], x[:, ::-1, :, :], x)
        return x


class RandomRotation(Layer):
    """Training-only augmentation: rotate each image (m, n_H, n_W, n_C) about its centre by a
    random angle drawn uniformly from [-factor, factor] * 360 degrees (bilinear interpolation).
    Pixels that come from outside the image are filled by ``fill_mode``: "reflect" (mirror
    the image at its border, the Keras default), "nearest" (repeat the border) or "constant"
    (``fill_value``).  The identity at inference.  ``seed`` gives the layer its own generator.
    """

    _config_keys = ("factor", "fill_mode", "fill_value")

    def __init__(self, factor: float, fill_mode: str = "reflect", fill_value: float = 0.0,
                 seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        if fill_mode not in ("reflect", "nearest", "constant"):
            raise ValueError(f"RandomRotation: fill_mode must be 'reflect', 'nearest' or "
                             f"'constant', got {fill_mode!r}")
        self.factor, self.fill_mode, self.fill_value = float(factor), fill_mode, fill_value
        self._rng = None if seed is None else np.random.default_rng(seed)

    def _check_input(self, shape):
        if len(shape) != 4:
            raise LayerError(f"layer '{self.name}' (RandomRotation) expects images (m, n_H, "
                             f"n_W, n_C), got {_shape_str(shape)}")

    def _source_index(self, coord: np.ndarray, n: int):
        """Integer indices into [0, n) for (possibly outside) coordinates, and a validity mask."""
        if self.fill_mode == "reflect":
            period = 2 * n
            coord = np.mod(coord, period)
            coord = np.where(coord >= n, period - 1 - coord, coord)
        inside = (coord >= 0) & (coord <= n - 1)
        return np.clip(coord, 0, n - 1).astype(np.intp), inside

    def call(self, x, training=False):
        if not training or self.factor == 0:
            return x
        rng = self._rng or initializers.rng()
        m, H, W, _ = x.shape
        theta = rng.uniform(-self.factor, self.factor, size=m) * 2 * np.pi
        cos, sin = np.cos(theta)[:, None, None], np.sin(theta)[:, None, None]
        yc, xc = (H - 1) / 2, (W - 1) / 2
        yy, xx = np.meshgrid(np.arange(H) - yc, np.arange(W) - xc, indexing="ij")
        # the output pixel (y, x) takes the input at the inverse rotation of (y, x)
        src_y = cos * yy - sin * xx + yc                      # (m, H, W)
        src_x = sin * yy + cos * xx + xc
        y0, x0 = np.floor(src_y), np.floor(src_x)
        wy, wx = (src_y - y0)[..., None], (src_x - x0)[..., None]
        batch = np.arange(m)[:, None, None]
        out = None
        for dy, dx, weight in ((0, 0, (1 - wy) * (1 - wx)), (0, 1, (1 - wy) * wx),
                               (1, 0, wy * (1 - wx)), (1, 1, wy * wx)):
            iy, in_y = self._source_index(y0 + dy, H)
            ix, in_x = self._source_index(x0 + dx, W)
            weight = weight.astype(x.dtype)
            part = ops.getitem(x, (batch, iy, ix)) * weight
            if self.fill_mode == "constant":
                outside = ~(in_y & in_x)[..., None]
                part = ops.where(outside, np.asarray(self.fill_value, x.dtype) * weight, part)
            out = part if out is None else out + part
        return out


# --- L2 normalisation (branch i18-faces: FaceNet-style embeddings) -------------------------------

def _unit_norm_forward(x, axis=-1, epsilon=1e-12):
    norm = np.sqrt(np.maximum(np.sum(x * x, axis=axis, keepdims=True), epsilon))
    y = x / norm
    return y, (y, norm, axis)


def _unit_norm_backward(dout, cache):
    y, norm, axis = cache
    return ((dout - y * np.sum(dout * y, axis=axis, keepdims=True)) / norm,)


class UnitNormalization(Layer):
    """x / ||x||_2 along ``axis`` (Keras' ``UnitNormalization``): every output row has length 1,
    as a FaceNet embedding does.  (m, ..., n) -> the same shape; one fused forward/backward
    pair, the norm floored at sqrt(1e-12) so that a zero row stays zero."""

    _config_keys = ("axis",)

    def __init__(self, axis: int = -1, **kwargs):
        super().__init__(**kwargs)
        self.axis = int(axis)

    def call(self, x):
        from .tensor import apply
        return apply(_unit_norm_forward, _unit_norm_backward, x, axis=self.axis)


__all__ += ["UnitNormalization"]
