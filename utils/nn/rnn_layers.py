"""Sequence layers in the style of Keras: Embedding, SimpleRNN, LSTM, GRU, Bidirectional,
TimeDistributed.

Sequences are batch-major, ``(m, T, n)`` (examples, time steps, features), as in Keras.  The
recurrent layers run the fused whole-sequence primitives of :mod:`utils.nn.recurrent` (one
graph node per layer call, back-propagation through time written by hand), so a layer call
costs the same whether the sequence has 1 or 100 steps of Python graph overhead.

    lstm = LSTM(64, return_sequences=True)
    hs = lstm(x)                                    # (m, T, 64)
    out, h, c = LSTM(64, return_state=True)(x, initial_state=[h0, c0])

Calling one layer object several times shares its weights (the music and date-translation
notebooks call one LSTM once per output step).  Weights have Keras's names, shapes and order
(``kernel``, ``recurrent_kernel``, ``bias``), so ``set_weights`` accepts Keras's arrays.
"""
from __future__ import annotations

import numpy as np

from . import initializers, ops
from . import recurrent as R
from .layers import Layer, LayerError, _shape_str, _shapes_str
from .tensor import Tensor, apply

__all__ = ["Embedding", "SimpleRNN", "LSTM", "GRU", "Bidirectional", "TimeDistributed",
           "Orthogonal"]


# ------------------------------------------------------------------------- initializers
class Orthogonal(initializers.Initializer):
    """A random orthogonal matrix (Keras's default for recurrent kernels): the Q of the QR
    decomposition of a standard normal matrix, signs fixed so that the result is uniform."""

    def __init__(self, gain: float = 1.0):
        self.gain = gain

    def sample(self, shape):
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        a = initializers.rng().standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)
        q *= np.sign(np.diag(r))
        q = q if rows >= cols else q.T
        return self.gain * q[:rows, :cols].reshape(shape)


def _initializer(init):
    return Orthogonal() if init == "orthogonal" else init


# -------------------------------------------------------------- several outputs, one node
def _part_forward(a, index):
    return a[index], (a.shape, a.dtype, index)


def _part_backward(dout, cache):
    shape, dtype, index = cache
    grad = np.zeros(shape, dtype=dtype)
    grad[index] = dout                      # a basic slice: plain assignment, no add.at
    return (grad,)


def _part(t: Tensor, index) -> Tensor:
    """t[index] for a basic slice (a view); the gradient is written back into zeros."""
    return apply(_part_forward, _part_backward, t, index=index)


def _lstm_packed_forward(*arrays, **kwargs):
    """lstm_forward with its two outputs in one array: (m, T + 1, u), the last step c_T."""
    (hs, c), cache = R.lstm_forward(*arrays, **kwargs)
    return np.concatenate([hs, c[:, None]], axis=1), cache


def _lstm_packed_backward(dout, cache):
    return R.lstm_backward((dout[:, :-1], dout[:, -1]), cache)


def _lstm_hs_forward(*arrays, **kwargs):
    (hs, _), cache = R.lstm_forward(*arrays, **kwargs)
    return hs, cache


def _lstm_hs_backward(dout, cache):
    return R.lstm_backward((dout, None), cache)


