#!/usr/bin/env bash
# Create a virtual environment and install polyglot_press with its dev extras.
# CPU PyTorch goes in first: argostranslate depends on torch, and without a CPU build already
# installed pip would pull several GB of CUDA wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  "$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
fi
"$VENV/bin/python" -m pip install --quiet -e ".[dev,dask]"
echo "polyglot_press installed in $VENV ($("$VENV/bin/polyglot-press" --version))"
