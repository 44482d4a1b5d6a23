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
