"""utils.widgets.explore: ONE output that is a live widget in JupyterLab and a figure elsewhere.
(tests/browser drives the live side in JupyterLab; this is the headless side.)"""
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
WIDGET = "application/vnd.jupyter.widget-view+json"

CELL = '''
import ipywidgets as widgets
import matplotlib.pyplot as plt
from utils.widgets import explore

calls = []
def draw(a=1.0, kind="line"):
    calls.append((a, kind))
    print(f"a = {a}, {kind}")
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [0, a])
    plt.show()

explorer = explore(draw, a=widgets.FloatSlider(value=2.0, min=0, max=4), kind=["line", "dots"])
explorer
'''


def _run(*sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


def test_one_output_with_the_widget_and_a_static_figure():
    nb = _run(CELL, "print(calls, [type(c).__name__ for c in explorer.controls.values()])")
    outputs = nb.cells[0].outputs
    assert len(outputs) == 1, [o.output_type for o in outputs]      # not a figure, then a widget
    data = outputs[0]["data"]
    assert WIDGET in data and "image/png" in data                   # JupyterLab / everyone else
    assert data["text/plain"] == "a = 2.0, line"                    # what draw printed
    # draw ran once, with the controls' initial values; a list became a dropdown
    assert nb.cells[1].outputs[0]["text"].strip() == "[(2.0, 'line')] ['FloatSlider', 'Dropdown']"
    # the widget's own Output already holds that figure (no second draw in JupyterLab)
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    outs = [m["state"]["outputs"] for m in state.values() if m["model_name"] == "OutputModel"]
    assert len(outs) == 1 and [o["output_type"] for o in outs[0]] == ["stream", "display_data"]


def test_a_control_redraws_into_the_widget():
    nb = _run(CELL, "explorer.controls['a'].value = 3.0\nprint(calls)")
    assert nb.cells[1].outputs[-1]["text"].strip() == "[(2.0, 'line'), (3.0, 'line')]"
    assert not [o for c in nb.cells for o in c.outputs if o.output_type == "error"]


# --- every notebook's interactive figures go through explore --------------------------------
import ast  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

# ipywidgets' own ways of tying controls to a function: each draws into a widget only, so a
# notebook run headless shows nothing, and a static figure drawn beside it shows twice in JupyterLab
INTERACT = {"interact", "interactive", "interact_manual", "interactive_output"}
# Raw widget assemblies (an Output redrawn by hand) that explore cannot replace, with the reason
RAW_WIDGETS_ALLOWED = {
    "c1w4a2_deep_nn_application": "the upload widget shows a picture the student chooses: "
                                  "there is nothing to draw before a file arrives",
}


def _code_cells(path):
    for i, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            # IPython syntax (%magic, !shell) is not Python: blank it out, keep the line numbers
            yield i, ast.parse(re.sub(r"(?m)^\s*[%!].*$", "", source))


def _called_name(call):
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def widget_misuses(path):
    """(cell index, what) for every interactive figure in the notebook at ``path`` that does
    not go through utils.widgets.explore."""
    name = path.parent.name
    found = []
    for i, tree in _code_cells(path):
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "explore":
                found.append((i, "defines its own `explore`, hiding utils.widgets.explore"))
            if isinstance(node, ast.Call):
                called = _called_name(node)
                if called in INTERACT:
                    found.append((i, f"ipywidgets' {called}(...): use utils.widgets.explore"))
                elif called == "Output" and name not in RAW_WIDGETS_ALLOWED:
                    found.append((i, "a widgets.Output redrawn by hand: use utils.widgets.explore"))
    return found


def test_every_interactive_figure_goes_through_explore():
    notebooks = sorted((ROOT / "solutions").glob("*/*.ipynb"))
    assert len(notebooks) >= 18
    bad = {p.parent.name: widget_misuses(p) for p in notebooks if widget_misuses(p)}
    assert not bad, bad


def test_the_widget_check_sees_interact_and_raw_outputs(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("%matplotlib inline\nimport ipywidgets as widgets\n"
                                  "draw(1)\nwidgets.interactive(draw, a=(0, 2))"),
        nbformat.v4.new_code_cell("from ipywidgets import interact\ninteract(draw, a=(0, 2));"),
        nbformat.v4.new_code_cell("out = widgets.Output()"),
        nbformat.v4.new_code_cell("def explore(word='a'):\n    print(word)"),
        nbformat.v4.new_code_cell("explore(draw, a=widgets.IntSlider())"),
    ])
    path = tmp_path / "cXwYaZ_example" / "cXwYaZ_example.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    assert [i for i, _ in widget_misuses(path)] == [0, 1, 2, 3]
