"""The sandbox every graded student kernel runs in (Linux, bubblewrap).

A student's kernel runs as an unprivileged uid of its own, lent to it alone for as long as it
lives (``identity.py``: no other student, batch or self-test of the machine has that uid at the
same time), under a seccomp filter (``seccomp.py``: no keyrings, ptrace, perf events, BPF or new
namespaces), in its own mount, PID, network, IPC and UTS namespaces, and sees only:

* the Python installation and the system's ``/usr``, read-only;
* ``/course``: the ``utils`` modules of the assignment's allow-list (what its notebook imports,
  transitively, and nothing that answers one of its graded functions: ``autograder/allowlist.py``);
  every other module of ``utils`` is a stub whose import fails saying it is not part of the
  assignment; the kernel side of the grader's bridge, and the data files, read-only;
* ``/home/student``: an empty home and working directory, its only writable place besides
  ``/tmp`` and ``/dev/shm`` (small tmpfs of its own) and the folder it answers the grader in;
* no network (only its own loopback, so its own abstract Unix sockets), no other process of the
  machine, its own SysV IPC objects and POSIX message queues.

Memory (address space), processes, file size, open files and CPU time are limited with
``prlimit``; everything the kernel started is killed when it ends (``--die-with-parent`` and the
PID namespace) or when its grader dies (``--pdeathsig``), and ``cleanup()`` kills whatever is
left of its uid before giving the uid back.  The repository, ``solutions/``, the gradebook,
other students' submissions and the output folder are simply not there.
"""
from __future__ import annotations

import errno
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import allowlist, identity, seccomp

ROOT = Path(__file__).resolve().parent.parent
HOME = "/home/student"
COURSE = "/course"
IO_IN, IO_OUT = "/course-io/in", "/course-io/out"
SECCOMP_FD = 9                      # bwrap reads the seccomp filter from this descriptor


@dataclass
class Limits:
    memory_mb: int = 4096          # address space of each process
    processes: int = 256           # threads count too
    file_mb: int = 512             # largest file it may write
    cpu_seconds: int = 3600
    open_files: int = 1024
    tmp_mb: int = 256              # size of /tmp
    shm_mb: int = 64               # size of /dev/shm


def withheld(assignment: str) -> list[str]:
    """The utils modules that ``assignment``'s sandbox does not hold (all but its allow-list)."""
    allow = set(allowlist.allowed(assignment))
    return [m for m in allowlist.all_modules() if m not in allow]


