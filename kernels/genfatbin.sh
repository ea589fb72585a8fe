#!/bin/sh
# genfatbin.sh MODULE: assemble the committed PTX of MODULE (ptx/MODULE_sm80.ptx,
# ptx/MODULE_sm90.ptx) into machine code for sm_80 and sm_90 with ptxas, and
# pack both with the compute_90 PTX (JIT-compiled by the driver on newer
# GPUs) into fatbin/MODULE.fatbin. Run by "go generate ./kernels" after
# genptx.sh. ptxas's resource report (registers, stack, spills per kernel)
# goes to fatbin/MODULE.ptxas.txt, committed beside the fatbin so that a
# change of occupancy shows in review.
#
# ptxas and fatbinary are deterministic for a given PTX; the images are not
# compressed (the driver loads them as they are, and the CPU stand-in of
# the driver finds the kernel names in them).
set -eu
module=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v ptxas >/dev/null 2>&1 || { echo "genfatbin.sh: ptxas not found (install the CUDA toolkit: scripts/install-debian.sh)" >&2; exit 1; }
build=$(mktemp -d /tmp/gotrack-genfatbin-XXXXXX)
trap 'rm -rf "$build"' EXIT
mkdir -p "$here/fatbin"
report=$here/fatbin/$module.ptxas.txt
: >"$report"
for sm in 80 90; do
  ptx=$here/ptx/${module}_sm$sm.ptx
  # -O3 is ptxas's default; named so that the report says what it is.
  env LC_ALL=C ptxas -O3 -arch=sm_$sm -v --warn-on-spills -o "$build/${module}_sm$sm.cubin" "$ptx" 2>"$build/ptxas.log"
  # Keep the resource lines, one kernel per pair, without file names.
  sed -e "s#$here/##" -e "s#$build/##" "$build/ptxas.log" >>"$report"
done
env LC_ALL=C fatbinary -64 --create="$build/$module.fatbin" --compress=false \
  --image=profile=sm_80,file="$build/${module}_sm80.cubin" \
  --image=profile=sm_90,file="$build/${module}_sm90.cubin" \
  --image=profile=compute_90,file="$here/ptx/${module}_sm90.ptx"
mv "$build/$module.fatbin" "$here/fatbin/$module.fatbin"
