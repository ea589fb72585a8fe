//go:build !cuda

package main

import (
	"strings"
	"testing"
)

// TestGPUsNoCUDA: the default build's gpus says it has no CUDA backend and
// reports the gotrack-cuda beside it, with its exit status.
func TestGPUsNoCUDA(t *testing.T) {
	saved := gpuHandoff
	defer func() { gpuHandoff = saved }()
	h := newFakeHost(t, 1, false)
	gpuHandoff.executable = func() (string, error) { return h.bin, nil }

	code, stdout, stderr := gotrack(t, "gpus")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "no CUDA backend and there is no executable gotrack-cuda beside it") {
		t.Errorf("no gotrack-cuda: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	fakeCUDA(t, h, "echo '"+noDevice+"'; exit 1")
	code, stdout, stderr = gotrack(t, "gpus")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "gotrack-cuda cannot use the GPU (exit status 1: "+noDevice+")") {
		t.Errorf("failing gotrack-cuda: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	line := "GPU 0: Fake H200, compute capability 9.0, 132 SMs, 139.8 GiB"
	fakeCUDA(t, h, "echo '"+line+"'")
	code, stdout, stderr = gotrack(t, "gpus")
	if code != 0 || stdout != line+"\n" || !strings.Contains(stderr, "no CUDA backend") {
		t.Errorf("working gotrack-cuda: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
