# Every target sets up what it needs: a fresh clone runs `make test` or `make chat` and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two steps: what the skill needs to run (chat, serve, package: about 65 MB), then the developers' tools
# (tests, linters, type checks, benchmarks: about 330 MB in all), installed only by the targets that use them.
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed

# Amazon's APL validator (apl-suggester, pinned in tooling/apl/package-lock.json), installed by npm ci.
APL := tooling/apl
APL_VALIDATOR := $(APL)/node_modules/.installed
APL_SCREENS := build/apl-screens

# The review document's browser tools (puppeteer-core and axe-core, pinned in tooling/review/package-lock.json),
# driving Debian's Chromium (apt-get install -y chromium), never a downloaded browser.
REVIEW := tooling/review
REVIEW_TOOLS := $(REVIEW)/node_modules/.installed

.PHONY: chat can-fulfill serve package model test test-fast test-shared apl fuzz loadtest lint bench calibrate mutate review clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(DEV): $(RUNTIME) pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV)

# CHAT_ARGS=--screen: a device with a screen (each screen shown as a line; [Next] touches Next).
chat: $(RUNTIME)
	$(BIN)/python -m skill chat $(CHAT_ARGS)

# What Alexa's name-free routing would be told: make can-fulfill SAY="i have a cramp in my calf" (without
# SAY, one utterance a line from standard input).
can-fulfill: $(RUNTIME)
	$(BIN)/python -m skill can-fulfill $(if $(SAY),"$(SAY)")

serve: $(RUNTIME)
	$(BIN)/python -m skill serve $(SERVE_ARGS)

package: $(RUNTIME)
	$(BIN)/python -m skill package

# Regenerate the interaction model's locale files from interaction_model/grammar/ (commit the result).
model: $(RUNTIME)
	$(BIN)/python -m skill model

$(APL_VALIDATOR): $(APL)/package.json $(APL)/package-lock.json
	npm ci --prefix $(APL) --no-audit --no-fund --loglevel=error
	touch $(APL_VALIDATOR)

$(REVIEW_TOOLS): $(REVIEW)/package.json $(REVIEW)/package-lock.json
	npm ci --prefix $(REVIEW) --no-audit --no-fund --loglevel=error
	touch $(REVIEW_TOOLS)

# The clinician's review document: build/review/index.html, its PDF and the sign-off record to fill in
# (sign-off.json); a signed record committed as sources/sign-off.json is checked against what runs.
review: $(RUNTIME) $(REVIEW_TOOLS)
	$(BIN)/python -m tooling.review

test: $(DEV) $(APL_VALIDATOR) $(REVIEW_TOOLS)
	@command -v chromium >/dev/null || echo "make test: no Chromium, so the review document's browser test is skipped; to run it: apt-get install -y chromium"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(MAKE) --no-print-directory apl
	$(BIN)/python -m pytest -m "not shared"
	$(MAKE) --no-print-directory test-shared

# The inner loop: the in-process tests (conversation, content, handlers, screens, the understanding
# measures), a few minutes. No lint, types, subprocesses, servers, Lambda zip, node or ../shared: `make
# test` before committing runs all of them.
test-fast: $(DEV)
	$(BIN)/python -m pytest -m "not slow and not shared"

# The source snapshots in sources/ against their originals in ../shared (skipped where ../shared is not
# beside the checkout): a change there fails here, not in the inner loop.
test-shared: $(DEV)
	$(BIN)/python -m pytest -m shared

# Every screen the skill sends in whole conversations on an Echo Show, with its real datasources, through
# apl-suggester; any finding fails.
apl: $(RUNTIME) $(APL_VALIDATOR)
	rm -rf $(APL_SCREENS)
	$(BIN)/python -m tooling.screen_samples $(APL_SCREENS)
	node $(APL)/validate.js $(APL_SCREENS)

# The property tests with fresh randomness and 20,000 examples each (make test runs a repeatable few).
fuzz: $(DEV)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py tests/test_web_abuse.py

# The real server, verification on, under 20,000 signed requests at 16 connections: errors and memory.
loadtest: $(DEV)
	$(BIN)/python -m bench.loadtest

# Change each entry of the conversation's transition table in turn and count the changes the tests miss.
mutate: $(DEV)
	$(BIN)/python -m tooling.mutate_transitions

# The estimate of Alexa's statistical layer held to Alexa's published recall (the Snips 2017 benchmark in
# tests/data/snips2017/): recall per intent beside Alexa's, and the fallbackIntentSensitivity thresholds.
calibrate: $(DEV)
	$(BIN)/python -m tooling.estimate.calibration

lint: $(DEV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(DEV)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info $(APL)/node_modules $(REVIEW)/node_modules
