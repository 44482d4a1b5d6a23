"""Plain data across the sandbox boundary: the only thing that crosses it.

The grader (trusted) and the student's kernel (sandboxed) exchange values as JSON text in which
every value is one of:

* ``None``, ``bool``, ``int``, ``float``, ``str``, ``bytes`` (``{"__bytes__": b64}``) and
  ``complex`` (``{"__complex__": [real, imag]}``), exact types, no subclasses;
* NumPy arrays and scalars of a numeric or boolean dtype (``{"__nd__": dtype, "shape", "b64"}``,
  ``{"__np__": dtype, "b64"}``); a 0-d array stays a 0-d array;
* lists, tuples (``{"__tuple__": [...]}``) and dicts (``{"__dict__": [[key, value], ...]}``) of
  these;
* a *handle* (``{"__handle__": id, "type", "repr", "callable"}``) standing for an object that
  stays on the other side.

:func:`loads` checks every value by type on arrival and builds only these types (handles become
whatever ``make_handle`` returns): nothing is unpickled, no constructor named by the data is
called, and sizes and depth are bounded.  This file is copied into the sandbox unchanged; the
kernel side (``autograder/bridge.py``) uses :func:`dumps` with handles for everything that is
not plain, and ``python_scalars=True``: a NumPy scalar of an exact NumPy type (``numpy.str_``,
``numpy.bytes_``, ``numpy.bool_``, every integer, float and complex scalar type) is sent as the
Python value it stands for (``value.item()``), so the grader receives ``str``, ``bytes``,
``bool``, ``int``, ``float`` or ``complex``.  Only ``numpy.longdouble`` and ``numpy.clongdouble``,
which no Python type holds, still cross as NumPy scalars.  A subclass of any of these types
(``class S(np.str_)`` with its own ``__eq__``) is not plain: it stays behind as a handle.
"""
from __future__ import annotations

import base64
import json
from typing import Any, Callable

import numpy as np

MAX_DEPTH = 32
# One message, encoded (the grader reads no larger answer: see judge.MAX_RESPONSE).
MAX_BYTES = 16 * 1024 * 1024
MAX_STR = MAX_BYTES
_TAGS = ("__nd__", "__np__", "__bytes__", "__complex__", "__tuple__", "__dict__", "__handle__")
_KEY_TYPES = (str, int, float, bool, bytes, complex, tuple)

# The exact NumPy scalar types that stand for a Python value (``item()``): booleans, strings,
# bytes and every integer, float and complex type (subclasses are not in this set).
NUMPY_SCALAR_TYPES = frozenset(
    [np.bool_, np.str_, np.bytes_] +
    [np.dtype(code).type for code in np.typecodes["AllInteger"] + np.typecodes["AllFloat"]])


class NotPlain(TypeError):
    """A value that is not plain data (and no handle maker was given)."""


class BadMessage(ValueError):
    """Data that does not follow the format: refused."""


def _numeric_dtype(dtype: np.dtype) -> bool:
    return dtype.kind in "biufc" and dtype.fields is None and dtype.subdtype is None


def encode(value: Any, make_handle: Callable[[Any], dict] | None = None, depth: int = 0,
           python_scalars: bool = False) -> Any:
    """The JSON-ready form of ``value``; non-plain parts become ``make_handle(obj)``.

    With ``python_scalars`` (the kernel's answers), NumPy scalars of the types in
    :data:`NUMPY_SCALAR_TYPES` are sent as the Python values they stand for.
    """
    if depth > MAX_DEPTH:
        raise NotPlain("nested too deeply")
    t = type(value)
    if value is None or t in (bool, str, int, float):
        return value
    if t is bytes:
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    if t is complex:
        return {"__complex__": [value.real, value.imag]}
    if python_scalars and t in NUMPY_SCALAR_TYPES:
        item = value.item()
        if type(item) in (bool, str, int, float, bytes, complex):
            return encode(item, None, depth)
    if t is np.ndarray and _numeric_dtype(value.dtype):
        data = value if value.flags.c_contiguous else value.copy(order="C")   # keeps 0-d
        return {"__nd__": data.dtype.str, "shape": list(data.shape),
                "b64": base64.b64encode(data.tobytes()).decode("ascii")}
    if isinstance(value, np.generic) and t.__module__ == "numpy" and _numeric_dtype(value.dtype):
        return {"__np__": value.dtype.str,
                "b64": base64.b64encode(np.asarray(value).tobytes()).decode("ascii")}
    if t is list:
        return [encode(v, make_handle, depth + 1, python_scalars) for v in value]
    if t is tuple:
        return {"__tuple__": [encode(v, make_handle, depth + 1, python_scalars) for v in value]}
    if t is dict:
        return {"__dict__": [[encode(k, None, depth + 1, python_scalars),
                              encode(v, make_handle, depth + 1, python_scalars)]
                             for k, v in value.items()]}
    if make_handle is None:
        raise NotPlain(f"a value of type {t.__name__} is not plain data")
    return make_handle(value)


