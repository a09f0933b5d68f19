# Two entry points for a fresh machine with Python 3.11+ and Node 20:
#   make run   - virtual environment, trackgen installed, the B2B SaaS example built
#   make test  - the same plus the dev tools (mypy, black, pyright, TypeScript 5.9 and 7
#                from package-lock.json, Chromium from Debian), then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/b2b-saas

.PHONY: run test install dev bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

run: install
	$(BIN)/trackgen build --config $(EXAMPLE)/trackgen.toml
	@echo "Generated code is in $(EXAMPLE)/generated/ (python/ and typescript/)."

dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Chromium from Debian's packages, for the docs page tests (a real browser, driven by
# Playwright for Python; never `playwright install`). Needs root or sudo once.
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null

test: dev node_modules/.package-lock.json $(CHROMIUM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The hostile-plan fuzzer's long profile: 100,000 cases (tests/test_fuzz.py), a fresh
# random seed each run; about two hours on two cores. FUZZ_CASES=20000 runs fewer.
FUZZ_CASES ?= 100000
fuzz: dev node_modules/.package-lock.json
	TRACKGEN_FUZZ=long TRACKGEN_FUZZ_CASES=$(FUZZ_CASES) $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider --hypothesis-show-statistics $(PYTEST_ARGS)

bench: install node_modules/.package-lock.json
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/typewriter.py

clean:
	rm -rf $(VENV) node_modules build dist *.egg-info examples/*/generated
