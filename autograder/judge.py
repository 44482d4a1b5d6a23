"""Run a test cell in the grader's own process against a student's (sandboxed) kernel.

A test cell's code (visible and hidden tests) never runs in the student's kernel when graded.
It runs here, in a fresh namespace that holds Python's builtins, ``np``, ``math``, ``copy`` and
everything of ``utils.testing``; the names it imports or assigns are its own.  Every other name
it uses is looked up in the student's kernel: a function, class or other object becomes a
:class:`Remote` proxy (calling it calls the student's object in the sandbox with copies of the
arguments), plain data is copied over (``autograder/plaindata.py``).  So ``check`` and the
references always are the grader's, whatever the notebook did to its own ``np`` or ``check``,
and the only thing that comes back from the student's code is data, checked by type.

The kernel is reached through a *link* with one method, ``run(code, timeout) -> (status,
stdout)`` where status is "ok", "error", "timeout", "dead" or "lost" (the kernel sent a
message too large for the grader); ``NbclientLink`` drives a kernel
through an nbclient client (nbgrader's executor or the self-test's session).
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import io
import itertools
import math
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection

import nbformat
import numpy as np

from autograder import CELL_TIMEOUT
from autograder import plaindata
import utils.testing as _testing
from utils.testing import CheckFailure

MAX_CELL_OUTPUT = 64 * 1024            # characters of output one test cell may show
# Bytes of one answer from the kernel, read and decoded only below this size.  The largest
# answer of any test of the course's solutions is 4.6 MB (c4w1a2; c5w2a2 1.2 MB, c4w2a2
# 0.4 MB); the same bound is plaindata's, so an honest kernel is told its value is too large.
MAX_RESPONSE = plaindata.MAX_BYTES


class _BoundedText(io.StringIO):
    """What a test cell prints: the first ``MAX_CELL_OUTPUT`` characters, the rest dropped."""

    def write(self, text: str) -> int:
        room = MAX_CELL_OUTPUT - self.tell()
        if room > 0:
            super().write(text[:room])
        return len(text)


# The answer of ``_read_response`` for an oversized file (compared with ``is``).
TOO_LARGE = type("TooLarge", (), {"__repr__": lambda self: "TOO_LARGE"})()


# Both end the whole test cell: they derive from BaseException so that a test's own
# ``except Exception`` (``call``, ``check_function``) cannot mistake them for the student's error.
class KernelTimeout(BaseException):
    """The student's code ran past the test cell's time limit (the kernel was interrupted)."""


class KernelDied(BaseException):
    """The student's kernel died (os._exit, a crash, or killed for using too much memory)."""


class KernelLost(KernelDied):
    """The kernel sent a message too large for the grader, which stopped listening to it."""


@dataclass
class TestOutcome:
    passed: bool
    status: str            # "passed", "failed", "timeout", "dead", "refused" (a wrong test)
    stdout: str
    ename: str = ""
    evalue: str = ""

    def outputs(self) -> list:
        """The cell's outputs as nbgrader scores them: an error output means 0 points."""
        outs = []
        if self.stdout:
            outs.append(nbformat.v4.new_output("stream", name="stdout", text=self.stdout))
        if not self.passed:
            outs.append(nbformat.v4.new_output("error", ename=self.ename, evalue=self.evalue,
                                               traceback=[f"{self.ename}: {self.evalue}"]))
        return outs


# --- the proxies --------------------------------------------------------------------------------

