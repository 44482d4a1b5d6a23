"""Check a model's architecture layer by layer, from what ``Model.summary_data()`` reports.

    rows = model.summary_data()          # plain data: works through a grading handle too
    check_architecture("happyModel()", rows, [
        {"type": "ZeroPadding2D", "output_shape": (None, 34, 34, 1), "params": 0,
         "config": {"padding": ((3, 3), (3, 3))}},
        {"type": "Conv2D", "output_shape": (None, 28, 28, 32), "params": 1600,
         "config": {"filters": 32, "kernel_size": (7, 7), "strides": (1, 1)}},
        ...
    ])

Each expected layer gives its ``type`` (the class name; ``MaxPool2D`` is ``MaxPooling2D``) and
any of ``output_shape``, ``params`` and ``config`` (only the keys given are compared), and
``hints`` (argument -> text shown when that argument differs; ``ARGUMENT_HINTS`` otherwise).  The
comparison goes from the most telling difference to the least: the list of layer types (a
missing or extra layer is named with its neighbours), then, layer by layer, the arguments,
the output shape and the parameter count, so that a wrong padding is reported as a wrong
padding rather than as the wrong shapes it causes downstream.

Equivalent spellings are accepted: ``Activation("relu")`` for ``ReLU()`` (and
``Activation("softmax")`` for ``Softmax()``), a normalisation axis counted from the end
(``axis=-1`` for ``axis=3`` on 4-D outputs).  Input layers (listed by functional models, not by
``Sequential``) are skipped.  A failure raises ``utils.testing.CheckFailure``.
"""
from __future__ import annotations

import difflib
from typing import Any

import numpy as np

from utils import testing as _testing
from utils.testing import CheckFailure

_HIDDEN_NOTE = "  (a hidden test: it shows your model, not the expected one)"


def _hidden() -> bool:
    """True inside ``utils.testing.hidden_tests()``: messages then never show the expected
    layers, arguments, shapes or flags (the grader's hidden tests), as utils.testing's do."""
    return bool(_testing._hidden["active"])


def _expected(text: str, differs: str = "which differs from the reference") -> str:
    """", expected <text>" in a visible test; a note without the expected value in a hidden one."""
    return f", {differs}" if _hidden() else f", expected {text}"


def _fail(message: str, tip: str | None = None) -> None:
    lines = [message] + ([_HIDDEN_NOTE] if _hidden() else [])
    if tip:
        lines.append(f"  hint: {tip}")
    raise CheckFailure("\n".join(lines))

# hints for a wrong argument: (layer type or None for any, key) -> text
ARGUMENT_HINTS = {
    (None, "padding"): "padding='same' adds zeros so that a stride-1 layer keeps the height and "
                       "width; padding='valid' (the default) adds none",
    ("ZeroPadding2D", "padding"): "ZeroPadding2D(padding=p) adds p rows/columns of zeros on "
                                  "each side",
    (None, "strides"): "a pooling layer's strides default to its pool_size; give strides= "
                       "explicitly when the exercise says so",
    (None, "pool_size"): "pool_size is the window's height and width",
    (None, "kernel_size"): "kernel_size is the filter's height and width (an int f means f x f)",
    (None, "filters"): "filters is the number of filters, i.e. of output channels",
    (None, "units"): "units is the number of outputs of the Dense layer",
    (None, "activation"): "set the activation with activation='...' on the layer",
    ("BatchNormalization", "axis"): "normalise each channel: the channels are the last axis of "
                                    "(m, n_H, n_W, n_C), axis=3 (or -1)",
}

_SAME_AS = {("Activation", "relu"): "ReLU", ("Activation", "softmax"): "Softmax"}


def _layer_type(row: dict) -> str:
    config = row.get("config") or {}
    return _SAME_AS.get((row.get("type"), config.get("activation")), row.get("type"))


def _normalise(row: dict, key: str, value: Any) -> Any:
    """Compare axes counted from the end and from the start alike."""
    shape = row.get("output_shape")
    if key == "axis" and isinstance(value, int) and isinstance(shape, tuple) and shape:
        return value % len(shape)
    return value


def _describe(i: int, row: dict) -> str:
    return f"layer {i} ({_layer_type(row)}, '{row.get('name', '?')}')"


