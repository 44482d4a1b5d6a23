"""Sound in the notebooks: an IPython.display.Audio player shows in JupyterLab and plays.

For each notebook, the cells up to the first player run (solved notebook, test cells left out);
the player's <audio> element must hold a WAV, load it (a duration that matches the sound), start
when the student clicks it, and move on (currentTime > 0) without a media error."""
from __future__ import annotations

import time

import pytest

from . import jlab
from .checks import errors
from .conftest import save_screenshot

# notebook: (a string that identifies the first cell showing a player, the range of its sound's
# length in s, or None)
PLAYERS = {
    "c5w1a3_music": ("display(Audio(real_sound", (10, 30)),    # 64 eighths at 0.25 s, + tail
    "c5w3a2_trigger_word": ("display(Audio(sound, rate=RATE))", None),
}


def _is_test_cell(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


@pytest.mark.parametrize("name", list(PLAYERS))
def test_audio_player_shows_and_plays(shared_page, lab, name):
    page = shared_page
    needle, seconds = PLAYERS[name]
    jlab.open_notebook(page, lab, f"solutions/{name}/{name}.ipynb")
    [i] = jlab.find_cells(page, needle)
    for k, c in enumerate(jlab.cells_json(page)[:i + 1]):
        if c["cell_type"] == "code" and not _is_test_cell(c):
            jlab.run_cell(page, k)
    cells = jlab.cells_json(page)
    assert not errors(cells), f"{name} shows errors: {errors(cells)}"
    cell = jlab.scroll_to_cell(page, i)
    players = cell.locator(".jp-OutputArea audio")
    players.first.wait_for()
    assert players.count() >= 1
    player = players.first
    assert player.get_attribute("controls") is not None, "the player has no controls"
    source = player.evaluate("a => a.currentSrc || a.querySelector('source').src")
    assert source.startswith("data:audio/wav;base64,"), source[:60]
    page.wait_for_function("a => a.readyState >= 1 && isFinite(a.duration)", arg=player.element_handle(),
                           timeout=15_000)
    duration = player.evaluate("a => a.duration")
    assert duration > 0.1 and (seconds is None or seconds[0] < duration < seconds[1]), duration
    save_screenshot(cell.locator(".jp-Cell-outputArea"), f"{name}-cell{i}-audio")
    player.click()                          # a user gesture, as a student's click on the player
    player.evaluate("a => { a.muted = true; return a.play(); }")
    deadline = time.time() + 10
    while time.time() < deadline and player.evaluate("a => a.currentTime") <= 0:
        time.sleep(0.2)
    state = player.evaluate("a => ({t: a.currentTime, error: a.error && a.error.code, "
                            "paused: a.paused})")
    assert state["error"] is None, f"{name}: the player reports a media error {state}"
    assert state["t"] > 0, f"{name}: the player did not play: {state}"
