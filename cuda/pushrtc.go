//go:build cuda || nvrtc

package cuda

import (
	"errors"
	"fmt"
	"slices"

	"github.com/gotrack/gotrack/kernels"
)

// This file needs NVRTC only, not the driver: built with -tags nvrtc
// (without cuda) the package holds just it and nvrtc.go (the dlopen
// binding of NVRTC), and its tests check on hosts without a GPU that NVRTC
// compiles programmable elements.

// pushOptions are the NVRTC options of a programmable element for the
// virtual architecture compute_<arch>: as for the engine's kernels
// (genptx.sh), no FMA contraction.
func pushOptions(arch int) []string {
	return []string{fmt.Sprintf("--gpu-architecture=compute_%d", arch), "--fmad=false"}
}

// pushArchs returns the virtual architectures to try for a GPU of compute
// capability major.minor, best first: the device's own, then those of the
// embedded PTX below it (an NVRTC older than the GPU refuses the device's
// architecture; the driver JIT-compiles PTX of a lower one).
func pushArchs(major, minor int) []int {
	dev := 10*major + minor
	archs := []int{dev}
	lower := kernels.Archs()
	slices.Reverse(lower)
	for _, a := range lower {
		if a < dev {
			archs = append(archs, a)
		}
	}
	return archs
}

// compilePushPTX compiles the programmable element name, whose user
// source src defines gotrack_push, with NVRTC into PTX for a GPU of
// compute capability major.minor (see pushArchs). It returns the PTX and
// the architecture used. A compile error returns an error holding NVRTC's
// full log; a host without NVRTC, an error naming the libraries tried.
func compilePushPTX(name, src string, major, minor int) (string, int, error) {
	if _, err := loadNVRTC(); err != nil {
		return "", 0, fmt.Errorf("cuda: compile programmable element %q: %w", name, err)
	}
	unit := kernels.PushSource(name, src)
	archs := pushArchs(major, minor)
	for i, arch := range archs {
		ptx, log, err := nvrtcCompile(name, unit, pushOptions(arch))
		if errors.Is(err, errNVRTCInvalidOption) && i+1 < len(archs) {
			continue // this NVRTC does not know compute_<arch>
		}
		if err != nil {
			return "", arch, fmt.Errorf("cuda: compile programmable element %q with NVRTC for compute_%d (its source must define %s): %w; NVRTC log:\n%s",
				name, arch, kernels.PushSignature, err, log)
		}
		return ptx, arch, nil
	}
	panic("unreachable: pushArchs returns at least one architecture")
}
