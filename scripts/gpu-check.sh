#!/usr/bin/env bash
# gpu-check.sh: check gotrack on a GPU host that has no Go toolchain.
#
#   scripts/gpu-check.sh build [PACK]   on a machine with Go, cgo and the CUDA
#                                       headers (scripts/install-debian.sh):
#                                       builds everything the GPU host needs
#                                       into PACK (default gpu-pack/, ignored
#                                       by git): gotrack-cuda, the cuda test
#                                       binary, the GPU benchmark, an .npy
#                                       comparer and the testdata they read,
#                                       as one compressed archive.
#   scripts/gpu-check.sh run [PACK]     on the GPU host, from the repository
#                                       root: unpacks PACK and runs, within
#                                       about 8 minutes on an H100/H200
#                                       class host: the GPU probe, selftest,
#                                       the cuda test binary, a gotrack-cuda
#                                       job compared with the CPU backend,
#                                       and bench/gpu (N = 1e3 to 1e7). Logs
#                                       and summary.md go to $OUT (the
#                                       device tool's output folder) or
#                                       gpu-check-out/.
#
# GPU_CHECK_QUICK=1 makes `run` small (2000-particle job, bench/gpu up to
# N = 1e4, the cuda tests with -test.short): CI runs it that way under the
# stand-in.
#
# The binaries are built here and run there: the GPU host needs the NVIDIA
# driver (libcuda.so.1) and a glibc at least as new as the build machine's.
# Under the CPU stand-in of the driver (scripts/cuda-standin-test.sh puts
# it on LD_LIBRARY_PATH) `run` also works without a GPU, which is how CI
# keeps this script working; the figures are then not GPU figures.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
pack=${2:-gpu-pack}

build() {
  command -v go >/dev/null || { echo "gpu-check.sh build: needs Go" >&2; exit 1; }
  rm -rf "$pack"
  mkdir -p "$pack"
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/gotrack/bin" "$stage/gotrack/cuda"
  # Stripped binaries: the pack must stay small (the device tool carries
  # at most 64 MiB).
  local ld="-s -w"
  echo "gpu-check.sh: building gotrack-cuda, the cuda test binary, bench/gpu and npycmp"
  go build -tags cuda -ldflags "$ld" -o "$stage/gotrack/bin/gotrack-cuda" ./cmd/gotrack
  go test -c -tags cuda -ldflags "$ld" -o "$stage/gotrack/cuda/cuda.test" ./cuda
  go build -tags cuda -ldflags "$ld" -o "$stage/gotrack/bin/bench-gpu" ./bench/gpu
  go build -ldflags "$ld" -o "$stage/gotrack/bin/npycmp" ./scripts/npycmp
  # The cuda tests read ../testdata from their package directory, the
  # benchmark testdata/ from the root.
  mkdir -p "$stage/gotrack/testdata"
  (cd testdata && tar cf - .) | (cd "$stage/gotrack/testdata" && tar xf -)
  git rev-parse HEAD >"$stage/gotrack/COMMIT" 2>/dev/null || echo unknown >"$stage/gotrack/COMMIT"
  tar -C "$stage" -cJf "$pack/gotrack-gpu.tar.xz" gotrack
  ls -l "$pack"
  echo "gpu-check.sh: packed $(du -h "$pack/gotrack-gpu.tar.xz" | cut -f1) into $pack/gotrack-gpu.tar.xz (commit $(cat "$stage/gotrack/COMMIT"))"
}

# step NAME LIMIT CMD...: runs CMD with a time limit, its output in
# $out/NAME.log, and records pass/fail and the time in the summary.
step() {
  local name=$1 limit=$2
  shift 2
  local t0 rc
  t0=$(date +%s.%N)
  echo "== $name: $*" | tee -a "$out/run.log"
  set +e
  timeout "$limit" "$@" >"$out/$name.log" 2>&1
  rc=$?
  set -e
  local dt
  dt=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  tail -n 5 "$out/$name.log" | sed 's/^/   /' | tee -a "$out/run.log"
  local verdict=pass
  if [ "$rc" -ne 0 ]; then verdict="FAIL (exit $rc)"; [ "$rc" -eq 124 ] && verdict="FAIL (over ${limit})"; failed=$((failed + 1)); fi
  printf '| %s | %s | %s s |\n' "$name" "$verdict" "$dt" >>"$out/steps.md"
  return 0
}

run() {
  out=${OUT:-gpu-check-out}
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  : >"$out/steps.md"
  : >"$out/run.log"
  failed=0
  [ -f "$pack/gotrack-gpu.tar.xz" ] || { echo "gpu-check.sh run: $pack/gotrack-gpu.tar.xz not found (run 'scripts/gpu-check.sh build' on a machine with Go first)" >&2; exit 1; }
  work=$(mktemp -d)
  tar -C "$work" -xJf "$pack/gotrack-gpu.tar.xz"
  g=$work/gotrack
  bin=$g/bin
  echo "gpu-check.sh: commit $(cat "$g/COMMIT"), host $(hostname), $(nproc) CPUs" | tee "$out/run.log"
  nvidia-smi -L >"$out/nvidia-smi.log" 2>&1 || echo "(nvidia-smi not available)" >>"$out/nvidia-smi.log"

  local np=100000 nturns=100 bench=(-nmax 10000000 -cpunmax 1000000) short=()
  if [ -n "${GPU_CHECK_QUICK:-}" ]; then
    np=2000 nturns=5 bench=(-nmax 10000 -cpunmax 10000 -turns 1) short=(-test.short)
  fi
  step probe 60s "$bin/gotrack-cuda" gpus
  step selftest 240s "$bin/gotrack-cuda" selftest
  step cuda-tests 300s bash -c "cd '$g/cuda' && ./cuda.test -test.v -test.count=1 -test.timeout 290s ${short[*]:-}"
  # A gotrack-cuda job against the CPU backend: same beam, same outputs.
  local jg=$work/job-gpu jc=$work/job-cpu
  local job=(track "$g/testdata/lattices/hmba.json" --particles "$np" --seed 7 --turns "$nturns" --refpts 0,end --moments --quiet)
  step job-gpu 120s "$bin/gotrack-cuda" "${job[@]}" --device cuda --out "$jg"
  step job-cpu 240s "$bin/gotrack-cuda" "${job[@]}" --device cpu --out "$jc"
  step job-compare 60s "$bin/npycmp" -rel 1e-9 "$jc" "$jg"
  step bench-gpu 300s bash -c "cd '$g' && '$bin/bench-gpu' ${bench[*]} -json '$out/bench-gpu.json'"
  cp "$jg/summary.json" "$out/job-gpu-summary.json" 2>/dev/null || true
  cp "$jc/summary.json" "$out/job-cpu-summary.json" 2>/dev/null || true

  {
    echo "# gpu-check $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "commit $(cat "$g/COMMIT"); $(head -n 1 "$out/probe.log" 2>/dev/null)"
    echo
    echo "| step | result | time |"
    echo "|---|---|---:|"
    cat "$out/steps.md"
    echo
    echo "## bench/gpu"
    echo
    cat "$out/bench-gpu.log"
  } >"$out/summary.md"
  cat "$out/summary.md"
  rm -rf "$work"
  if [ "$failed" -ne 0 ]; then
    echo "gpu-check.sh: $failed step(s) failed" >&2
    exit 1
  fi
}

case $mode in
build) build ;;
run) run ;;
*)
  echo "usage: scripts/gpu-check.sh build|run [PACK]" >&2
  exit 2
  ;;
esac
