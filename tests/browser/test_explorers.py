"""Course 1's interactive figures in a live kernel: each shows ONE figure, and moving a control
redraws that figure, once. Run on the solved notebooks (solutions/), where every exercise works."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from . import jlab
from .checks import errors, figures_not_drawn
from .conftest import save_screenshot


def _press(key, nth=0):
    def act(page, cell):
        cell.locator(".noUi-handle").nth(nth).focus()
        page.keyboard.press(key)
    return act


def _choose(option, nth=0):
    def act(page, cell):
        cell.locator("select").nth(nth).select_option(label=option)
    return act


# notebook, a string that identifies the widget cell, what a student does there
EXPLORERS = [
    ("c1w2a1_numpy_basics", "explore(plot_sigmoid", _press("ArrowRight")),          # w: 1.0 -> 1.2
    ("c1w2a2_logistic_regression", "    show_run,", _press("ArrowLeft")),          # 0.01 -> 0.005
    ("c1w3a1_planar_classification", "explore(show_network", _choose("flower")),
    ("c1w4a1_deep_nn_step_by_step", "explore(plot_spread", _press("ArrowLeft")),
]


def _images(page, i):
    return jlab.cell_locator(page, i).locator(".jp-OutputArea img")


def _fits(page, i) -> str | None:
    """None if cell i's outputs fit the notebook's width at 1366x768, else what overflows."""
    return page.evaluate(
        """i => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cell = panel.content.widgets[i].node;
            const out = cell.querySelector('.jp-OutputArea');
            const limit = cell.getBoundingClientRect().right + 1;
            for (const el of out.querySelectorAll('img, .jupyter-widgets, .widget-slider, select')) {
                const r = el.getBoundingClientRect();
                if (r.right > limit) return `${el.tagName}.${el.className} ends at ${r.right} > ${limit}`;
            }
            if (out.scrollWidth > out.clientWidth + 1) return `output area scrolls: ${out.scrollWidth} > ${out.clientWidth}`;
            return null;
        }""", i)


@pytest.mark.parametrize("name, needle, act", EXPLORERS, ids=[e[0] for e in EXPLORERS])
def test_explorer_draws_one_figure_and_reacts(shared_page, lab, name, needle, act):
    page = shared_page
    path = f"solutions/{name}/{name}.ipynb"
    jlab.open_notebook(page, lab, path)
    jlab.run_all_one_by_one(page)
    cells = jlab.cells_json(page)
    assert not errors(cells), f"{name} (solved) shows errors: {errors(cells)}"
    assert not figures_not_drawn(cells), f"figures shown as text: {figures_not_drawn(cells)}"
    [i] = jlab.find_cells(page, needle)
    cell = jlab.scroll_to_cell(page, i)
    cell.locator(".jupyter-widgets").first.wait_for()
    images = _images(page, i)
    images.first.wait_for()
    time.sleep(0.3)
    assert images.count() == 1, f"{name}: {images.count()} figures before any interaction"
    assert _fits(page, i) is None, f"{name}: {_fits(page, i)}"
    assert not jlab.truncated_labels(page, i), jlab.truncated_labels(page, i)
    save_screenshot(cell.locator(".jp-Cell-outputArea"), f"{name}-explorer-before")
    before = images.first.get_attribute("src")
    act(page, cell)
    page.wait_for_function(
        """([id, i, before]) => {
            const imgs = document.getElementById(id).querySelectorAll('.jp-Notebook .jp-Cell')[i]
                .querySelectorAll('.jp-OutputArea img');
            return imgs.length === 1 && imgs[0].src !== before;
        }""", arg=[page.evaluate(f"() => {jlab.NOTEBOOK}.id"), i, before], timeout=60_000)
    jlab.wait_idle(page)
    time.sleep(0.5)
    assert images.count() == 1, f"{name}: {images.count()} figures after one interaction"
    assert "Traceback" not in cell.locator(".jp-Cell-outputArea").inner_text()
    save_screenshot(cell.locator(".jp-Cell-outputArea"), f"{name}-explorer-after")


def test_upload_widget_accepts_a_picture(shared_page, lab, tmp_path):
    """c1w4a2: choose a picture in the upload widget; the prediction and the picture appear."""
    page = shared_page
    import numpy as np
    from PIL import Image
    rng = np.random.default_rng(0)
    pictures = [tmp_path / "shirt.png", tmp_path / "pullover.jpg"]
    for p in pictures:
        Image.fromarray((rng.random((96, 80, 3)) * 255).astype("uint8")).save(p)
    name = "c1w4a2_deep_nn_application"
    jlab.open_notebook(page, lab, f"solutions/{name}/{name}.ipynb")
    cells = jlab.cells_json(page)
    [i] = jlab.find_cells(page, "widgets.FileUpload(")
    # Everything but the training (minutes on two busy cores) and what uses its results: the
    # widget is under test here, not the network; a short training stands in for section 6.
    trained = ("parameters_2", "parameters_L", "costs_2", "costs_L", "train_logistic_regression(")

    skipped = []
    for k, c in enumerate(cells[:i]):
        if c["cell_type"] == "code":
            if any(t in "".join(c["source"]) for t in trained):
                skipped.append(k)
            else:
                jlab.run_cell(page, k)
    jlab.run_cell(page, i)
    cell = jlab.scroll_to_cell(page, i)
    cell.locator(".widget-upload").wait_for()

    def upload(picture):                                # the button opens the file chooser
        with page.expect_file_chooser() as chooser:
            cell.locator(".widget-upload").click()
        chooser.value.set_files(str(picture))

    upload(pictures[0])                                 # before training: a clear message
    cell.get_by_text("Train the four-layer network first").wait_for(timeout=30_000)
    page.evaluate(f"""() => {jlab.NOTEBOOK}.sessionContext.session.kernel.requestExecute(
        {{code: "parameters_L, _ = L_layer_model(train_x, train_y, layers_dims_L, "
                + "num_iterations=20)"}}).done.then(() => true)""")
    jlab.wait_idle(page)
    [helpers] = [k for k in skipped if "def show_prediction" in "".join(cells[k]["source"])]
    jlab.run_cell(page, helpers)       # picture_to_input, show_prediction (its demo at the end
                                       # needs the full training's accuracy: a NameError there)
    upload(pictures[1])
    outputs = cell.locator(".jp-Cell-outputArea")
    outputs.locator("img").first.wait_for(timeout=60_000)
    jlab.wait_idle(page)
    time.sleep(0.5)
    assert outputs.locator("img").count() == 1
    text = outputs.inner_text()
    assert "Could not read" not in text and "Traceback" not in text, text
    assert not [e for e in errors(jlab.cells_json(page)) if e[0] == i]
    assert _fits(page, i) is None, _fits(page, i)
    assert not jlab.truncated_labels(page, i), jlab.truncated_labels(page, i)
    save_screenshot(outputs, f"{name}-upload")
