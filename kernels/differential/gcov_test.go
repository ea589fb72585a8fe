//go:build cgo && gtcoverage

package differential

import (
	"os"
	"testing"

	"github.com/gotrack/gotrack/kernels/harness"
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
	trackingtest.Elements(t, harness.Name, "../../testdata")
	trackingtest.Rings(t, harness.Name, "../../testdata", nil)
}
