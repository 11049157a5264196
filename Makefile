# Concert's two everyday commands are `make concert` and `make test`; both run
# `make setup` first, which is fast when everything is already in place.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup test concert concert-down benchmark benchmark-concert benchmark-task unit example rules plan sanity lint build molecule

help:
	@echo "make concert       the platform on a local stage of containers"
	@echo "make test          everything CI runs (unit, example, rules, plan, sanity, lint, build + ansible-doc, molecule)"
	@echo "make setup         venv, Docker engine and base images (idempotent)"
	@echo "make concert-down  remove the local stage"
	@echo "make benchmark     seconds of a first converge and of a rerun, per scenario"
	@echo "make benchmark-concert  the whole concert on 1, 4 and 8 hosts, per stage (HOSTS='1 4 8')"
	@echo "make benchmark-task     what one task costs on a stage host, in time and CPU"
	@echo "make unit | example | rules | plan | sanity | lint | build | molecule   one part of the tests"

setup:
	@scripts/setup.sh all

test: setup
	@scripts/test.sh

concert: setup
	@scripts/concert.sh up

concert-down: setup
	@scripts/concert.sh down

benchmark: setup
	@scripts/benchmark.sh

HOSTS ?= 1 4 8
benchmark-concert: setup
	@.venv/bin/python benchmarks/concert.py --hosts $(HOSTS)

benchmark-task: setup
	@.venv/bin/python benchmarks/task_cost.py

unit example rules plan sanity lint build molecule: setup
	@scripts/test.sh $@
