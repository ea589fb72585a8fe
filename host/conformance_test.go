package host_test

import (
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestConformance runs the PyAT reference cases through the CPU backend.
func TestConformance(t *testing.T) {
	open := func(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }
	trackingtest.Elements(t, open, "../testdata")
	trackingtest.Rings(t, open, "../testdata", nil)
}
