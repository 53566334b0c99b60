#!/bin/sh
# Source this to train with OpenBLAS instead of Debian's reference BLAS (about 4x faster on one core).
# The library is unpacked from Debian's package into a local folder; nothing is installed system-wide.
# Without apt-get (or offline) training still works, only slower.
here=$(cd "$(dirname "$0")" 2>/dev/null && pwd || pwd)
dir="${GAME24_CACHE:-$here/.cache}/openblas"
lib="$dir/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ ! -f "$lib/libblas.so.3" ] && command -v apt-get >/dev/null 2>&1; then
  mkdir -p "$dir" && (cd "$dir" && apt-get download -q libopenblas0-pthread >/dev/null 2>&1 \
    && dpkg-deb -x libopenblas0-pthread_*.deb .)
fi
if [ -f "$lib/libblas.so.3" ]; then
  export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
