"""c5w1a3_music in a live JupyterLab: the melody synthesised by utils.synth shows an audio
player, and the player plays (its clock moves). Runs the solved notebook only as far as the
first player (the data cells: no model is built)."""
from __future__ import annotations

from . import jlab
from .checks import errors
from .conftest import save_screenshot

NAME = "c5w1a3_music"


def test_c5w1a3_music_player_appears_and_plays(shared_page, lab):
    page = shared_page
    jlab.open_notebook(page, lab, f"solutions/{NAME}/{NAME}.ipynb")
    [i] = jlab.find_cells(page, "display(Audio(real_sound")
    for k, c in enumerate(jlab.cells_json(page)[:i + 1]):
        if c["cell_type"] == "code":
            jlab.run_cell(page, k)
    assert not errors(jlab.cells_json(page)), errors(jlab.cells_json(page))
    cell = jlab.scroll_to_cell(page, i)
    audio = cell.locator(".jp-OutputArea audio")
    audio.first.wait_for()
    assert audio.count() == 1
    assert audio.first.get_attribute("controls") is not None      # the student sees a player
    source = cell.locator(".jp-OutputArea audio source").first.get_attribute("src")
    assert source.startswith("data:audio/wav;base64,")
    duration = audio.first.evaluate(
        "a => new Promise(r => a.readyState >= 1 ? r(a.duration) : "
        "a.addEventListener('loadedmetadata', () => r(a.duration)))")
    assert 10 < duration < 30, duration                           # 64 eighths at 0.25 s, + tail
    # play it (muted: headless, no sound card) and wait until its clock has moved
    audio.first.evaluate("a => { a.muted = true; return a.play(); }")
    page.wait_for_function(
        "a => !a.paused && a.currentTime > 0.2 && !a.error", arg=audio.first.element_handle(),
        timeout=30_000)
    save_screenshot(cell.locator(".jp-Cell-outputArea"), f"{NAME}-audio-player")