def dumps(value: Any, make_handle: Callable[[Any], dict] | None = None, *,
          python_scalars: bool = False) -> bytes:
    text = json.dumps(encode(value, make_handle, python_scalars=python_scalars), allow_nan=True)
    if len(text) > MAX_BYTES:
        raise NotPlain(f"the value is too large to send ({len(text) / 2**20:.0f} MB)")
    return text.encode("utf-8")


def decode(data: Any, make_handle: Callable[[dict], Any] | None = None, depth: int = 0) -> Any:
    """Build a value from its JSON form, checking every part (see the module docstring)."""
    if depth > MAX_DEPTH:
        raise BadMessage("nested too deeply")
    t = type(data)
    if data is None or t in (bool, int, float):
        return data
    if t is str:
        if len(data) > MAX_STR:
            raise BadMessage("string too long")
        return data
    if t is list:
        return [decode(v, make_handle, depth + 1) for v in data]
    if t is not dict or len(data) == 0:
        raise BadMessage(f"unexpected {t.__name__}")
    tags = [k for k in data if k in _TAGS]
    if len(tags) != 1:
        raise BadMessage("an object must carry exactly one tag")
    tag = tags[0]
    if tag == "__tuple__":
        items = data["__tuple__"]
        if type(items) is not list or len(data) != 1:
            raise BadMessage("bad tuple")
        return tuple(decode(v, make_handle, depth + 1) for v in items)
    if tag == "__dict__":
        pairs = data["__dict__"]
        if type(pairs) is not list or len(data) != 1:
            raise BadMessage("bad dict")
        out = {}
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2:
                raise BadMessage("bad dict item")
            key = decode(pair[0], None, depth + 1)
            if type(key) not in _KEY_TYPES and key is not None:
                raise BadMessage("bad dict key")
            try:
                hash(key)
            except TypeError:
                raise BadMessage("unhashable dict key") from None
            out[key] = decode(pair[1], make_handle, depth + 1)
        return out
    if tag == "__bytes__":
        raw = _b64(data["__bytes__"])
        if len(data) != 1 or len(raw) > MAX_STR:
            raise BadMessage("bad bytes")
        return raw
    if tag == "__complex__":
        parts = data["__complex__"]
        if len(data) != 1 or type(parts) is not list or len(parts) != 2 or \
                not all(type(x) in (int, float) for x in parts):
            raise BadMessage("bad complex number")
        return complex(float(parts[0]), float(parts[1]))
    if tag in ("__nd__", "__np__"):
        dtype = _dtype(data[tag])
        raw = _b64(data.get("b64"))
        if tag == "__np__":
            if set(data) != {"__np__", "b64"} or len(raw) != dtype.itemsize:
                raise BadMessage("bad numpy scalar")
            return np.frombuffer(raw, dtype=dtype)[0]
        shape = data.get("shape")
        if set(data) != {"__nd__", "shape", "b64"} or type(shape) is not list or \
                not all(type(n) is int and n >= 0 for n in shape) or len(shape) > 32:
            raise BadMessage("bad array shape")
        if int(np.prod(shape, dtype=np.int64)) * dtype.itemsize != len(raw):
            raise BadMessage("array data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(tuple(shape)).copy()
    # a handle
    if make_handle is None:
        raise BadMessage("a handle where plain data was required")
    hid = data["__handle__"]
    if type(hid) is not int or not set(data) <= {"__handle__", "type", "repr", "callable"}:
        raise BadMessage("bad handle")
    return make_handle({"id": hid, "type": str(data.get("type", "?"))[:200],
                        "repr": str(data.get("repr", ""))[:300],
                        "callable": data.get("callable") is True})


def _dtype(text: Any) -> np.dtype:
    if type(text) is not str or len(text) > 8:
        raise BadMessage("bad dtype")
    try:
        dtype = np.dtype(text)
    except TypeError:
        raise BadMessage("bad dtype") from None
    if not _numeric_dtype(dtype):
        raise BadMessage(f"dtype {dtype} is not numeric")
    return dtype


def _b64(text: Any) -> bytes:
    if type(text) is not str:
        raise BadMessage("bad data")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise BadMessage("bad base64 data") from None


def loads(raw: bytes, make_handle: Callable[[dict], Any] | None = None) -> Any:
    if len(raw) > MAX_BYTES:
        raise BadMessage("message too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadMessage(f"not JSON: {str(exc)[:100]}") from None
    return decode(data, make_handle)
