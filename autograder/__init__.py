"""The course's grading tools (the ``course`` command)."""

# Seconds one notebook cell may run before the grader interrupts it (an infinite loop, say; the
# rest of the notebook still runs, and --student-timeout caps a whole notebook).  The longest
# training cells (c4w1a2's CNN: 40 epochs on the 2,400 hand signs) take about 80 s on a quiet
# core, so 300 s leaves room for a loaded grading machine.  COURSE_CELL_TIMEOUT overrides it.
CELL_TIMEOUT = 300
