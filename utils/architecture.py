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

from utils.testing import CheckFailure

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
        raise CheckFailure(
            f"{name}: the layers are [{', '.join(got)}], expected [{', '.join(want)}]: "
            f"{_types_message(got, want)}" + ("" if hint is None else f"\n  hint: {hint}"))
    for i, (row, exp) in enumerate(zip(rows, expected)):
        config = row.get("config") or {}
        for key, value in (exp.get("config") or {}).items():
            actual = _normalise(row, key, config.get(key))
            if actual != _normalise(row, key, value):
                tip = (exp.get("hints") or {}).get(key) or ARGUMENT_HINTS.get(
                    (exp["type"], key)) or ARGUMENT_HINTS.get((None, key))
                tip = hint if tip is None else (tip if hint is None else f"{tip}; {hint}")
                raise CheckFailure(f"{name}: {_describe(i, row)} has {key}={config.get(key)!r},"
                                   f" expected {key}={value!r}"
                                   + ("" if tip is None else f"\n  hint: {tip}"))
        for key, what in (("output_shape", "output shape"), ("params", "parameter count")):
            if key in exp and row.get(key) != exp[key]:
                tip = ("the layers before it give it an input of another shape: check the "
                       "padding, window sizes and strides up to here"
                       if key == "output_shape" else
                       "the parameter count follows from the layer's arguments and its "
                       "input's shape")
                raise CheckFailure(f"{name}: {_describe(i, row)} has {what} "
                                   f"{row.get(key)!r}, expected {exp[key]!r}"
                                   f"\n  hint: {tip if hint is None else hint}")
    print(f"[pass] {name}: {len(rows)} layers as expected "
          f"({', '.join(got)})")
