//go:build cuda || nvrtc

package cuda

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gorgonia.org/cu/nvrtc"

	"github.com/gotrack/gotrack/kernels"
)

// This file needs NVRTC only, not the driver: built with -tags nvrtc
// (without cuda) the package holds just it, and its tests check on hosts
// without a GPU that NVRTC compiles programmable elements.

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
// full log.
func compilePushPTX(name, src string, major, minor int) (string, int, error) {
	unit := kernels.PushSource(name, src)
	archs := pushArchs(major, minor)
	for i, arch := range archs {
		ptx, log, err := nvrtcCompile(name, unit, pushOptions(arch))
		if errors.Is(err, nvrtc.InvalidOption) && i+1 < len(archs) {
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

// nvrtcMu serialises NVRTC calls (NVRTC 11.x does not promise that
// concurrent compilations are safe).
var nvrtcMu sync.Mutex

// nvrtcCompile compiles unit with options and returns its PTX and the
// program log.
func nvrtcCompile(name, unit string, options []string) (ptx, log string, err error) {
	nvrtcMu.Lock()
	defer nvrtcMu.Unlock()
	prog, err := nvrtc.CreateProgram(unit, name)
	if err != nil {
		return "", "", fmt.Errorf("create program: %w", err)
	}
	defer prog.Destroy()
	cerr := prog.Compile(options...)
	log, lerr := prog.GetLog()
	log = strings.TrimRight(log, "\x00") // the sizes NVRTC reports count the NUL
	if lerr != nil {
		log = fmt.Sprintf("(no log: %v)", lerr)
	}
	if cerr != nil {
		return "", log, cerr
	}
	if ptx, err = prog.GetPTX(); err != nil {
		return "", log, fmt.Errorf("get PTX: %w", err)
	}
	return strings.TrimRight(ptx, "\x00"), log, nil
}
