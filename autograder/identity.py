"""Who a student's kernel runs as: a uid of its own, lent from a pool for as long as it lives.

Every sandbox (``sandbox.py``) borrows one uid (its gid is the same number) from the pool
62000-64999 (``COURSE_SANDBOX_UIDS="FIRST-LAST"`` chooses another) and gives it back when the
student is done and no process of that uid is left.  While a student holds a uid, no other
student, batch, self-test or ``course`` process of this machine gets it, so nothing that the
kernel attaches to its uid (the uid's keyring, its process count limit, files it owns) is seen
by anyone else.

How: a lease is an exclusive ``flock`` on ``/run/course-sandbox/uid-N.lock`` (a root-only
folder), held by the process that runs the student's kernel.  The kernel releases a flock when
its holder dies, so a crashed grader leaves no stale lease; a uid that still has a process (say,
of a crashed grader's sandbox) is skipped all the same.  Uids are handed out round robin from a
cursor kept in the same folder, so a uid is not lent again soon after it was given back.  A uid
named in ``/etc/passwd``, ``/etc/group``, ``/etc/subuid`` or ``/etc/subgid`` (or known to the
system's user database) is never lent.
"""
from __future__ import annotations

import errno
import fcntl
import grp
import os
import pwd
import signal
import stat
import sys
import time
from pathlib import Path

POOL = (62000, 64999)                  # first and last uid, inclusive
STATE = Path("/run/course-sandbox")    # lock files and the cursor; root-only


def pool() -> range:
    """The uids the sandboxes may use (``COURSE_SANDBOX_UIDS="FIRST-LAST"``, else POOL)."""
    spec = os.environ.get("COURSE_SANDBOX_UIDS", "")
    first, last = POOL
    if spec:
        try:
            first, last = (int(x) for x in spec.split("-"))
        except ValueError:
            raise RuntimeError(f"COURSE_SANDBOX_UIDS={spec!r}: expected FIRST-LAST, e.g. "
                               "62000-64999") from None
    if not 1000 <= first <= last < 2**31 - 1:
        raise RuntimeError(f"the sandbox uid pool {first}-{last} is not a range of ordinary uids")
    return range(first, last + 1)


def _colon_records(path: str) -> list[list[str]]:
    """The colon-separated records of a system file such as /etc/passwd (none if unreadable)."""
    try:
        return [line.split(":") for line in Path(path).read_text(errors="replace").splitlines()]
    except OSError:
        return []


def reserved(uids: range) -> set[int]:
    """The uids of ``uids`` that belong to someone else (accounts, groups, subordinate ids)."""
    taken: set[int] = set()
    for path in ("/etc/passwd", "/etc/group"):
        for fields in _colon_records(path):
            if len(fields) > 2 and fields[2].isdigit() and int(fields[2]) in uids:
                taken.add(int(fields[2]))
    for path in ("/etc/subuid", "/etc/subgid"):
        for fields in _colon_records(path):
            if len(fields) == 3 and fields[1].isdigit() and fields[2].isdigit():
                start, count = int(fields[1]), int(fields[2])
                taken.update(range(max(start, uids.start), min(start + count, uids.stop)))
    return taken


def _known_account(uid: int) -> bool:
    """Whether the system's user database (files, LDAP, ...) knows ``uid`` as a user or group."""
    for lookup in (pwd.getpwuid, grp.getgrgid):
        try:
            lookup(uid)
            return True
        except KeyError:
            pass
    return False


def _uids_of(pid: str) -> set[int]:
    """The real, effective, saved and filesystem uids of process ``pid`` (empty once it has
    exited, zombies included: a zombie runs nothing and holds nothing but its exit status)."""
    try:
        fd = os.open(f"/proc/{pid}/status", os.O_RDONLY)
        try:
            text = os.read(fd, 4096)
        finally:
            os.close(fd)
        state = text[text.index(b"\nState:") + 7:].split(None, 1)[0]
        if state in (b"Z", b"X"):
            return set()
        line = text[text.index(b"\nUid:") + 5:].split(b"\n", 1)[0]
        return {int(x) for x in line.split()}
    except (OSError, ValueError, IndexError):
        return set()


