//go:build cgo

package harness

import (
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/kernels/cpu"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// openC and openGo open the kernel source compiled by gcc (the C
// backend) and the Go engine, the reference.
var (
	openC  device.Factory = func(cfg device.Config) (device.Backend, error) { return cpu.New(cfg), nil }
	openGo device.Factory = func(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }
)

// TestConformance runs the PyAT reference cases through the CUDA kernel
// source compiled by gcc, at the tolerances of the CPU engine.
func TestConformance(t *testing.T) {
	trackingtest.Elements(t, openC, "../../testdata")
	trackingtest.Rings(t, openC, "../../testdata", nil)
}

// TestAgreement requires the kernel source and the Go backend to agree to
// |d| <= 1e-14·(1+|x|) on every element case, and on random particles
// through the hmba and esrf rings for 100 turns (agreementParticles).
func TestAgreement(t *testing.T) {
	tol := trackingtest.Tolerance{Abs: 1e-14, Rel: 1e-14}
	trackingtest.Agree(t, trackingtest.Agreement{Got: openC, Want: openGo, GotName: "kernels", WantName: "Go",
		Dir: "../../testdata", Elements: tol, Rings: tol, Particles: agreementParticles})
}

// agreementParticles is the beam of TestAgreement through ring, always for
// 100 turns. With GOTRACK_LONG_TESTS=1 (the CI's long step) it is 1e4
// particles through each ring: 1e6 particle-turns through esrf (1636
// elements) and as many through hmba, through both backends, which takes
// minutes on two cores. By default it is 1e3 through hmba and 100 through
// esrf, a few seconds. Particles do not interact, so the default beam is
// a sample of the same distribution: an element the two backends compute
// differently shows on every particle that passes it, and a difference that
// grows with the turns still has the full 100 turns to grow past 1e-14; what
// the long run adds is more of the beam's tails.
func agreementParticles(ring string) int {
	if ring == "esrf" {
		return trackingtest.Size(100, 10000)
	}
	return trackingtest.Size(1000, 10000)
}
