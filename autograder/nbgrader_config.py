"""nbgrader configuration for the course.

Run nbgrader from the repository root with this file, e.g.

    nbgrader generate_assignment c1w2a1_numpy_basics --config autograder/nbgrader_config.py

or, simpler, use the course CLI (`course release`, `course selftest`, `course autograde`), which
passes it for you.  solutions/ is nbgrader's source directory and notebooks/ its release
directory; mistakes.py (the catalogue of known mistakes), mutants/ and alternates/ beside each
assignment are for the self-test only and are never released.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from autograder import CELL_TIMEOUT  # noqa: E402
from autograder.execute import TrustedExecute  # noqa: E402
from autograder.feedback import FeedbackExporter, SanitizeNotebook, StripHiddenTests  # noqa: E402
from autograder import sanitize  # noqa: E402
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, GetGrades,  # noqa: E402
                                    IgnorePattern, LimitOutput, SaveAutoGrades)
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.root = os.environ.get("COURSE_ROOT", os.path.dirname(HERE))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.db_url = os.environ.get(
    "COURSE_DB_URL", "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db"))
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "mutants", "alternates",
    "sandbox.json", "mistakes.py", "fingerprints.json",
]

# Student cells run in a sandboxed kernel; test cells run in the grader's own process against it
# (autograder/execute.py, autograder/judge.py): nbgrader's Execute is replaced, the rest is as is.
# SanitizeNotebook makes the stored autograded notebook (which the formgrader renders) inert.
c.Autograde.autograde_preprocessors = [TrustedExecute, SanitizeNotebook, IgnorePattern,
                                       ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
                                       AssignLatePenalties, CheckCellMetadata]

# Every cell gets at most this many seconds; a cell that runs longer (an infinite loop, say) is
# interrupted, marked as an error, and the rest of the notebook still runs.
c.Execute.timeout = c.TrustedExecute.timeout = int(os.environ.get("COURSE_CELL_TIMEOUT",
                                                                   CELL_TIMEOUT))
c.Execute.interrupt_on_timeout = c.TrustedExecute.interrupt_on_timeout = True
# After an interrupt, wait this long for the kernel to settle (a busy machine needs more than
# nbclient's 4 s; a cell that still has not settled counts as timed out).
c.Execute.iopub_timeout = c.TrustedExecute.iopub_timeout = 30

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Deleted test cells are not put back: the course CLI scores them 0 and says why.
c.OverwriteCells.add_missing_cells = False

# Feedback shows students their results, never the hidden tests' code ...
c.GenerateFeedback.preprocessors = [GetGrades, StripHiddenTests, SanitizeNotebook,
                                    CSSHTMLHeaderPreprocessor]
# ... and nothing a submission wrote runs in the page: outputs and markdown are re-written from
# an allow-list (autograder/sanitize.py), and the whole page again, with a Content-Security-
# Policy that forbids scripts and external loads first in its <head>.
c.GenerateFeedback.exporter_class = FeedbackExporter
# Every HTML rendering made with this configuration (the formgrader's too) cleans outputs and
# markdown the same way.
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.preprocessors = [SanitizeNotebook]
c.HTMLExporter.filters = {"markdown2html": sanitize.markdown2html,
                          "clean_html": sanitize.clean_html}

# Every released notebook opens with a note that, in the repository, the answers are within
# reach (solutions/, utils/); `course bundle` removes it (the cell is tagged "self-study").
c.IncludeHeaderFooter.header = os.path.join(os.path.dirname(os.path.abspath(sanitize.__file__)),
                                              "self_study_header.ipynb")