# ---------------------------------------------------------------------------- Embedding
class Embedding(Layer):
    """Turn token ids into vectors: (m, T) integers in [0, input_dim) -> (m, T, output_dim).

    Arguments:
    input_dim -- vocabulary size V; output_dim -- vector size D
    embeddings_initializer -- "uniform" (Keras's default, U(-0.05, 0.05)) or any initializer
    weights -- optional initial matrix (V, D) (or a list holding it), e.g. GloVe vectors; the
               layer is then built at once (get_weights() returns it before any call)
    trainable -- False keeps the vectors fixed (pretrained embeddings)

    mask_zero -- True: id 0 is padding; the output carries a mask (ids != 0) that the recurrent
                 layers after it (through Dropout and Activation) use to skip the padded steps,
                 carrying their state over them unchanged, as Keras does

    Weight: ``embeddings`` (V, D).  The gradient adds up the rows of repeated ids.
    """

    _config_keys = ("input_dim", "output_dim", "mask_zero")

    def __init__(self, input_dim: int, output_dim: int, embeddings_initializer="uniform",
                 weights=None, mask_zero: bool = False, input_length=None, **kwargs):
        super().__init__(**kwargs)
        self.mask_zero = bool(mask_zero)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        self.embeddings_initializer = embeddings_initializer
        if weights is not None:
            if isinstance(weights, (list, tuple)):
                if len(weights) != 1:
                    raise ValueError(f"Embedding: weights must be one matrix of shape "
                                     f"({input_dim}, {output_dim}), got a list of "
                                     f"{len(weights)} arrays")
                weights = weights[0]
            weights = np.asarray(weights)
            if weights.shape != (self.input_dim, self.output_dim):
                raise ValueError(f"Embedding: weights must have shape ({self.input_dim}, "
                                 f"{self.output_dim}), got {weights.shape}")
        self._initial_weights = weights
        self.input_length = input_length
        if weights is not None:       # nothing depends on the input: the matrix exists at once,
            self.build()              # so get_weights() shows it before the layer is first called
            self.built = True

    def build(self, input_shape=None):
        init = self.embeddings_initializer
        if self._initial_weights is not None:
            w0 = self._initial_weights
            init = lambda shape, dtype: np.asarray(w0, dtype=dtype)  # noqa: E731
        elif init == "uniform":
            init = lambda shape, dtype: initializers.rng().uniform(  # noqa: E731
                -0.05, 0.05, size=shape).astype(dtype)
        self.embeddings = self.add_weight("embeddings", (self.input_dim, self.output_dim), init)
        self.built = True

    def _check_input(self, shape):
        if not isinstance(shape, tuple):
            raise LayerError(f"layer '{self.name}' (Embedding) takes one tensor of token ids, "
                             f"got {_shapes_str(shape)}")

    def call(self, ids):
        data = ids.data if isinstance(ids, Tensor) else np.asarray(ids)
        if data.dtype.kind == "f" and data.size and np.any(data != np.round(data)):
            raise LayerError(f"layer '{self.name}' (Embedding) needs integer token ids, got "
                             f"non-integer values in an input of shape {data.shape}")
        if data.size and (data.min() < 0 or data.max() >= self.input_dim):
            raise LayerError(f"layer '{self.name}' (Embedding) has a vocabulary of "
                             f"{self.input_dim} rows, but the ids (shape {data.shape}) go from "
                             f"{int(data.min())} to {int(data.max())}")
        ids = Tensor._wrap(data.astype(np.intp, copy=False))   # ids never need a gradient
        return apply(R.embedding_forward, R.embedding_backward, ids, self.embeddings)

    def compute_mask(self, inputs, mask):
        if not self.mask_zero:
            return None
        data = inputs.data if isinstance(inputs, Tensor) else np.asarray(inputs)
        return data != 0


