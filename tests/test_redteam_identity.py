"""The grader under attack, issue 21 section 4: state that survives a student, and batches that
share identities.

Every student's kernel runs as a uid lent to it alone (``autograder/identity.py``) under a
seccomp filter (``autograder/seccomp.py``).  The attacks: an honest student's solution left in
the kernel keyring, SysV shared memory and message queues, POSIX message queues, ``/dev/shm`` or
an abstract Unix socket, for the next student (or one graded at the same time) to pick up; and a
batch whose kernel holds every process its uid may have while another batch is graded on the
same machine.  Each test checks only its own batch's processes, so it passes while other batches
run on the machine.
"""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import nbformat
import pytest

from autograder import identity, sandbox, seccomp
from autograder.course import ROOT, Assignment, graded_cells, nbgrader_meta, read_notebook
from autograder.grading import autograde
from test_redteam import _answers as answers_of, notebook

pytestmark = pytest.mark.skipif(sandbox.unavailable() is not None,
                                reason=f"no sandbox here: {sandbox.unavailable()}")

A = Assignment("c1w2a1_numpy_basics")
NR = seccomp.TABLES.get(os.uname().machine, (0, 0, {}))[2]
TEST_POOL = "65100-65102"          # a pool of three uids of its own, for the allocator's tests


def _answers() -> dict[str, str]:
    return answers_of(A)


def _notebook(first: str = "", last: str = "", solved: bool = False,
              replace: dict[str, str] | None = None):
    """The student notebook of test_redteam's ``notebook`` (``first`` as a cell after the
    imports, optionally solved, some solution cells replaced), with ``last`` as a cell at the
    end."""
    nb = notebook(A, attack=first, solved=solved, replace=replace)
    if last:
        nb.cells.append(nbformat.v4.new_code_cell(last))
    return nb


def _max_total() -> float:
    return sum(float(nbgrader_meta(c)["points"])
               for c in graded_cells(read_notebook(A.release_notebook)))


def _tasks_of(uid: int) -> int:
    """Processes and threads that run as ``uid`` now."""
    count = 0
    for pid in identity.processes_of(uid):
        try:
            count += len(os.listdir(f"/proc/{pid}/task"))
        except OSError:
            pass
    return count


# --- what a student leaves behind, and what the next one looks for --------------------------------
# Both run as ordinary Python in a kernel (or ``python -c``); the payload is the solution source.

LEAVE = '''
import ctypes, json, os, socket, struct, subprocess, sys, zlib
PAYLOAD = zlib.compress(json.dumps(%(answers)r).encode())
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
def _err():
    return os.strerror(ctypes.get_errno())
STORED = {}
r = libc.syscall(%(add_key)d, b"user", b"answers", PAYLOAD, len(PAYLOAD), -4)   # user keyring
STORED["keyring"] = True if r > 0 else _err()
r = libc.syscall(%(add_key)d, b"user", b"answers", PAYLOAD, len(PAYLOAD), -3)   # session keyring
STORED["session keyring"] = True if r > 0 else _err()
shm = libc.shmget(0x5EED, 65536, 0o1666)
if shm >= 0:
    addr = libc.shmat(shm, None, 0)
    data = struct.pack("I", len(PAYLOAD)) + PAYLOAD
    ctypes.memmove(addr, data, len(data))
STORED["sysv shm"] = shm >= 0 or _err()
q = libc.msgget(0x5EED, 0o1666)
msg = struct.pack("q", 1) + PAYLOAD
STORED["sysv msg"] = q >= 0 and libc.msgsnd(q, msg, len(PAYLOAD), 0o4000) == 0 or _err()
mq = libc.mq_open(b"/answers", os.O_CREAT | os.O_WRONLY, 0o666, None)
STORED["posix mq"] = mq >= 0 and libc.mq_send(mq, PAYLOAD, len(PAYLOAD), 0) == 0 or _err()
try:
    open("/dev/shm/answers", "wb").write(PAYLOAD)
    STORED["/dev/shm"] = True
except OSError as e:
    STORED["/dev/shm"] = str(e)
server = subprocess.Popen([sys.executable, "-c", %(server)r], stdout=subprocess.PIPE,
                          start_new_session=True)
STORED["abstract socket"] = server.stdout.readline().strip() == b"up" or "no server"
print("STORED", json.dumps(STORED, sort_keys=True))
'''

