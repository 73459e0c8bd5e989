# Shortcuts for tasks.py (which needs only Python 3.11; make is optional).
.PHONY: help setup report test lab
PYTHON ?= python3

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: ## create .venv with the pinned requirements, slant and its offline data
	$(PYTHON) tasks.py setup

report: ## set up, then run the full report on seeds/ into outputs/<run>/
	$(PYTHON) tasks.py report

test: ## set up, then run the whole test suite
	$(PYTHON) tasks.py test

lab: ## set up, then open JupyterLab on notebooks/ with the explorer (07_explore)
	$(PYTHON) tasks.py lab
