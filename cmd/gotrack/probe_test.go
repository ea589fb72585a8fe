package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The messages of the fake gotrack-cuda probes.
const (
	libcudaMissing = "gotrack-cuda: error while loading shared libraries: libcuda.so.1: cannot open shared object file: No such file or directory"
	noDevice       = "Error in initialization: NoDevice"
)

// fakeCUDA writes the gotrack-cuda beside h's gotrack as a shell script
// with body, which also records its arguments in a file; it returns that
// file's path.
func fakeCUDA(t *testing.T, h fakeHost, body string) string {
	t.Helper()
	dir := filepath.Dir(h.bin)
	argsFile := filepath.Join(dir, "probe-args")
	script := "#!/bin/sh\necho \"$@\" > " + argsFile + "\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, cudaBinary), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return argsFile
}

// TestHandoffProbe: gotrack-cuda is handed the command only when its
// "gpus" probe succeeds; a failed probe falls back to the CPU under
// --device auto and fails --device cuda, with the exit status and the last
// line the probe wrote.
func TestHandoffProbe(t *testing.T) {
	args := []string{"track", "--particles", "10", "--turns", "2"}
	for _, c := range []struct {
		name, body string
		why        string // "" when the probe succeeds
	}{
		{"probe ok", "echo 'GPU 0: Fake H200, compute capability 9.0, 132 SMs, 139.8 GiB'; exit 0", ""},
		{"exit 1", "echo " + "'" + noDevice + "'" + "; exit 1", "gotrack-cuda cannot use the GPU (exit status 1: " + noDevice + ")"},
		{"exit 127", "echo some noise >&2; echo '" + libcudaMissing + "' >&2; exit 127", "gotrack-cuda cannot use the GPU (exit status 127: " + libcudaMissing + ")"},
	} {
		for _, dev := range []string{"auto", "cuda"} {
			t.Run(c.name+"/"+dev, func(t *testing.T) {
				h := newFakeHost(t, 1, false)
				argsFile := fakeCUDA(t, h, c.body)
				var execed []string
				ho := fakeHandoff(h, args, &execed)
				ho.timeout = 10 * time.Second
				var stderr strings.Builder
				job := &trackJob{Stderr: &stderr}
				job.Options.Device = dev
				err := ho.beforeTrack(job)
				if got, _ := os.ReadFile(argsFile); strings.TrimSpace(string(got)) != "gpus" {
					t.Errorf("probe run with arguments %q, want \"gpus\"", got)
				}
				if stderr.Len() != 0 {
					t.Errorf("beforeTrack wrote %q", stderr.String())
				}
				switch {
				case c.why == "":
					if err != nil {
						t.Fatal(err)
					}
					want := append([]string{filepath.Join(filepath.Dir(h.bin), cudaBinary)}, args...)
					if !reflect.DeepEqual(execed, want) {
						t.Errorf("exec %q, want %q", execed, want)
					}
				case dev == "auto":
					if err != nil {
						t.Fatalf("--device auto with a failed probe: %v, want a CPU run", err)
					}
					if execed != nil {
						t.Errorf("handed over to %v despite the failed probe", execed)
					}
					if job.CPUReason != c.why {
						t.Errorf("CPU note %q, want %q", job.CPUReason, c.why)
					}
				default:
					if err == nil || err.Error() != "--device cuda: "+c.why {
						t.Errorf("error %v, want %q", err, "--device cuda: "+c.why)
					}
					if execed != nil {
						t.Errorf("handed over to %v despite the failed probe", execed)
					}
				}
			})
		}
	}
}

// TestProbeTimeout: a probe that hangs is given up after the timeout.
func TestProbeTimeout(t *testing.T) {
	h := newFakeHost(t, 1, false)
	fakeCUDA(t, h, "exec sleep 30")
	start := time.Now()
	_, err := probeCUDA(filepath.Join(filepath.Dir(h.bin), cudaBinary), 200*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "no answer within 200ms") {
		t.Errorf("error %v, want one saying the probe did not answer", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the probe took %v to give up", d)
	}
}

// TestTrackProbeFallback runs the command on a fake GPU host whose
// gotrack-cuda cannot start: it tracks on the CPU with one line on stderr
// saying why, and with --quiet says nothing.
func TestTrackProbeFallback(t *testing.T) {
	saved := gpuHandoff
	defer func() { gpuHandoff = saved }()
	h := newFakeHost(t, 1, false)
	fakeCUDA(t, h, "echo '"+libcudaMissing+"' >&2; exit 127")
	gpuHandoff.probe = h.probe
	gpuHandoff.executable = func() (string, error) { return h.bin, nil }
	gpuHandoff.exec = func(path string, argv, env []string) error {
		t.Errorf("handed over to %v", argv)
		return nil
	}
	gpuHandoff.off = "" // the MPI build never hands over; this tests the default build's path
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := gotrack(t, "track", hmbaFile, "-n", "5", "--turns", "1", "--threads", "2", "--out", out)
	want := "gotrack: gotrack-cuda cannot use the GPU (exit status 127: " + libcudaMissing + "); running on the CPU (2 threads)\n"
	if code != 0 || stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(out, "final.npy")); err != nil {
		t.Errorf("the CPU run wrote no final.npy: %v", err)
	}
	code, _, stderr = gotrack(t, "track", hmbaFile, "-n", "5", "--turns", "1", "--out", out, "--quiet")
	if code != 0 || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = gotrack(t, "track", hmbaFile, "-n", "5", "--turns", "1", "--out", out, "--device", "cuda")
	if code == 0 || !strings.Contains(stderr, "--device cuda: gotrack-cuda cannot use the GPU (exit status 127: "+libcudaMissing+")") {
		t.Errorf("--device cuda: exit %d, stderr %q", code, stderr)
	}
}
