#!/usr/bin/env bash
# Configures (once) and builds the libtorch bridge into native/build/libradiogenomics_torch.so.
# Idempotent: a second run with nothing changed is a no-op Ninja/Make pass.
#   Torch_DIR=/path/to/share/cmake/Torch  use another libtorch (e.g. CUDA); changing it reconfigures
#   RGT_BUILD_JOBS=N                      parallel compile jobs (default 2; each needs about 1 GB)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build"
jobs="${RGT_BUILD_JOBS:-2}"

hint="install them with: apt-get install -y --no-install-recommends libtorch-dev cmake (Debian 12), or point Torch_DIR at another libtorch's share/cmake/Torch"
if ! command -v cmake >/dev/null 2>&1; then
  echo "native/build.sh: cmake is missing; $hint" >&2
  exit 1
fi

configure=0
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  configure=1
elif [[ -n "${Torch_DIR:-}" ]] && ! grep -qxF "Torch_DIR:PATH=$Torch_DIR" "$build/CMakeCache.txt"; then
  configure=1
fi

if (( configure )); then
  args=(-S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release)
  if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then
    args+=(-G Ninja)
  fi
  if [[ -n "${Torch_DIR:-}" ]]; then
    args+=("-DTorch_DIR=$Torch_DIR")
  fi
  if ! cmake "${args[@]}"; then
    rm -f "$build/CMakeCache.txt"  # so the next run configures again
    echo "native/build.sh: configuring failed; if libtorch was not found, $hint" >&2
    exit 1
  fi
fi

cmake --build "$build" --parallel "$jobs"
