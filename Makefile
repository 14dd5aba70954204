# Bone Health Companion. `make run` and `make test` are the two commands a new machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_INTRA_OP_PARALLELISM_THREADS := 2
export TF_INTER_OP_PARALLELISM_THREADS := 2
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

MODEL := models/bone-health.tar.gz
SPACY_MODEL := var/spacy/en_bone_health/meta.json
GENERATED := data/generated/faq_nlu.yml
CONTENT := $(shell find content -name '*.yml') bot/content/__init__.py bot/safety/content.py
WIDGET := web/vendor/socket.io.min.js
TRAINING_INPUTS := domain.yml config.yml $(shell find data -name '*.yml' -not -path 'data/generated/*') \
	$(GENERATED) $(SPACY_MODEL) $(wildcard bot/nlu/*.py)

.PHONY: help install train run cluster test lint validate crossval bench eval reference clean

help: ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV)/.installed $(WIDGET) ## create .venv (Python 3.10) and install the pinned requirements

$(VENV)/.installed: requirements.lock scripts/install.sh
	scripts/install.sh
	touch $@

$(WIDGET): web/package-lock.json scripts/install_web.sh
	scripts/install_web.sh

$(SPACY_MODEL): $(VENV)/.installed content/drugs.yml content/vocabulary.yml bot/nlu/spacy_pipeline.py
	$(BIN)/python -m bot.nlu.spacy_pipeline

$(GENERATED): $(VENV)/.installed $(CONTENT)
	$(BIN)/python -m bot.content build

train: $(MODEL) ## build the spaCy pipeline and train (skipped when nothing changed)

# --force: Rasa's cache keys on data and config, not on the spaCy pipeline's files or content/vocabulary.yml, so a
# cached run could reuse features a lexicon change made stale (a clean clone would train differently)
$(MODEL): $(TRAINING_INPUTS)
	$(RASA) train --force --fixed-model-name bone-health --out models
	touch $@

reference: $(VENV)/.installed ## build the staff script book (var/reference/index.html; BONE_HEALTH_VAR_DIR)
	$(BIN)/python -m bot.reference build

run: train reference $(WIDGET) ## install, train if needed, start the action server, Rasa and the web page
	$(BIN)/python -m bot.serve

cluster: train reference $(WIDGET) ## `make run` on PostgreSQL, Redis, nginx and REPLICAS Rasa replicas (docs/cluster.md)
	scripts/install_cluster.sh
	$(BIN)/python -m bot.serve.cluster

validate: $(GENERATED) ## check domain, data and stories (warnings fail)
	$(BIN)/python -m bot.tools.validate

test: lint train validate $(WIDGET) ## install, lint, train and run the whole test suite
	$(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --out results/core
	$(BIN)/python -m pytest -q --durations=15 tests

lint: $(VENV)/.installed ## ruff: lint and formatting check (pyproject.toml)
	$(BIN)/ruff check bot actions tests
	$(BIN)/ruff format --check bot actions tests

eval: train ## dev and frozen test sets, multi-turn conversations, classifier cross-validation, safety recall
	$(BIN)/python -m bot.tools.evaluate
	$(BIN)/python -m bot.tools.conversations
	$(BIN)/python -m bot.tools.crossval
	$(BIN)/python -m bot.tools.safety_eval

crossval: $(GENERATED) ## cross-validation of the answer classifier alone (5 folds of the training examples)
	$(BIN)/python -m bot.tools.crossval

bench: train ## vs Rasa's starter bot, then locust on make run / cluster (results/bench.md; BENCH_ARGS, LOAD_ARGS)
	scripts/install_cluster.sh
	$(BIN)/python -m bot.tools.bench $(BENCH_ARGS)
	$(BIN)/python -m bot.tools.load $(LOAD_ARGS)

clean: ## remove models, generated data and run-time files
	rm -rf models data/generated var results
