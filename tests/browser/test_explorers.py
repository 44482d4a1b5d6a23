"""Every interactive figure (utils.widgets.explore) in a live kernel: each shows ONE figure, and
moving a control redraws that figure, once. Run on the solved notebooks (solutions/), where every
exercise works, and only as far as the last explorer of each notebook (cells after it, and test
cells, are not needed and not run; NEEDS names the few cells some explorers need, and SHORTEN
the training cells that run shortened here)."""
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


def _type(text, nth=0):
    def act(page, cell):
        box = cell.locator(".widget-text input, .widget-combobox input").nth(nth)
        box.fill(text)
        box.press("Enter")
    return act


# notebook: [(a string that identifies the explorer's cell, what a student does there,
#             whether it draws a figure (else it prints text))]
EXPLORERS = {
    "c1w2a1_numpy_basics": [("explore(plot_sigmoid", _press("ArrowRight"), True)],  # w 1.0 -> 1.2
    "c1w2a2_logistic_regression": [("    show_run,", _press("ArrowLeft"), True)],   # 0.01 -> 0.005
    "c1w3a1_planar_classification": [("explore(show_network", _choose("flower"), True)],
    "c1w4a1_deep_nn_step_by_step": [("explore(plot_spread", _press("ArrowLeft"), True)],
    "c2w1a1_initialization": [("explore(show_initialization", _press("ArrowLeft"), True)],
    "c2w1a2_regularization": [("explore(show_run", _choose("no regularization"), True)],
    "c2w1a3_gradient_checking": [("explore(plot_epsilon", _press("ArrowRight"), True)],
    "c2w2a1_optimization": [("explore(plot_valley", _press("ArrowLeft", nth=3), True)],
    "c2w3a1_framework_intro": [("explore(show_prediction", _press("ArrowRight"), True)],
    "c4w1a1_conv_step_by_step": [("explore(show_convolution", _choose("blur (3x3 mean)"), True),
                                 ("explore(show_pooling", _press("ArrowLeft"), True)],
    "c4w1a2_conv_application": [("explore(show_feature_maps",
                                  _choose("convolutional_model (hand signs)"), True)],
    "c4w2a1_resnets": [("explore(show_prediction", _press("ArrowRight"), True)],
    "c4w2a2_transfer_learning": [("explore(show_augmented", _press("ArrowRight"), True)],
    "c5w1a1_rnn_step_by_step": [("explore(plot_gradient_norms", _press("ArrowRight", nth=1),
                                 True)],
    "c5w1a2_char_language_model": [("    show_temperature,\n", _press("ArrowRight"), True)],
    "c5w2a1_word_vectors_debiasing": [("explore(show_neighbours", _type("nurse"), False)],
    "c5w2a2_emojify": [("explore(show_emojify", _type("i am not sad"), False)],
    "c5w3a1_date_attention": [("explore(show_translation", _type("1 jan 2000"), True)],
    "c5w4a1_transformer": [("explore(show_attention", _type("march 3rd 2001"), True)],
    "c4w3a1_yolo": [("explore(show_suppression", _press("ArrowLeft", nth=1), True)],  # 0.3 -> 0.25
    "c5w1a3_music": [("explore(show_generation", _press("ArrowRight"), True)],   # T 1.0 -> 1.1
    "c5w3a2_trigger_word": [("explore(show_detections", _press("ArrowRight"), True)],
    "c4w4a1_face_recognition": [("explore(show_door", _choose("stranger 1"), True)],
    "c4w4a2_style_transfer": [("explore(show_transfer", _choose("stained_glass", nth=1), True)],
    "c4w3a2_unet": [("explore(show_scene", _press("ArrowRight"), True)],
}
# Where an explorer needs only a few of the cells before it (not the training runs): strings that
# identify those cells. Elsewhere every cell before the explorer runs, except test cells, which by
# the grading contract change nothing that a later cell reads.
NEEDS = {
    "c2w1a1_initialization": ("import ipywidgets", 'load_dataset("circles")', "SCHEMES = {"),
    "c4w4a2_style_transfer": ("import ipywidgets", 'contents = load_images("content")'),
}
# Cells before an explorer that only train what it shows (more epochs, more sweeps): here they
# run shortened, as the replacements say, in their place in the notebook.  What an explorer is
# tested for (one figure, drawn again once per move of a control, no error, fitting the page)
# does not depend on how long its networks trained; the full cells run in nbval, and the
# self-test grades them.  Each text replaced must be in its cell, or the test fails (then
# update the replacement).
SHORTEN = {
    "c1w2a2_logistic_regression": {
        "learning_rates = [0.01, 0.001, 0.0001]": [("num_iterations=1500", "num_iterations=150")]},
    "c1w3a1_planar_classification": {
        "hidden_sizes = [1, 2, 3, 4, 5, 20, 50]": [("num_iterations=5000", "num_iterations=500")],
        'extra_sets = ["noisy_circles"': [("num_iterations=5000", "num_iterations=500")]},
    "c2w1a2_regularization": {       # only the runs made earlier: no more networks trained
        "lambdas = [0, 0.1, 0.3, 1, 3]": [("lambdas = [0, 0.1, 0.3, 1, 3]", "lambdas = [0, 0.3]"),
                                          ("keep_probs = [1.0, 0.8, 0.5, 0.3, 0.15]",
                                           "keep_probs = [1.0, 0.5]")]},
    "c2w3a1_framework_intro": {
        "parameters, costs, train_acc, test_acc = model(": [
            ("model(X_train, Y_train, X_test, Y_test)",
             "model(X_train, Y_train, X_test, Y_test, num_epochs=5)")]},
    "c4w1a2_conv_application": {
        "happy_model = happyModel()": [("epochs=10", "epochs=1")],
        "conv_model = convolutional_model(": [("epochs=40", "epochs=1")],
        "MLP_EPOCHS = ": [("MLP_EPOCHS = 100", "MLP_EPOCHS = 1")]},
    "c4w2a1_resnets": {              # the explorer shows the model loaded from weights later
        "history = model.fit(X_train, y_train, epochs=2": [
            ("model.fit(X_train, y_train, epochs=2", "model.fit(X_train[:64], y_train[:64], epochs=1")],
        "nn.recalibrate_batch_norm(model, X_train, batch_size=120)": [
            ("recalibrate_batch_norm(model, X_train, batch_size=120)",
             "recalibrate_batch_norm(model, X_train[:240], batch_size=120)")]},
    "c5w1a2_char_language_model": {
        "parameters, losses = model(train_x,": [("num_iterations=30000", "num_iterations=3000")]},
    "c5w2a2_emojify": {
        "W, b = model(X_train, Y_train, word_to_vec_map)": [
            ("model(X_train, Y_train, word_to_vec_map)",
             "model(X_train, Y_train, word_to_vec_map, num_iterations=40)")],
        "history = emojifier.fit(": [("epochs=50", "epochs=5")]},
}


