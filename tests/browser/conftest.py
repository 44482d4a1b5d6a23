"""JupyterLab in headless Chromium: the fixtures of the browser suite.

The suite needs Chromium (Debian's ``chromium`` package, or any Chromium/Chrome binary named by
``COURSE_CHROMIUM``) and Playwright for Python (``pip install -e '.[browser]'``; Playwright's own
browser download is not used). ``make test`` installs both where it can; where either is missing
every test here is SKIPPED with the reason, never passed.

Each JupyterLab server is started as ``make lab`` starts it (``jupyter lab --ip=127.0.0.1
--port=P``), on a free port, with a token, without opening a browser, with the news pop-up
(the announcements plugin) disabled, and on a COPY of the notebooks, so that nothing the tests
type is ever saved into the repository. Screenshots go to ``tests/browser/screenshots/``
(git-ignored; ``COURSE_SCREENSHOTS`` overrides) and are listed at the end of the run.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("COURSE_SCREENSHOTS", Path(__file__).parent / "screenshots"))
DOCS_IMG = ROOT / "docs" / "img"
VIEWPORT = {"width": 1366, "height": 768}          # a laptop's screen
TOKEN = "course-browser-test"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
_saved: list[Path] = []


def chromium_path() -> str | None:
    if os.environ.get("COURSE_CHROMIUM"):              # this binary, or none
        return shutil.which(os.environ["COURSE_CHROMIUM"])
    for candidate in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(candidate):
            return found
    return None


def missing_browser() -> str | None:
    """Why the suite cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("Playwright for Python is not installed (pip install -e '.[browser]', or "
                "`make test`, which installs it)")
    if chromium_path() is None:
        return ("no Chromium binary (apt-get install chromium, or set COURSE_CHROMIUM); "
                "`make test` installs it when run as root")
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on a free port, serving ``notebook_dir``, started in ``cwd``."""

    def __init__(self, notebook_dir: Path, cwd: Path, home: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.notebook_dir = notebook_dir
        config = home / "jupyter-config"
        (config / "labconfig").mkdir(parents=True, exist_ok=True)
        # The news pop-up ("Would you like to get notified about official Jupyter news?")
        # covers the bottom right of the page: disable the plugin that shows it.
        (config / "labconfig" / "page_config.json").write_text(json.dumps(
            {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
        env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "BROWSER": "true",
               "JUPYTER_CONFIG_DIR": str(config),
               "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
               # the kernels import utils/ of THIS checkout, whatever the venv points at
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        cmd = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={notebook_dir}",
               "--ip=127.0.0.1", f"--port={self.port}", "--ServerApp.open_browser=False",
               "--expose-app-in-browser",          # window.jupyterapp: run cells, read outputs
               "--ServerApp.port_retries=0"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log = open(home / f"lab-{self.port}.log", "w")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/api/status?token={TOKEN}", timeout=5)
                break
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterLab did not start; see {self.log.name}")
                time.sleep(0.5)

    def lab_url(self, path: str = "") -> str:
        # ?reset: a fresh workspace, no tabs left open by an earlier test
        return f"{self.url}/lab/tree/{path}?reset&token={TOKEN}" if path else \
            f"{self.url}/lab?reset&token={TOKEN}"

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


@pytest.fixture(scope="session")
def browser_available():
    reason = missing_browser()
    if reason:
        pytest.skip(f"browser suite skipped: {reason}")


@pytest.fixture(scope="session")
def workdir(tmp_path_factory, browser_available):
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def lab(workdir):
    """JupyterLab on a copy of notebooks/ (students' path) and solutions/ (solved notebooks)."""
    served = workdir / "served"
    shutil.copytree(ROOT / "notebooks", served / "notebooks")
    shutil.copytree(ROOT / "solutions", served / "solutions",
                    ignore=shutil.ignore_patterns("mutants", "alternates", "mistakes.py",
                                                  ".ipynb_checkpoints"))
    server = Lab(served, cwd=served, home=workdir / "lab-home")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def context(workdir):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(workdir / "chromium-profile"), executable_path=chromium_path(), headless=True,
            args=CHROMIUM_FLAGS, viewport=VIEWPORT, device_scale_factor=1)
        ctx.set_default_timeout(30_000)
        yield ctx
        ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def shared_page(context):
    """One JupyterLab page for a module's tests: notebooks are opened in it one after another,
    without reloading JupyterLab each time."""
    page = context.new_page()
    yield page
    page.close()


def save_screenshot(page_or_locator, name: str, docs: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page_or_locator.screenshot(path=str(path))
    _saved.append(path)
    # the committed pictures in docs/img change only when asked (COURSE_UPDATE_DOCS=1)
    if docs and os.environ.get("COURSE_UPDATE_DOCS") == "1":     # committed: keep them small
        from PIL import Image
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        Image.open(path).convert("RGB").quantize(colors=128).save(DOCS_IMG / f"{name}.png",
                                                                  optimize=True)
        _saved.append(DOCS_IMG / f"{name}.png")
    return path


def pytest_terminal_summary(terminalreporter):
    if _saved:
        folders = sorted({str(p.parent) for p in _saved})
        terminalreporter.write_line(f"browser suite: {len(_saved)} screenshots in "
                                    + ", ".join(folders))