class Remote:
    """An object that stays in the student's kernel; ``label`` names it in messages."""

    __slots__ = ("_judge", "_id", "_type", "_repr", "_callable", "_label")
    # utils.testing names a handle by the type of the object it stands for (what the student
    # would read in their own notebook), never as "Remote".
    __course_handle__ = True

    def __init__(self, judge: "Judge", info: dict, label: str):
        self._judge, self._id, self._type = judge, info["id"], info["type"]
        self._repr, self._callable, self._label = info["repr"], info["callable"], label

    def __repr__(self) -> str:
        return f"<{self._type} object from your notebook: {self._label}>"

    # A handle names an object in the kernel: a copy (check_function copies its inputs) is the
    # same handle, never a copy of the judge behind it.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __call__(self, *args, **kwargs):
        return self._judge.call(self, args, kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._judge.ask({"op": "getattr", "target": self, "name": name},
                               f"{self._label}.{name}")

    def __getitem__(self, key):
        return self._judge.ask({"op": "getitem", "target": self, "key": key},
                               f"{self._label}[{key!r}]")

    def __len__(self) -> int:
        n = self._judge.ask({"op": "len", "target": self}, f"len({self._label})")
        if type(n) is not int or n < 0:
            raise CheckFailure(f"len({self._label}) did not return a count")
        return n

    def __iter__(self):
        items = self._judge.ask({"op": "list", "target": self}, f"list({self._label})")
        if type(items) is not list:
            raise CheckFailure(f"{self._label} could not be turned into a list")
        return iter(items)


def _write_back(original: Any, after: Any) -> None:
    """Make the grader's copy of an argument look as the student's function left it."""
    if type(original) is np.ndarray:
        if type(after) is np.ndarray and after.shape == original.shape:
            if not np.array_equal(original, after, equal_nan=original.dtype.kind in "fc"):
                try:
                    original[...] = after
                except (ValueError, TypeError):
                    pass
        elif original.size:                    # changed shape or type in place: show a change
            original.flat[0] = np.nan if original.dtype.kind in "fc" else original.flat[0] + 1
    elif type(original) is dict and type(after) is dict:
        if set(original) != set(after):
            original.clear()
            original.update(after)
        else:
            for key in original:
                if type(original[key]) in (np.ndarray, dict, list):
                    _write_back(original[key], after[key])
                else:
                    original[key] = after[key]
    elif type(original) is list and type(after) is list:
        if len(original) != len(after):
            original[:] = after
        else:
            for i, (o, a) in enumerate(zip(original, after)):
                if type(o) in (np.ndarray, dict, list):
                    _write_back(o, a)
                else:
                    original[i] = a
    elif type(original) is tuple and type(after) is tuple and len(original) == len(after):
        for o, a in zip(original, after):
            _write_back(o, a)


# --- names a test cell takes from the student's kernel -----------------------------------------

def free_names(source: str) -> set[str]:
    """Names a cell reads but never binds (imports, assignments, defs, arguments...)."""
    tree = ast.parse(source)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
    return loaded - bound


HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
_SWITCH = "__course_hidden_tests__"


def mark_hidden_tests(source: str) -> tuple[str, bool]:
    """``source`` with its hidden-test markers turned into calls that switch utils.testing's
    hidden-test messages on and off (see ``utils.testing.hidden_tests``), and whether the cell
    has a hidden part.  A call takes the indentation of the first statement after BEGIN; END
    closes at the same level.  When that does not compile, the whole cell is run as hidden."""
    lines = source.split("\n")
    if not any(line.strip() == HIDDEN_BEGIN for line in lines):
        return source, False
    out, indent = [], ""
    for i, line in enumerate(lines):
        if line.strip() == HIDDEN_BEGIN:
            following = next((l for l in lines[i + 1:]
                              if l.strip() and not l.lstrip().startswith("#")), "")
            indent = following[:len(following) - len(following.lstrip())]
            out.append(f"{indent}{_SWITCH}(True)")
        elif line.strip() == HIDDEN_END:
            out.append(f"{indent}{_SWITCH}(False)")
        else:
            out.append(line)
    marked = "\n".join(out)
    try:
        compile(marked, "<test cell>", "exec")
    except SyntaxError:
        return f"{_SWITCH}(True)\n" + source, True
    return marked, True


def trusted_namespace() -> dict:
    """What every test cell starts with: the grader's own modules and checks."""
    ns = {"__name__": "__course_test__", "__builtins__": builtins, "np": np, "math": math,
          "copy": copy}
    ns.update({k: getattr(_testing, k) for k in _testing.__all__})
    return ns


# --- the judge ----------------------------------------------------------------------------------

class Judge:
    """Runs test cells here and the student's functions there.

    ``link.run(code, timeout)`` executes code in the kernel.  Requests go through files: the
    grader writes ``in_dir`` (read-only for the kernel, seen there as ``in_kernel``), the
    kernel answers into ``out_dir`` (``out_kernel`` inside).  Paths are the same on both sides
    when the kernel is not sandboxed.
    """

    def __init__(self, link, in_dir: Path, out_dir: Path, in_kernel: str | None = None,
                 out_kernel: str | None = None, cell_timeout: float = CELL_TIMEOUT):
        self.link, self.in_dir, self.out_dir = link, Path(in_dir), Path(out_dir)
        self.in_kernel = in_kernel or str(in_dir)
        self.out_kernel = out_kernel or str(out_dir)
        self.cell_timeout = cell_timeout
        self._counter = itertools.count(1)
        self._deadline = math.inf
        self.dead = False
        # issue 16: the assignment's known mistakes (autograder/diagnosis.py), set by whoever
        # makes the judge; what the last test cell received from the kernel, as canonical
        # texts; and what the diagnosis of the last test cell found
        self.diagnoser = None
        self.received: list[str] | None = None
        self.last_diagnosis: dict = {}

    # one round trip
    def _exchange(self, req: dict) -> dict:
        if self.dead:
            raise KernelDied("the kernel had already died")
        n = next(self._counter)
        req_file = self.in_dir / f"req-{n}.json"
        data = plaindata.dumps(req, self._send_handle)
        req_file.write_bytes(data)
        resp_name = f"resp-{n}.json"
        code = (f"__import__('autograder.bridge', fromlist=['serve']).serve("
                f"{self.in_kernel + '/' + req_file.name!r}, {self.out_kernel + '/' + resp_name!r})")
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise KernelTimeout()
        status, text = self.link.run(code, remaining)
        req_file.unlink(missing_ok=True)
        if text:
            print(text[:MAX_CELL_OUTPUT], end="")
        if status in ("dead", "lost"):
            self.dead = True
            raise KernelLost() if status == "lost" else KernelDied()
        if status == "timeout":
            raise KernelTimeout()
        raw = self._read_response(self.out_dir / resp_name)
        if raw is TOO_LARGE:
            raise CheckFailure(f"your notebook's answer to the grader was larger than "
                               f"{MAX_RESPONSE >> 20} MB, which the grader does not accept "
                               "(does the function return far more than it should?)")
        if raw is None:
            raise CheckFailure("your notebook's kernel did not answer the grader (did the "
                               "notebook change the grader's bridge, or exit?)")
        try:
            return plaindata.loads(raw, lambda info: Remote(self, info, info["type"]))
        except plaindata.BadMessage as exc:
            raise CheckFailure(f"your notebook sent the grader something it cannot read ({exc})")

    @staticmethod
    def _read_response(path: Path) -> bytes | None:
        """Read a file the sandbox wrote: never through a link, never past ``MAX_RESPONSE``
        (``TOO_LARGE`` then; None when there is no regular file)."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None
            if info.st_size > MAX_RESPONSE:
                return TOO_LARGE
            chunks, size = [], 0
            while True:                   # in chunks: the file may grow while it is read
                chunk = os.read(fd, min(1 << 20, MAX_RESPONSE + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_RESPONSE:
                    return TOO_LARGE
        finally:
            os.close(fd)
            try:
                os.unlink(path)
            except OSError:
                pass
        return b"".join(chunks)

    @staticmethod
    def _send_handle(obj: Any) -> dict:
        if type(obj) is Remote:
            return {"__handle__": obj._id}
        raise TypeError(f"the grader cannot send a {type(obj).__name__} to the student's kernel")

    def _check_reply(self, resp: Any, label: str, args=(), kwargs=None) -> dict:
        if self.received is not None:
            from autograder import diagnosis
            self.received.append(diagnosis.received(label, resp))
        if type(resp) is not dict or type(resp.get("ok")) is not bool:
            raise CheckFailure(f"{label}: your notebook's kernel answered in a form the grader "
                               "cannot read")
        if not resp["ok"]:
            # the student's exception, rebuilt here as a built-in exception type of the same
            # name and message: a test cell's ``except ValueError`` and ``call``'s message work
            # as in the notebook (utils.testing.rebuilt_exception)
            kinds = resp.get("kinds")
            if type(kinds) is not list:
                kinds = []
            crash = _testing.Crash(str(resp.get("type", "Exception"))[:100],
                                   str(resp.get("message", ""))[:2000],
                                   str(resp.get("where") or "")[:600] or None,
                                   tuple(str(k)[:100] for k in kinds[:50]))
            exc = _testing.rebuilt_exception(crash)
            exc.__course_label__ = (label, tuple(args), dict(kwargs or {}))
            raise exc
        return resp

    def ask(self, req: dict, label: str) -> Any:
        resp = self._check_reply(self._exchange(req), label)
        return self._tag(resp.get("value"), label)

    def make(self, name: str, args: tuple, kwargs: dict) -> Any:
        """A new framework object made in the kernel (``utils.testing.framework``)."""
        if name not in _testing.FRAMEWORK_OBJECTS:
            raise ValueError(f"framework(): {name!r} is not one of {_testing.FRAMEWORK_OBJECTS}")
        req = {"op": "make", "name": name, "args": list(args), "kwargs": dict(kwargs)}
        resp = self._check_reply(self._exchange(req), f"nn.{name}(...)", args, kwargs)
        return self._tag(resp.get("value"), f"nn.{name}(...)")

    def call(self, target: Remote, args: tuple, kwargs: dict) -> Any:
        label = target._label
        if not target._callable:
            raise CheckFailure(f"{label} is a {target._type}, not a function")
        state = np.random.get_state()          # seeding in a test reaches the student's code
        req = {"op": "call", "target": target, "args": list(args), "kwargs": dict(kwargs),
               "np_random_state": [state[0], state[1], int(state[2]), int(state[3]),
                                   float(state[4])]}
        resp = self._check_reply(self._exchange(req), label, args, kwargs)
        after = resp.get("args_after")
        if type(after) is list and len(after) == len(args):
            for original, new in zip(args, after):
                _write_back(original, new)
        kw_after = resp.get("kwargs_after")
        if type(kw_after) is dict:
            for key in kwargs:
                if key in kw_after:
                    _write_back(kwargs[key], kw_after[key])
        return self._tag(resp.get("value"), f"the result of {label}")

    @staticmethod
    def _tag(value: Any, label: str) -> Any:
        if type(value) is Remote:
            value._label = label
        return value

    # a whole test cell
    def run_test_cell(self, source: str, allowed: Collection[str],
                      timeout: float | None = None) -> TestOutcome:
        """Run a test cell; ``allowed`` are the only names it may look up in the kernel
        (``testcells.allowed_kernel_names`` of the solution notebook).  A test cell that reads
        any other kernel name is the course author's error: it fails, and nothing is asked."""
        ns = trusted_namespace()
        buffer = _BoundedText()
        wanted = sorted(free_names(source) - set(ns) - set(dir(builtins)))
        refused = [name for name in wanted if name not in allowed]
        if refused:
            return self._outcome(buffer, "refused", "TestAuthoringError", (
                f"this test cell uses {', '.join(refused)} from the notebook's kernel, which a "
                "test may not (it may use only the function it grades, and earlier graded "
                "functions inside needs(...)): the course's test is wrong, not your code; "
                "tell your instructor"))
        self._deadline = time.monotonic() + (timeout or self.cell_timeout)
        # The hidden part's messages show the input and the student's value, never the
        # expected value (a student who resubmits must not collect the hidden answers).
        code, _ = mark_hidden_tests(source)
        ns[_SWITCH] = _testing._set_hidden
        _testing._FRAMEWORK_MAKER = self.make      # framework(...) objects live in the kernel
        from autograder import diagnosis
        diagnosis.start_cell(self)
        try:
            with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer), \
                    _testing.hidden_tests(False):
                for name in wanted:
                    resp = self._check_reply(self._exchange({"op": "lookup", "name": name}),
                                             name)
                    if not resp.get("missing"):
                        ns[name] = self._tag(resp.get("value"), name)
                try:
                    exec(compile(code, "<test cell>", "exec"), ns)
                except BaseException:
                    self.last_diagnosis["in_hidden"] = _testing._hidden["active"]
                    raise
        except KernelTimeout:
            return self._outcome(buffer, "timeout", "CellTimeoutError",
                                 "your code ran past the time limit of this test cell and was "
                                 "interrupted (an endless loop, or very slow code?)")
        except KernelLost:
            return self._outcome(buffer, "dead", "OutputTooLarge",
                                 "your notebook sent the grader a message larger than it "
                                 "accepts (a huge print or output?), so the grader stopped "
                                 "listening to its kernel")
        except KernelDied:
            return self._outcome(buffer, "dead", "DeadKernelError",
                                 "your notebook's kernel died while this cell was tested "
                                 "(os._exit, a crash, or too much memory)")
        except Exception as exc:
            crash = getattr(exc, "__course_crash__", None)
            if type(crash) is _testing.Crash and crash.ename != "CheckFailure":
                return self._crash_outcome(buffer, exc, crash)
            if not isinstance(exc, NameError):
                # CheckFailure and any error of a test's own code
                return diagnosis.end_cell(self, self._outcome(buffer, "failed",
                                                              type(exc).__name__, str(exc)))
            name = str(exc).split("'")[1] if "'" in str(exc) else "?"
            return self._outcome(buffer, "failed", "NameError",
                                 f"{name} is not defined in your notebook: run its cell, and "
                                 "keep the name the exercise asks for")
        finally:
            self._deadline = math.inf
            _testing._FRAMEWORK_MAKER = None
            diagnosis.stop_cell(self)
        return TestOutcome(True, "passed", buffer.getvalue()[:MAX_CELL_OUTPUT])

    @classmethod
    def _crash_outcome(cls, buffer: io.StringIO, exc: Exception,
                       crash: "_testing.Crash") -> TestOutcome:
        """A crash in the student's code that the test cell did not catch: named as the
        notebook names it (its type and message), then where and how it happened and a hint,
        which the notebook shows in its traceback."""
        label, args, kwargs = getattr(exc, "__course_label__", ("your code", (), {}))
        where = (f"when called with {_testing._describe_inputs(args, kwargs)}"
                 if args or kwargs else None)
        text = _testing._crash_message(label, exc, where, None)
        first = crash.message.strip().splitlines()[:1]
        return cls._outcome(buffer, "failed", crash.ename,
                            "\n".join(first + text.splitlines()))

    @staticmethod
    def _outcome(buffer: io.StringIO, status: str, ename: str, evalue: str) -> TestOutcome:
        return TestOutcome(False, status, buffer.getvalue()[:MAX_CELL_OUTPUT], ename,
                           evalue[:MAX_CELL_OUTPUT])


