package kernels

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed ptx/*.ptx
var ptxFS embed.FS

// MinMajor and MinMinor are the lowest compute capability the embedded PTX
// runs on (compute_80: A100 and later).
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

// ptxFiles lists the embedded PTX files, lowest architecture first.
func ptxFiles() ([]ptxFile, error) {
	ents, err := ptxFS.ReadDir("ptx")
	if err != nil {
		return nil, fmt.Errorf("kernels: embedded PTX: %w", err)
	}
	var files []ptxFile
	for _, e := range ents {
		name := e.Name()
		s, ok := strings.CutPrefix(strings.TrimSuffix(name, ".ptx"), "segment_sm")
		if !ok {
			continue
		}
		arch, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("kernels: embedded PTX file %s: architecture %q is not a number", name, s)
		}
		files = append(files, ptxFile{name: name, arch: arch})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].arch < files[j].arch })
	return files, nil
}

// Archs returns the virtual architectures of the embedded PTX, e.g.
// [80 90] for compute_80 and compute_90, lowest first.
func Archs() []int {
	files, err := ptxFiles()
	if err != nil {
		return nil
	}
	a := make([]int, len(files))
	for i, f := range files {
		a[i] = f.arch
	}
	return a
}

// PTX returns the name and text of the embedded PTX best suited to a GPU
// of compute capability major.minor: the one for the highest virtual
// architecture not above the device's (the driver JIT-compiles it for the
// device). It returns an error naming the device's capability when that is
// below 8.0, the lowest gotrack's kernels are built for.
func PTX(major, minor int) (name string, ptx string, err error) {
	if major < 0 || minor < 0 || minor > 9 {
		return "", "", fmt.Errorf("kernels: invalid compute capability %d.%d", major, minor)
	}
	files, err := ptxFiles()
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
		lowest := "none embedded"
		if len(files) > 0 {
			lowest = fmt.Sprintf("%d.%d", files[0].arch/10, files[0].arch%10)
		}
		return "", "", fmt.Errorf("kernels: the GPU has compute capability %d.%d; gotrack's kernels need at least %s", major, minor, lowest)
	}
	b, err := ptxFS.ReadFile(path.Join("ptx", files[best].name))
	if err != nil {
		return "", "", fmt.Errorf("kernels: read embedded %s: %w", files[best].name, err)
	}
	return files[best].name, string(b), nil
}
