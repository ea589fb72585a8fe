#!/bin/sh
# ptxas-report.sh ARCH PTX...: assemble each PTX file for ARCH (sm_90) with
# ptxas -v and print one line per kernel: registers, stack frame, spill
# stores and loads. Exits non-zero when a kernel uses more than 128
# registers (GT_BOUNDS: two blocks of 256 threads per multiprocessor).
set -eu
arch=$1
shift
bad=0
for ptx in "$@"; do
  echo "-- $ptx ($arch)"
  LC_ALL=C ptxas -arch="$arch" -v -o /dev/null "$ptx" 2>&1 | awk '
    /Compiling entry function/ { split($0, q, "\047"); cur = q[2]; order[++n] = cur; next }
    /Function properties for/ { split($0, w, "for "); props = w[2]; next }
    /bytes stack frame/ { if (props == cur) { st[cur] = $1; ss[cur] = $5; sl[cur] = $9 } next }
    /Used [0-9]+ registers/ { for (i = 1; i <= NF; i++) if ($i == "Used") reg[cur] = $(i + 1); next }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]
        printf "%-40s registers=%-4s stack=%-4s spill_stores=%-4s spill_loads=%s\n", k, reg[k], st[k], ss[k], sl[k]
        if (reg[k] + 0 > 128) over = 1
      }
      exit over
    }' || { echo "over 128 registers in $ptx"; bad=1; }
done
exit $bad
