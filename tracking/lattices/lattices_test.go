package lattices

import (
	"math"
	"testing"
)

func TestDefaultLattice(t *testing.T) {
	cell := Default()
	if n := len(cell.Elements); n != 121 {
		t.Errorf("cell has %d elements, want 121", n)
	}
	if cell.Periodicity != 32 {
		t.Errorf("cell periodicity %d, want 32", cell.Periodicity)
	}
	if cell.Energy != 6e9 {
		t.Errorf("cell energy %g eV, want 6e9", cell.Energy)
	}
	ring := DefaultRing()
	if n := len(ring.Elements); n != 32*121 {
		t.Errorf("ring has %d elements, want %d", n, 32*121)
	}
	if ring.Energy != 6e9 || ring.Periodicity != 1 {
		t.Errorf("ring energy %g eV, periodicity %d", ring.Energy, ring.Periodicity)
	}
	if d := math.Abs(ring.Length() - 32*cell.Length()); d > 1e-9 {
		t.Errorf("ring length %.12f m, 32 cells %.12f m", ring.Length(), 32*cell.Length())
	}
	if d := math.Abs(ring.Length() - 843.97721447414222); d > 1e-9 {
		t.Errorf("ring length %.12f m, want 843.977214474 m", ring.Length())
	}
	if ring.Is6D() {
		t.Error("default ring is 6D")
	}
	// Each call returns a fresh copy.
	cell.Elements[0].PassMethod = "changed"
	if Default().Elements[0].PassMethod == "changed" {
		t.Error("DefaultLattice shares elements between calls")
	}
}
