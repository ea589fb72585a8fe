#!/bin/sh
# install-debian.sh: installs on Debian bookworm what gotrack's CUDA build
# needs: nvcc (nvidia-cuda-toolkit, for go generate ./kernels), cuda.h and
# the link stub of libcuda (nvidia-cuda-dev), and the driver library
# libcuda (libcuda1); NVRTC, which compiles programmable elements at run
# time (gorgonia.org/cu/nvrtc links -lnvrtc), comes with nvidia-cuda-dev:
# it ships nvrtc.h and libnvrtc.so and depends on libnvrtc11.2 and
# libnvrtc-builtins11.8, which a gotrack-cuda binary loads at run time;
# and for the MPI build (go build -tags mpi) OpenMPI:
# mpi.h and libmpi (libopenmpi-dev) and mpirun (openmpi-bin). The CUDA
# packages are in the contrib and non-free components, which the script
# adds to the Components line of /etc/apt/sources.list.d/debian.sources
# when missing.
#
# Idempotent and non-interactive; run as root or with sudo available.
set -eu

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "install-debian.sh: run as root or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
packages="nvidia-cuda-toolkit nvidia-cuda-dev libcuda1 libopenmpi-dev openmpi-bin"

missing=
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "install-debian.sh: already installed:$(printf ' %s' $packages)"
  exit 0
fi

src=/etc/apt/sources.list.d/debian.sources
if [ -f "$src" ]; then
  # Add each missing component to every Components: line.
  for c in contrib non-free non-free-firmware; do
    if grep -q '^Components:' "$src" && grep '^Components:' "$src" | grep -qv "[[:space:]]$c\([[:space:]]\|\$\)"; then
      $SUDO sed -i "/^Components:/{/[[:space:]]$c\([[:space:]]\|\$\)/!s/\$/ $c/}" "$src"
    fi
  done
else
  echo "install-debian.sh: $src not found; make sure contrib and non-free are enabled in your apt sources" >&2
fi

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $missing
echo "install-debian.sh: installed:$missing"
