"""Driving a notebook in JupyterLab 4 from Playwright: open, run cells, read the outputs.

Cells are run one at a time, as a student pressing Shift+Enter would, and each run waits for
its cell to finish: JupyterLab's "Run All" stops at the first error, and an untouched student
notebook raises NotImplementedError at its first exercise.
"""
from __future__ import annotations

import json
import time

from .conftest import TOKEN

NOTEBOOK = "window.jupyterapp.shell.currentWidget"


def open_notebook(page, lab, path: str):
    """Open ``path`` (relative to the served folder) and wait for all its cells and an idle
    kernel."""
    expected = len(json.loads((lab.notebook_dir / path).read_text())["cells"])
    if page.url.startswith(lab.url) and page.evaluate("() => !!window.jupyterapp"):
        # JupyterLab is loaded already: close what is open (shutting its kernels down, without
        # saving) and open the next notebook, as File > Open would; no page reload.
        page.evaluate(
            """async (path) => {
                const app = window.jupyterapp;
                for (const w of Array.from(app.shell.widgets('main'))) {
                    if (w.sessionContext) { await w.sessionContext.shutdown(); }
                    w.dispose();
                }
                await app.commands.execute('docmanager:open', {path});
            }""", path)
    else:
        page.goto(lab.lab_url(path))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"
        f" && window.jupyterapp.shell.currentWidget.content.widgets.length === {expected}"
        f" && window.jupyterapp.shell.currentWidget.context.path.endsWith({json.dumps(path)})",
        timeout=90_000)
    cells(page).first.wait_for()


def cells(page):
    """The cells of the notebook in front (other tabs may hold notebooks too)."""
    panel_id = page.evaluate(f"() => {NOTEBOOK}.id")
    return page.locator(f"[id='{panel_id}'] .jp-Notebook .jp-Cell")


def cell_count(page) -> int:
    return page.evaluate(f"() => {NOTEBOOK}.content.widgets.length")


def cell_json(page, i: int) -> dict:
    return page.evaluate(f"i => {NOTEBOOK}.content.widgets[i].model.toJSON()", i)


def cells_json(page) -> list[dict]:
    return page.evaluate(f"() => {NOTEBOOK}.content.widgets.map(w => w.model.toJSON())")


def run_cell(page, i: int, timeout: float = 180):
    """Select cell ``i``, run it (notebook:run-cell) and wait until the kernel is idle again."""
    page.evaluate(
        """async (i) => {
            const app = window.jupyterapp, panel = app.shell.currentWidget;
            panel.content.activeCellIndex = i;
            panel.content.deselectAll();
            await app.commands.execute('notebook:run-cell');
        }""", i)
    wait_idle(page, timeout)


def wait_idle(page, timeout: float = 180):
    page.wait_for_function(
        f"() => {NOTEBOOK}.sessionContext.session.kernel.status === 'idle'",
        timeout=timeout * 1000)


def execution_count(page, i: int):
    return page.evaluate(f"i => {NOTEBOOK}.content.widgets[i].model.executionCount", i)


def wait_executed(page, i: int, before, timeout: float = 180):
    """Wait until cell i has run again (a new execution count) and the kernel is idle."""
    page.wait_for_function(
        f"""([i, before]) => {{
            const w = {NOTEBOOK};
            const n = w.content.widgets[i].model.executionCount;
            return n !== null && n !== before && w.sessionContext.session.kernel.status === 'idle';
        }}""", arg=[i, before], timeout=timeout * 1000)


def run_all_one_by_one(page, timeout_per_cell: float = 180) -> float:
    start = time.time()
    for i in range(cell_count(page)):
        if cell_json(page, i)["cell_type"] == "code":
            run_cell(page, i, timeout_per_cell)
    return time.time() - start


def cell_locator(page, i: int):
    return cells(page).nth(i)


def scroll_to_cell(page, i: int):
    page.evaluate(f"i => {NOTEBOOK}.content.scrollToItem(i, 'start')", i)
    loc = cell_locator(page, i)
    loc.scroll_into_view_if_needed()
    return loc


def find_cells(page, needle: str) -> list[int]:
    return [i for i, c in enumerate(cells_json(page))
            if c["cell_type"] == "code" and needle in "".join(c["source"])]


def truncated_labels(page, i: int) -> list[str]:
    """Widget labels of cell i cut short with an ellipsis ("alpha (GD..." for "alpha (GD, mom.)")."""
    return page.evaluate(
        f"""i => Array.from({NOTEBOOK}.content.widgets[i].node.querySelectorAll(
                '.widget-label, .widget-label-basic, .widget-button, .jupyter-button'))
            .filter(el => {{
                if (el.offsetWidth === 0) return false;
                const range = document.createRange();        // the text's own width, even
                range.selectNodeContents(el);                // where an ellipsis hides it
                return range.getBoundingClientRect().width > el.clientWidth + 0.5
                    || el.scrollWidth > el.clientWidth;
            }})
            .map(el => el.textContent.trim())""", i)


def set_source(page, i: int, source: str):
    """Replace cell i's source in the open notebook (as typing would; nothing is saved)."""
    page.evaluate(f"([i, src]) => {NOTEBOOK}.content.widgets[i].model.sharedModel.setSource(src)",
                  [i, source])


def save_notebook(page):
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")


__all__ = ["open_notebook", "cell_count", "cell_json", "cells_json", "run_cell", "wait_idle",
           "run_all_one_by_one", "cell_locator", "scroll_to_cell", "find_cells", "truncated_labels",
           "set_source", "TOKEN"]
