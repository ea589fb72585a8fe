package tracking_test

import (
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/lattices"
)

// TestRepeat: a cell repeated by its periodicity is the ring, and a
// periodicity too large to hold (as a lattice file may give) is an error.
func TestRepeat(t *testing.T) {
	cell := lattices.Default()
	ring, err := cell.Repeat(cell.Periodicity)
	if err != nil {
		t.Fatal(err)
	}
	if len(ring.Elements) != 32*len(cell.Elements) || ring.Periodicity != 1 {
		t.Errorf("ring: %d elements, periodicity %d", len(ring.Elements), ring.Periodicity)
	}
	if _, err := cell.Repeat(2000000000); err == nil || !strings.Contains(err.Error(), "2000000000 copies of 121 elements") {
		t.Errorf("Repeat(2e9): err = %v", err)
	}
}
