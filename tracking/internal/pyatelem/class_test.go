package pyatelem

import (
	"fmt"
	"testing"
)

// TestClasses checks the class hierarchy (issubclass), PyAT's aliases
// and file names, the pass map and the conversions subclasses inherit.
func TestClasses(t *testing.T) {
	for _, c := range []struct {
		c, p *Class
		want bool
	}{{Dipole, Multipole, true}, {Dipole, ThinMultipole, true}, {Dipole, LongElement, true}, {Quadrupole, Dipole, false},
		{Collimator, Drift, true}, {Drift, Collimator, false}, {RFCavity, Element, true}, {ThinMultipole, LongElement, false}} {
		if got := c.c.IsSub(c.p); got != c.want {
			t.Errorf("issubclass(%s, %s) = %v", c.c.Name, c.p.Name, got)
		}
	}
	for k, want := range map[string]*Class{"bend": Dipole, "rbend": Dipole, "M66": M66, "m66": M66, "matrix66": M66,
		"quadrupole": Quadrupole, "ringparam": RingParam, "wig": Wiggler} {
		if ClassMap[k] != want {
			t.Errorf("ClassMap[%s] = %v", k, ClassMap[k])
		}
	}
	if c, ok := ClassMap["variablethinmultipole"]; !ok || c != nil {
		t.Error("VariableThinMultipole: want a known class not built")
	}
	if Dipole.FileName() != "Bend" || M66.FileName() != "Matrix66" || Drift.FileName() != "Drift" {
		t.Error("file names")
	}
	if PassMap["BndMPoleSymplectic4Pass"] != Dipole || PassMap["IdTablePass"] != nil || PassClassName["IdTablePass"] != "InsertionDeviceKickMap" {
		t.Error("pass map")
	}
	if Dipole.Conv["FringeQuadEntrance"].Kind != Int || Dipole.Conv["K"].Kind != Float || Dipole.Conv["R1"] != (Conv{Kind: Matrix, Rows: 6, N: 6}) ||
		Quadrupole.Conv["FringeBendEntrance"].Kind != 0 || RingParam.Conv["Particle"].Kind != Particle {
		t.Error("conversions")
	}
	if !Quadrupole.IsProp("Kn1L") || Drift.IsProp("Kn1L") || ThinMultipole.IsProp("K") {
		t.Error("properties")
	}
}

// TestSanitise checks sanitise_class's warnings.
func TestSanitise(t *testing.T) {
	for _, c := range []struct {
		cls  *Class
		pm   string
		l    float64
		want string
	}{
		{Drift, "DriftPass", 1, ""},
		{Drift, "NoSuchPass", 1, "PassMethod NoSuchPass is not implemented in gotrack."},
		{Marker, "IdentityPass", 0.5, "PassMethod IdentityPass is not compatible with length 0.5."},
		{Drift, "BndMPoleSymplectic4Pass", 1, "PassMethod BndMPoleSymplectic4Pass is not compatible with Class Drift."},
		{Dipole, "StrMPoleSymplectic4Pass", 1, ""},
		{Multipole, "VariableThinMPolePass", 1, "PassMethod VariableThinMPolePass is not compatible with Class Multipole."},
	} {
		got := ""
		Sanitise(c.cls, c.pm, c.l, func(f string, a ...any) { got = fmt.Sprintf(f, a...) })
		if got != c.want {
			t.Errorf("%s %s: %q, want %q", c.cls.Name, c.pm, got, c.want)
		}
	}
	if !GetsEnergy(RFCavity, "RFCavityPass") || !GetsEnergy(Quadrupole, "StrMPoleSymplectic4RadPass") || GetsEnergy(Drift, "DriftPass") {
		t.Error("GetsEnergy")
	}
}