def live_uids() -> set[int]:
    """Every uid that some process of this machine runs as (any of its four uids)."""
    found: set[int] = set()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            found |= _uids_of(pid)
    return found


def processes_of(uid: int) -> list[int]:
    """The pids of the processes that run as ``uid`` (as any of their uids)."""
    return [int(pid) for pid in os.listdir("/proc") if pid.isdigit() and uid in _uids_of(pid)]


def _state_dir() -> Path:
    """The lock folder, made if needed, and refused unless only root can change it."""
    try:
        STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise RuntimeError(f"cannot make {STATE} for the sandbox uid locks: {exc}") from None
    info = os.lstat(STATE)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0 or info.st_mode & 0o022:
        raise RuntimeError(f"{STATE} must be a folder owned by root and writable by no one else")
    return STATE


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)


class Lease:
    """One uid, lent to one sandbox until ``release()`` (or until its holder dies)."""

    def __init__(self, uid: int, fd: int):
        self.uid = uid
        self._fd: int | None = fd

    def release(self, wait: float = 10.0) -> list[int]:
        """Kill whatever still runs as this uid, wait for it to go, and give the uid back.

        Returns the pids that were still there after ``wait`` seconds (normally none; such a
        uid is not lent again while they live).
        """
        if self._fd is None:
            return []
        left = kill_all(self.uid, wait)
        if left:
            print(f"sandbox uid {self.uid}: processes {left} outlived their student; the uid "
                  "is not lent again while they live", file=sys.stderr)
        os.close(self._fd)             # closing the file releases the flock
        self._fd = None
        return left

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __del__(self):
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)

    def __repr__(self) -> str:
        return f"Lease(uid={self.uid}, held={self.held})"


def kill_all(uid: int, wait: float = 10.0) -> list[int]:
    """SIGKILL every process of ``uid`` (only a lease holder may call this) and wait for them
    to be gone; return the pids still there after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        pids = processes_of(uid)
        if not pids or time.monotonic() > deadline:
            return pids
        for pid in pids:
            try:
                fd = os.pidfd_open(pid)     # pins the process: its pid cannot be reused under us
            except OSError:
                continue
            try:
                if uid in _uids_of(str(pid)):
                    signal.pidfd_send_signal(fd, signal.SIGKILL)
            except OSError:
                pass
            finally:
                os.close(fd)
        time.sleep(0.05)


def acquire() -> Lease:
    """Lend the next free uid of the pool (round robin); raise RuntimeError when none is free."""
    uids = pool()
    state = _state_dir()
    guard = _open(state / "alloc.lock")
    try:
        fcntl.flock(guard, fcntl.LOCK_EX)          # one scan at a time: the cursor stays fair
        cursor_path = state / f"next-{uids.start}-{uids.stop - 1}"     # one cursor per pool
        try:
            start = int(cursor_path.read_text().strip() or 0)
        except (OSError, ValueError):
            start = uids.start
        if start not in uids:
            start = uids.start
        skip = reserved(uids) | live_uids()
        busy = 0
        for i in range(len(uids)):
            uid = uids.start + (start - uids.start + i) % len(uids)
            if uid in skip:
                continue
            fd = _open(state / f"uid-{uid}.lock")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EWOULDBLOCK):
                    raise
                busy += 1
                continue
            # locked (a holder gives a uid back only once its processes are gone, so the scan
            # above still holds); an account that the files above do not list is refused too
            if _known_account(uid):
                os.close(fd)
                continue
            tmp = cursor_path.with_suffix(".tmp")
            tmp.write_text(str(uid + 1 if uid + 1 in uids else uids.start))
            os.replace(tmp, cursor_path)
            return Lease(uid, fd)
        raise RuntimeError(
            f"no free sandbox uid in {uids.start}-{uids.stop - 1}: {busy} are lent to running "
            f"students and {len(skip)} belong to accounts or live processes (set "
            "COURSE_SANDBOX_UIDS=FIRST-LAST to use a larger pool)")
    finally:
        os.close(guard)
