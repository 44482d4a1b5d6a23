"""nbgrader's executor, replaced: student cells run in a sandboxed kernel, test cells run here.

``TrustedExecute`` takes the place of nbgrader's ``Execute`` in ``nbgrader autograde`` (see
``nbgrader_config.py``).  For every cell of the submission:

* an ordinary cell runs in the student's kernel, which runs in a sandbox (``sandbox.py``);
* a graded test cell does NOT run in the kernel: its source is replaced by the instructor's
  (``solutions/<id>/<id>.ipynb``, hidden tests included) and run by ``judge.Judge`` in this
  process; its outputs are the judge's, so nbgrader's scores are the judge's.

What happened to each cell (passed, failed, timed out, kernel died) is also written as JSON to
``$COURSE_JUDGE_NOTES`` for the course CLI.  The kernel is started with the assignment's own
``/course`` tree (without the modules that answer it) and killed, with everything it started,
when the notebook is done.

Environment (set by ``course autograde``; all optional): ``COURSE_SANDBOX`` ("on", "off"; off
needs ``COURSE_UNSAFE=1``), ``COURSE_SANDBOX_TREE``, ``COURSE_JOB_DIR``,
``COURSE_MPL_CACHE``, ``COURSE_MEMORY_MB``, ``COURSE_JUDGE_NOTES``.

What the kernel sends is bounded before it is stored (``BoundedOutputs``): a message larger than
``MAX_KERNEL_MESSAGE`` is refused by ZeroMQ before it is decoded, and a cell keeps at most
``MAX_STREAM_CHARS`` of printed text and ``MAX_OUTPUTS`` outputs as they arrive; the rest is
dropped with a note in the cell.  ZeroMQ does not reconnect a socket that refused a message, so
the grader stops listening to that kernel: the cell that sent it is noted, and the cells after
it are not run (as after a dead kernel).  That holds for the request channel too (a reply over
the limit, say an error with a huge message): ``shell_lost`` sees the dropped connection, and a
send that nobody takes fails after ``SEND_TIMEOUT_MS`` instead of waiting for ever.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import zmq
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbgrader.preprocessors import Execute

from autograder import CELL_TIMEOUT
from autograder import sandbox as sb
from autograder.judge import Judge, NbclientLink
from autograder.testcells import allowed_kernel_names

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
MAX_OUTPUT_CHARS = 100_000          # per output, in feedback and gradebook
MAX_OUTPUTS = 50                    # per cell
MAX_STREAM_CHARS = 100_000          # printed text kept per cell (stdout and stderr together)
MAX_DATA_CHARS = 10 * MAX_OUTPUT_CHARS   # one rich output's value (an image, HTML...)
# One message from the kernel (a figure is ~100 kB; ipykernel sends what was printed every
# 0.2 s): ZeroMQ refuses a larger message before anything decodes it.  How many messages may
# wait in the grader's queue stays ZeroMQ's default: when it is full the kernel's messages are
# dropped, and a dropped "idle" would end the kernel's grading as a refused message does (the
# grader could not tell them apart), so an honest loop of displays must fit.  The worker's
# memory budget (grading.GRADER_MEMORY_MB) bounds what a kernel can queue.
MAX_KERNEL_MESSAGE = 8 * 2**20
KERNEL_QUEUE = 1000
LOST = ("your notebook sent the grader a message larger than it accepts "
        f"({MAX_KERNEL_MESSAGE >> 20} MB: a huge print or output?), so the grader stopped "
        "listening to its kernel; the cells after it were not run")
STREAM_CUT = (f"\n[output cut by the grader: a cell keeps {MAX_STREAM_CHARS} characters of "
              "printed text]\n")
OUTPUTS_CUT = f"[more than {MAX_OUTPUTS} outputs: the rest was cut by the grader]\n"


class BoundedOutputs:
    """Mixin for an nbclient client: bounds what a cell stores as the kernel's messages arrive.

    nbclient would keep every message of a cell (a print loop makes millions); here printed
    text is merged into one output per stream and cut at ``MAX_STREAM_CHARS``, rich outputs past
    ``MAX_OUTPUTS`` are dropped (errors are always kept: they score the cell), and a rich value
    over ``MAX_DATA_CHARS`` is replaced by a note.  Widgets' comm messages are ignored (the
    grader needs no widget state, and a kernel could send any number of them).
    """

    async def _async_check_alive(self) -> None:
        # nbclient asks this every second while it waits for a reply: a reply that ZeroMQ
        # refused never comes, so stop waiting as for a dead kernel (callers ask shell_lost)
        await super()._async_check_alive()
        if shell_lost(self):
            raise DeadKernelError("the grader's connection to the kernel was dropped")

    def output(self, outs, msg, display_id, cell_index):
        msg_type = msg["msg_type"]
        content = msg["content"]
        if msg_type == "stream":
            return self._stream(outs, str(content.get("name", "stdout")),
                                str(content.get("text", "")))
        if msg_type == "error":
            content["evalue"] = str(content.get("evalue", ""))[:MAX_OUTPUT_CHARS]
            content["traceback"] = [str(t)[:MAX_OUTPUT_CHARS]
                                    for t in list(content.get("traceback", []))[:50]]
        elif not self._room(outs):
            return None
        data = content.get("data")
        if isinstance(data, dict):
            for key in list(data):
                value = data[key]
                size = len(value) if isinstance(value, str) else len(json.dumps(value))
                if size > MAX_DATA_CHARS:
                    del data[key]
            if not data and msg_type in ("display_data", "execute_result"):
                data["text/plain"] = "[output too large: cut by the grader]"
        return super().output(outs, msg, display_id, cell_index)

    @staticmethod
    def _room(outs) -> bool:
        """Whether a cell may take one more output (adds the note once when it may not)."""
        if sum(1 for o in outs if o.get("output_type") != "error") < MAX_OUTPUTS:
            return True
        if not any(o.get("text") == OUTPUTS_CUT for o in outs):
            outs.append(nbformat.v4.new_output("stream", name="stdout", text=OUTPUTS_CUT))
        return False

    def _stream(self, outs, name: str, text: str):
        if self.clear_before_next_output:             # as nbclient's own output() does
            outs[:] = []
            self.clear_before_next_output = False
        kept = sum(len(o.get("text", "")) for o in outs if o.get("output_type") == "stream")
        if kept >= MAX_STREAM_CHARS:
            return None
        room = MAX_STREAM_CHARS - kept
        if len(text) > room:
            text = text[:room] + STREAM_CUT
        last = outs[-1] if outs else None
        if last is not None and last.get("output_type") == "stream" and last.get("name") == name \
                and last.get("text") != OUTPUTS_CUT:
            last["text"] += text
            return last
        if not self._room(outs):
            return None
        out = nbformat.v4.new_output("stream", name=name, text=text)
        outs.append(out)
        return out

    def handle_comm_msg(self, outs, msg, cell_index):
        return None


def trusted_tests(assignment: str) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The instructor's test cells, hidden tests included: ({grade_id: source}, {grade_id: the
    kernel names that cell may look up}), both from the solution notebook."""
    found = sorted((SOLUTIONS / assignment).glob("*.ipynb"))
    if len(found) != 1:
        raise RuntimeError(f"no source notebook for {assignment!r} in {SOLUTIONS}")
    nb = nbformat.read(str(found[0]), as_version=4)
    tests = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            tests[meta["grade_id"]] = cell.source
    return tests, allowed_kernel_names(nb)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs inside ``self.box`` and talks over Unix sockets."""

    box: sb.Sandbox | None = None

    def setup_box(self, box: sb.Sandbox) -> None:
        self.box = box
        if box.enabled:                # no network inside: use Unix sockets in a shared folder
            self.transport = "ipc"
            self.ip = str(box.ipc / "k")
            self.connection_file = str(box.ipc / "kernel.json")
            # A signal would reach bubblewrap, not the kernel: interrupt with a message.
            spec = self.kernel_spec_manager.get_kernel_spec(self.kernel_name)
            spec.interrupt_mode = "message"
            self._kernel_spec = spec

    def client(self, **kwargs):
        """A client whose sockets refuse any message over ``MAX_KERNEL_MESSAGE`` bytes."""
        kc = super().client(**kwargs)
        limit_sockets(kc.context)
        return kc

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.box is not None and self.box.enabled:
            os.chown(self.connection_file, self.box.uid, self.box.uid)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        return self.box.command(cmd) if self.box is not None else cmd

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        if self.box is not None:
            log = open(self.box.job_dir / "kernel.log", "ab")
            kw.update(stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                      cwd=str(self.box.job_dir if self.box.enabled else self.box.home))
        return await super()._async_launch_kernel(kernel_cmd, **kw)


# A request to a kernel whose connection ZeroMQ dropped would wait for ever (a DEALER socket
# with no peer blocks): a send that is not taken within this time fails instead.
SEND_TIMEOUT_MS = 20_000


def limit_sockets(context) -> None:
    """Every socket this ZeroMQ context makes from now on: bounded messages and queue, and a
    send that cannot wait for ever."""
    context.setsockopt(zmq.MAXMSGSIZE, MAX_KERNEL_MESSAGE)
    context.setsockopt(zmq.RCVHWM, KERNEL_QUEUE)
    context.setsockopt(zmq.SNDTIMEO, SEND_TIMEOUT_MS)


class _ShellWatch:
    """Sees the moment ZeroMQ drops the grader's request ("shell") connection to a kernel.

    ZeroMQ closes a connection that brings a message over ``MAX_KERNEL_MESSAGE`` (a reply with
    a huge error text, say) and does not reconnect it: the reply never comes, and every later
    request would wait for a peer that is gone.  A monitor socket reports the disconnection.
    """

    def __init__(self, socket):
        self.address = f"inproc://course-shell-watch-{id(self)}"
        socket.monitor(self.address, zmq.EVENT_DISCONNECTED)
        self._events = zmq.Context.shadow(socket.context.underlying).socket(zmq.PAIR)
        self._events.connect(self.address)
        self.lost = False
        self.verdict = None        # after a disconnection: True while the kernel still runs

    def check(self) -> bool:
        while not self.lost and self._events is not None and self._events.poll(0):
            self._events.recv_multipart()
            self.lost = True
        return self.lost

    def close(self, socket) -> None:
        """Before the client's context ends: it waits for every socket of it to be closed."""
        if self._events is not None:
            try:
                socket.disable_monitor()
            except zmq.ZMQError:
                pass
            self._events.close(linger=0)
            self._events = None


