"""A reply too large for the grader: ZeroMQ drops the connection, and the grader stops waiting.

The grader's sockets refuse any message over ``execute.MAX_KERNEL_MESSAGE`` (8 MB).  A reply on
the request channel that large (here: an error whose message is 9 MB) makes ZeroMQ close that
connection for good; before ``execute.shell_lost`` the grader then waited the whole time limit
for the reply, and for every later cell as well (15 minutes per student in a trial).  Now the
cell is marked as lost within seconds and no later cell waits.
"""
from __future__ import annotations

import time

from autograder.execute import LOST
from autograder.kernel import KernelSession


def test_a_refused_reply_ends_the_kernel_at_once(tmp_path):
    with KernelSession(tmp_path, "c1w2a1_numpy_basics", timeout=120) as ks:
        assert ks.run("x = 1").passed
        start = time.monotonic()
        huge = ks.run('raise ValueError("x" * 9_000_000)')
        waited = time.monotonic() - start
        assert not huge.passed and huge.message == "OutputTooLarge: " + LOST, huge.message[:300]
        # noticed through the dropped connection, not by waiting for the 120 s limit
        assert waited < 60, f"waited {waited:.0f} s for a reply that cannot come"
        start = time.monotonic()
        later = ks.run("print(x)")
        assert later.message == "OutputTooLarge: " + LOST and time.monotonic() - start < 5
