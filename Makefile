# Frontline: every target installs what it needs on a fresh Debian machine (run as root).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PLUGINS := $(CURDIR)/.build/plugins
PROFILE := $(CURDIR)/.build/qgis-profile
QGIS_ENV := QT_QPA_PLATFORM=offscreen QGIS_PLUGINPATH=$(PLUGINS) QGIS_CUSTOM_CONFIG_PATH=$(PROFILE)
QGIS_PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default

.PHONY: help deps test test-core test-shapely20 test-qgis lint demo bench install uninstall sample i18n i18n-update \
	package screenshots clean

help:
	@echo "make demo     run Frontline on the bundled sample through qgis_process"
	@echo "make test     lint and run every test (installs QGIS and test tools when missing)"
	@echo "make bench    benchmarks (ratios measured in one run)"
	@echo "make install  link the plugin into your QGIS profile ($(QGIS_PROFILE_DIR))"
	@echo "make package  build dist/frontline-<version>.zip for the plugin repository"

# QGIS and build tools from Debian's packages, only those missing.
.build/system-deps.stamp: tools/install_system_deps.sh
	bash tools/install_system_deps.sh
	mkdir -p .build && touch $@

# A virtual environment on Debian's Python (the one QGIS's bindings are built for).
$(VENV)/.installed: requirements-dev.txt .build/system-deps.stamp
	/usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The plugin is reached through a link named frontline, whatever the checkout is called.
$(PLUGINS)/frontline:
	mkdir -p $(PLUGINS)
	ln -sfn $(CURDIR) $(PLUGINS)/frontline

deps: $(VENV)/.installed $(PLUGINS)/frontline

# ruff (lint and format) over everything; bandit over what ships in the plugin.
lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r core processing ui plugin.py __init__.py

test-core: deps
	PYTHONSAFEPATH=1 $(VENV)/bin/pytest tests/core -p no:pytest_qgis -W ignore::pytest.PytestConfigWarning

test-qgis: deps i18n
	PYTHONSAFEPATH=1 $(VENV)/bin/pytest tests/qgis

# The core's tests again with the oldest supported shapely, 2.0.0.
VENV20 := .venv-shapely20
$(VENV20)/.installed: requirements-shapely20.txt .build/system-deps.stamp
	/usr/bin/python3 -m venv --system-site-packages $(VENV20)
	$(VENV20)/bin/python -m pip install --quiet --upgrade pip
	$(VENV20)/bin/python -m pip install --quiet "setuptools<70" "Cython>=0.29,<3" wheel numpy==1.26.4
	$(VENV20)/bin/python -m pip install --quiet --no-build-isolation --no-binary shapely shapely==2.0.0
	$(VENV20)/bin/python -m pip install --quiet -r requirements-shapely20.txt
	touch $@

test-shapely20: $(VENV20)/.installed $(PLUGINS)/frontline
	PYTHONSAFEPATH=1 $(VENV20)/bin/pytest tests/core -W ignore::pytest.PytestConfigWarning

test: lint test-core test-shapely20 test-qgis

sample: deps
	$(PY) tools/make_sample.py sample

demo: deps
	$(QGIS_ENV) $(PY) tools/demo.py --out demo-output

bench: deps
	$(PY) bench/run_all.py

# README images: the dock and the canvas with a loaded map, rendered headless (Xvfb if present).
screenshots: deps
	if command -v xvfb-run >/dev/null 2>&1; then \
		xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) tools/screenshots.py --out docs/images; \
	else \
		QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py --out docs/images; \
	fi

# Ukrainian translation: `make i18n-update` refreshes i18n/*.ts from the code (translations
# kept); `make i18n` compiles them to .qm with Qt's lrelease.
i18n-update: deps
	$(PY) tools/i18n.py update

i18n: deps
	$(PY) tools/i18n.py compile

package: deps i18n
	$(PY) tools/package.py dist

install: $(PLUGINS)/frontline
	mkdir -p $(QGIS_PROFILE_DIR)/python/plugins
	ln -sfn $(CURDIR) $(QGIS_PROFILE_DIR)/python/plugins/frontline
	@echo "Linked. Enable Frontline in QGIS: Plugins > Manage and Install Plugins > Installed."

uninstall:
	rm -f $(QGIS_PROFILE_DIR)/python/plugins/frontline

clean:
	rm -rf .build dist demo-output .pytest_cache .hypothesis