def _types_message(got: list[str], want: list[str]) -> str:
    """Say which layers are missing, extra or of another type."""
    problems = []
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        after = f" after {want[a0 - 1]} (layer {a0 - 1})" if a0 > 0 else " at the start"
        if op == "delete":
            problems.append(f"missing {', '.join(want[a0:a1])}{after}")
        elif op == "insert":
            problems.append(f"extra {', '.join(got[b0:b1])}{after}")
        else:
            problems.append(f"{', '.join(got[b0:b1])} where {', '.join(want[a0:a1])} was "
                            f"expected{after}")
    return "; ".join(problems)


def check_architecture(name: str, rows: Any, expected: list[dict],
                       hint: str | None = None) -> None:
    """Compare ``rows`` (a model's ``summary_data()``) with ``expected`` layer by layer; raise
    a CheckFailure naming the first layer and argument that differ, or print one line."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise CheckFailure(f"{name}: summary_data() should be a list of dicts (one per layer), "
                           f"got {type(rows).__name__}"
                           + ("" if hint is None else f"\n  hint: {hint}"))
    rows = [r for r in rows if r.get("type") != "InputLayer"]
    got = [_layer_type(r) for r in rows]
    want = [e["type"] for e in expected]
    if got != want:
        if _hidden():
            first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                         min(len(got), len(want)))
            _fail(f"{name}: the layers are [{', '.join(got)}]: they differ from the reference's "
                  f"from layer {first} on ({len(got)} layers)", hint)
        _fail(f"{name}: the layers are [{', '.join(got)}], expected [{', '.join(want)}]: "
              f"{_types_message(got, want)}", hint)
    for i, (row, exp) in enumerate(zip(rows, expected)):
        config = row.get("config") or {}
        for key, value in (exp.get("config") or {}).items():
            actual = _normalise(row, key, config.get(key))
            if actual != _normalise(row, key, value):
                tip = (exp.get("hints") or {}).get(key) or ARGUMENT_HINTS.get(
                    (exp["type"], key)) or ARGUMENT_HINTS.get((None, key))
                tip = hint if tip is None else (tip if hint is None else f"{tip}; {hint}")
                _fail(f"{name}: {_describe(i, row)} has {key}={config.get(key)!r}"
                      + _expected(f"{key}={value!r}"), tip)
        for key, what in (("output_shape", "output shape"), ("params", "parameter count")):
            if key in exp and row.get(key) != exp[key]:
                tip = ("the layers before it give it an input of another shape: check the "
                       "padding, window sizes and strides up to here"
                       if key == "output_shape" else
                       "the parameter count follows from the layer's arguments and its "
                       "input's shape")
                _fail(f"{name}: {_describe(i, row)} has {what} {row.get(key)!r}"
                      + _expected(f"{exp[key]!r}"), tip if hint is None else hint)
    print(f"[pass] {name}: {len(rows)} layers as expected "
          f"({', '.join(got)})")


# --------------------------------------------------------------------------------------------
# Rebuilding a model in the grader's process, from plain data only
# --------------------------------------------------------------------------------------------
#
#     check_same_model("transfer_model(...)", model, reference, x, rng)
#
# ``model`` is what the student's function returned: a real model in the student's own kernel
# (visible tests) or a handle to one (grading).  Only plain data is read from it: its
# ``get_config()`` and ``get_weights()``.  The model is built again from these with this
# process's ``utils.nn`` (``rebuild_model``), compared with the grader's ``reference`` layer by
# layer, and both are run on the test's inputs with several random weight draws that the test
# makes and loads into both: what the student's object says about its own outputs, gradients
# or flags never decides anything.

_NOT_REBUILT = {"Lambda", "Bidirectional", "TimeDistributed"}


def _nn():
    from utils import nn
    return nn


class RebuildError(ValueError):
    """A model description that this framework cannot build again."""


def _layer_classes() -> dict:
    nn = _nn()
    out = {}
    for name in dir(nn):
        obj = getattr(nn, name)
        if isinstance(obj, type) and issubclass(obj, nn.Layer) and obj.__name__ not in \
                _NOT_REBUILT and obj.__name__ != "InputLayer":
            out[obj.__name__] = obj
    return out


def _set_own_trainable(layer, flag: bool) -> None:
    """Set one layer's own flag (not its sublayers'), as the description gives it."""
    layer._trainable = bool(flag)
    for w in layer._weights:
        w.requires_grad = bool(flag) and layer._trainable_flags.get(id(w), True)


def _make_layer(spec: Any, classes: dict, flags: list):
    if not isinstance(spec, dict) or not isinstance(spec.get("config"), dict):
        raise RebuildError("a layer's description is not a dict with a 'config'")
    kind = spec.get("class_name")
    config = dict(spec["config"])
    if kind in ("Model", "Sequential") or "layers" in config:
        return _build(kind, config, classes, flags)
    if kind == "Bidirectional" and isinstance(config.get("layer"), dict):
        return _make_bidirectional(config, classes, flags)
    if kind == "TimeDistributed" and isinstance(config.get("layer"), dict):
        return _make_time_distributed(config, classes, flags)
    if kind in _NOT_REBUILT or kind not in classes:
        raise RebuildError(f"a layer of type {kind!r} cannot be rebuilt from its description "
                           "(use the framework's layers, not a Lambda or your own class)")
    name = config.pop("name", None)
    trainable = config.pop("trainable", True)
    try:
        layer = classes[kind](name=name, **config)
    except (TypeError, ValueError, NotImplementedError) as err:
        raise RebuildError(f"layer '{name}' ({kind}) cannot be made from its config "
                           f"{config!r}: {err}") from None
    flags.append((layer, trainable))
    return layer


def _make_bidirectional(config: dict, classes: dict, flags: list):
    """A Bidirectional wrapper from its description: the wrapped recurrent layer (which must be
    one of the framework's SimpleRNN, LSTM, GRU) and merge_mode."""
    nn = _nn()
    inner = config.pop("layer")
    name = config.pop("name", None)
    trainable = config.pop("trainable", True)
    if inner.get("class_name") not in ("SimpleRNN", "LSTM", "GRU"):
        raise RebuildError(f"layer '{name}' (Bidirectional) wraps a layer of type "
                           f"{inner.get('class_name')!r}, not a SimpleRNN, LSTM or GRU")
    wrapped = _make_layer({"class_name": inner["class_name"],
                           "config": dict(inner.get("config") or {})}, classes, [])
    try:
        layer = nn.Bidirectional(wrapped, name=name, **config)
    except (TypeError, ValueError) as err:
        raise RebuildError(f"layer '{name}' (Bidirectional) cannot be made from its config "
                           f"{config!r}: {err}") from None
    flags.append((layer, trainable))
    return layer


def _make_time_distributed(config: dict, classes: dict, flags: list):
    """A TimeDistributed wrapper from its description: the wrapped layer (one of the
    framework's own, not a model or another wrapper), applied at every time step."""
    nn = _nn()
    inner = config.pop("layer")
    name = config.pop("name", None)
    trainable = config.pop("trainable", True)
    if inner.get("class_name") in _NOT_REBUILT or inner.get("class_name") in ("Model",
                                                                              "Sequential"):
        raise RebuildError(f"layer '{name}' (TimeDistributed) wraps a layer of type "
                           f"{inner.get('class_name')!r}, which cannot be rebuilt")
    wrapped = _make_layer({"class_name": inner.get("class_name"),
                           "config": dict(inner.get("config") or {})}, classes, [])
    layer = nn.TimeDistributed(wrapped, name=name)
    flags.append((layer, trainable))
    return layer


def _build(kind: str, config: dict, classes: dict, flags: list):
    nn = _nn()
    name, trainable = config.get("name"), config.get("trainable", True)
    specs = config.get("layers")
    if not isinstance(specs, list):
        raise RebuildError(f"model '{name}' does not list its layers")
    if kind == "Sequential":
        layers = [_make_layer(s, classes, flags) for s in specs]
        given = config.get("input")
        first = [] if given is None else [nn.Input(tuple(given["shape"]), dtype=given["dtype"])]
        model = nn.Sequential(first + layers, name=name)
        flags.append((model, trainable))
        return model
    made, outputs = {}, {}
    for spec in specs:
        lname = spec.get("name") if isinstance(spec, dict) else None
        if lname in made or (lname, 0) in outputs:
            raise RebuildError(f"model '{name}' has two layers named {lname!r}")
        if isinstance(spec, dict) and spec.get("class_name") == "InputLayer":
            c = spec.get("config") or {}
            outputs[(lname, 0)] = [nn.Input(tuple(c["shape"]), dtype=c.get("dtype"),
                                            name=lname)]
            flags.append((outputs[(lname, 0)][0].node.layer, c.get("trainable", True)))
        else:
            made[lname] = _make_layer(spec, classes, flags)
    counts: dict[str, int] = {}

    def resolve(x):
        if isinstance(x, dict) and set(x) == {"layer", "node", "tensor"}:
            key = (x["layer"], x["node"])
            if key not in outputs or not 0 <= x["tensor"] < len(outputs[key]):
                raise RebuildError(f"model '{name}': a call reads output {x['tensor']} of call "
                                   f"{x['node']} of layer {x['layer']!r}, which is not made "
                                   "before it")
            return outputs[key][x["tensor"]]
        if isinstance(x, (list, tuple)):
            return type(x)(resolve(v) for v in x)
        if x is None or type(x) in (bool, int, float, str):
            return x
        raise RebuildError(f"model '{name}': a call takes a value of type {type(x).__name__}")

    for node in config.get("nodes") or []:
        lname = node.get("layer")
        if lname not in made:
            raise RebuildError(f"model '{name}' calls a layer {lname!r} it does not list")
        k = counts.get(lname, 0)
        counts[lname] = k + 1
        args = resolve(node.get("args"))
        kwargs = {key: resolve(v) for key, v in (node.get("kwargs") or {}).items()}
        out = made[lname](args, training=node.get("training"), **kwargs)
        outputs[(lname, k)] = list(out) if isinstance(out, (list, tuple)) else [out]
    model = nn.Model(resolve(config.get("input_layers")), resolve(config.get("output_layers")),
                     name=name)
    flags.append((model, trainable))
    return model


def rebuild_model(config: Any, weights: Any = None):
    """A model of this process's ``utils.nn`` built from a model's ``get_config()`` (plain
    data) and, if given, loaded with ``weights`` (its ``get_weights()``).  Raises RebuildError
    when the description cannot be built.  The framework's random generator (used to make the
    initial weights) is left as it was."""
    nn = _nn()
    if not isinstance(config, dict):
        raise RebuildError(f"get_config() should give a dict, got {type(config).__name__}")
    kind = "Sequential" if "input" in config and "nodes" not in config else "Model"
    state = nn.initializers._RNG.bit_generator.state
    flags: list = []
    try:
        model = _build(kind, dict(config), _layer_classes(), flags)
    except RebuildError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as err:
        raise RebuildError(f"{type(err).__name__}: {err}") from None
    finally:
        nn.initializers._RNG.bit_generator.state = state
    for layer, flag in flags:
        _set_own_trainable(layer, flag)
    if weights is not None:
        mine = [tuple(np.shape(w)) for w in model.weights]
        if not isinstance(weights, list) or [tuple(np.shape(w)) for w in weights] != mine:
            raise RebuildError("get_weights() does not fit the layers of get_config()")
        model.set_weights([np.asarray(w) for w in weights])
    return model


def random_weights(model, rng: np.random.Generator, scale: float = 1.0) -> list:
    """One random, non-degenerate draw of every weight of ``model`` (a grader-side model):
    kernels of about unit gain, nonzero biases, positive variances and scales."""
    out = []
    for w in model.weights:
        shape, name = w.shape, (w.name or "")
        if name.endswith("moving_variance"):
            a = rng.uniform(0.5, 1.5, size=shape)
        elif name.endswith("gamma"):
            a = rng.uniform(0.5, 1.5, size=shape) * rng.choice([-1, 1], size=shape)
        elif len(shape) >= 2:
            fan_in = int(np.prod(shape[:-1])) if not name.endswith("embeddings") else 1
            a = rng.normal(0, scale * 1.5 / np.sqrt(max(fan_in, 1)), size=shape)
        else:
            a = rng.normal(0, 0.5 * scale, size=shape)
        out.append(a.astype(w.dtype))
    return out


# --------------------------------------------------------------------------------------------
# Pairing the layers of two descriptions by structure
# --------------------------------------------------------------------------------------------
#
# A model lists its layers (and so its weights) in the order they are reached from its outputs,
# the first input of each call first: Add()([main, shortcut]) and Add()([shortcut, main])
# compute the same function but list their layers in different orders.  Before two models are
# compared layer by layer, the student's description is put in the reference's order: each
# call of a merge whose inputs commute gets its inputs in the order of the reference's call of
# the same structure.  A structure is a content hash (``_signatures``): the layer's type and
# arguments (not its name), its training flag and the structures of its inputs, those of a
# commuting merge as a set.  Only the order changes; the graph, and so what it computes, stays.

COMMUTATIVE_MERGES = frozenset({"Add", "Average", "Maximum", "Minimum", "Multiply"})


def _digest(*parts: Any) -> str:
    import hashlib
    import json
    text = json.dumps(parts, sort_keys=True, default=repr)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _refs(x: Any) -> list:
    if isinstance(x, dict) and set(x) == {"layer", "node", "tensor"}:
        return [x]
    if isinstance(x, (list, tuple)):
        return [r for v in x for r in _refs(v)]
    if isinstance(x, dict):
        return [r for v in x.values() for r in _refs(v)]
    return []


def _signatures(config: dict, merges: dict | None = None, loose: bool = False) -> dict:
    """{(layer name, call number): structure hash} of a functional description's calls
    (Inputs included); with ``merges``, also record there, for each call of a commuting merge,
    its structure -> the structures of its inputs in the order it takes them (and its kind ->
    that list for each call of the kind, in order).  ``loose``: a layer's type stands for the
    layer, without its arguments."""
    specs = {s.get("name"): s for s in config.get("layers") or [] if isinstance(s, dict)}
    inputs = config.get("input_layers")
    inputs = inputs if isinstance(inputs, list) else [inputs]
    sig: dict = {}
    for k, ref in enumerate(inputs):
        if isinstance(ref, dict):
            spec = specs.get(ref.get("layer")) or {}
            sig[(ref.get("layer"), 0)] = _digest("Input", k, (spec.get("config") or {}).get(
                "shape"))

    def tensor(ref):
        return _digest(sig.get((ref["layer"], ref["node"])), ref["tensor"])

    def structure(x):
        if isinstance(x, dict) and set(x) == {"layer", "node", "tensor"}:
            return tensor(x)
        if isinstance(x, (list, tuple)):
            return [structure(v) for v in x]
        return x

    calls: dict = {}
    for node in config.get("nodes") or []:
        name = node.get("layer")
        spec = specs.get(name) or {}
        k = calls.get(name, 0)
        calls[name] = k + 1
        layer = _layer_signature(spec, merges, loose)
        args = structure(node.get("args"))
        commutes = spec.get("class_name") in COMMUTATIVE_MERGES and isinstance(args, list) and \
            all(isinstance(a, str) for a in args)
        key = _digest(layer, node.get("training"), sorted(args) if commutes else args,
                      {kw: structure(v) for kw, v in (node.get("kwargs") or {}).items()})
        sig[(name, k)] = key
        if commutes and merges is not None:
            merges.setdefault(key, list(args))
            merges.setdefault(spec.get("class_name"), []).append(list(args))
    return sig


def _layer_signature(spec: dict, merges: dict | None, loose: bool = False) -> str:
    config = dict(spec.get("config") or {})
    if "nodes" in config:                 # a functional model inside the model
        sig = _signatures(config, merges, loose)
        outs = config.get("output_layers")
        outs = outs if isinstance(outs, list) else [outs]
        return _digest(spec.get("class_name"), config.get("trainable"),
                       [_digest(sig.get((o["layer"], o["node"])), o["tensor"])
                        for o in outs if isinstance(o, dict)])
    if "layers" in config:                # a Sequential inside the model
        return _digest(spec.get("class_name"), config.get("trainable"), config.get("input"),
                       [_layer_signature(s, merges, loose) for s in config["layers"]
                        if isinstance(s, dict)])
    config.pop("name", None)
    if loose:                             # Activation("relu") is a ReLU layer
        return _digest(_layer_type({"type": spec.get("class_name"), "config": config}))
    return _digest(spec.get("class_name"), config)


def in_reference_order(config: dict, reference_config: dict) -> dict:
    """A copy of the description ``config`` in which every call of a commuting merge (Add,
    Average, Maximum, Multiply) takes its inputs in the order of the call of the same structure
    in ``reference_config``, so that a model built from it lists its layers and weights in the
    reference's order.  A call without such a counterpart (the models differ) is paired with
    the reference's call of the same layer types (failing that, of the same kind and rank), and
    its inputs that match one of that call's come first, in its order (so that a layer missing
    on one branch is reported there); the others keep their order."""
    import copy
    merges: dict = {}
    loose_merges: dict = {}
    _signatures(reference_config, merges)
    _signatures(reference_config, loose_merges, loose=True)
    original, config = config, copy.deepcopy(config)

    def reorder(cfg: dict) -> None:
        for spec in cfg.get("layers") or []:
            if isinstance(spec, dict) and isinstance(spec.get("config"), dict) and \
                    "nodes" in spec["config"]:
                reorder(spec["config"])
        if "nodes" not in cfg:
            return
        sig, loose = _signatures(cfg), _signatures(cfg, loose=True)
        ranks: dict = {}
        specs = {s.get("name"): s for s in cfg.get("layers") or [] if isinstance(s, dict)}
        calls: dict = {}
        for node in cfg["nodes"]:
            name = node.get("layer")
            kind = (specs.get(name) or {}).get("class_name")
            k = calls.get(name, 0)
            calls[name] = k + 1
            args = node.get("args")
            if kind not in COMMUTATIVE_MERGES or not isinstance(args, list) or \
                    len(_refs(args)) != len(args):
                continue
            rank = ranks.get(kind, 0)
            ranks[kind] = rank + 1
            used = sig
            want = merges.get(sig.get((name, k)))
            if want is None:              # the models differ: pair by the layers' types
                used = loose
                want = loose_merges.get(loose.get((name, k)))
            if want is None:
                same_kind = loose_merges.get(kind) or []
                want = same_kind[rank] if rank < len(same_kind) else []
            rest = list(zip([_digest(used.get((a["layer"], a["node"])), a["tensor"])
                             for a in args], args))
            slots = []                    # the reference's places, filled where they match
            for w in want:
                j = next((j for j, (m, _) in enumerate(rest) if m == w), None)
                slots.append(None if j is None else rest.pop(j)[1])
            others = [a for _, a in rest]
            ordered = [others.pop(0) if a is None and others else a for a in slots]
            node["args"] = [a for a in ordered if a is not None] + others
    try:
        reorder(config)
    except (KeyError, TypeError, AttributeError):
        return copy.deepcopy(original)    # a description rebuild_model will report on
    return config


def _describe_model(name: str, model: Any, hint: str | None):
    """(config, weights) of the student's model, read as plain data, with a clear failure."""
    tip = "" if hint is None else f"\n  hint: {hint}"
    try:
        config, weights = model.get_config(), model.get_weights()
    except CheckFailure:
        raise
    except Exception as err:         # a real model in the student's kernel (visible tests)
        raise CheckFailure(f"{name}: the model could not describe itself (get_config, "
                           f"get_weights): {type(err).__name__}: {err}{tip}") from None
    if not isinstance(config, dict) or not isinstance(weights, list) or \
            not all(type(w) is np.ndarray for w in weights):
        raise CheckFailure(f"{name}: get_config() and get_weights() should give a dict and a "
                           f"list of arrays; is the result a framework model (nn.Model or "
                           f"nn.Sequential)?{tip}")
    return config, weights


def rebuild(name: str, model: Any, hint: str | None = None):
    """The student's ``model`` (or a handle to it) built again here from its ``get_config()``
    and ``get_weights()`` and loaded with those weights; a CheckFailure naming ``name`` when
    it cannot be.  Every later check runs on this copy, with this process's framework."""
    tip = "" if hint is None else f"\n  hint: {hint}"
    config, weights = _describe_model(name, model, hint)
    try:
        return rebuild_model(config, weights)
    except RebuildError as err:
        raise CheckFailure(f"{name}: the grader could not rebuild your model from its "
                           f"get_config() and get_weights(): {err}{tip}") from None


def _rebuild_in_order(name: str, model: Any, reference, hint: str | None):
    """``rebuild(name, model)`` with its layers in ``reference``'s order where the two differ
    only in the order of a commuting merge's inputs (``in_reference_order``), and the position
    in the rebuilt model's weights of each of the student's weights (None: the same order)."""
    original = rebuild(name, model, hint)
    try:
        config, ref_config = original.get_config(), reference.get_config()
        ordered = in_reference_order(config, ref_config)
        if ordered == config:
            return original, None
        rebuilt = rebuild_model(ordered)
    except (RebuildError, ValueError, TypeError, KeyError):
        return original, None
    names = [w.name for w in rebuilt.weights]
    mine = [w.name for w in original.weights]
    if len(set(names)) != len(names) or sorted(names) != sorted(mine):
        return original, None
    at = {n: j for j, n in enumerate(names)}
    own = [at[n] for n in mine]
    values = original.get_weights()
    rebuilt.set_weights([values[mine.index(n)] for n in names])
    return rebuilt, own


def call_flags(model) -> dict:
    """{layer name: [the training flag fixed at each of its calls]} of a grader-side model."""
    flags: dict = {}
    for node in model.get_config().get("nodes") or []:
        flags.setdefault(node["layer"], []).append(node["training"])
    return flags


def _rows(model) -> list[dict]:
    return [r for r in model.summary_data() if r["type"] != "InputLayer"]


_DESCRIPTION_KEYS = ("name", "trainable", "layers", "nodes", "input_layers", "output_layers",
                     "input")


def _expected_rows(reference) -> list[dict]:
    rows = []
    for r in _rows(reference):
        config = {k: v for k, v in (r.get("config") or {}).items() if k not in _DESCRIPTION_KEYS}
        rows.append({"type": r["type"], "output_shape": r["output_shape"],
                     "params": r["params"], "config": config})
    return rows


def _same_rows(rows: list[dict]) -> list[dict]:
    """Activation("relu") as ReLU(), Activation("softmax") as Softmax(), for comparison."""
    out = []
    for r in rows:
        kind = _layer_type(r)
        config = dict(r.get("config") or {})
        if kind != r.get("type"):
            config = {"max_value": None} if kind == "ReLU" else {"axis": -1}
        out.append(dict(r, type=kind, config=config))
    return out


def _calls(model) -> list:
    """(layer index, training flag, [(input layer index, node, tensor)]) of each call, layers
    numbered without the Input layers (inputs are -1, -2, ...): a Sequential is the chain in
    which each layer takes the output of the one before, as the same functional model."""
    config = model.get_config()
    if "nodes" not in config:
        return [(i, None, [(i - 1, 0, 0)]) for i in range(len(config["layers"]))]
    index, inputs = {}, 0
    for spec in config["layers"]:
        if spec["class_name"] == "InputLayer":
            inputs += 1
            index[spec["name"]] = -inputs
        else:
            index[spec["name"]] = len(index) - inputs

    def refs(x):
        if isinstance(x, dict):
            return [(index[x["layer"]], x["node"], x["tensor"])]
        if isinstance(x, (list, tuple)):
            return [r for v in x for r in refs(v)]
        return []
    return [(index[n["layer"]], n["training"], refs([n["args"], list(n["kwargs"].values())]))
            for n in config["nodes"]]


def compare_models(name: str, rebuilt, reference, hint: str | None = None,
                   path: str = "") -> None:
    """Raise a CheckFailure at the first difference of two grader-side models' layers
    (types, arguments, output shapes, parameter counts), trainable flags, connections and the
    training flags fixed at calls; models inside them are compared the same way."""
    where = f"{name}{path}"
    tip = "" if hint is None else f"\n  hint: {hint}"
    got, want = _same_rows(_rows(rebuilt)), _expected_rows(reference)
    _quiet_architecture(where, got, _same_rows(want), hint)
    got_layers = [l for l in rebuilt.layers if type(l).__name__ != "InputLayer"]
    want_layers = [l for l in reference.layers if type(l).__name__ != "InputLayer"]
    for i, (a, b) in enumerate(zip(got_layers, want_layers)):
        if a.trainable != b.trainable:
            _fail(f"{where}: {_describe(i, _rows(rebuilt)[i])} has trainable={a.trainable}"
                  + _expected(f"trainable={b.trainable}"), hint or (
                      "freeze a layer or model with .trainable = False" if b.trainable
                      is False else "this layer must stay trainable"))
        if hasattr(a, "get_config") and "layers" in a.get_config():
            compare_models(name, a, b, hint, path=f"{path} > layer {i} ('{a.name}')")
    got_calls, want_calls = _calls(rebuilt), _calls(reference)
    if [c[0::2] for c in got_calls] != [c[0::2] for c in want_calls]:
        raise CheckFailure(f"{where}: the layers are connected differently (some layer takes "
                           f"its input from another layer than expected){tip}")
    rows = _rows(rebuilt)
    for (layer, flag, _), (_, want_flag, _) in zip(got_calls, want_calls):
        if flag != want_flag:
            row = rows[layer] if 0 <= layer < len(rows) else {"type": "?", "name": "?"}
            said = "without training=..." if want_flag is None else f"with training={want_flag}"
            _fail(f"{where}: {_describe(layer, row)} is called with training={flag}"
                  + _expected(f"a call {said}"), hint or (
                      "training=False keeps a frozen network in inference mode"
                      if want_flag is False else
                      "without a training flag the layer follows the model: active in "
                      "fit, off in predict"))


def _quiet_architecture(name, rows, expected, hint):
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        check_architecture(name, rows, expected, hint=hint)


def check_same_model(name: str, model: Any, reference, inputs: Any,
                     rng: np.random.Generator, draws: int = 3, same_layers: bool = True,
                     training: bool = False, rtol: float = 1e-4, atol: float = 1e-5,
                     hint: str | None = None):
    """Judge ``model`` (the student's, or a handle to it) against the grader's ``reference``.

    The model is rebuilt here from its ``get_config()`` and ``get_weights()``, in the
    reference's order where they differ only in the order of a commuting merge's inputs
    (``in_reference_order``: ``Add()([shortcut, X])`` is ``Add()([X, shortcut])``); with
    ``same_layers`` it is compared with the reference layer by layer (``compare_models``);
    then ``draws`` random weight draws made with ``rng`` are loaded into both, and their
    outputs on ``inputs`` (``predict``, and with ``training`` also a call in training mode
    from the same seed) must agree.  The student's own model must compute what its
    description does (one draw).  Returns the rebuilt model, loaded with the student's
    weights.  Prints one line when everything agrees."""
    rebuilt, own_order = _rebuild_in_order(name, model, reference, hint)
    if same_layers:
        compare_models(name, rebuilt, reference, hint)
    shapes = [tuple(w.shape) for w in rebuilt.weights]
    want = [tuple(w.shape) for w in reference.weights]
    if shapes != want:
        _fail(f"{name}: the model's weights have shapes {shapes}" + _expected(f"{want}"),
              hint)
    trainable = [tuple(w.shape) for w in rebuilt.trainable_weights]
    if trainable != [tuple(w.shape) for w in reference.trainable_weights]:
        _fail(f"{name}: the trainable weights have shapes {trainable}"
              + _expected(f"{[tuple(w.shape) for w in reference.trainable_weights]}"),
              hint or "check which layers are frozen (trainable=False)")
    saved = rebuilt.get_weights()
    for k in range(draws):
        draw = random_weights(reference, rng)
        rebuilt.set_weights(draw)
        reference.set_weights(draw)
        got, expected = rebuilt.predict(inputs), reference.predict(inputs)
        _compare_outputs(f"{name} with random weights (draw {k + 1} of {draws}), "
                         "predict(x)", got, expected, rtol, atol, hint)
        if k == 0:
            mine = _as_outputs(rebuilt.predict(inputs))
            model.set_weights(draw if own_order is None else [draw[j] for j in own_order])
            own = _as_outputs(model.predict(inputs))
            if len(own) != len(mine) or not all(
                    type(a) is np.ndarray and a.shape == b.shape and
                    np.allclose(a, b, rtol=rtol, atol=atol) for a, b in zip(own, mine)):
                raise CheckFailure(
                    f"{name}: the model does not compute what its own description "
                    "(get_config) says: with the same weights its predict(x) differs from "
                    "the model built again from that description\n  hint: build the model "
                    "from the framework's layers only")
            # the student's model keeps its own weights (in its own order)
            model.set_weights(saved if own_order is None else [saved[j] for j in own_order])
        if training:
            seed = int(rng.integers(1 << 30))
            got = _training_call(rebuilt, inputs, seed)
            expected = _training_call(reference, inputs, seed)
            _compare_outputs(f"{name} with random weights (draw {k + 1} of {draws}), "
                             "model(x, training=True)", got, expected, rtol, atol, hint)
    rebuilt.set_weights(saved)
    print(f"[pass] {name}: rebuilt from its description, "
          f"{len(rebuilt.weights)} weight arrays, same outputs as the reference at {draws} "
          "random weight draws")
    return rebuilt


def _as_outputs(x) -> list:
    return list(x) if isinstance(x, list) else [x]


def _training_call(model, inputs, seed: int):
    nn = _nn()
    state = nn.initializers._RNG.bit_generator.state
    np_state = np.random.get_state()
    try:
        nn.set_seed(seed)
        out = model(inputs, training=True)
        return [o.numpy() for o in out] if isinstance(out, (list, tuple)) else out.numpy()
    finally:
        nn.initializers._RNG.bit_generator.state = state
        np.random.set_state(np_state)


def _compare_outputs(label, got, expected, rtol, atol, hint):
    from utils.testing import check
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        check(label, got, expected, rtol=rtol, atol=atol, hint=hint)