def _kernel_running(client) -> bool:
    """Whether the kernel's process still runs, after up to a second's grace (a kernel that
    exits drops its connections too: that is a death, not a refused message)."""
    km = getattr(client, "km", None)
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is None:
        return True
    for _ in range(20):
        if process.poll() is not None:
            return False
        time.sleep(0.05)
    return True


def shell_lost(client) -> bool:
    """Whether ZeroMQ has dropped ``client``'s (an nbclient ``NotebookClient``) connection to
    its kernel's request channel since the kernel started while the kernel still runs: nothing
    sent to it is answered.  (A kernel that died is not "lost": nbclient reports it dead.)"""
    kc = getattr(client, "kc", None)
    channel = getattr(kc, "shell_channel", None) if kc is not None else None
    socket = getattr(channel, "socket", None) if channel is not None else None
    if socket is None:
        return False
    watch = getattr(client, "_course_shell_watch", None)
    if watch is None or watch.socket is not socket:      # a new kernel: watch its connection
        watch = _ShellWatch(socket)
        watch.socket = socket
        client._course_shell_watch = watch
        stop = kc.stop_channels

        def stop_channels():                 # close the watch first, or the context's end hangs
            watch.close(socket)
            stop()
        kc.stop_channels = stop_channels
    if watch.verdict is None and watch.check():
        watch.verdict = _kernel_running(client)
    return bool(watch.verdict)