FIND = '''
import ctypes, json, os, socket, struct, zlib
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
FOUND = {}
for ring in (-4, -3, -5):              # user, session and user-session keyrings
    kid = libc.syscall(%(keyctl)d, 10, ring, b"user", b"answers", 0)       # KEYCTL_SEARCH
    if kid > 0:
        buf = ctypes.create_string_buffer(65536)
        n = libc.syscall(%(keyctl)d, 11, kid, buf, 65536)                  # KEYCTL_READ
        FOUND["keyring %%d" %% ring] = buf.raw[:n]
kid = libc.syscall(%(request_key)d, b"user", b"answers", None, 0)
if kid > 0:
    buf = ctypes.create_string_buffer(65536)
    FOUND["request_key"] = buf.raw[:libc.syscall(%(keyctl)d, 11, kid, buf, 65536)]
shm = libc.shmget(0x5EED, 0, 0)
if shm >= 0:
    addr = libc.shmat(shm, None, 0)
    n = struct.unpack("I", ctypes.string_at(addr, 4))[0]
    FOUND["sysv shm"] = ctypes.string_at(addr + 4, n)
q = libc.msgget(0x5EED, 0)
if q >= 0:
    buf = ctypes.create_string_buffer(65536)
    n = libc.msgrcv(q, buf, 65528, 0, 0o4000)
    if n > 0:
        FOUND["sysv msg"] = buf.raw[8:8 + n]
mq = libc.mq_open(b"/answers", os.O_RDONLY | os.O_NONBLOCK)
if mq >= 0:
    buf = ctypes.create_string_buffer(1 << 20)
    n = libc.mq_receive(mq, buf, 1 << 20, None)
    FOUND["posix mq"] = buf.raw[:max(n, 0)]
for path in ("/dev/shm/answers", "/tmp/answers"):
    if os.path.exists(path):
        FOUND[path] = open(path, "rb").read()
try:
    s = socket.socket(socket.AF_UNIX)
    s.connect("\\0answers")
    FOUND["abstract socket"] = s.recv(1 << 20)
except OSError:
    pass
print("FOUND", json.dumps(sorted(FOUND)))
STOLEN = {}
for value in FOUND.values():
    try:
        STOLEN = json.loads(zlib.decompress(value))
        break
    except Exception:
        pass
'''


SERVER = """
import socket
s = socket.socket(socket.AF_UNIX)
s.bind("\\0answers")
s.listen()
print("up", flush=True)
while True:
    c, _ = s.accept()
    c.sendall(%r)
    c.close()
"""


def _leave(answers: dict[str, str]) -> str:
    payload = zlib.compress(json.dumps(answers).encode())
    return LEAVE % dict(answers=answers, add_key=NR["add_key"], server=SERVER % payload)


def _find() -> str:
    return FIND % dict(keyctl=NR["keyctl"], request_key=NR["request_key"])


# --- the uid allocator ----------------------------------------------------------------------------

HOLD = ("import sys\nfrom autograder import identity\nlease = identity.acquire()\n"
        "print(lease.uid, flush=True)\nsys.stdin.read()\nlease.release()\n")


def _holder(pool: str = TEST_POOL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HOLD], cwd=ROOT, text=True,
                            env={**os.environ, "COURSE_SANDBOX_UIDS": pool},
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_pool_holds_no_account_of_this_machine():
    uids = identity.pool()
    assert (uids.start, uids.stop - 1) == identity.POOL
    accounts = {int(line.split(":")[2]) for path in ("/etc/passwd", "/etc/group")
                for line in Path(path).read_text().splitlines() if line.count(":") >= 2}
    assert not identity.reserved(uids) - accounts
    assert not accounts & (set(uids) - identity.reserved(uids))


def test_uids_are_exclusive_across_processes_and_a_crash_frees_its_uid():
    holders = [_holder() for _ in range(3)]
    try:
        uids = [int(h.stdout.readline()) for h in holders]
        assert sorted(uids) == [65100, 65101, 65102], "three processes got the same uid"
        fourth = _holder()
        _, err = fourth.communicate("", timeout=60)
        assert "no free sandbox uid in 65100-65102" in err, err
        holders[1].kill()                       # a grader that crashes holding a uid
        holders[1].wait()
        fifth = _holder()
        assert int(fifth.stdout.readline()) == uids[1], "a crashed holder's uid stayed taken"
        fifth.communicate("", timeout=60)
    finally:
        for h in holders:
            if h.poll() is None:
                h.communicate("", timeout=60)


