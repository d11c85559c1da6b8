# chidao: `make run` sets everything up and starts the main job; `make test` sets up and runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# st pulls torch 2.13.0 (the CPU build that lies on this machine's disk) for the sentence-transformers backend
EXTRAS ?= e5,st,web,dev

.PHONY: setup system-deps run test ingest eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-$(EXTRAS): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[$(EXTRAS)]"
	touch $@

# antiword reads Word 97 .doc files (TCVN3/VNI legacy documents); a Debian package, installed when missing
system-deps:
	@command -v antiword >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq antiword; }

setup: system-deps $(VENV)/.installed-$(EXTRAS)

# load the default corpus (unchanged files are skipped) and start the terminal chat
run: setup
	$(BIN)/chidao ingest corpus
	$(BIN)/chidao chat

ingest: setup
	$(BIN)/chidao ingest corpus

test: setup
	$(BIN)/python -m pytest -q

# the full evaluation on the development gold set, with reports in artifacts/eval
eval: setup ingest
	$(BIN)/chidao eval --gold evals/gold/dev.jsonl --out artifacts/eval

# ingest time, cold/warm latency p50/p95, peak RSS, quality: hybrid vs lexical-only vs dense-only
bench: setup
	$(BIN)/python -m evals.bench

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis artifacts