def _sandbox_mode() -> bool:
    mode = os.environ.get("COURSE_SANDBOX", "on")
    if mode == "off":
        if os.environ.get("COURSE_UNSAFE") != "1":
            raise RuntimeError("COURSE_SANDBOX=off needs COURSE_UNSAFE=1: student code would run "
                               "unconfined")
        return False
    reason = sb.unavailable()
    if reason:
        raise RuntimeError(f"cannot grade safely: {reason} (or run with COURSE_SANDBOX=off "
                           "COURSE_UNSAFE=1, which is unsafe)")
    return True


class TrustedExecute(BoundedOutputs, Execute):
    """nbgrader's Execute with test cells judged in this process (see the module docstring)."""

    def preprocess(self, nb, resources, km=None):
        assignment = resources["nbgrader"]["assignment"]
        self._assignment = assignment
        self._tests, self._allowed = trusted_tests(assignment)
        self._notes: dict = {"cells": {}, "kernel": None}
        self._dead_at = None
        enabled = _sandbox_mode()
        owned = []
        job = os.environ.get("COURSE_JOB_DIR")
        if not job:
            job = tempfile.mkdtemp(prefix="course-job-")
            owned.append(job)
        tree = os.environ.get("COURSE_SANDBOX_TREE")
        if not tree:
            tree = tempfile.mkdtemp(prefix="course-tree-")
            owned.append(tree)
            sb.build_course_tree(Path(tree), assignment)
        limits = sb.Limits()
        if os.environ.get("COURSE_MEMORY_MB"):
            limits.memory_mb = int(os.environ["COURSE_MEMORY_MB"])
        os.chmod(job, 0o755)
        box = sb.Sandbox(Path(job) / "box", Path(tree), limits, enabled)
        notes_path = os.environ.get("COURSE_JUDGE_NOTES")
        self._notes["uid"] = box.uid if enabled else None
        if notes_path:                 # the uid is known even if this worker is killed
            Path(notes_path).write_text(json.dumps(self._notes))
        mpl = os.environ.get("COURSE_MPL_CACHE")
        box.seed_home(Path(mpl) if mpl else None)
        self._box = box
        km = SandboxedKernelManager(kernel_name="python3", config=self.config)
        km.setup_box(box)
        self.kernel_name = "python3"
        self._judge = None
        try:
            return super().preprocess(nb, resources, km=km)
        finally:
            _shutdown(km)          # nbclient leaves a kernel it was given running
            box.cleanup()          # kills what is left of the student's uid, gives it back
            if notes_path:
                Path(notes_path).write_text(json.dumps(self._notes))
            for path in owned:
                shutil.rmtree(path, ignore_errors=True)

    def _note(self, cell, status: str, message: str = "") -> None:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {id(cell)}"
        self._notes["cells"][gid] = {"status": status, "message": message[:500]}

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if meta.get("grade") and not meta.get("solution") and gid in self._tests:
            return self._judge_cell(cell, gid), resources
        if self._dead_at is not None:
            cell.outputs = [_error("KernelNotRunning", "not run: the kernel stopped in an "
                                   f"earlier cell ({self._dead_at})")]
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            if shell_lost(self):
                return self._lost(cell), resources
            self._kernel_died(cell, "while running this cell")
            return cell, resources
        except zmq.Again:                    # the request was not taken: the connection is gone
            return self._lost(cell), resources
        except CellTimeoutError as exc:
            if "IOPub" in str(exc):          # it answered, but its outputs stopped arriving
                return self._lost(cell), resources
            # interrupted, and still busy: it ignores interrupts
            self._dead_at = "after the time limit"
            self._notes["kernel"] = "stuck"
            cell.outputs = list(cell.get("outputs", [])) + [_error(
                "CellTimeoutError", "this cell ran past the time limit and did not stop when "
                "interrupted; the cells after it were not run")]
            return cell, resources
        if shell_lost(self):                 # its reply was too large: ZeroMQ dropped it
            cell.outputs = [o for o in cell.get("outputs", [])
                            if o.get("ename") != "CellTimeoutError"]
            return self._lost(cell), resources
        errors = {o.get("ename") for o in cell.get("outputs", [])
                  if o.get("output_type") == "error"}
        if "CellTimeoutError" in errors:
            self._notes.setdefault("timeouts", []).append(index)
        elif "MemoryError" in errors:
            self._notes.setdefault("memory", []).append(index)
        _cap_outputs(cell)
        return cell, resources

    def _lost(self, cell):
        """The grader no longer hears this kernel (ZeroMQ refused a message that was too large
        and dropped the connection): note it, and run no later cell."""
        self._dead_at = "after a message too large for the grader"
        self._notes["kernel"] = "lost"
        cell.outputs = list(cell.get("outputs", [])) + [_error("OutputTooLarge", LOST)]
        _cap_outputs(cell)
        return cell

    def _kernel_died(self, cell, where: str) -> None:
        self._dead_at = where
        self._notes["kernel"] = "died"
        cell.outputs = list(cell.get("outputs", [])) + [_error(
            "DeadKernelError", "your notebook's kernel died " + where + " (os._exit, a crash, "
            "or more memory than the grader allows); the cells after it were not run")]

    def _judge_cell(self, cell, gid: str):
        cell.source = self._tests[gid]
        if self._dead_at is not None:
            cell.outputs = [_error("KernelNotRunning", "not graded: your notebook's kernel "
                                   f"stopped in an earlier cell ({self._dead_at})")]
            if self._notes["kernel"] == "lost":
                self._note(cell, "lost", "the grader stopped listening to the kernel earlier")
            else:
                self._note(cell, "dead", "kernel died earlier")
            return cell
        if self._judge is None:
            self._judge = Judge(NbclientLink(self), self._box.io_in, self._box.io_out,
                                self._box.in_kernel, self._box.out_kernel,
                                cell_timeout=self.timeout or CELL_TIMEOUT)
            from autograder import diagnosis                # issue 16: known mistakes
            self._judge.diagnoser = diagnosis.Diagnoser(self._assignment)
            self._functions = diagnosis.function_cells(self._assignment)
        outcome = self._judge.run_test_cell(cell.source, self._allowed[gid])
        cell.outputs = outcome.outputs()
        _cap_outputs(cell)
        status = outcome.status
        if status == "failed" and "raised MemoryError" in outcome.evalue:
            status = "memory"
        if outcome.ename == "OutputTooLarge":
            status = "lost"
        self._note(cell, status, outcome.evalue)
        from autograder import diagnosis
        self._notes["cells"][gid]["diagnosis"] = diagnosis.cell_report(
            gid, status, self._judge.last_diagnosis, self._functions.get(gid))
        if outcome.status == "dead":
            self._dead_at = f"while {gid} was tested"
            self._notes["kernel"] = "lost" if outcome.ename == "OutputTooLarge" else "died"
        return cell


