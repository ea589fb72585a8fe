//go:build cgo && gtcoverage

package differential

import (
	"os"
	"testing"

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
	for _, name := range []string{kcpu.Name, kcpu.ParticleName} {
		trackingtest.Elements(t, name, "../../testdata")
		trackingtest.Rings(t, name, "../../testdata", nil)
	}
}
