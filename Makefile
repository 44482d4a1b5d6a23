# The two commands a newcomer needs: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# nbgrader shells out to alembic: the venv's bin/ must be on PATH wherever it runs.
export PATH := $(abspath $(BIN)):$(PATH)
# The course's matrices are small: one BLAS thread per kernel is as fast, and several kernels
# (nbgrader, nbval, a busy laptop) no longer fight over the cores.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_PORT ?= 8888

.PHONY: lab test install sandbox browser datasets weights release check selftest clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The grader runs every student kernel in a bubblewrap sandbox (autograder/sandbox.py). Install
# it where it is missing and we may (root with apt-get); elsewhere say how, and carry on: the
# course CLI then refuses to grade without --unsafe-no-sandbox, and the sandbox tests skip.
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq bubblewrap) >/dev/null 2>&1 \
	      || echo "could not install bubblewrap: grading needs it"; \
	  else echo "bubblewrap is missing: sudo apt-get install bubblewrap (grading needs it)"; fi; }

# The browser suite (tests/browser) drives JupyterLab in headless Chromium through Playwright for
# Python. Install both where we may (Chromium from apt-get as root, Playwright into the venv from
# the `browser` extra); elsewhere say how, and carry on: the suite then SKIPS, saying why.
# (Playwright's own browser download is never used: it drives the system's Chromium.)
browser: $(STAMP)
	@$(BIN)/python -c "import playwright.sync_api" >/dev/null 2>&1 \
	  || $(BIN)/python -m pip install --quiet -e '.[browser]' >/dev/null 2>&1 \
	  || echo "could not install Playwright (pip install -e '.[browser]'): browser tests skip"
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
	      || echo "could not install chromium: browser tests skip"; \
	  else echo "chromium is missing: sudo apt-get install chromium (browser tests skip)"; fi; }

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 --port=$(LAB_PORT) $(ROOT_FLAG)

# Every test's time goes to a junit report: `python benchmarks/ci_time.py .venv/pytest-junit.xml`
# prints it per group with the projection to 26 assignments (README, "Running the tests").
PYTEST_ARGS ?= --junitxml=$(VENV)/pytest-junit.xml

test: $(STAMP) sandbox browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rebuild every committed data file from its source and rewrite datasets/MANIFEST.json.
datasets: $(STAMP)
	$(BIN)/python datasets/build_all.py

# Train every shipped weight file (datasets/train_*.py) and record it in the manifest: slow.
weights: $(STAMP)
	$(BIN)/python datasets/train_all.py

release: $(STAMP)
	$(BIN)/course release

check: $(STAMP)
	$(BIN)/course check

selftest: $(STAMP)
	$(BIN)/course selftest

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