# ------------------------------------------------------------------------ recurrent layers
class _RNN(Layer):
    """Shared machinery of SimpleRNN, LSTM and GRU (one fused primitive call per layer call).

    Arguments (as Keras):
    units -- size u of the hidden state
    return_sequences -- False: output the last hidden state (m, u); True: all of them (m, T, u)
    return_state -- also return the final state(s): [output, h] ([output, h, c] for the LSTM)
    go_backwards -- read the sequence from the last step to the first
    kernel_initializer, recurrent_initializer, bias_initializer -- as Keras
    Call: ``layer(x, initial_state=None, mask=None)``: x (m, T, n); initial_state a list of
    (m, u) tensors (``[h]``, or ``[h, c]`` for the LSTM); mask (m, T) booleans, False at padded
    steps (the state is carried over them unchanged).
    """

    _gates = 1
    _n_states = 1
    _config_keys = ("units", "return_sequences", "return_state", "go_backwards")

    def __init__(self, units: int, activation="tanh", recurrent_activation="sigmoid",
                 use_bias: bool = True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, dropout: float = 0.0,
                 recurrent_dropout: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        kind = type(self).__name__
        if int(units) <= 0:
            raise ValueError(f"{kind}: units must be a positive integer, got {units}")
        if activation != "tanh" or (self._gates > 1 and recurrent_activation != "sigmoid"):
            raise ValueError(f"{kind}: only activation='tanh' (and recurrent_activation="
                             f"'sigmoid'), the Keras defaults, are implemented; got "
                             f"{activation!r}, {recurrent_activation!r}")
        if not use_bias or stateful or dropout or recurrent_dropout:
            raise ValueError(f"{kind}: use_bias=False, stateful, dropout and recurrent_dropout "
                             "are not supported (put a Dropout layer between layers instead)")
        self.units = int(units)
        self.return_sequences, self.return_state = bool(return_sequences), bool(return_state)
        self.go_backwards = bool(go_backwards)
        self._aligned = False                   # Bidirectional's backward copy sets it
        self.kernel_initializer = kernel_initializer
        self.recurrent_initializer = recurrent_initializer
        self.bias_initializer = bias_initializer
        self._config = dict(units=units, activation=activation,
                            recurrent_activation=recurrent_activation,
                            kernel_initializer=kernel_initializer,
                            recurrent_initializer=recurrent_initializer,
                            bias_initializer=bias_initializer,
                            return_sequences=return_sequences, return_state=return_state,
                            go_backwards=go_backwards)

    def _clone(self, **changes):
        """A new layer of the same kind and settings (own weights), for Bidirectional."""
        config = dict(self._config, **changes)
        return type(self)(**config)

    # ------------------------------------------------------------------ calling
    def __call__(self, inputs, initial_state=None, training=None, **kwargs):
        if initial_state is not None:       # the states travel as inputs (graph-friendly)
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) \
                else [initial_state]
            inputs = [inputs] + states
        return super().__call__(inputs, training=training, **kwargs)

    def _split_shapes(self, shapes):
        if isinstance(shapes, list):
            return shapes[0], shapes[1:]
        return shapes, []

    def _check_input(self, shapes):
        kind = type(self).__name__
        x_shape, state_shapes = self._split_shapes(shapes)
        if not isinstance(x_shape, tuple) or len(x_shape) != 3:
            raise LayerError(f"layer '{self.name}' ({kind}) expects a sequence of shape "
                             f"(m, T, n) (examples, time steps, features), got "
                             f"{_shapes_str(x_shape)}. A single step needs a time axis of "
                             "length 1: reshape (m, n) to (m, 1, n).")
        if state_shapes and len(state_shapes) != self._n_states:
            what = "[h, c]" if self._n_states == 2 else "[h]"
            raise LayerError(f"layer '{self.name}' ({kind}) takes initial_state={what} "
                             f"({self._n_states} tensor(s) of shape (m, {self.units})), got "
                             f"{len(state_shapes)}: {_shapes_str(state_shapes)}")
        for s in state_shapes:
            if s is None or len(s) != 2 or s[1] != self.units:
                raise LayerError(f"layer '{self.name}' ({kind}) has {self.units} units: each "
                                 f"initial state must be (m, {self.units}), got "
                                 f"{_shapes_str(state_shapes)}")
        if self.built and x_shape[-1] != self.kernel.shape[0]:
            raise LayerError(f"layer '{self.name}' ({kind}) was built for "
                             f"{self.kernel.shape[0]} input features, got input of shape "
                             f"{_shape_str(x_shape)}")

    def build(self, input_shape):
        x_shape, _ = self._split_shapes(input_shape)
        n, u, k = x_shape[-1], self.units, self._gates
        self.kernel = self.add_weight("kernel", (n, k * u), _initializer(self.kernel_initializer))
        self.recurrent_kernel = self.add_weight("recurrent_kernel", (u, k * u),
                                                _initializer(self.recurrent_initializer))
        self.bias = self.add_weight("bias", self._bias_shape(), self._bias_init())

    def _bias_shape(self):
        return (self._gates * self.units,)

    def _bias_init(self):
        return _initializer(self.bias_initializer)

    def call(self, inputs, mask=None):
        if isinstance(inputs, list):
            x, states = inputs[0], list(inputs[1:])
        else:
            x, states = inputs, []
        if any(s.shape[0] != x.shape[0] for s in states):
            raise LayerError(f"layer '{self.name}' ({type(self).__name__}): the initial states "
                             f"{[s.shape for s in states]} must have as many rows as the input "
                             f"{x.shape}")
        if mask is not None:
            mask = np.asarray(mask.data if isinstance(mask, Tensor) else mask)
            if mask.shape != tuple(x.shape[:2]):
                raise LayerError(f"layer '{self.name}' ({type(self).__name__}): mask must be "
                                 f"(m, T) = {tuple(x.shape[:2])}, got {mask.shape}")
            mask = mask.astype(bool)
        hs, final = self._run(x, states, mask)   # hs[:, t]: the state after reading x[:, t]
        # the state after reading the whole sequence (in the layer's direction)
        if self.return_sequences and not self.return_state:
            last = None
        else:
            last = _part(hs, (slice(None), 0 if self.go_backwards else -1))
        if not self.return_sequences:
            output = last
        elif self.go_backwards and not self._aligned:
            # Keras's order: output[:, j] is the state after j + 1 steps, from the end
            output = _part(hs, (slice(None), slice(None, None, -1)))
        else:
            output = hs
        if self.return_state:
            return [output, last] + final
        return output

    def compute_mask(self, inputs, mask):
        # all steps out: the same steps are padding; only the last state out: no time axis left
        return mask if self.return_sequences else None

    def _params(self):
        return self.kernel, self.recurrent_kernel, self.bias

    def _options(self, x, mask):
        """Keyword arguments of the primitive (no input gradient for an input that needs none)."""
        return dict(reverse=self.go_backwards, mask=mask, need_dx=x.requires_grad)


