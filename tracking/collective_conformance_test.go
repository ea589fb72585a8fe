package tracking_test

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// TestCollectiveConformance runs PyAT's collective cases (wakes, beam and
// slice moments) on the CPU backend.
func TestCollectiveConformance(t *testing.T) {
	trackingtest.Collective(t, "cpu", filepath.Join("..", "testdata"))
}
