"""Interactive figures that draw ONE figure wherever the notebook is shown.

``ipywidgets.interactive(draw, ...)`` draws into a widget, which only a live widget frontend
(JupyterLab, Notebook 7, VS Code) shows; nbconvert, nbgrader's feedback and GitHub show nothing.
Drawing a static figure first (``draw(); interactive(draw, ...)``) fixes those but shows the
figure twice in JupyterLab. ``explore`` draws once and puts the result in two places of ONE
output:

* the widget (controls above, figure below) that a widget frontend renders, redrawn whenever a
  control changes;
* a plain ``image/png`` (and the printed text) in the same display bundle, which every other
  renderer falls back to: the notebook executed headless keeps a useful static figure.

Usage (the last expression of a cell, or ``display(...)``)::

    from utils.widgets import explore
    explore(plot_sigmoid, w=widgets.FloatSlider(value=1.0, min=0.2, max=4.0),
            b=widgets.FloatSlider(value=0.0, min=-4.0, max=4.0))

Controls are widgets or ``interact``'s abbreviations (a list -> dropdown, ``(0, 10)`` -> slider);
a keyword missing from ``controls`` keeps ``draw``'s default.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

import ipywidgets as widgets
from IPython.core.getipython import get_ipython
from IPython.utils.capture import capture_output

__all__ = ["explore", "Explorer"]

_PNG = "image/png"


def _show_open_figures():
    """Display (and close) Matplotlib figures that ``draw`` left open, as ``plt.show()`` does
    with the inline backend."""
    import sys
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None or not plt.get_fignums():
        return
    from IPython.display import display
    for num in plt.get_fignums():
        display(plt.figure(num))
    plt.close("all")


class Explorer(widgets.VBox):
    """Controls and the figure ``draw(**values)`` makes; see the module docstring."""

    def __init__(self, draw: Callable[..., Any], controls: dict[str, Any], **kwargs):
        self._draw = draw
        self.controls = {}
        defaults = {name: p.default for name, p in inspect.signature(draw).parameters.items()}
        for name, abbrev in controls.items():
            if isinstance(abbrev, widgets.ValueWidget):
                control = abbrev
            else:
                control = widgets.interactive.widget_from_abbrev(
                    abbrev, defaults.get(name, inspect.Parameter.empty))
                if control is None:
                    raise ValueError(f"explore: cannot make a control for {name}={abbrev!r}")
            if not control.description:
                control.description = name
            self.controls[name] = control
        self.out = widgets.Output()
        self.first_outputs = self._capture()          # raises, like a plain call, if draw fails
        self.out.outputs = tuple(self.first_outputs)
        super().__init__(children=[*self.controls.values(), self.out], **kwargs)
        for control in self.controls.values():
            control.observe(self._redraw, names="value")

    @property
    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def _capture(self) -> list[dict]:
        """Run ``draw`` without showing anything; return its outputs in nbformat's form."""
        _show_open_figures()                           # figures of earlier code are not ours
        with capture_output() as captured:
            self._draw(**self.values)
            _show_open_figures()
        outputs = []
        if captured.stdout:
            outputs.append({"output_type": "stream", "name": "stdout", "text": captured.stdout})
        if captured.stderr:
            outputs.append({"output_type": "stream", "name": "stderr", "text": captured.stderr})
        for rich in captured.outputs:
            outputs.append({"output_type": "display_data", "data": dict(rich.data),
                            "metadata": dict(rich.metadata or {})})
        return outputs

    def _redraw(self, change=None):
        with self.out:
            self.out.clear_output(wait=True)
            try:
                self._draw(**self.values)
                _show_open_figures()
            except Exception:                          # shown below the controls, as interact does
                shell = get_ipython()
                if shell is None:
                    raise
                shell.showtraceback()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        images = [o["data"][_PNG] for o in self.first_outputs
                  if o["output_type"] == "display_data" and _PNG in o["data"]]
        if images:
            data[_PNG] = images[-1]
        text = "".join(o["text"] for o in self.first_outputs if o["output_type"] == "stream")
        data["text/plain"] = text.rstrip("\n") or "(an interactive figure: open the notebook " \
                                                   "in JupyterLab to use its controls)"
        return bundle


def explore(draw: Callable[..., Any], /, **controls) -> Explorer:
    """An interactive figure: ``draw(**values)`` drawn once now, redrawn when a control moves.

    Return the ``Explorer`` as a cell's last expression (or ``display`` it): JupyterLab shows
    the controls and ONE figure; a notebook run headless shows the same figure as an image.
    """
    return Explorer(draw, controls)
