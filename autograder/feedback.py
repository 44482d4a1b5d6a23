"""What students and instructors see in feedback: scores and failure messages, never the hidden
tests' code, and nothing a submission wrote that could run in the browser."""
from __future__ import annotations

import re

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Bool

from autograder.sanitize import clean_notebook, harden_page

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class StripHiddenTests(ClearHiddenTests):
    """Remove hidden test regions and cut error tracebacks down to their final message.

    A traceback would quote the line of the hidden test that failed; the final message (written
    for the student by ``utils.testing``) is what they need.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output.get('ename', 'Error')}: "
                                       f"{_ANSI.sub('', str(output.get('evalue', '')))}"]
        return cell, resources


class SanitizeNotebook(Preprocessor):
    """Outputs, markdown, raw cells, cell ids and tags of a submission made safe to render
    (``autograder/sanitize.py``).  Runs on the autograded notebook that nbgrader stores (which
    the formgrader renders), on the feedback, and in every HTMLExporter of the configuration."""

    enabled = Bool(True).tag(config=True)
    markdown = Bool(True, help="also rewrite unsafe markdown sources as inert HTML").tag(
        config=True)

    def preprocess(self, nb, resources):
        return clean_notebook(nb, markdown=self.markdown), resources


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback page, re-written from the allow-list with a Content-Security-Policy
    first in its <head>: no script (MathJax included), no external load, no active content."""

    def from_notebook_node(self, nb, resources=None, **kw):
        output, resources = super().from_notebook_node(nb, resources, **kw)
        return harden_page(output), resources
