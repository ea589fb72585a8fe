package optics

import (
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// TestDisable6DExactRad checks that Disable6D gives each radiating exact
// passmethod its non-radiating twin, as PyAT's disable_6d does, that
// Enable6D maps the exact dipole passes back (with the lattice energy),
// and that both leave lat unchanged.
func TestDisable6DExactRad(t *testing.T) {
	twins := [][2]string{
		{"ExactMultipoleRadPass", "ExactMultipolePass"},
		{"ExactSectorBendRadPass", "ExactSectorBendPass"},
		{"ExactRectangularBendRadPass", "ExactRectangularBendPass"},
		{"ExactRectBendRadPass", "ExactRectBendPass"},
	}
	lat := &tracking.Lattice{Energy: 3e9}
	for _, tw := range twins {
		e := &tracking.Element{FamName: "E", PassMethod: tw[0]}
		e.Set("Length", 1.0)
		if tw[0] != "ExactMultipoleRadPass" {
			e.Set("BendingAngle", 0.05)
		} else {
			e.Set("Class", "Quadrupole")
		}
		lat.Elements = append(lat.Elements, e)
	}
	off := Disable6D(lat)
	for i, tw := range twins {
		if got := off.Elements[i].PassMethod; got != tw[1] {
			t.Errorf("Disable6D: %s became %s, want %s", tw[0], got, tw[1])
		}
		if lat.Elements[i].PassMethod != tw[0] {
			t.Errorf("Disable6D changed lat: %s", lat.Elements[i].PassMethod)
		}
	}
	on := Enable6D(off)
	for i, tw := range twins {
		if got := on.Elements[i].PassMethod; got != tw[0] {
			t.Errorf("Enable6D: %s became %s, want %s", tw[1], got, tw[0])
		}
		if en, ok, _ := on.Elements[i].Float("Energy"); !ok || en != 3e9 {
			t.Errorf("Enable6D: %s has Energy %v (set %v), want 3e9", tw[0], en, ok)
		}
	}
}
