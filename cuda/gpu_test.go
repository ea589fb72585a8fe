//go:build !cuda

package cuda

import (
	"os"
	"os/exec"
	"testing"
)

// nvidiaGPU reports whether an NVIDIA GPU and its driver are present: the
// same probe as cmd/gotrack's hand-over to gotrack-cuda.
func nvidiaGPU() bool {
	if ents, err := os.ReadDir("/proc/driver/nvidia/gpus"); err == nil && len(ents) > 0 {
		return true
	}
	_, err1 := os.Stat("/dev/nvidia0")
	_, err2 := os.Stat("/proc/driver/nvidia/version")
	return err1 == nil && err2 == nil
}

// TestCUDASuite runs the GPU test suite (go test -tags cuda ./cuda) in a
// subprocess when this host has an NVIDIA GPU, so that a plain
// "go test ./..." on a GPU machine checks the GPU backend too. Elsewhere it
// is skipped: this package's tests need the CUDA driver. It is not part
// of the -tags cuda build, which is that suite.
func TestCUDASuite(t *testing.T) {
	if !nvidiaGPU() {
		t.Skip("no NVIDIA GPU on this host: the CUDA conformance suite runs with `go test -tags cuda ./cuda` on a GPU machine")
	}
	// go test puts the bin directory of its own GOROOT first in the test's
	// PATH (Go 1.19 and later), so this finds the go command running us.
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("NVIDIA GPU present but no go command to build the CUDA suite: run `go test -tags cuda ./cuda`")
	}
	args := []string{"test", "-tags", "cuda", "-count=1"}
	if testing.Short() {
		args = append(args, "-short")
	}
	cmd := exec.Command(gobin, append(args, ".")...)
	out, err := cmd.CombinedOutput()
	t.Logf("go %v:\n%s", args, out)
	if err != nil {
		t.Fatalf("CUDA suite failed (needs the CUDA toolkit headers and libcuda to build; see README): %v", err)
	}
}
