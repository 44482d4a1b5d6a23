"""What students see in feedback: scores and failure messages, not the hidden tests' code."""
from __future__ import annotations

import re

from nbgrader.preprocessors import ClearHiddenTests

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