def _shutdown(km) -> None:
    """Stop the kernel (and with it its sandbox), whatever state it is in."""
    from jupyter_core.utils import run_sync
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:                       # already dead, or never started
        pass


def _error(ename: str, evalue: str):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=[f"{ename}: {evalue}"])


def _cap_outputs(cell) -> None:
    """Keep a cell's outputs to a sane size (a 100 MB line must not reach the feedback)."""
    outs = list(cell.get("outputs", []))
    if len(outs) > MAX_OUTPUTS:          # one note, the one BoundedOutputs adds as they arrive
        outs = [o for o in outs if o.get("text") != OUTPUTS_CUT][:MAX_OUTPUTS] + [
            nbformat.v4.new_output("stream", name="stdout", text=OUTPUTS_CUT)]
    for out in outs:
        if out.get("output_type") == "stream" and len(out.get("text", "")) > MAX_OUTPUT_CHARS:
            out["text"] = out["text"][:MAX_OUTPUT_CHARS] + "\n[output cut by the grader]\n"
        if out.get("output_type") == "error":
            out["evalue"] = str(out.get("evalue", ""))[:MAX_OUTPUT_CHARS]
            out["traceback"] = [t[:MAX_OUTPUT_CHARS] for t in out.get("traceback", [])[:50]]
        data = out.get("data")
        if data:
            for key in list(data):
                value = data[key]
                size = len(value) if isinstance(value, str) else len(json.dumps(value))
                if size > 10 * MAX_OUTPUT_CHARS:
                    del data[key]
            if not data:
                out["data"] = {"text/plain": "[output too large: cut by the grader]"}
    cell.outputs = outs

