package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeHost lays out a fake driver tree and a directory with a gotrack
// binary (and optionally gotrack-cuda) under a temporary directory.
type fakeHost struct {
	probe gpuProbe
	bin   string // the running executable
}

func newFakeHost(t *testing.T, gpus int, withCUDA bool) fakeHost {
	t.Helper()
	dir := t.TempDir()
	p := gpuProbe{
		GPUsDir:     filepath.Join(dir, "proc/driver/nvidia/gpus"),
		DevNode:     filepath.Join(dir, "dev/nvidia0"),
		VersionFile: filepath.Join(dir, "proc/driver/nvidia/version"),
	}
	for i := 0; i < gpus; i++ {
		if err := os.MkdirAll(filepath.Join(p.GPUsDir, "0000:0"+string(rune('1'+i))+":00.0"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bindir := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bindir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(bindir, "gotrack")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if withCUDA {
		if err := os.WriteFile(filepath.Join(bindir, cudaBinary), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return fakeHost{probe: p, bin: bin}
}

func TestProbe(t *testing.T) {
	h := newFakeHost(t, 0, false)
	if ok, why := h.probe.present(); ok {
		t.Errorf("empty host: GPU found (%s)", why)
	} else if !strings.Contains(why, "no NVIDIA GPU") {
		t.Errorf("empty host: %q does not say no GPU was found", why)
	}
	h = newFakeHost(t, 2, false)
	if ok, why := h.probe.present(); !ok || !strings.Contains(why, "2 NVIDIA GPU") {
		t.Errorf("two GPUs: present %v (%s)", ok, why)
	}
	// The device node and the driver version file also tell.
	h = newFakeHost(t, 0, false)
	for _, f := range []string{h.probe.DevNode, h.probe.VersionFile} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if ok, _ := h.probe.present(); ok {
			t.Errorf("GPU found from %s alone", f)
		}
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if ok, why := h.probe.present(); !ok {
		t.Errorf("device node and version file: no GPU (%s)", why)
	}
}

// fakeHandoff returns a handoff on the fake host that records the exec
// instead of doing it.
func fakeHandoff(h fakeHost, args []string, execed *[]string) handoff {
	return handoff{
		probe:      h.probe,
		executable: func() (string, error) { return h.bin, nil },
		args:       func() []string { return args },
		exec: func(path string, argv, env []string) error {
			*execed = argv
			if !strings.Contains(strings.Join(env, "\n"), handoffEnv+"=1") {
				return os.ErrInvalid
			}
			return nil
		},
	}
}

func TestHandoff(t *testing.T) {
	args := []string{"track", "--particles", "10", "--device", "auto"}
	for _, c := range []struct {
		name     string
		gpus     int
		withCUDA bool
		dev      string
		handoff  bool
		err      string
	}{
		{"no GPU, auto", 0, true, "auto", false, ""},
		{"no GPU, default", 0, true, "", false, ""},
		{"no GPU, cuda", 0, true, "cuda", false, "no NVIDIA GPU found"},
		{"GPU, no gotrack-cuda, auto", 1, false, "auto", false, ""},
		{"GPU, no gotrack-cuda, cuda", 1, false, "cuda", false, "no executable gotrack-cuda beside it"},
		{"GPU and gotrack-cuda, auto", 1, true, "auto", true, ""},
		{"GPU and gotrack-cuda, cuda", 1, true, "cuda", true, ""},
		{"GPU and gotrack-cuda, cpu", 1, true, "cpu", false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newFakeHost(t, c.gpus, c.withCUDA)
			var execed []string
			ho := fakeHandoff(h, args, &execed)
			var stderr strings.Builder
			job := &trackJob{Stderr: &stderr}
			job.Options.Device = c.dev
			err := ho.beforeTrack(job)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !c.handoff {
				if execed != nil {
					t.Fatalf("handed over to %v", execed)
				}
				return
			}
			want := append([]string{filepath.Join(filepath.Dir(h.bin), cudaBinary)}, args...)
			if !reflect.DeepEqual(execed, want) {
				t.Errorf("exec %q, want %q", execed, want)
			}
		})
	}
}

// TestHandoffHint: with a GPU but no gotrack-cuda, auto's note on the CPU
// run says how to use the GPU.
func TestHandoffHint(t *testing.T) {
	h := newFakeHost(t, 1, false)
	var execed []string
	ho := fakeHandoff(h, nil, &execed)
	var stderr strings.Builder
	job := &trackJob{Stderr: &stderr}
	job.Options.Device = "auto"
	if err := ho.beforeTrack(job); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(job.CPUReason, "go build -tags cuda -o gotrack-cuda ./cmd/gotrack") {
		t.Errorf("no build hint in the CPU note: %q", job.CPUReason)
	}
	if stderr.Len() != 0 {
		t.Errorf("beforeTrack wrote %q; the track command prints the one note", stderr.String())
	}
}

// TestHandoffOnce: the handed-over process never hands over again.
func TestHandoffOnce(t *testing.T) {
	t.Setenv(handoffEnv, "1")
	h := newFakeHost(t, 1, true)
	var execed []string
	if _, err := fakeHandoff(h, nil, &execed).find("auto"); err != errNoHandoff {
		t.Errorf("find in a handed-over process: %v, want errNoHandoff", err)
	}
}

// TestDeviceCUDANoGPU runs the command: --device cuda on a host without a
// GPU fails with a clear message and writes nothing.
func TestDeviceCUDANoGPU(t *testing.T) {
	saved := gpuHandoff
	defer func() { gpuHandoff = saved }()
	h := newFakeHost(t, 0, false)
	gpuHandoff.probe = h.probe
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := gotrack(t, "track", "--particles", "4", "--device", "cuda", "--out", out, "--quiet")
	if code == 0 || !strings.Contains(stderr, "--device cuda: no NVIDIA GPU found") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("output written despite the error")
	}
}
