"""Models: ``Sequential`` (a stack of layers) and the functional ``Model(inputs, outputs)``.

Both are layers (a model can be a layer of another model) and add training::

    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=10, batch_size=32,
                        validation_data=(x_test, y_test))
    history.history["loss"]               # one number per epoch
    model.evaluate(x_test, y_test)        # [loss, accuracy]
    model.predict(x_test)                 # NumPy array of outputs
    model.summary()                       # layers, output shapes, parameter counts

Data are NumPy arrays with examples along the first axis (m, ...), as in Keras.

A custom training step needs nothing special: ``loss = ...; loss.backward();
optimizer.step(model.trainable_weights)``; gradients with respect to an input image come from
``x = Tensor(image, requires_grad=True)`` and ``x.grad`` after ``loss.backward()``.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from . import initializers, losses as losses_mod, optimizers as optimizers_mod
from .layers import (Input, InputLayer, Layer, LayerError, Node, SymbolicTensor,
                     _map_structure, _shape_str)
from .tensor import Tensor, get_default_dtype, no_grad

__all__ = ["Model", "Sequential", "History", "WeightsMismatchError", "recalibrate_batch_norm"]


class History:
    """What ``fit`` returns: ``history`` maps "loss", "accuracy", "val_loss", ... to one value
    per epoch; ``epoch`` lists the epoch numbers (from 0)."""

    def __init__(self):
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []

    def __repr__(self) -> str:
        return f"<History of {len(self.epoch)} epochs: {', '.join(self.history)}>"


class WeightsMismatchError(ValueError):
    """``load_weights`` found a file whose weights do not fit the model."""


class Model(Layer):
    """A model: ``Model(inputs, outputs)`` from symbolic tensors (functional API), or a
    subclass that defines ``call`` (and creates its layers in ``__init__``).

    inputs  -- an ``Input(...)`` tensor or a list of them
    outputs -- a tensor obtained by calling layers on the inputs, or a list of them
    """

    def __init__(self, inputs=None, outputs=None, name: str | None = None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.optimizer = None
        self.loss = None
        self._metrics: list = []
        self._graph = inputs is not None
        if not self._graph:
            if outputs is not None:
                raise ValueError("Model(inputs, outputs): give both, or neither (subclass)")
            return
        self._inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        self._outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
        self._multi_in = isinstance(inputs, (list, tuple))
        self._multi_out = isinstance(outputs, (list, tuple))
        for t in self._inputs + self._outputs:
            if not isinstance(t, SymbolicTensor):
                raise TypeError(f"Model: inputs and outputs must come from Input(...) and "
                                f"layer calls on it, got {type(t).__name__}")
        self._nodes = self._sort_nodes()
        layers: list[Layer] = []
        for node in self._nodes:
            if all(node.layer is not l for l in layers):
                layers.append(node.layer)
        self._graph_layers = layers
        for layer in layers:
            if layer is not self:
                self._layers.append(layer)
        self.built = True
        self.input_shape = _unlist([t.shape for t in self._inputs], self._multi_in)
        self.output_shape = _unlist([t.shape for t in self._outputs], self._multi_out)

    def _sort_nodes(self) -> list[Node]:
        """The graph's nodes, each after the nodes it takes inputs from (no recursion)."""
        order, done, stack = [], set(), [(t.node, False) for t in reversed(self._outputs)]
        input_nodes = {id(t.node) for t in self._inputs}
        while stack:
            node, ready = stack.pop()
            if ready:
                if id(node) not in done:
                    done.add(id(node))
                    order.append(node)
                continue
            if id(node) in done:
                continue
            stack.append((node, True))
            if isinstance(node.layer, InputLayer) and id(node) not in input_nodes:
                raise ValueError(f"Model: the outputs depend on Input '{node.layer.name}', "
                                 "which is not in the model's inputs")
            for parent in reversed(node.parents()):   # first input first
                if id(parent.node) not in done:
                    stack.append((parent.node, False))
        return order

    @property
    def layers(self) -> list[Layer]:
        """The model's layers in the order data flows through them."""
        return list(self._graph_layers) if self._graph else list(self._layers)

    @property
    def inputs(self):
        return list(self._inputs) if self._graph else None

    @property
    def outputs(self):
        return list(self._outputs) if self._graph else None

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        """The layer called ``name`` (or at position ``index`` of ``layers``)."""
        if index is not None:
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        names = ", ".join(repr(l.name) for l in self.layers)
        raise ValueError(f"model '{self.name}' has no layer named {name!r}; its layers: {names}")

    # ------------------------------------------------------------------------ running
    def call(self, inputs, training=False):
        if not self._graph:
            raise NotImplementedError(f"{type(self).__name__}: define call(inputs, training) or "
                                      "build the model with Model(inputs, outputs)")
        given = inputs if isinstance(inputs, (list, tuple)) else [inputs]
        if len(given) != len(self._inputs):
            raise LayerError(f"model '{self.name}' takes {len(self._inputs)} input(s), got "
                             f"{len(given)}")
        values: dict[int, Tensor] = {}
        for sym, x in zip(self._inputs, given):
            if len(x.shape) != len(sym.shape) or any(
                    d is not None and d != n for d, n in zip(sym.shape[1:], x.shape[1:])):
                raise LayerError(f"model '{self.name}': input '{sym.node.layer.name}' expects "
                                 f"shape {_shape_str(sym.shape)}, got {_shape_str(x.shape)}")
            values[id(sym)] = x
        for node in self._nodes:
            if isinstance(node.layer, InputLayer):
                continue
            def value(s):
                return values[id(s)] if isinstance(s, SymbolicTensor) else s
            args = _map_structure(value, node.inputs)
            kwargs = {k: _map_structure(value, v) for k, v in node.kwargs.items()}
            node_training = training if node.training is None else node.training
            out = node.layer(args, training=node_training, **kwargs)
            outs = out if isinstance(out, (list, tuple)) else [out]
            for sym, value in zip(node.outputs, outs):
                values[id(sym)] = value
        return _unlist([values[id(t)] for t in self._outputs], self._multi_out)

    # ----------------------------------------------------------------------- training
    def compile(self, optimizer="adam", loss=None, metrics: Sequence | None = None) -> None:
        """Choose the optimizer (name or instance), the loss (name, Loss or function
        (y_true, y_pred) -> scalar Tensor; for several outputs, one for all or a list) and
        the metrics (e.g. ["accuracy"])."""
        self.optimizer = optimizers_mod.get(optimizer)
        if loss is None:
            raise ValueError("compile: give a loss, e.g. loss='categorical_crossentropy'")
        self.loss = [losses_mod.get(l) for l in loss] if isinstance(loss, (list, tuple)) \
            else losses_mod.get(loss)
        first = self.loss[0] if isinstance(self.loss, list) else self.loss
        self._metrics = [losses_mod.get_metric(m, first) for m in (metrics or [])]

    def _losses_for(self, n_outputs: int) -> list:
        if self.loss is None:
            raise RuntimeError(f"model '{self.name}': call compile(optimizer, loss) before "
                               "fit/evaluate")
        if isinstance(self.loss, list):
            if len(self.loss) != n_outputs:
                raise ValueError(f"model '{self.name}' has {n_outputs} outputs but "
                                 f"{len(self.loss)} losses")
            return self.loss
        return [self.loss] * n_outputs

    def _compute_loss(self, ys: list, outs: list) -> Tensor:
        total = None
        for fn, y, out in zip(self._losses_for(len(outs)), ys, outs):
            value = fn(y, out)
            total = value if total is None else total + value
        return total

    def train_step(self, x, y) -> float:
        """One gradient step on one batch (arrays); returns the loss.  Override for custom
        training (GANs, style transfer); ``fit`` calls it for every batch."""
        outs = self(x, training=True)
        outs = outs if isinstance(outs, (list, tuple)) else [outs]
        loss = self._compute_loss(_as_list(y), outs)
        loss.backward()
        self.optimizer.step(self.trainable_weights)
        self._last_outputs = [o.data for o in outs]
        return float(loss.data)

    def fit(self, x=None, y=None, batch_size: int = 32, epochs: int = 1, verbose: int = 1,
            validation_data=None, validation_split: float = 0.0, shuffle: bool = True,
            initial_epoch: int = 0) -> History:
        """Train with mini-batches for ``epochs`` passes over (x, y).

        x, y -- arrays with examples along axis 0 (lists of arrays for several inputs/outputs)
        validation_data -- (x_val, y_val), evaluated after each epoch ("val_loss", ...)
        validation_split -- or: hold out this fraction of the examples (the last ones, before
                            any shuffling) as validation data
        shuffle -- draw a new order of the examples every epoch (framework generator)
        verbose -- 0 silent; 2 one line per epoch; 1 the same, and during an epoch that
                   takes more than a second, a progress line rewritten in place (plain text:
                   works in JupyterLab and in a terminal or log)
        Returns a History; losses and metrics are averaged over each epoch's batches.
        """
        if self.optimizer is None:
            raise RuntimeError(f"model '{self.name}': call compile(optimizer, loss, metrics) "
                               "before fit")
        xs, ys = self._prepare(x), [np.asarray(a) for a in _as_list(y)]
        m = len(xs[0])
        if any(len(a) != m for a in xs + ys):
            raise ValueError(f"fit: x and y must have the same number of examples, got "
                             f"{[len(a) for a in xs]} and {[len(a) for a in ys]}")
        if validation_split:
            if validation_data is not None:
                raise ValueError("fit: give validation_data or validation_split, not both")
            cut = m - int(round(m * validation_split))
            if not 0 < cut < m:
                raise ValueError(f"fit: validation_split={validation_split} leaves no "
                                 f"training or no validation examples out of {m}")
            validation_data = (_unlist([a[cut:] for a in xs], len(xs) > 1),
                               _unlist([a[cut:] for a in ys], len(ys) > 1))
            xs, ys, m = [a[:cut] for a in xs], [a[:cut] for a in ys], cut
        history = History()
        trainable = {id(w) for w in self.trainable_weights}
        saved_flags = [(w, w.requires_grad) for w in self.weights]
        for w in self.weights:       # frozen weights get no gradient: skip their work
            w.requires_grad = id(w) in trainable
        try:
            for epoch in range(initial_epoch, epochs):
                start = shown = time.perf_counter()
                width = 0          # length of the progress line to overwrite, if any
                order = initializers.rng().permutation(m) if shuffle else None
                sums = {"loss": 0.0, **{name: 0.0 for name, _ in self._metrics}}
                for lo in range(0, m, batch_size):
                    idx = order[lo:lo + batch_size] if shuffle else slice(lo, lo + batch_size)
                    xb = [a[idx] for a in xs]
                    yb = [a[idx] for a in ys]
                    n = len(yb[0])
                    sums["loss"] += self.train_step(_unlist(xb, len(xb) > 1),
                                                    _unlist(yb, len(yb) > 1)) * n
                    for name, fn in self._metrics:
                        sums[name] += np.mean([fn(t, p) for t, p in
                                               zip(yb, self._last_outputs)]) * n
                    seen = min(lo + batch_size, m)
                    if verbose == 1 and time.perf_counter() - shown > 1.0 and seen < m:
                        # a slow epoch: show how far it got (the line is rewritten in place)
                        shown = time.perf_counter()
                        text = " - ".join(f"{k}: {v / seen:.4f}" for k, v in sums.items())
                        line = f"Epoch {epoch + 1}/{epochs} - {seen}/{m} - {text}"
                        width = len(line)
                        print("\r" + line, end="", flush=True)
                logs = {k: float(v / m) for k, v in sums.items()}
                if validation_data is not None:
                    vals = self.evaluate(*validation_data, batch_size=max(batch_size, 256),
                                         verbose=0, return_dict=True)
                    logs.update({f"val_{k}": v for k, v in vals.items()})
                history.epoch.append(epoch)
                for k, v in logs.items():
                    history.history.setdefault(k, []).append(v)
                if verbose:
                    took = time.perf_counter() - start
                    text = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())
                    line = f"Epoch {epoch + 1}/{epochs} - {took:.1f}s - {text}"
                    print(("\r" + line.ljust(width)) if width else line, flush=True)
        finally:
            for w, flag in saved_flags:
                w.requires_grad = flag
        return history

    def _prepare(self, x) -> list[np.ndarray]:
        """Inputs as a list of arrays (floats in the framework's dtype, integers kept)."""
        out = []
        for a in _as_list(x):
            a = np.asarray(a)
            if a.dtype.kind == "f" or a.dtype == bool:
                a = a.astype(self._input_dtype(), copy=False)
            out.append(a)
        return out

    def _input_dtype(self):
        w = self.weights
        return w[0].dtype if w else get_default_dtype()

    def predict(self, x, batch_size: int = 256, verbose: int = 0):
        """The model's outputs on x (inference mode), as NumPy arrays, in batches."""
        xs = self._prepare(x)
        chunks = []
        with no_grad():
            for lo in range(0, len(xs[0]), batch_size):
                out = self([a[lo:lo + batch_size] for a in xs] if len(xs) > 1
                           else xs[0][lo:lo + batch_size], training=False)
                chunks.append([o.data for o in _as_list(out)])
        outs = [np.concatenate([c[i] for c in chunks]) for i in range(len(chunks[0]))]
        return outs if len(outs) > 1 else outs[0]

    def evaluate(self, x, y, batch_size: int = 256, verbose: int = 1, return_dict: bool = False):
        """Loss and metrics on (x, y) in inference mode: the loss alone without metrics,
        otherwise [loss, metric, ...] (a dict with return_dict=True)."""
        xs, ys = self._prepare(x), [np.asarray(a) for a in _as_list(y)]
        m = len(xs[0])
        sums = {"loss": 0.0, **{name: 0.0 for name, _ in self._metrics}}
        with no_grad():
            for lo in range(0, m, batch_size):
                xb = [a[lo:lo + batch_size] for a in xs]
                yb = [a[lo:lo + batch_size] for a in ys]
                outs = _as_list(self(_unlist(xb, len(xb) > 1), training=False))
                n = len(yb[0])
                sums["loss"] += float(self._compute_loss(yb, outs).data) * n
                for name, fn in self._metrics:
                    sums[name] += np.mean([fn(t, o.data) for t, o in zip(yb, outs)]) * n
        logs = {k: float(v / m) for k, v in sums.items()}
        if verbose:
            print(" - ".join(f"{k}: {v:.4f}" for k, v in logs.items()), flush=True)
        if return_dict:
            return logs
        return logs["loss"] if len(logs) == 1 else list(logs.values())

    # ------------------------------------------------------------------ description
    def get_config(self) -> dict:
        """The whole model as plain data, enough to build it again (``utils.architecture.
        rebuild_model``): name, trainable and, for a functional model,

        layers        -- one entry per layer (in the order of ``layers``): class_name, name and
                         config (its ``get_config()``; a model inside the model gives its own
                         whole description)
        nodes         -- the layer calls in the order they run: layer (a name), args and kwargs
                         (the call's inputs, each as {"layer", "node", "tensor"}: output
                         ``tensor`` of the ``node``-th call of that layer in this model) and
                         training (the flag fixed at the call: True, False or None)
        input_layers, output_layers -- the model's inputs and outputs, in the same form
                         (lists when the model was made with lists)

        A Sequential gives its layers and its input ({"shape", "dtype"}, or None when it has
        not been given one).  A subclassed model (its own ``call``) cannot be described."""
        config = super().get_config()
        if not self._graph:
            return config
        numbers: dict[int, tuple[str, int]] = {}
        calls: dict[int, int] = {}
        for node in self._nodes:
            k = calls.get(id(node.layer), 0)
            calls[id(node.layer)] = k + 1
            numbers[id(node)] = (node.layer.name, k)

        def ref(x):
            if isinstance(x, SymbolicTensor):
                name, k = numbers[id(x.node)]
                return {"layer": name, "node": k, "tensor": x.index}
            if x is None or type(x) in (bool, int, float, str):
                return x
            raise ValueError(f"model '{self.name}': a layer call takes a constant of type "
                             f"{type(x).__name__}, which get_config cannot describe")

        config["layers"] = [{"class_name": type(layer).__name__, "name": layer.name,
                             "config": layer.get_config()} for layer in self._graph_layers]
        config["nodes"] = [
            {"layer": node.layer.name, "args": _map_structure(ref, node.inputs),
             "kwargs": {k: _map_structure(ref, v) for k, v in node.kwargs.items()},
             "training": node.training}
            for node in self._nodes if not isinstance(node.layer, InputLayer)]
        for t in self._inputs:
            if id(t.node) not in numbers:
                raise ValueError(f"model '{self.name}': its input '{t.node.layer.name}' "
                                 f"{_shape_str(t.shape)} is not used: no output depends on it")
        ins, outs = [ref(t) for t in self._inputs], [ref(t) for t in self._outputs]
        config["input_layers"] = ins if self._multi_in else ins[0]
        config["output_layers"] = outs if self._multi_out else outs[0]
        return config

    def get_compile_config(self) -> dict | None:
        """What ``compile`` was given, as plain data (None before compile): the optimizer
        ({"class_name", "config"}), the loss ({"class_name", "config"}, or a name) and the
        metrics' names."""
        if self.optimizer is None:
            return None

        def describe(fn):
            if isinstance(fn, losses_mod.Loss):
                return {"class_name": type(fn).__name__, "config": fn.get_config()}
            return getattr(fn, "__name__", "custom")

        loss = [describe(l) for l in self.loss] if isinstance(self.loss, list) \
            else describe(self.loss)
        return {"optimizer": {"class_name": type(self.optimizer).__name__,
                              "config": self.optimizer.get_config()},
                "loss": loss, "metrics": [name for name, _ in self._metrics]}

    # ------------------------------------------------------------------------ summary
    def summary_data(self) -> list[dict]:
        """One dict of plain data per layer, in the order of ``layers``: name, type (the class
        name, e.g. "Conv2D"), output_shape (batch None), params, trainable, and config (the
        layer's ``get_config()``: its arguments, e.g. padding, strides, activation, axis).
        What ``summary`` prints, in a form a test can compare."""
        self._require_built("summary")
        rows = []
        for layer in self.layers:
            shape = self._layer_output_shape(layer)
            rows.append({"name": layer.name, "type": type(layer).__name__,
                         "output_shape": shape, "params": layer.count_params(),
                         "trainable": layer.trainable, "config": layer.get_config()})
        return rows

    def _layer_output_shape(self, layer):
        if self._graph:
            for node in self._nodes:
                if node.layer is layer:
                    shapes = [t.shape for t in node.outputs]
                    return shapes[0] if len(shapes) == 1 else shapes
        return layer.output_shape

    def summary(self, print_fn=print) -> None:
        """Print the layers with their output shapes and parameter counts, as Keras does."""
        rows = self.summary_data()
        names = [f"{r['name']} ({r['type']})" for r in rows]
        shapes = []
        for r in rows:
            shape = r["output_shape"]
            shapes.append(", ".join(_shape_str(s) for s in shape) if isinstance(shape, list)
                          else ("?" if shape is None else _shape_str(shape)))
        # columns as wide as their longest entry (at least Keras's widths), one space apart
        w_name = max([32] + [len(n) for n in names]) + 1
        w_shape = max([25] + [len(s) for s in shapes]) + 1
        width = 1 + w_name + w_shape + 10
        line = "_" * width
        print_fn(f'Model: "{self.name}"')
        print_fn(line)
        print_fn(f" {'Layer (type)':<{w_name}}{'Output Shape':<{w_shape}}{'Param #':>10}")
        print_fn("=" * width)
        for i, (name, shape, r) in enumerate(zip(names, shapes, rows)):
            print_fn(f" {name:<{w_name}}{shape:<{w_shape}}{r['params']:>10,}")
            print_fn("=" * width if i == len(rows) - 1 else "")
        n_train = int(sum(w.size for w in self.trainable_weights))
        total = self.count_params()
        print_fn(f"Total params: {total:,}")
        print_fn(f"Trainable params: {n_train:,}")
        print_fn(f"Non-trainable params: {total - n_train:,}")
        print_fn(line)

    def _require_built(self, what: str) -> None:
        if not self.built:
            raise RuntimeError(
                f"model '{self.name}' is not built yet, so {what} cannot know its shapes: "
                "start it with Input(shape), give the first layer input_shape=..., or call "
                "the model on a batch of data first")

    # ----------------------------------------------------------------- saving weights
    def save_weights(self, path) -> None:
        """Save every weight to an HDF5 file (h5py), in the order of ``weights``."""
        import h5py
        self._require_built("save_weights")
        path = Path(path)
        with h5py.File(path, "w") as f:
            f.attrs["model"] = self.name
            f.attrs["count"] = len(self.weights)
            for i, w in enumerate(self.weights):
                d = f.create_dataset(f"w{i:04d}", data=w.data)
                d.attrs["name"] = w.name or ""

    def load_weights(self, path) -> None:
        """Load weights saved by ``save_weights`` into this model (same architecture).

        Weights are paired layer by layer (kind and creation order, see ``_by_layer``), so the
        order in which the graph lists its layers does not matter."""
        import h5py
        self._require_built("load_weights")
        weights = self.weights
        with h5py.File(Path(path), "r") as f:
            count = int(f.attrs.get("count", -1))
            stored = [(f[f"w{i:04d}"].attrs["name"], f[f"w{i:04d}"][()])
                      for i in range(max(count, 0))]
        mine = ", ".join(f"{w.name} {w.shape}" for w in weights)
        theirs = ", ".join(f"{n} {a.shape}" for n, a in stored)
        if len(stored) != len(weights):
            raise WeightsMismatchError(
                f"{path}: the file holds {len(stored)} weight arrays but model '{self.name}' "
                f"has {len(weights)}: the architectures differ.\n  file:  {theirs}\n"
                f"  model: {mine}")
        stored = _by_layer(weights, stored)
        for w, (name, arr) in zip(weights, stored):
            if arr.shape != w.shape:
                raise WeightsMismatchError(
                    f"{path}: weight {name} in the file has shape {arr.shape}, but the model's "
                    f"{w.name} has shape {w.shape}: the architectures differ.\n"
                    f"  file:  {theirs}\n  model: {mine}")
        for w, (_, arr) in zip(weights, stored):
            w.data[...] = arr


