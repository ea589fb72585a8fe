//go:build cgo && gtcoverage

package differential

import (
	"os"
	"testing"

	"github.com/gotrack/gotrack/device"
	kcpu "github.com/gotrack/gotrack/kernels/cpu"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestMain writes the gcov counters once the tests have run.
func TestMain(m *testing.M) {
	rc := m.Run()
	GcovDump()
	os.Exit(rc)
}

// TestConformanceCoverage runs the PyAT reference cases through the gcc
// build of the kernels, as kernels/harness's TestConformance does, so that
// the coverage run counts them with the differential tests in one binary.
func TestConformanceCoverage(t *testing.T) {
	for _, open := range []device.Factory{
		func(cfg device.Config) (device.Backend, error) { return kcpu.New(cfg), nil },
		func(cfg device.Config) (device.Backend, error) { return kcpu.NewPerParticle(cfg), nil },
	} {
		trackingtest.Elements(t, open, "../../testdata")
		trackingtest.Rings(t, open, "../../testdata", nil)
	}
}
