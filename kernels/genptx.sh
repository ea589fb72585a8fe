#!/bin/sh
# genptx.sh MODULE ARCH OUT: compile MODULE.cu (segment, elements) to PTX
# for the virtual architecture ARCH (compute_80, compute_90) into OUT,
# relative to this directory. Run by "go generate ./kernels".
#
# nvcc 11.8's NVVM optimiser lays out code in an order that depends on the
# addresses of its own data structures, so the same source gives slightly
# different (equivalent) PTX from one run to the next. To make the output
# reproducible (CI regenerates it and compares with the committed files),
# nvcc runs here with address-space randomisation off (setarch -R), a fixed
# stack limit, an empty environment, and the sources copied into a fixed
# build directory, so that its memory layout is the same on every run.
set -eu
module=$1
arch=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
nvcc=$(command -v nvcc) || { echo "genptx.sh: nvcc not found (install the CUDA toolkit: scripts/install-debian.sh)" >&2; exit 1; }
build=/tmp/gotrack-genptx-$arch
rm -rf "$build"
mkdir -p "$build/src" "$build/tmp"
cp "$here"/*.cu "$here"/*.cuh "$here"/*.h "$build/src/"
(
  cd "$build/src"
  ulimit -s 8192
  env -i PATH="$(dirname "$nvcc"):/usr/bin:/bin" HOME="$build" TMPDIR="$build/tmp" LC_ALL=C \
    setarch -R nvcc -ptx -fmad=false --std=c++14 -arch="$arch" -o out.ptx "$module.cu"
)
case $out in
/*) dest=$out ;;
*) dest=$here/$out ;;
esac
mkdir -p "$(dirname "$dest")"
mv "$build/src/out.ptx" "$dest"
rm -rf "$build"
