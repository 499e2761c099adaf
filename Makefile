# Every target sets up what it needs: a fresh clone runs `make test` or `make chat` and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat serve package model test fuzz loadtest lint bench mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

chat: $(STAMP)
	$(BIN)/python -m skill chat

serve: $(STAMP)
	$(BIN)/python -m skill serve $(SERVE_ARGS)

package: $(STAMP)
	$(BIN)/python -m skill package

# Regenerate the interaction model's locale files from interaction_model/grammar/ (commit the result).
model: $(STAMP)
	$(BIN)/python -m skill model

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The property tests with fresh randomness and 20,000 examples each (make test runs a repeatable few).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py tests/test_web_abuse.py

# The real server, verification on, under 20,000 signed requests at 16 connections: errors and memory.
loadtest: $(STAMP)
	$(BIN)/python -m bench.loadtest

# Change each entry of the conversation's transition table in turn and count the changes the tests miss.
mutate: $(STAMP)
	$(BIN)/python tests/mutate_transitions.py

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info
