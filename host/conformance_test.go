package host_test

import (
	"github.com/gotrack/gotrack/host"
	"testing"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestConformance runs the PyAT reference cases through the CPU backend.
func TestConformance(t *testing.T) {
	trackingtest.Elements(t, host.Name, "../testdata")
	trackingtest.Rings(t, host.Name, "../testdata", nil)
}
