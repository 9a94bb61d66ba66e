# Frontline: every target installs what it needs on a fresh Debian machine (run as root).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PLUGINS := $(CURDIR)/.build/plugins
PROFILE := $(CURDIR)/.build/qgis-profile
QGIS_PROCESS := /usr/bin/qgis_process.bin
QGIS_ENV := QT_QPA_PLATFORM=offscreen QGIS_PLUGINPATH=$(PLUGINS) QGIS_CUSTOM_CONFIG_PATH=$(PROFILE)
QGIS_PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help test test-core test-qgis lint demo bench install uninstall sample i18n package screenshots clean

help:
	@echo "make demo     run Frontline on the bundled sample through qgis_process"
	@echo "make test     lint and run every test (installs QGIS and test tools when missing)"
	@echo "make bench    benchmarks (ratios measured in one run)"
	@echo "make install  link the plugin into your QGIS profile ($(QGIS_PROFILE_DIR))"

# QGIS from Debian's packages, only when missing.
$(QGIS_PROCESS):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends \
	  qgis python3-qgis qgis-providers gdal-bin python3-venv xvfb xauth

# A virtual environment on Debian's Python (the one QGIS's bindings are built for).
$(VENV)/.installed: requirements-dev.txt | $(QGIS_PROCESS)
	/usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The plugin is reached through a link named frontline, whatever the checkout is called.
$(PLUGINS)/frontline:
	mkdir -p $(PLUGINS)
	ln -sfn $(CURDIR) $(PLUGINS)/frontline

deps: $(VENV)/.installed $(PLUGINS)/frontline

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-core: deps
	$(PY) -m pytest tests/core -p no:pytest_qgis

test-qgis: deps
	$(PY) -m pytest tests/qgis

test: lint test-core test-qgis

sample: deps
	$(PY) tools/make_sample.py sample/frontline_sample.geojson

demo: deps
	$(QGIS_ENV) $(PY) tools/demo.py --out demo-output

bench: deps
	$(PY) bench/run_all.py

install: $(PLUGINS)/frontline
	mkdir -p $(QGIS_PROFILE_DIR)/python/plugins
	ln -sfn $(CURDIR) $(QGIS_PROFILE_DIR)/python/plugins/frontline
	@echo "Linked. Enable Frontline in QGIS: Plugins > Manage and Install Plugins > Installed."

uninstall:
	rm -f $(QGIS_PROFILE_DIR)/python/plugins/frontline

clean:
	rm -rf .build dist demo-output .pytest_cache .hypothesis
