"""The student's side of the grader's proxies: runs INSIDE the sandboxed kernel.

The grader (``autograder/judge.py``) writes a request file that the kernel can read, executes
``serve(request, response)`` in the kernel, and reads the response file back.  Requests:

    {"op": "lookup", "name": n}                      a global of the notebook
    {"op": "call", "target": h, "args": [...], "kwargs": {...}}
    {"op": "getattr", "target": h, "name": a}    {"op": "getitem", "target": h, "key": k}
    {"op": "len", "target": h}                   {"op": "list", "target": h}
    {"op": "make", "name": n, "args": [...], "kwargs": {...}}   utils.nn.<n>(...), a new object

Values travel as plain data (``autograder/plaindata.py``); anything else stays here and is sent
as a handle.  Answers turn NumPy scalars of exact NumPy types into the Python values they stand
for (``numpy.str_`` -> ``str``, ``numpy.float32`` -> ``float``...; ``python_scalars=True``), so a
test sees a correct ``np.array(words)[i]`` as the word; a subclass of them stays a handle.  Nothing in this module is trusted: the student can change it, and the grader
checks whatever comes back.  It only has to work for honest students.
"""
from __future__ import annotations

import os
import traceback

from autograder import plaindata

_objects: dict[int, object] = {}


def _handle(obj) -> dict:
    hid = len(_objects) + 1
    _objects[hid] = obj
    try:
        text = repr(obj)
    except Exception:
        text = "?"
    return {"__handle__": hid, "type": type(obj).__name__, "repr": text[:300],
            "callable": callable(obj)}


def _resolve(info: dict):
    return _objects[info["id"]]


def _namespace() -> dict:
    try:
        return get_ipython().user_ns          # noqa: F821  (defined inside IPython)
    except NameError:
        import __main__
        return __main__.__dict__


def _where(exc: BaseException) -> str:
    """The student's line(s) of a crash, as ``utils.testing`` writes them in the notebook (so
    that the feedback says what the notebook says); else the innermost frame of a notebook
    cell, as 'in f, line n: code'."""
    try:
        from utils.testing import _student_line
        return (_student_line(exc) or "")[:600]
    except Exception:
        pass
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if "ipykernel" in f.filename or f.filename.startswith("<")]
    frame = (mine or frames or [None])[-1]
    if frame is None or frame.filename == __file__:
        return ""
    return f"in {frame.name}, line {frame.lineno}: {(frame.line or '').strip()}"[:300]


def _dispatch(req: dict) -> dict:
    op = req.get("op")
    if op == "lookup":
        ns = _namespace()
        if req["name"] not in ns:
            return {"ok": True, "missing": True}
        return {"ok": True, "value": ns[req["name"]]}
    target = req.get("target")
    if op == "call":
        args, kwargs = list(req.get("args", [])), dict(req.get("kwargs", {}))
        if req.get("np_random_state"):             # the test's seeding reaches this call
            import numpy
            numpy.random.set_state(tuple(req["np_random_state"]))
        value = target(*args, **kwargs)
        return {"ok": True, "value": value, "args_after": args, "kwargs_after": kwargs}
    if op == "make":                               # utils.testing.framework(name, ...)
        import utils.nn
        obj = utils.nn
        for part in str(req.get("name")).split("."):
            obj = getattr(obj, part)
        return {"ok": True, "value": obj(*req.get("args", []), **req.get("kwargs", {}))}
    if op == "getattr":
        return {"ok": True, "value": getattr(target, req["name"])}
    if op == "getitem":
        return {"ok": True, "value": target[req["key"]]}
    if op == "len":
        return {"ok": True, "value": len(target)}
    if op == "list":
        return {"ok": True, "value": list(target)}
    return {"ok": False, "type": "BridgeError", "message": f"unknown request {op!r}"}


def serve(request_path: str, response_path: str) -> None:
    with open(request_path, "rb") as handle:
        req = plaindata.loads(handle.read(), _resolve)
    try:
        resp = _dispatch(req)
        data = plaindata.dumps(resp, _handle, python_scalars=True)
    except BaseException as exc:        # the student's error, reported to the grader
        resp = {"ok": False, "type": type(exc).__name__, "message": str(exc)[:2000],
                "where": _where(exc), "kinds": [c.__name__ for c in type(exc).__mro__]}
        data = plaindata.dumps(resp, _handle, python_scalars=True)
    tmp = response_path + ".tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, response_path)
