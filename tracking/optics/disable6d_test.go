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

// TestSwitch6DCrabCavity: PyAT's disable_6d turns a crab cavity into a
// drift (IdentityPass when thin), as its CrabCavity.set_longt_motion does
// with cavity_pass "auto"; enable_6d gives a CrabCavity back its
// CrabCavityPass, without an Energy attribute, and never makes it an RF
// cavity.
func TestSwitch6DCrabCavity(t *testing.T) {
	crab := func(pass string, length float64) *tracking.Element {
		return &tracking.Element{FamName: "CRAB", PassMethod: pass, Attrs: []tracking.Attr{
			{Name: "Length", Value: length}, {Name: "Voltages", Value: []float64{1e6, 0}},
			{Name: "Frequency", Value: 352.2e6}, {Name: "HarmNumber", Value: int64(992)},
			{Name: "Class", Value: "CrabCavity"},
		}}
	}
	on := &tracking.Lattice{Energy: 6e9, Elements: []*tracking.Element{crab("CrabCavityPass", 0.5), crab("CrabCavityPass", 0)}}
	if !on.Is6D() {
		t.Error("a lattice with a CrabCavityPass element is not 6D (PyAT: longt_motion)")
	}
	off := Disable6D(on)
	for i, want := range []string{"DriftPass", "IdentityPass"} {
		if got := off.Elements[i].PassMethod; got != want {
			t.Errorf("Disable6D, element %d: %s, PyAT %s", i, got, want)
		}
	}
	if off.Is6D() {
		t.Error("Disable6D: still 6D")
	}
	back := Enable6D(off)
	for i, e := range back.Elements {
		if e.PassMethod != "CrabCavityPass" {
			t.Errorf("Enable6D, element %d: %s, PyAT CrabCavityPass", i, e.PassMethod)
		}
		if _, ok := e.Get("Energy"); ok {
			t.Errorf("Enable6D, element %d: Energy set; PyAT sets none on a crab cavity", i)
		}
	}
}