class SimpleRNN(_RNN):
    """A fully connected RNN, h_t = tanh(x_t W + h_{t-1} U + b).
    Weights: kernel (n, u), recurrent_kernel (u, u), bias (u,)."""

    def _run(self, x, states, mask):
        hs = apply(R.simple_rnn_forward, R.simple_rnn_backward, x, *self._params(), *states,
                   **self._options(x, mask))
        return hs, []


class GRU(_RNN):
    """Gated recurrent unit, Keras's default variant (reset_after=True, gates z, r, h):
    h~ = tanh(x W_h + b_h + r * (h U_h + b'_h)), h_t = z * h_{t-1} + (1 - z) * h~.
    Weights: kernel (n, 3u), recurrent_kernel (u, 3u), bias (2, 3u) (input and recurrent)."""

    _gates = 3

    def __init__(self, units, reset_after: bool = True, **kwargs):
        if not reset_after:
            raise ValueError("GRU: only reset_after=True (Keras's default) is implemented")
        super().__init__(units, **kwargs)

    def _bias_shape(self):
        return (2, 3 * self.units)

    def _run(self, x, states, mask):
        hs = apply(R.gru_forward, R.gru_backward, x, *self._params(), *states,
                   **self._options(x, mask))
        return hs, []


class LSTM(_RNN):
    """Long short-term memory, Keras's gate order (i, f, c, o):
    c_t = f * c_{t-1} + i * tanh(z_c), h_t = o * tanh(c_t).
    Weights: kernel (n, 4u), recurrent_kernel (u, 4u), bias (4u,) (the forget gate's part
    starts at 1 when unit_forget_bias=True, as in Keras)."""

    _gates = 4
    _n_states = 2

    def __init__(self, units, unit_forget_bias: bool = True, **kwargs):
        super().__init__(units, **kwargs)
        self.unit_forget_bias = bool(unit_forget_bias)
        self._config["unit_forget_bias"] = unit_forget_bias

    def _bias_init(self):
        base = initializers.get(_initializer(self.bias_initializer))
        if not self.unit_forget_bias:
            return base
        u = self.units

        def init(shape, dtype):
            b = np.array(base(shape, dtype), dtype=dtype)
            b[u:2 * u] = 1
            return b
        return init

    def _run(self, x, states, mask):
        if self.return_state:
            packed = apply(_lstm_packed_forward, _lstm_packed_backward, x, *self._params(),
                           *states, **self._options(x, mask))
            T = x.shape[1]
            hs = _part(packed, (slice(None), slice(0, T)))
            c = _part(packed, (slice(None), T))
            return hs, [c]
        hs = apply(_lstm_hs_forward, _lstm_hs_backward, x, *self._params(), *states,
                   **self._options(x, mask))
        return hs, []


