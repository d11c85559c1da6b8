# chidao: `make run` sets everything up and starts the main job; `make test` sets up and runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# st pulls torch 2.13.0 (the CPU build that lies on this machine's disk) for the sentence-transformers backend
EXTRAS ?= e5,st,web,dev

.PHONY: setup system-deps run chat test ingest eval bench load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-$(EXTRAS): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[$(EXTRAS)]"
	touch $@

# antiword reads Word 97 .doc files (TCVN3/VNI legacy documents); chromium runs the browser tests (Playwright
# drives Debian's build, since browser downloads are impossible here). Debian packages, installed when missing.
system-deps:
	@command -v antiword >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq antiword chromium; }

setup: system-deps $(VENV)/.installed-$(EXTRAS)

# load the default corpus (unchanged files are skipped) and start the web service: chat page, widget, API
run: setup
	$(BIN)/chidao ingest corpus
	$(BIN)/chidao serve

# the terminal chat instead of the web page
chat: setup
	$(BIN)/chidao ingest corpus
	$(BIN)/chidao chat

# 20 users asking gold questions for 60 s against a service started on loopback (needs `make ingest` first)
load: setup
	$(BIN)/python -m evals.load --users 20 --seconds 60

ingest: setup
	$(BIN)/chidao ingest corpus

test: setup
	$(BIN)/python -m pytest -q

# everything: both gold splits through chidao (hybrid, lexical-only) and the two baselines (BM25, plain
# llama-index), side by side, plus ALQAC 2022 retrieval when ../shared/benchmarks is there; reports in artifacts/eval
ALQAC ?= ../shared/benchmarks/alqac2022
eval: setup
	$(BIN)/python -m evals.compare --out artifacts/eval $(if $(wildcard $(ALQAC)/qrels.tsv),--alqac $(ALQAC))

# ingest time, cold/warm latency p50/p95, peak RSS, quality: hybrid vs lexical-only vs dense-only
bench: setup
	$(BIN)/python -m evals.bench

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis artifacts
