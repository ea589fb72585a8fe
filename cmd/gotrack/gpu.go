package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gotrack/gotrack/device"
)

// The default gotrack binary is pure Go and has no CUDA backend: the CUDA
// build (go build -tags cuda -o gotrack-cuda ./cmd/gotrack) links the CUDA
// driver and cannot start on a host without one. So the track command of
// the default binary, with --device auto or cuda, looks for an NVIDIA GPU
// and for gotrack-cuda beside itself, and hands the whole command over to
// it (same arguments, standard streams and exit status).
//
// The CUDA build cannot start at all where the driver library is missing
// (the loader exits with 127) or where the driver does not initialise (no
// visible device, a driver/library mismatch, a container without device
// access): gorgonia.org/cu initialises the driver in its package init and
// exits. So before handing over, gotrack runs "gotrack-cuda gpus", which
// only initialises the driver and lists the GPUs; when it fails, --device
// auto tracks on the CPU and says why, and --device cuda fails with that
// reason.

// cudaBinary is the name of the CUDA build, looked for beside the running
// executable.
const cudaBinary = "gotrack-cuda"

// handoffEnv is set in the environment of the handed-over process, which
// never hands over again.
const handoffEnv = "GOTRACK_HANDOFF"

// probeTimeout bounds the run of "gotrack-cuda gpus" (the first
// initialisation of a driver can take seconds on a large node).
const probeTimeout = 60 * time.Second

// gpuProbe finds an NVIDIA GPU without the CUDA driver library: from the
// files the kernel driver creates.
type gpuProbe struct {
	// GPUsDir holds one entry per GPU (/proc/driver/nvidia/gpus).
	GPUsDir string
	// DevNode and VersionFile together also tell that a GPU is present
	// (/dev/nvidia0, /proc/driver/nvidia/version).
	DevNode, VersionFile string
}

// defaultProbe looks where the NVIDIA driver puts its files on Linux.
var defaultProbe = gpuProbe{
	GPUsDir:     "/proc/driver/nvidia/gpus",
	DevNode:     "/dev/nvidia0",
	VersionFile: "/proc/driver/nvidia/version",
}

// present reports whether an NVIDIA GPU and its driver are present, with
// what was found.
func (p gpuProbe) present() (bool, string) {
	if ents, err := os.ReadDir(p.GPUsDir); err == nil && len(ents) > 0 {
		return true, fmt.Sprintf("%d NVIDIA GPU(s) in %s", len(ents), p.GPUsDir)
	}
	if _, err := os.Stat(p.DevNode); err == nil {
		if _, err := os.Stat(p.VersionFile); err == nil {
			return true, fmt.Sprintf("%s and %s", p.DevNode, p.VersionFile)
		}
	}
	return false, fmt.Sprintf("no NVIDIA GPU found (looked at %s, %s, %s)", p.GPUsDir, p.DevNode, p.VersionFile)
}

// handoff decides and performs the hand-over; its fields are replaced by
// tests.
type handoff struct {
	probe gpuProbe
	// executable returns the path of the running binary.
	executable func() (string, error)
	// args returns the command line to pass on (os.Args[1:]).
	args func() []string
	// exec replaces the process by path with args (the full argv) and
	// env; it returns only on failure.
	exec func(path string, argv, env []string) error
	// off, when not empty, says why this build never hands over (an MPI
	// build: every rank would run the whole job in gotrack-cuda).
	off string
	// timeout bounds the probe run of gotrack-cuda (probeTimeout).
	timeout time.Duration
}

var gpuHandoff = handoff{
	probe:      defaultProbe,
	executable: os.Executable,
	args:       func() []string { return os.Args[1:] },
	exec:       execProcess,
	timeout:    probeTimeout,
}

// fallback is find's answer under --device auto when gotrack-cuda is
// there but cannot use the GPU: this process tracks on the CPU and says
// why. It is an errNoHandoff.
type fallback struct{ why string }

func (f *fallback) Error() string { return f.why }

// Is makes a fallback match errNoHandoff.
func (f *fallback) Is(target error) bool { return target == errNoHandoff }

