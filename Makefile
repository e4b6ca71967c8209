# Backprop, step by step: the two commands (and a few more for maintainers).
#   make lab          set up .venv if needed, open the series in JupyterLab (127.0.0.1, token on)
#   make test         set up .venv with test tools if needed, run every test (unit, strict nbval, browser)
#   make regenerate   re-execute every notebook in a clean kernel and store its outputs
#   make bench        print speed figures (never asserted)
# Without make (e.g. Windows), see README.md for the plain pip commands.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test

.PHONY: lab test regenerate bench lint clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(LAB_STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

$(TEST_STAMP): requirements-test.txt $(LAB_STAMP)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-test.txt
	@touch $@

lab: $(LAB_STAMP)
	$(PY) -m jupyterlab --ServerApp.ip=127.0.0.1 notebooks/00_welcome.ipynb

test: $(TEST_STAMP)
	$(PY) -m pytest

regenerate: $(TEST_STAMP)
	$(PY) tools/regenerate.py

bench: $(TEST_STAMP)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

lint: $(TEST_STAMP)
	$(PY) -m ruff check helpers tests tools bench

clean:
	rm -rf $(VENV) build *.egg-info
