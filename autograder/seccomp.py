"""The system calls a student's kernel may not make: a seccomp filter for bubblewrap.

``program()`` returns a classic BPF program (an array of ``struct sock_filter``) that
``bwrap --seccomp FD`` loads before it starts the kernel.  It

* kills the process on any system call made with another ABI than the machine's own (32-bit
  x86 calls on x86_64, say) and fails x32 calls with EPERM: the numbers below are only right
  for the native ABI, so anything else is refused rather than guessed;
* fails with EPERM the calls in ``DENIED``: the kernel keyrings (a uid's keyring outlives the
  process, and the grader's session keyring is inherited), tracing and reading other processes'
  memory, performance counters, BPF, userfaultfd, io_uring, new namespaces (a user namespace
  would give the student a root of its own) and mounting;
* fails ``clone3`` with ENOSYS, so that the C library falls back to ``clone`` (whose flags a
  filter can see), and fails ``clone`` with EPERM when it asks for a new namespace;
* allows everything else (Python, IPython, ipykernel and ZeroMQ need nothing denied here).

It is written here with ``struct`` rather than with libseccomp's Python binding, which is not a
dependency of the course's environment.
"""
from __future__ import annotations

import errno
import platform
import struct

# Why each call is denied (the same for every architecture).
DENIED = {
    "keyctl": "kernel keyrings outlive the student",
    "add_key": "kernel keyrings outlive the student",
    "request_key": "kernel keyrings outlive the student",
    "ptrace": "tracing processes",
    "process_vm_readv": "reading another process's memory",
    "process_vm_writev": "writing another process's memory",
    "perf_event_open": "performance counters (side channels)",
    "bpf": "BPF programs",
    "userfaultfd": "userfaultfd (used to widen kernel races)",
    "io_uring_setup": "io_uring", "io_uring_enter": "io_uring", "io_uring_register": "io_uring",
    "unshare": "new namespaces", "setns": "entering namespaces",
    "mount": "mounting", "umount2": "mounting", "pivot_root": "mounting",
    "open_tree": "mounting", "move_mount": "mounting", "fsopen": "mounting",
    "fsconfig": "mounting", "fsmount": "mounting", "fspick": "mounting",
    "mount_setattr": "mounting",
    "kexec_load": "loading a kernel", "kexec_file_load": "loading a kernel",
    "init_module": "kernel modules", "finit_module": "kernel modules",
    "delete_module": "kernel modules",
}

# System call numbers of the native ABI: (audit arch, x32 bit or 0, {name: number}).
# x86_64 from asm/unistd_64.h, aarch64 from asm-generic/unistd.h.
TABLES = {
    "x86_64": (0xC000003E, 0x40000000, {
        "keyctl": 250, "add_key": 248, "request_key": 249, "ptrace": 101,
        "process_vm_readv": 310, "process_vm_writev": 311, "perf_event_open": 298, "bpf": 321,
        "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "unshare": 272, "setns": 308, "mount": 165, "umount2": 166,
        "pivot_root": 155, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
        "fsmount": 432, "fspick": 433, "mount_setattr": 442, "kexec_load": 246,
        "kexec_file_load": 320, "init_module": 175, "finit_module": 313, "delete_module": 176,
        "clone": 56, "clone3": 435}),
    "aarch64": (0xC00000B7, 0, {
        "keyctl": 219, "add_key": 217, "request_key": 218, "ptrace": 117,
        "process_vm_readv": 270, "process_vm_writev": 271, "perf_event_open": 241, "bpf": 280,
        "userfaultfd": 282, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "unshare": 97, "setns": 268, "mount": 40, "umount2": 39,
        "pivot_root": 41, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
        "fsmount": 432, "fspick": 433, "mount_setattr": 442, "kexec_load": 104,
        "kexec_file_load": 294, "init_module": 105, "finit_module": 273, "delete_module": 106,
        "clone": 220, "clone3": 435}),
}

# the namespace flags of clone(2): NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET
CLONE_NEW = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 \
    | 0x40000000

# classic BPF opcodes and seccomp return values (linux/filter.h, linux/seccomp.h)
LD_ABS_W = 0x20                    # BPF_LD | BPF_W | BPF_ABS
JEQ, JGE, JSET = 0x15, 0x35, 0x45  # BPF_JMP | BPF_{JEQ,JGE,JSET} | BPF_K
RET = 0x06                         # BPF_RET | BPF_K
RET_ALLOW = 0x7FFF0000
RET_ERRNO = 0x00050000
RET_KILL_PROCESS = 0x80000000
# offsets in struct seccomp_data: nr, arch, instruction pointer, then six 64-bit arguments
NR, ARCH, ARG0_LOW = 0, 4, 16      # the low half of argument 0 (both ABIs are little-endian)


def unsupported() -> str | None:
    """None when this machine has a filter here, else why not."""
    machine = platform.machine()
    return None if machine in TABLES else f"no seccomp filter for {machine} machines"


def program(machine: str | None = None) -> bytes:
    """The filter for ``machine`` (default: this one), ready for ``bwrap --seccomp``."""
    machine = machine or platform.machine()
    if machine not in TABLES:
        raise RuntimeError(f"no seccomp filter for {machine} machines")
    arch, x32, nrs = TABLES[machine]
    # (opcode, k, jump-if-true label, jump-if-false label); None falls through
    code: list[tuple] = [(LD_ABS_W, ARCH, None, None),
                         (JEQ, arch, None, "kill"),
                         (LD_ABS_W, NR, None, None)]
    if x32:
        code.append((JGE, x32, "eperm", None))
    for name in DENIED:
        code.append((JEQ, nrs[name], "eperm", None))
    code += [(JEQ, nrs["clone3"], "enosys", None),
             (JEQ, nrs["clone"], None, "allow"),
             (LD_ABS_W, ARG0_LOW, None, None),
             (JSET, CLONE_NEW, "eperm", "allow")]
    labels = {"allow": len(code), "eperm": len(code) + 1, "enosys": len(code) + 2,
              "kill": len(code) + 3}
    out = []
    for i, (op, k, jt, jf) in enumerate(code):
        rel = [0 if j is None else labels[j] - i - 1 for j in (jt, jf)]
        assert all(0 <= r < 256 for r in rel)
        out.append(struct.pack("=HBBI", op, rel[0], rel[1], k))
    for k in (RET_ALLOW, RET_ERRNO | errno.EPERM, RET_ERRNO | errno.ENOSYS, RET_KILL_PROCESS):
        out.append(struct.pack("=HBBI", RET, 0, 0, k))
    return b"".join(out)