class NbclientLink:
    """``run(code, timeout)`` through an nbclient client (nbgrader's executor, the self-test).

    The client must report a timeout as an error output named ``CellTimeoutError`` (nbgrader's
    ``Execute.error_on_timeout``; the self-test's session sets the same).
    """

    def __init__(self, client):
        self.client = client

    def run(self, code: str, timeout: float) -> tuple[str, str]:
        import zmq
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
        from .execute import shell_lost
        if shell_lost(self.client):          # an earlier reply was refused: nobody answers
            return "lost", ""
        cell = nbformat.v4.new_code_cell(code)
        saved = self.client.timeout
        self.client.timeout = max(1, int(math.ceil(timeout)))
        # nbclient stores the executed cell at the index it is given: use a slot past the
        # notebook's end, so that no cell of the notebook is replaced.
        cells = self.client.nb.cells
        cells.append(cell)
        try:
            self.client.execute_cell(cell, len(cells) - 1, store_history=False)
        except DeadKernelError:
            return ("lost" if shell_lost(self.client) else "dead"), ""
        except zmq.Again:                 # the request was not taken: the connection is gone
            return "lost", ""
        except CellTimeoutError as exc:   # no reply, or no output after an interrupt, in time
            # It replied but its outputs stopped, or its reply never came: ZeroMQ refused a
            # message that was too large (see execute.MAX_KERNEL_MESSAGE) and does not reconnect.
            return ("lost" if "IOPub" in str(exc) or shell_lost(self.client) else "timeout"), ""
        finally:
            self.client.timeout = saved
            if cells and cells[-1] is cell:
                cells.pop()
        text = "".join(o.get("text", "") for o in cell.outputs
                       if o.output_type == "stream")
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if shell_lost(self.client):
            return "lost", text
        if any(o.ename == "CellTimeoutError" for o in errors):
            return "timeout", text
        return ("error" if errors else "ok"), text
