package host_test

import (
	"testing"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestConformance runs the PyAT reference cases through the CPU backend.
func TestConformance(t *testing.T) {
	trackingtest.Elements(t, "cpu", "../testdata")
	trackingtest.Rings(t, "cpu", "../testdata", nil)
}