// probeCUDA runs "path gpus" with this process's environment, within
// timeout, and returns its standard output; or, when it fails, an error
// saying why gotrack-cuda cannot use the GPU: its exit status and the last
// line it wrote (on stderr, else on stdout: gorgonia.org/cu reports a
// failed driver initialisation on stdout).
func probeCUDA(path string, timeout time.Duration) (string, error) {
	if timeout <= 0 {
		timeout = probeTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "gpus")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if err == nil {
		return stdout.String(), nil
	}
	why := err.Error()
	if ctx.Err() != nil {
		why = fmt.Sprintf("no answer within %v", timeout)
	}
	last := lastLine(stderr.String())
	if last == "" {
		last = lastLine(stdout.String())
	}
	if last != "" {
		why += ": " + last
	}
	return "", fmt.Errorf("%s cannot use the GPU (%s)", cudaBinary, why)
}

// lastLine returns the last non-blank line of s, trimmed.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func init() {
	addExtension(extension{name: "gpu-handoff", beforeTrack: func(job *trackJob) error {
		return gpuHandoff.beforeTrack(job)
	}})
}

// errNoHandoff is returned by find when there is nothing to hand over to.
var errNoHandoff = errors.New("no handoff")

// find returns the gotrack-cuda to hand over to for --device dev, or
// errNoHandoff when this process tracks itself, or an error for --device
// cuda when it cannot run.
func (h handoff) find(dev string) (string, error) {
	if dev != "" && dev != "auto" && dev != "cuda" {
		return "", errNoHandoff
	}
	if slices.Contains(device.Names(), "cuda") || os.Getenv(handoffEnv) != "" {
		return "", errNoHandoff // this is the CUDA build (or was handed over to)
	}
	gpu, found := h.probe.present()
	if !gpu {
		if dev == "cuda" {
			return "", fmt.Errorf("--device cuda: %s", found)
		}
		return "", errNoHandoff
	}
	if h.off != "" {
		if dev == "cuda" {
			return "", fmt.Errorf("--device cuda: this gotrack has no CUDA backend and does not hand over to %s: %s (build with -tags cuda,mpi)", cudaBinary, h.off)
		}
		return "", errNoHandoff
	}
	path, err := h.beside()
	if err != nil {
		if dev == "cuda" {
			return "", fmt.Errorf("--device cuda: this gotrack has no CUDA backend and %w", err)
		}
		return "", errNoHandoff
	}
	if _, err := probeCUDA(path, h.timeout); err != nil {
		if dev == "cuda" {
			return "", fmt.Errorf("--device cuda: %w", err)
		}
		return "", &fallback{err.Error()}
	}
	return path, nil
}

// beside returns the path of the executable gotrack-cuda beside the
// running binary, or an error saying why there is none.
func (h handoff) beside() (string, error) {
	self, err := h.executable()
	if err != nil {
		return "", fmt.Errorf("cannot locate this executable to find %s beside it: %w", cudaBinary, err)
	}
	if s, err := filepath.EvalSymlinks(self); err == nil {
		self = s
	}
	path := filepath.Join(filepath.Dir(self), cudaBinary)
	if st, err := os.Stat(path); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return "", fmt.Errorf("there is no executable %s beside it (%s); build it with: go build -tags cuda -o %s ./cmd/gotrack", cudaBinary, path, path)
	}
	return path, nil
}

// beforeTrack hands the command over to gotrack-cuda when it should; it
// returns only when this process is to track (or with an error). When it
// tracks on the CPU although a GPU is present, it sets job.CPUReason,
// which the track command prints as its one note on stderr.
func (h handoff) beforeTrack(job *trackJob) error {
	path, err := h.find(job.Options.Device)
	if errors.Is(err, errNoHandoff) {
		var fb *fallback
		switch {
		case errors.As(err, &fb):
			job.CPUReason = fb.why
		case (job.Options.Device == "" || job.Options.Device == "auto") && h.off == "":
			if gpu, _ := h.probe.present(); gpu && !slices.Contains(device.Names(), "cuda") {
				job.CPUReason = fmt.Sprintf("an NVIDIA GPU is present, but there is no %s beside this binary to use it (go build -tags cuda -o %s ./cmd/gotrack)", cudaBinary, cudaBinary)
			}
		}
		return nil
	}
	if err != nil {
		return err
	}
	argv := append([]string{path}, h.args()...)
	env := append(os.Environ(), handoffEnv+"=1")
	if err := h.exec(path, argv, env); err != nil {
		return fmt.Errorf("hand over to %s: %w", path, err)
	}
	return nil
}