def build_course_tree(dest: Path, assignment: str) -> list[str]:
    """Write the read-only ``/course`` tree of ``assignment``'s sandbox; return withheld modules.

    ``/course/utils`` holds only the modules of the assignment's allow-list
    (``solutions/<id>/sandbox.json``, see ``autograder/allowlist.py``); every other module of
    ``utils`` is a stub whose import fails saying that it is not part of this assignment.
    """
    dest.mkdir(parents=True, exist_ok=True)
    allow = set(allowlist.allowed(assignment))
    names = []
    (dest / "utils").mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "utils" / "__init__.py", dest / "utils" / "__init__.py")
    for src in sorted((ROOT / "utils").rglob("*.py")):
        if "__pycache__" in src.parts or src == ROOT / "utils" / "__init__.py":
            continue
        module = allowlist.module_name(src)
        target = dest / src.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        if module in allow:
            shutil.copyfile(src, target)
        else:
            names.append(module)
            target.write_text(
                f'raise ImportError("{module} is not part of {assignment}: while it is graded, '
                'the notebook\'s kernel holds only the utils modules the notebook imports '
                '(some modules hold the answers to its exercises)")\n')
    (dest / "datasets").mkdir(exist_ok=True)          # mount point of the data files
    (dest / "autograder").mkdir(exist_ok=True)
    (dest / "autograder" / "__init__.py").write_text("")
    for name in ("bridge.py", "plaindata.py"):
        shutil.copyfile(ROOT / "autograder" / name, dest / "autograder" / name)
    for path in [dest, *dest.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return names


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def _binds_for_python() -> list[str]:
    """Read-only binds that make this Python (and its virtualenv) work inside."""
    paths = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    exe = Path(sys.executable)
    paths.add(exe.parent.resolve().parent)
    out = []
    for p in sorted(paths):
        if str(p).startswith("/usr"):
            continue
        out += [str(p), str(p)]
    return out


@dataclass
class Sandbox:
    """One student's sandbox: its folders on the host and the command that enters it."""

    job_dir: Path
    course_tree: Path
    limits: Limits = field(default_factory=Limits)
    enabled: bool = True

    def __post_init__(self):
        self.job_dir = Path(self.job_dir)
        self.home = self.job_dir / "home"
        self.io_in = self.job_dir / "in"
        self.io_out = self.job_dir / "out"
        # The kernel's sockets: a short path of its own (a Unix socket path has 107 bytes).
        self.ipc = Path(tempfile.mkdtemp(prefix="course-ipc-"))
        for d in (self.home, self.io_in, self.io_out, self.ipc):
            d.mkdir(parents=True, exist_ok=True)
        self.lease: identity.Lease | None = None
        self.uid = os.getuid()
        if self.enabled:
            self.lease = identity.acquire()             # this student's own uid, until cleanup()
            self.uid = self.lease.uid
            for d in (self.home, self.io_out, self.ipc):
                os.chown(d, self.uid, self.uid)
            os.chmod(self.io_in, 0o755)
            os.chmod(self.job_dir, 0o755)

    # where the grader's bridge reads and writes, as seen from inside the kernel
    @property
    def in_kernel(self) -> str:
        return IO_IN if self.enabled else str(self.io_in)

    @property
    def out_kernel(self) -> str:
        return IO_OUT if self.enabled else str(self.io_out)

    def command(self, argv: list[str]) -> list[str]:
        """``argv`` (a kernel command) wrapped to run inside the sandbox."""
        if not self.enabled:
            return argv
        lim = self.limits
        mounts: list[tuple[str, str, str]] = []          # (kind, source, dest)
        for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            if os.path.islink(top):
                mounts.append(("symlink", os.readlink(top), top))
            elif os.path.isdir(top):
                mounts.append(("ro-bind", top, top))
        mounts.append(("ro-bind", "/usr", "/usr"))
        for f in ("/etc/passwd", "/etc/group", "/etc/ld.so.cache", "/etc/localtime",
                  "/etc/nsswitch.conf"):
            if os.path.exists(f):
                mounts.append(("ro-bind", f, f))
        pyb = _binds_for_python()
        for i in range(0, len(pyb), 2):
            mounts.append(("ro-bind", pyb[i], pyb[i + 1]))
        mounts += [("ro-bind", str(self.course_tree), COURSE),
                   ("ro-bind", str(ROOT / "datasets"), COURSE + "/datasets"),
                   ("bind", str(self.home), HOME),
                   ("ro-bind", str(self.io_in), IO_IN),
                   ("bind", str(self.io_out), IO_OUT),
                   ("bind", str(self.ipc), str(self.ipc))]
        # --data too: the grader's worker runs on a smaller data budget, which it must not
        # pass on to the kernel (whose limit is its address space).
        # bwrap reads the seccomp filter from a file descriptor: a shell opens the filter (a
        # root-owned file outside the sandbox) as fd SECCOMP_FD and becomes prlimit.
        bpf = self.job_dir / "seccomp.bpf"
        bpf.write_bytes(seccomp.program())
        os.chmod(bpf, 0o644)
        args = ["/bin/sh", "-c", f'exec "$@" {SECCOMP_FD}<"$0"', str(bpf),
                "prlimit", f"--as={lim.memory_mb * 2**20}",
                f"--data={lim.memory_mb * 2**20}", f"--nproc={lim.processes}",
                f"--fsize={lim.file_mb * 2**20}", f"--cpu={lim.cpu_seconds}", "--core=0",
                f"--nofile={lim.open_files}",
                "setpriv", "--pdeathsig", "KILL", "--",
                _bwrap() or "bwrap", "--die-with-parent", "--unshare-ipc", "--unshare-pid",
                "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", "sandbox", "--proc", "/proc", "--dev", "/dev",
                "--seccomp", str(SECCOMP_FD),
                "--perms", "1777", "--size", str(lim.tmp_mb * 2**20), "--tmpfs", "/tmp",
                "--perms", "1777", "--size", str(lim.shm_mb * 2**20), "--tmpfs", "/dev/shm"]
        made = {"/", "/tmp", "/proc", "/dev", "/dev/shm"}
        for kind, src, dest in mounts:
            parent = Path(dest).parent
            for d in reversed([parent, *parent.parents]):
                if str(d) not in made:
                    args += ["--perms", "0755", "--dir", str(d)]
                    made.add(str(d))
            args += [f"--{kind}", src, dest]
            made.add(dest)
        env = {"HOME": HOME, "USER": "student", "LOGNAME": "student", "LANG": "C.UTF-8",
               "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
               "PYTHONPATH": COURSE, "PYTHONDONTWRITEBYTECODE": "1",
               "MPLCONFIGDIR": f"{HOME}/.config/matplotlib", "IPYTHONDIR": f"{HOME}/.ipython",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYDEVD_DISABLE_FILE_VALIDATION": "1", "TMPDIR": "/tmp"}
        args.append("--clearenv")
        for key, value in env.items():
            args += ["--setenv", key, value]
        args += ["--chdir", HOME, "--",
                 "setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", *argv]
        return args

    def cleanup(self) -> None:
        """Kill whatever is left of the student's uid, give the uid back, and remove the socket
        folder (the rest lives in job_dir, which its owner removes).  Call it once the kernel
        has been shut down."""
        if self.lease is not None:
            self.lease.release()
        shutil.rmtree(self.ipc, ignore_errors=True)

    def seed_home(self, mpl_cache: Path | None) -> None:
        """Give the home a prebuilt matplotlib font cache (building one costs seconds)."""
        if mpl_cache and mpl_cache.is_dir():
            target = self.home / ".config" / "matplotlib"
            shutil.copytree(mpl_cache, target, dirs_exist_ok=True)
            if self.enabled:
                for path in [self.home / ".config", target, *target.rglob("*")]:
                    os.chown(path, self.uid, self.uid)


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """None when sandboxes work on this machine, else the reason (said to the instructor)."""
    if not sys.platform.startswith("linux"):
        return "the sandbox needs Linux (bubblewrap)"
    if _bwrap() is None:
        return ("bubblewrap is not installed: `sudo apt-get install bubblewrap` (Debian/Ubuntu)"
                " or `make sandbox`")
    for tool in ("prlimit", "setpriv"):
        if shutil.which(tool) is None:
            return f"{tool} (util-linux) is not installed"
    if os.geteuid() != 0:
        return ("the sandbox drops each kernel to its own unprivileged uid, which needs the "
                "grader to run as root (e.g. in a container or CI job)")
    if seccomp.unsupported():
        return seccomp.unsupported()
    # the probe prints its uid and the errno of a keyring call (the filter must deny it)
    keyctl = seccomp.TABLES[platform.machine()][2]["keyctl"]
    probe = ("import ctypes, os, numpy\nlibc = ctypes.CDLL(None, use_errno=True)\n"
             f"r = libc.syscall({keyctl}, 0, -4, 0)\n"
             "print(os.getuid(), ctypes.get_errno() if r < 0 else 0)")
    with tempfile.TemporaryDirectory(prefix="course-probe-") as tmp:
        tree = Path(tmp) / "course"
        (tree / "datasets").mkdir(parents=True)
        os.chmod(tmp, 0o755)
        try:
            box = Sandbox(Path(tmp) / "job", tree)
        except (OSError, RuntimeError) as exc:
            return f"no sandbox uid: {exc}"
        try:
            proc = subprocess.run(box.command([sys.executable, "-c", probe]),
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bubblewrap failed to start a sandbox: {exc}"
        finally:
            box.cleanup()
        if proc.returncode != 0 or not proc.stdout.strip():
            return ("bubblewrap failed to start a sandbox: "
                    + (proc.stderr.strip().splitlines() or ["?"])[-1][:200])
        if proc.stdout.split() != [str(box.uid), str(errno.EPERM)]:
            return f"the sandbox's seccomp filter did not hold (probe said {proc.stdout.strip()!r})"
    return None