class Sequential(Model):
    """A plain stack of layers, each taking the previous one's output.

    ``Sequential([Input((64, 64, 3)), Conv2D(...), ..., Dense(6, activation="softmax")])``;
    without an ``Input`` (or ``input_shape=`` on the first layer) the model is built on its
    first call.  With one, the stack is also a graph, as in Keras: ``model.inputs``,
    ``model.outputs`` and every ``layer.output`` are symbolic tensors, so that
    ``Model(model.inputs, [layer.output for layer in model.layers])`` gives all the layers'
    outputs (feature maps) at once.
    """

    def __init__(self, layers: Sequence | None = None, name: str | None = None):
        super().__init__(name=name)
        self._example_input = None   # (shape, dtype) of one batch, once known
        self._sym_input = None       # the graph's Input tensor, once the input shape is known
        self._sym_outputs: dict[int, SymbolicTensor] = {}   # id(layer) -> its output in it
        self.built = False
        for layer in layers or []:
            self.add(layer)

    def add(self, layer) -> None:
        """Append a layer (or an ``Input(shape)`` at the start)."""
        if isinstance(layer, SymbolicTensor):
            if self._layers:
                raise ValueError("Sequential: an Input can only come first")
            self._example_input = (layer.shape, layer.dtype)
            self._sym_input = layer
            return
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential: expected a layer, got {type(layer).__name__}")
        if not self._layers and self._example_input is None and \
                layer._input_shape_arg is not None:
            self._example_input = ((None,) + layer._input_shape_arg, get_default_dtype())
        self._layers.append(layer)
        if self._example_input is not None:
            self._build_from_shape()

    @property
    def layers(self) -> list[Layer]:
        return list(self._layers)

    def get_config(self) -> dict:
        config = Layer.get_config(self)
        config["layers"] = [{"class_name": type(layer).__name__, "name": layer.name,
                             "config": layer.get_config()} for layer in self._layers]
        config["input"] = None if self._example_input is None else {
            "shape": tuple(self._example_input[0][1:]),
            "dtype": str(np.dtype(self._example_input[1]))}
        return config

    def _build_from_shape(self) -> None:
        """Call the layers not yet in the graph on the symbolic output of the one before (each
        call runs the layer once on zeros: it builds the layer and finds its output shape)."""
        shape, dtype = self._example_input
        if self._sym_input is None:
            self._sym_input = Input(shape[1:], dtype=dtype)
        x = self._sym_input
        for layer in self._layers:
            if id(layer) not in self._sym_outputs:
                self._sym_outputs[id(layer)] = layer(x)
            x = self._sym_outputs[id(layer)]
        self.input_shape = shape
        self.output_shape = x.shape
        self.built = True

    @property
    def inputs(self):
        return None if self._sym_input is None else [self._sym_input]

    @property
    def outputs(self):
        if self._sym_input is None or not self._layers:
            return None
        return [self._sym_outputs[id(self._layers[-1])]]

    def call(self, x, training=False):
        for layer in self._layers:
            x = layer(x, training=training)
        return x

    def _layer_output_shape(self, layer):
        sym = self._sym_outputs.get(id(layer))
        return layer.output_shape if sym is None else sym.shape


