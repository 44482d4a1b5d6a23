"""What the browser suite asserts about a notebook that ran in JupyterLab."""
from __future__ import annotations

WIDGET = "application/vnd.jupyter.widget-view+json"
# Errors a cell may show in an untouched student notebook: the stub's NotImplementedError, and
# what follows from it in a later ordinary cell (a name the failed cell never defined, a result
# dict the failed cell never filled). The solved notebooks must show none at all.
CASCADE = {"NameError", "KeyError"}


def grade_id(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def is_test_cell(cell: dict) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def errors(cells: list[dict]) -> list[tuple[int, str | None, str, str]]:
    """(index, grade_id, ename, evalue) of every error output."""
    return [(i, grade_id(c), o["ename"], o["evalue"][:200])
            for i, c in enumerate(cells) if c["cell_type"] == "code"
            for o in c.get("outputs", []) if o["output_type"] == "error"]


def unexpected_errors(cells: list[dict]) -> list[tuple]:
    """Errors that an unsolved exercise does not explain."""
    bad, unsolved_seen = [], False
    for i, gid, ename, evalue in errors(cells):
        # unsolved: the stub itself, or a test's message about it (utils.testing.call says
        # "f raised NotImplementedError", depends_on "g uses f, which is not right yet")
        if ename == "NotImplementedError" or (ename == "CheckFailure" and (
                "raised NotImplementedError" in evalue or "which is not right yet" in evalue)):
            unsolved_seen = True
        elif not (unsolved_seen and ename in CASCADE and not is_test_cell(cells[i])):
            bad.append((i, gid, ename, evalue))
    return bad


def figures_not_drawn(cells: list[dict]) -> list[int]:
    """Cells where a Matplotlib figure came out as text ("<Figure size 640x480 with 1 Axes>")
    instead of an image."""
    return [i for i, c in enumerate(cells) if c["cell_type"] == "code"
            for o in c.get("outputs", []) if "data" in o
            and str(o["data"].get("text/plain", "")).startswith("<Figure size")
            and not {"image/png", "image/svg+xml"} & set(o["data"])]


def widget_cells(cells: list[dict]) -> list[int]:
    return [i for i, c in enumerate(cells) if c["cell_type"] == "code"
            and any(WIDGET in o.get("data", {}) for o in c.get("outputs", []))]
