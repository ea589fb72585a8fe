//go:build cuda || nvrtc

package cuda

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// These tests need the NVRTC library only, not a GPU: run them on any
// host with the CUDA toolkit with `go test -tags nvrtc ./cuda`.

// userDrift is a programmable element written as a user would: AT's
// drift (gotrack.h's gt_drift6, as DriftPass runs it) of length
// ctx->values[0], operation for operation.
const userDrift = `
/* A drift of length values[0]. */
__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
{
    double L = ctx->values[0];
    double p_norm = 1 / (1 + r[4]);
    double NormL = L * p_norm;
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * p_norm * (r[1] * r[1] + r[3] * r[3]) / 2;
}
`

func TestPushArchs(t *testing.T) {
	for _, c := range []struct {
		major, minor int
		want         []int
	}{
		{8, 0, []int{80}},
		{8, 6, []int{86, 80}},
		{9, 0, []int{90, 80}},
		{10, 0, []int{100, 90, 80}},
	} {
		if got := pushArchs(c.major, c.minor); !reflect.DeepEqual(got, c.want) {
			t.Errorf("pushArchs(%d, %d) = %v, want %v", c.major, c.minor, got, c.want)
		}
	}
}

// TestPushNVRTC compiles the user drift for several GPUs: PTX for the
// device's architecture (or, for a GPU newer than this NVRTC, a lower
// one), with the kernel entry, and without FMA contraction.
func TestPushNVRTC(t *testing.T) {
	for _, cc := range [][2]int{{8, 0}, {8, 6}, {9, 0}, {10, 0}} {
		ptx, arch, err := compilePushPTX("drift.cu", userDrift, cc[0], cc[1])
		if err != nil {
			t.Errorf("compute capability %d.%d: %v", cc[0], cc[1], err)
			continue
		}
		if arch > 10*cc[0]+cc[1] || arch < 80 {
			t.Errorf("compute capability %d.%d: compiled for compute_%d", cc[0], cc[1], arch)
		}
		for _, s := range []string{fmt.Sprintf(".target sm_%d", arch), ".entry gt_push(", "mul.rn.f64", "add.rn.f64"} {
			if !strings.Contains(ptx, s) {
				t.Errorf("compute capability %d.%d: PTX lacks %q", cc[0], cc[1], s)
			}
		}
		if strings.Contains(ptx, "fma.") || strings.ContainsRune(ptx, 0) {
			t.Errorf("compute capability %d.%d: PTX has fma (compiled without --fmad=false?) or a NUL", cc[0], cc[1])
		}
	}
}

// TestPushNVRTCErrors requires compile errors to return NVRTC's log,
// locating the error in the user source.
func TestPushNVRTCErrors(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"syntax.cu", "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)\n{\n    r[0] += ;\n}\n",
			[]string{"NVRTC log", "syntax.cu(3): error"}},
		{"signature.cu", "__device__ void gotrack_push(double *r, double L)\n{\n    r[0] += L;\n}\n",
			[]string{"NVRTC log", "pushentry.cuh", "incompatible"}},
		{"missing.cu", "__device__ void push(double r[6], const gt_push_ctx *ctx) { r[0] = 0; }\n",
			[]string{"NVRTC log", `identifier "gotrack_push" is undefined`}},
		{"hostcode.cu", "void gotrack_push(double r[6], const gt_push_ctx *ctx) { r[0] = 0; }\n",
			[]string{"NVRTC log", "hostcode.cu(1): error", "host function"}},
	} {
		_, _, err := compilePushPTX(c.name, c.src, 9, 0)
		if err == nil {
			t.Errorf("%s: compiled", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error lacks %q:\n%v", c.name, w, err)
			}
		}
	}
}

// TestNVRTCNotFound requires a GOTRACK_NVRTC that is not an NVRTC library
// to fail with an error naming the variable, the path, why it failed and
// what to install, without falling back to another NVRTC.
func TestNVRTCNotFound(t *testing.T) {
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/nonexistent/libnvrtc.so.12", []string{"NVRTC not found", "GOTRACK_NVRTC=/nonexistent/libnvrtc.so.12", "No such file", "install the CUDA runtime compiler"}},
		// A library that loads but is not NVRTC.
		{"libc.so.6", []string{"NVRTC not found", "GOTRACK_NVRTC=libc.so.6", "lacks nvrtcCreateProgram", "nvrtcVersion"}},
	} {
		t.Setenv(nvrtcEnv, c.path)
		_, _, err := compilePushPTX("drift.cu", userDrift, 9, 0)
		if err == nil {
			t.Errorf("%s: compiled", c.path)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error lacks %q:\n%v", c.path, w, err)
			}
		}
	}
}