def shortened(name: str, source: str) -> str | None:
    """The shortened source of a cell SHORTEN names, else None."""
    for needle, replacements in SHORTEN.get(name, {}).items():
        if needle in source:
            for old, new in replacements:
                assert old in source, f"{name}: {old!r} is no longer in the cell {needle!r}"
                source = source.replace(old, new)
            return source
    return None


def _is_test_cell(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


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


def _explorer_cells(page, name):
    found = []
    for needle, act, draws in EXPLORERS[name]:
        [i] = jlab.find_cells(page, needle)
        found.append((i, needle, act, draws))
    return found


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_explorer_draws_one_figure_and_reacts(shared_page, lab, name):
    page = shared_page
    path = f"solutions/{name}/{name}.ipynb"
    jlab.open_notebook(page, lab, path)
    explorers = _explorer_cells(page, name)
    last = max(i for i, *_ in explorers)
    needed = {i for i, *_ in explorers}
    for needle in NEEDS.get(name, ()):
        [k] = jlab.find_cells(page, needle)
        needed.add(k)
    shortened_cells = 0
    for k, c in enumerate(jlab.cells_json(page)[:last + 1]):     # up to the last explorer
        if c["cell_type"] == "code" and not _is_test_cell(c) and (
                name not in NEEDS or k in needed):
            short = shortened(name, "".join(c["source"]))
            if short is not None:
                jlab.set_source(page, k, short)
                shortened_cells += 1
            jlab.run_cell(page, k)
    assert shortened_cells == len(SHORTEN.get(name, {})), \
        f"{name}: a cell SHORTEN names is no longer before the explorer"
    cells = jlab.cells_json(page)
    assert not errors(cells), f"{name} (solved) shows errors: {errors(cells)}"
    assert not figures_not_drawn(cells), f"figures shown as text: {figures_not_drawn(cells)}"
    for i, needle, act, draws in explorers:
        _check_explorer(page, name, i, act, draws)


def _output_text(page, i):
    return jlab.cell_locator(page, i).locator(".jp-Cell-outputArea").inner_text()


def _check_explorer(page, name, i, act, draws):
    cell = jlab.scroll_to_cell(page, i)
    cell.locator(".jupyter-widgets").first.wait_for()
    images = _images(page, i)
    if draws:
        images.first.wait_for()
    time.sleep(0.3)
    assert images.count() == (1 if draws else 0), \
        f"{name}: {images.count()} figures in cell {i} before any interaction"
    assert _fits(page, i) is None, f"{name}: {_fits(page, i)}"
    assert not jlab.truncated_labels(page, i), jlab.truncated_labels(page, i)
    save_screenshot(cell.locator(".jp-Cell-outputArea"), f"{name}-cell{i}-explorer-before")
    panel = page.evaluate(f"() => {jlab.NOTEBOOK}.id")
    if draws:
        before = images.first.get_attribute("src")
        act(page, cell)
        page.wait_for_function(
            """([id, i, before]) => {
                const imgs = document.getElementById(id).querySelectorAll('.jp-Notebook .jp-Cell')[i]
                    .querySelectorAll('.jp-OutputArea img');
                return imgs.length === 1 && imgs[0].src !== before;
            }""", arg=[panel, i, before], timeout=60_000)
    else:
        before = _output_text(page, i)
        act(page, cell)
        page.wait_for_function(
            """([id, i, before]) => {
                const out = document.getElementById(id).querySelectorAll('.jp-Notebook .jp-Cell')[i]
                    .querySelector('.jp-Cell-outputArea');
                return out.innerText !== before && out.innerText.trim() !== '';
            }""", arg=[panel, i, before], timeout=60_000)
    jlab.wait_idle(page)
    time.sleep(0.5)
    assert images.count() == (1 if draws else 0), \
        f"{name}: {images.count()} figures in cell {i} after one interaction"
    text = _output_text(page, i)
    assert "Traceback" not in text and "Error" not in text, text[-500:]
    save_screenshot(cell.locator(".jp-Cell-outputArea"), f"{name}-cell{i}-explorer-after")


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
