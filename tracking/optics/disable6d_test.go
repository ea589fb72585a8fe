package optics

import (
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// TestSwitch6DWiggler checks the wiggler's twins as PyAT's Wiggler class
// has them: disable_6d turns GWigSymplecticRadPass into
// GWigSymplecticPass (attributes kept, the lattice no longer 6D), and
// enable_6d turns GWigSymplecticPass into GWigSymplecticRadPass with the
// lattice energy set on the element.
func TestSwitch6DWiggler(t *testing.T) {
	wig := func(pass string) *tracking.Element {
		return &tracking.Element{FamName: "WIG", PassMethod: pass, Attrs: []tracking.Attr{
			{Name: "Length", Value: 1.0}, {Name: "Lw", Value: 0.05}, {Name: "Bmax", Value: 1.2},
			{Name: "Nstep", Value: int64(5)}, {Name: "Nmeth", Value: int64(4)},
			{Name: "NHharm", Value: int64(1)}, {Name: "NVharm", Value: int64(0)},
			{Name: "By", Value: [][]float64{{1}, {1}, {0}, {1}, {1}, {0}}},
			{Name: "Bx", Value: [][]float64{{}, {}, {}, {}, {}, {}}},
		}}
	}
	on := &tracking.Lattice{Energy: 6e9, Elements: []*tracking.Element{wig("GWigSymplecticRadPass")}}
	if !on.Is6D() {
		t.Fatal("a lattice with GWigSymplecticRadPass is not 6D")
	}
	off := Disable6D(on)
	if got := off.Elements[0].PassMethod; got != "GWigSymplecticPass" {
		t.Errorf("Disable6D: %s, PyAT GWigSymplecticPass", got)
	}
	if off.Is6D() {
		t.Error("Disable6D: still 6D")
	}
	if on.Elements[0].PassMethod != "GWigSymplecticRadPass" {
		t.Error("Disable6D modified its argument")
	}
	if _, ok := off.Elements[0].Get("By"); !ok {
		t.Error("Disable6D dropped the harmonic table")
	}
	back := Enable6D(&tracking.Lattice{Energy: 3e9, Elements: []*tracking.Element{wig("GWigSymplecticPass")}})
	e := back.Elements[0]
	if e.PassMethod != "GWigSymplecticRadPass" {
		t.Errorf("Enable6D: %s, PyAT GWigSymplecticRadPass", e.PassMethod)
	}
	if v, ok, _ := e.Float("Energy"); !ok || v != 3e9 {
		t.Errorf("Enable6D: Energy %v (set %v), want the lattice's 3e9", v, ok)
	}
}