# ------------------------------------------------------------------------- wrappers
class Bidirectional(Layer):
    """Run a recurrent layer forwards and a copy of it backwards over the sequence and merge.

    Arguments:
    layer -- a SimpleRNN, LSTM or GRU (its settings are copied; each direction has its own
             weights)
    merge_mode -- "concat" (default: (m, T, 2u)), "sum", "mul", "ave", or None (a list)

    With return_sequences the backward outputs are aligned with the inputs (out[:, t] of the
    backward layer has read x[:, t:]).  With return_state: [output, *forward states,
    *backward states].
    """

    def __init__(self, layer: _RNN, merge_mode: str | None = "concat", backward_layer=None,
                 **kwargs):
        if not isinstance(layer, _RNN):
            raise TypeError(f"Bidirectional wraps a SimpleRNN, LSTM or GRU, got "
                            f"{type(layer).__name__}")
        if merge_mode not in ("concat", "sum", "mul", "ave", None):
            raise ValueError(f"Bidirectional: merge_mode must be 'concat', 'sum', 'mul', 'ave' "
                             f"or None, got {merge_mode!r}")
        super().__init__(**kwargs)
        self.forward_layer = layer._clone(go_backwards=layer.go_backwards)
        self.backward_layer = backward_layer if backward_layer is not None else \
            layer._clone(go_backwards=not layer.go_backwards)
        # outputs aligned with the inputs, so that the two directions concatenate step by step
        self.forward_layer._aligned = self.backward_layer._aligned = True
        self.forward_layer.name = "forward_" + layer.name
        self.backward_layer.name = "backward_" + layer.name
        self.merge_mode = merge_mode
        self.return_sequences, self.return_state = layer.return_sequences, layer.return_state

    def __call__(self, inputs, initial_state=None, training=None, **kwargs):
        if initial_state is not None:
            inputs = [inputs] + list(initial_state)
        return super().__call__(inputs, training=training, **kwargs)

    def get_config(self) -> dict:
        """Name, trainable, merge_mode and the wrapped layer ({"class_name", "config"}: its
        settings without a name, so that two equal wrappers describe themselves alike);
        ``Bidirectional(layer, merge_mode)`` with that layer builds it again."""
        inner = {k: v for k, v in self.forward_layer.get_config().items() if k != "name"}
        config = super().get_config()
        config["layer"] = {"class_name": type(self.forward_layer).__name__, "config": inner}
        config["merge_mode"] = self.merge_mode
        return config

    def compute_mask(self, inputs, mask):
        return mask if self.return_sequences else None

    def call(self, inputs, mask=None):
        if isinstance(inputs, list):
            x, states = inputs[0], inputs[1:]
            half = len(states) // 2
            fw = self.forward_layer(x, initial_state=states[:half] or None, mask=mask)
            bw = self.backward_layer(x, initial_state=states[half:] or None, mask=mask)
        else:
            fw = self.forward_layer(inputs, mask=mask)
            bw = self.backward_layer(inputs, mask=mask)
        fw_states = bw_states = []
        if self.return_state:
            fw, fw_states = fw[0], fw[1:]
            bw, bw_states = bw[0], bw[1:]
        if self.merge_mode == "concat":
            out = ops.concatenate([fw, bw], axis=-1)
        elif self.merge_mode == "sum":
            out = fw + bw
        elif self.merge_mode == "mul":
            out = fw * bw
        elif self.merge_mode == "ave":
            out = (fw + bw) * 0.5
        else:
            out = [fw, bw]
        if self.return_state:
            return (out if isinstance(out, list) else [out]) + fw_states + bw_states
        return out


class TimeDistributed(Layer):
    """Apply one layer (the same weights) to every time step: (m, T, ...) -> (m, T, ...').

    The time axis is folded into the batch axis, so the layer runs once on (m * T, ...).
    """

    def __init__(self, layer: Layer, **kwargs):
        if not isinstance(layer, Layer):
            raise TypeError(f"TimeDistributed wraps a layer, got {type(layer).__name__}")
        super().__init__(**kwargs)
        self.layer = layer

    def get_config(self) -> dict:
        """Name, trainable and the wrapped layer ({"class_name", "config"}: its settings
        without a name, as Bidirectional); ``TimeDistributed(layer)`` builds it again."""
        inner = {k: v for k, v in self.layer.get_config().items() if k != "name"}
        config = super().get_config()
        config["layer"] = {"class_name": type(self.layer).__name__, "config": inner}
        return config

    def _check_input(self, shape):
        if not isinstance(shape, tuple) or len(shape) < 3:
            raise LayerError(f"layer '{self.name}' (TimeDistributed) expects (m, T, ...) with "
                             f"at least 3 axes, got {_shapes_str(shape)}")

    def call(self, x, training=False):
        m, T = x.shape[:2]
        y = self.layer(ops.reshape(x, (m * T,) + x.shape[2:]), training=training)
        return ops.reshape(y, (m, T) + y.shape[1:])