def test_uid_is_lent_round_robin_and_never_while_a_process_runs_as_it():
    env = {**os.environ, "COURSE_SANDBOX_UIDS": TEST_POOL}
    squatter = subprocess.Popen(["setpriv", "--reuid=65101", "--regid=65101", "--clear-groups",
                                 "sleep", "120"])
    try:
        deadline = time.monotonic() + 10
        while not identity.processes_of(65101) and time.monotonic() < deadline:
            time.sleep(0.05)
        got = subprocess.run([sys.executable, "-c",
                              "from autograder import identity\nfor _ in range(4):\n"
                              "    lease = identity.acquire()\n    print(lease.uid)\n"
                              "    lease.release()\n"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        uids = [int(u) for u in got.stdout.split()]
        assert len(uids) == 4 and 65101 not in uids, got
        assert all(a != b for a, b in zip(uids, uids[1:])), f"a uid lent again at once: {uids}"
    finally:
        squatter.kill()
        squatter.wait()


def test_giving_a_uid_back_kills_what_is_left_of_it(monkeypatch):
    monkeypatch.setenv("COURSE_SANDBOX_UIDS", TEST_POOL)
    lease = identity.acquire()
    left = subprocess.Popen(["setpriv", f"--reuid={lease.uid}", f"--regid={lease.uid}",
                             "--clear-groups", "sleep", "300"], start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while not identity.processes_of(lease.uid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert identity.processes_of(lease.uid)
        assert lease.release() == []
        assert not identity.processes_of(lease.uid)
        assert left.wait(timeout=10) == -signal.SIGKILL
    finally:
        if left.poll() is None:
            left.kill()
            left.wait()


# --- one sandbox, run directly --------------------------------------------------------------------

class Box:
    """A sandbox of its own (a fresh uid), running ``python -c CODE``."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="idtest-"))
        os.chmod(self.tmp, 0o755)
        tree = self.tmp / "course"
        (tree / "datasets").mkdir(parents=True)
        self.box = sandbox.Sandbox(self.tmp / "job", tree)

    def start(self, code: str) -> subprocess.Popen:
        return subprocess.Popen(self.box.command([sys.executable, "-c", code]), text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def run(self, code: str) -> str:
        proc = self.start(code)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        return out

    def close(self):
        self.box.cleanup()
        import shutil
        shutil.rmtree(self.tmp, ignore_errors=True)


def _line(out: str, tag: str):
    return json.loads(next(line for line in out.splitlines() if line.startswith(tag))[len(tag):])


def test_seccomp_denies_keyrings_tracing_and_namespaces_and_python_still_works():
    box = Box()
    try:
        out = box.run(f"""
import ctypes, json, os, subprocess, sys, threading
libc = ctypes.CDLL(None, use_errno=True)
res = {{}}
for name, nr, args in [("add_key", {NR['add_key']}, (b"user", b"k", b"v", 1, -4)),
                       ("keyctl", {NR['keyctl']}, (0, -4, 0)),
                       ("request_key", {NR['request_key']}, (b"user", b"k", None, 0)),
                       ("ptrace", {NR['ptrace']}, (0, os.getppid(), 0, 0)),
                       ("perf_event_open", {NR['perf_event_open']}, (0, 0, -1, -1, 0)),
                       ("bpf", {NR['bpf']}, (0, 0, 0)),
                       ("userfaultfd", {NR['userfaultfd']}, (0,)),
                       ("unshare", {NR['unshare']}, (0x10000000,)),
                       ("clone newuser", {NR['clone']}, (0x10000000 | 17, 0, 0, 0, 0)),
                       ("x32 getpid", 0x40000000 + 39, ())]:
    r = libc.syscall(nr, *args)
    res[name] = os.strerror(ctypes.get_errno()) if r < 0 else "allowed"
t = threading.Thread(target=lambda: None); t.start(); t.join()
res["thread"] = "ok"
res["subprocess"] = subprocess.run([sys.executable, "-c", "print(7)"], capture_output=True,
                                   text=True).stdout.strip()
res["status"] = [l.split()[1] for l in open("/proc/self/status") if l.startswith("Seccomp:")]
print("RES", json.dumps(res))
""")
        res = _line(out, "RES")
        if os.uname().machine != "x86_64":
            del res["x32 getpid"]
        denied = {k: v for k, v in res.items() if k not in ("thread", "subprocess", "status")}
        assert all(v == os.strerror(1) for v in denied.values()), res
        assert res["thread"] == "ok" and res["subprocess"] == "7" and res["status"] == ["2"]
    finally:
        box.close()


I386_GETPID = """
import ctypes, mmap
code = bytes([0xb8, 0x14, 0, 0, 0, 0xcd, 0x80, 0xc3])     # mov eax, 20; int 0x80; ret
buf = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
buf.write(code)
call = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(buf)))
print("before", flush=True)
print("i386 getpid gave", call(), flush=True)
"""


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the i386 ABI is an x86_64 matter")
def test_a_system_call_of_another_abi_kills_the_process():
    """The filter's numbers are x86_64's: a call through the i386 ABI (int 0x80) is not judged
    by them but ends the process (fail closed)."""
    box = Box()
    try:
        proc = box.start(I386_GETPID)
        out, _ = proc.communicate(timeout=120)
        assert "before" in out and "i386 getpid gave" not in out, out
        assert proc.returncode == 128 + signal.SIGSYS
    finally:
        box.close()


def test_a_kernel_runs_under_the_filter():
    """A real IPython kernel (ipykernel and ZeroMQ) starts and runs code under the filter."""
    from autograder.kernel import KernelSession
    with tempfile.TemporaryDirectory(prefix="idtest-kernel-") as tmp:
        with KernelSession(Path(tmp), A.id, timeout=60) as session:
            assert session.box.uid in identity.pool()
            assert session.run("import numpy as np, threading\nx = np.ones(3).sum()\n"
                               "assert x == 3").passed
            assert session.run("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                               f"assert libc.syscall({NR['keyctl']}, 0, -4, 0) == -1\n"
                               "assert ctypes.get_errno() == 1").passed
        assert not identity.processes_of(session.box.uid)


def test_what_one_sandbox_leaves_the_next_and_a_concurrent_one_do_not_see():
    answers = {"sigmoid": "def sigmoid(x):\n    return x"}
    first, second, third = Box(), Box(), None
    leaver = None
    try:
        assert first.box.uid != second.box.uid
        leaver = first.start(_leave(answers) + "\nprint('READY', flush=True)\n"
                             "import time\ntime.sleep(300)\n")
        lines = []
        for line in leaver.stdout:
            lines.append(line)
            if line.startswith("READY"):
                break
        stored = _line("".join(lines), "STORED ")
        # every channel works inside its own sandbox, except the keyrings (the filter)
        assert stored.pop("keyring") == os.strerror(1), stored
        assert stored.pop("session keyring") == os.strerror(1), stored
        assert all(v is True for v in stored.values()), stored
        assert _line(second.run(_find()), "FOUND ") == [], "seen from a concurrent sandbox"
        leaver.kill()
        leaver.wait()
        first.close()
        third = Box()
        assert _line(third.run(_find()), "FOUND ") == [], "seen from the next sandbox"
    finally:
        if leaver and leaver.poll() is None:
            leaver.kill()
            leaver.wait()
        for box in (first, second, third):
            if box:
                box.close()


# --- whole batches --------------------------------------------------------------------------------

def _steal_cells() -> dict[str, str]:
    return {gid: f"exec(STOLEN.get({gid!r}, 'raise NotImplementedError()'))"
            for gid in _answers()}


def test_solution_left_in_the_keyring_or_ipc_is_not_read_by_the_next_student(tmp_path):
    """The issue's attack: the next student of the same --jobs slot read an honest student's
    solution from the keyring and scored full marks.  With --jobs 1 the two follow each other."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    nbformat.write(_notebook(first=_leave(_answers()), solved=True), str(subs / "a_leaver.ipynb"))
    nbformat.write(_notebook(first=_find(), replace=_steal_cells()), str(subs / "b_reader.ipynb"))
    results = autograde(subs, A, out, jobs=1, log=lambda *a: None)
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    assert float(rows["a_leaver"]["score"]) == _max_total(), rows["a_leaver"]
    assert float(rows["b_reader"]["score"]) == 0, rows["b_reader"]
    leaver = (out / "feedback" / f"{results['a_leaver'].sid}.html").read_text()
    assert "Operation not permitted" in leaver        # the store itself failed
    reader = (out / "feedback" / f"{results['b_reader'].sid}.html").read_text()
    assert "FOUND []" in reader
    uids = {r.uid for r in results.values()}
    assert len(uids) == 2 and None not in uids
    logged = {int(line.split("\t")[1]) for line in
              (out / "sandbox-uids.log").read_text().splitlines()}
    assert logged == uids
    assert not [u for u in uids if identity.processes_of(u)]


HOG = """
import threading, time
threading.stack_size(64 * 1024)
_stop = threading.Event()
HELD = []
def _grab():                           # take every thread the uid may have, and keep taking
    while True:
        try:
            t = threading.Thread(target=_stop.wait, daemon=True)
            t.start()
            HELD.append(t)
        except RuntimeError:
            time.sleep(0.02)
threading.Thread(target=_grab, daemon=True).start()
time.sleep(5)
print("holding", len(HELD), "threads")
"""


def _batch_uids(out: Path) -> set[int]:
    """The uids a running or finished batch was lent (from its workers' notes and its log)."""
    uids = set()
    for notes in (out / ".work").glob("s*/judge.json"):
        try:
            uid = json.loads(notes.read_text()).get("uid")
        except (OSError, ValueError):
            continue
        if isinstance(uid, int):
            uids.add(uid)
    log = out / "sandbox-uids.log"
    if log.exists():
        uids |= {int(line.split("\t")[1]) for line in log.read_text().splitlines()}
    return uids


def test_concurrent_batches_get_their_own_uids_and_a_hog_starves_no_one(tmp_path):
    """Two `course autograde` processes at once: batch A's hog holds every thread its uid may
    have while batch B grades; B's students and A's honest student get full marks."""
    subs_a, subs_b = tmp_path / "subs_a", tmp_path / "subs_b"
    out_a, out_b = tmp_path / "out_a", tmp_path / "out_b"
    subs_a.mkdir()
    subs_b.mkdir()
    nbformat.write(_notebook(first=HOG, last="import time\ntime.sleep(1400)"),
                   str(subs_a / "a_hog.ipynb"))
    nbformat.write(_notebook(solved=True), str(subs_a / "b_honest.ipynb"))
    for name in ("c_honest", "d_honest"):
        nbformat.write(_notebook(solved=True), str(subs_b / f"{name}.ipynb"))
    course = [sys.executable, "-m", "autograder.cli", "autograde"]
    env = {**os.environ, "COURSE_CELL_TIMEOUT": "1500"}
    batch_a = subprocess.Popen(course + [str(subs_a), A.id, "--out", str(out_a), "--jobs", "2"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    hog_uid = None
    try:
        deadline = time.monotonic() + 600
        while hog_uid is None:
            assert time.monotonic() < deadline and batch_a.poll() is None, "the hog never held"
            for uid in _batch_uids(out_a):
                if _tasks_of(uid) >= 200:
                    hog_uid = uid
            time.sleep(1)
        batch_b = subprocess.run(course + [str(subs_b), A.id, "--out", str(out_b),
                                           "--jobs", "2"],
                                 cwd=ROOT, capture_output=True, text=True, timeout=1200)
        assert _tasks_of(hog_uid) >= 200, "the hog let go before batch B was done"
    finally:
        if hog_uid is not None:                 # the hog has proved its point: end its kernel
            for pid in identity.processes_of(hog_uid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        elif batch_a.poll() is None:            # the test failed early: stop batch A
            batch_a.send_signal(signal.SIGINT)
        log_a, _ = batch_a.communicate(timeout=1200)
    assert batch_b.returncode == 0, batch_b.stdout + batch_b.stderr
    rows_a = {r["student"]: r for r in csv.DictReader(open(out_a / "grades.csv"))}
    rows_b = {r["student"]: r for r in csv.DictReader(open(out_b / "grades.csv"))}
    for rows, name in ((rows_b, "c_honest"), (rows_b, "d_honest"), (rows_a, "b_honest")):
        assert float(rows[name]["score"]) == _max_total(), (name, rows[name], batch_b.stdout)
    uids_a, uids_b = _batch_uids(out_a), _batch_uids(out_b)
    assert len(uids_a) == 2 and len(uids_b) == 2 and hog_uid in uids_a
    assert not uids_a & uids_b, f"two batches shared uids {uids_a & uids_b}"
    assert not [u for u in uids_a | uids_b if identity.processes_of(u)]
