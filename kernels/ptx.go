package kernels

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed ptx/*.ptx fatbin/*.fatbin
var moduleFS embed.FS

// The kernel modules. Each is loaded on its own: segment when a beam is
// first tracked, elements only when a per-element kernel is launched.
const (
	// SegmentModule (segment.cu) holds the fused kernel gt_segment and
	// the whole-beam kernels gt_extent, gt_accumulate and gt_kick.
	SegmentModule = "segment"
	// ElementsModule (elements.cu) holds gt_elem_<Method>, one kernel per
	// passmethod.
	ElementsModule = "elements"
)

// Modules lists the kernel modules.
var Modules = []string{SegmentModule, ElementsModule}

// MinMajor and MinMinor are the lowest compute capability the embedded
// code runs on (sm_80: A100 and later).
const (
	MinMajor = 8
	MinMinor = 0
)

// ptxFile is one embedded PTX file, for the virtual architecture
// compute_<arch> (arch = 10*major + minor).
type ptxFile struct {
	name string
	arch int
}

// ptxFiles lists the embedded PTX files of module, lowest architecture
// first.
func ptxFiles(module string) ([]ptxFile, error) {
	ents, err := moduleFS.ReadDir("ptx")
	if err != nil {
		return nil, fmt.Errorf("kernels: embedded PTX: %w", err)
	}
	var files []ptxFile
	for _, e := range ents {
		name := e.Name()
		s, ok := strings.CutPrefix(strings.TrimSuffix(name, ".ptx"), module+"_sm")
		if !ok {
			continue
		}
		arch, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("kernels: embedded PTX file %s: architecture %q is not a number", name, s)
		}
		files = append(files, ptxFile{name: name, arch: arch})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("kernels: no embedded PTX for module %q (modules: %s)", module, strings.Join(Modules, ", "))
	}
	sort.Slice(files, func(i, j int) bool { return files[i].arch < files[j].arch })
	return files, nil
}

// Archs returns the virtual architectures of the embedded PTX, e.g.
// [80 90] for compute_80 and compute_90, lowest first.
func Archs() []int {
	files, err := ptxFiles(SegmentModule)
	if err != nil {
		return nil
	}
	a := make([]int, len(files))
	for i, f := range files {
		a[i] = f.arch
	}
	return a
}

// checkCapability returns an error naming the device's capability when
// it is invalid or below MinMajor.MinMinor.
func checkCapability(major, minor int) error {
	if major < 0 || minor < 0 || minor > 9 {
		return fmt.Errorf("kernels: invalid compute capability %d.%d", major, minor)
	}
	if 10*major+minor < 10*MinMajor+MinMinor {
		return fmt.Errorf("kernels: the GPU has compute capability %d.%d; gotrack's kernels need at least %d.%d", major, minor, MinMajor, MinMinor)
	}
	return nil
}

// PTX returns the name and text of module's embedded PTX best suited to a
// GPU of compute capability major.minor: the one for the highest virtual
// architecture not above the device's (the driver JIT-compiles it for the
// device). It returns an error naming the device's capability when that
// is below 8.0. The CUDA backend loads Fatbin instead; PTX is the
// JIT path, kept for comparison and diagnosis.
func PTX(module string, major, minor int) (name string, ptx string, err error) {
	if err := checkCapability(major, minor); err != nil {
		return "", "", err
	}
	files, err := ptxFiles(module)
	if err != nil {
		return "", "", err
	}
	dev := 10*major + minor
	best := -1
	for i, f := range files {
		if f.arch <= dev {
			best = i
		}
	}
	if best < 0 {
		return "", "", fmt.Errorf("kernels: the GPU has compute capability %d.%d; module %s has PTX from compute_%d up", major, minor, module, files[0].arch)
	}
	b, err := moduleFS.ReadFile(path.Join("ptx", files[best].name))
	if err != nil {
		return "", "", fmt.Errorf("kernels: read embedded %s: %w", files[best].name, err)
	}
	return files[best].name, string(b), nil
}

// Fatbin returns the name and contents of module's embedded fat binary:
// machine code for sm_80 (which also runs on 8.6 and 8.9) and sm_90, and
// the compute_90 PTX that the driver JIT-compiles on GPUs without
// matching machine code. It returns an error naming the device's
// capability when that is below 8.0.
func Fatbin(module string, major, minor int) (name string, image []byte, err error) {
	if err := checkCapability(major, minor); err != nil {
		return "", nil, err
	}
	name = module + ".fatbin"
	b, err := moduleFS.ReadFile(path.Join("fatbin", name))
	if err != nil {
		return "", nil, fmt.Errorf("kernels: no embedded fat binary for module %q (modules: %s): %w", module, strings.Join(Modules, ", "), err)
	}
	return name, b, nil
}