def _as_list(x) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _unlist(items: list, multi: bool):
    return items if multi else items[0]


def _layer_order(name: str) -> tuple[str, int, str]:
    """'conv2d_3/kernel' -> ('conv2d', 3, 'kernel'); 'conv2d/bias' -> ('conv2d', 0, 'bias')."""
    layer, _, var = (name or "").rpartition("/")
    match = re.fullmatch(r"(.*?)(?:_(\d+))?", layer)
    return match.group(1), int(match.group(2) or 0), var


def _by_layer(weights: list, stored: list) -> list:
    """``stored`` (name, array) pairs in the order that matches ``weights``.

    The file's order (the graph's order of layers when it was saved) is kept when every weight
    pairs up with one of the same kind and shape.  Otherwise the layers are paired by kind and
    creation order (the k-th Conv2D created for the file's model gets the k-th Conv2D created
    for this one), so that ``Add()([shortcut, X])`` reads a file saved from ``Add()([X,
    shortcut])``, also in a model built after others (conv2d_20 instead of conv2d).  When
    neither pairs up, the file's order is returned and the caller reports the mismatch."""
    def fits(pairs):
        return all(_layer_order(w.name)[::2] == _layer_order(n)[::2] and a.shape == w.shape
                   for w, (n, a) in pairs)
    if fits(zip(weights, stored)):
        return stored
    def creation(names):
        keys = [_layer_order(n)[:2] for n in names]
        return sorted(range(len(names)), key=lambda i: keys[i])
    out = [None] * len(weights)
    for i, j in zip(creation([w.name for w in weights]), creation([n for n, _ in stored])):
        out[i] = stored[j]
    return out if fits(zip(weights, out)) else stored


def recalibrate_batch_norm(model, x, batch_size: int | None = None) -> None:
    """Set the moving mean and variance of every BatchNormalization in ``model`` to the
    statistics of the inputs ``x`` under the current weights.

    During training each layer keeps an exponential average of the batches' statistics, which
    lags behind the weights (they change at every step).  After training, one pass over the
    training set in training mode gives the statistics the final weights really produce, which
    is what inference (``training=False``) should use.  The weights themselves do not change.

    batch_size -- None: one pass over all of ``x`` (exact statistics); otherwise the average of
    the statistics of consecutive batches (less memory; the variance then leaves out how much
    the batches' means differ).
    """
    from .layers import BatchNormalization
    layers = [l for l in model._all_layers() if isinstance(l, BatchNormalization)]
    saved = [l.momentum for l in layers]
    x = np.asarray(x)
    size = len(x) if batch_size is None else int(batch_size)
    try:
        with no_grad():
            for k, start in enumerate(range(0, len(x), size)):
                for layer in layers:        # k-th batch: moving = k/(k+1) moving + batch/(k+1)
                    layer.momentum = k / (k + 1)
                model(x[start:start + size], training=True)
    finally:
        for layer, momentum in zip(layers, saved):
            layer.momentum = momentum
