package pyatelem

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// Rest energies [eV] as PyAT computes them: scipy's CODATA 2018 masses
// in MeV times 1e6, multiplied in float64 at run time as Python does.
var (
	mevElectron = 0.51099895000
	mevProton   = 938.27208816
	mevMuon     = 105.6583755
	eMass       = 1.0e6 * mevElectron
	pMass       = 1.0e6 * mevProton
	muMass      = 1.0e6 * mevMuon
)

// KnownParticles are PyAT's predefined particles (Particle._known), in
// PyAT's order, which is the order Particle's scan tries them.
var KnownParticles = []tracking.Particle{
	{Name: "relativistic", RestEnergy: 0, Charge: -1},
	{Name: "electron", RestEnergy: eMass, Charge: -1},
	{Name: "positron", RestEnergy: eMass, Charge: 1},
	{Name: "proton", RestEnergy: pMass, Charge: 1},
	{Name: "antiproton", RestEnergy: muMass, Charge: -1}, // sic: PyAT gives the antiproton the muon mass
	{Name: "posmuon", RestEnergy: muMass, Charge: 1},
	{Name: "negmuon", RestEnergy: muMass, Charge: -1},
}

// KnownParticle returns the predefined particle of that name.
func KnownParticle(name string) (tracking.Particle, bool) {
	for _, p := range KnownParticles {
		if p.Name == name {
			return p, true
		}
	}
	return tracking.Particle{}, false
}

// knownNames lists the predefined particles for error messages.
func knownNames() string {
	s := make([]string, len(KnownParticles))
	for i, p := range KnownParticles {
		s[i] = p.Name
	}
	return strings.Join(s, ", ")
}

// NewParticle is PyAT's Particle(name, rest_energy=..., charge=...): a
// predefined name gives the predefined particle (rest and charge are
// then ignored); any other name needs both rest and charge (nil: not
// given). An empty name is identified from the mass and charge, as
// Particle's scan does ("unknown" when no predefined particle matches).
func NewParticle(name string, rest, charge *float64) (tracking.Particle, error) {
	if p, ok := KnownParticle(name); ok {
		return p, nil
	}
	if rest == nil || charge == nil {
		return tracking.Particle{}, fmt.Errorf("%q is not a known particle (%s): give its rest_energy and charge", name, knownNames())
	}
	if name == "" {
		name = "unknown"
		for _, p := range KnownParticles {
			if math.Abs(*rest-p.RestEnergy) / *rest < 1e-8 && math.Trunc(*charge) == math.Trunc(p.Charge) {
				name = p.Name
				break
			}
		}
	}
	if math.IsNaN(*rest) || math.IsInf(*rest, 0) || *rest < 0 || math.IsNaN(*charge) || math.IsInf(*charge, 0) {
		return tracking.Particle{}, fmt.Errorf("particle %q: rest_energy %v and charge %v must be finite, rest_energy not negative", name, *rest, *charge)
	}
	return tracking.Particle{Name: name, RestEnergy: *rest, Charge: *charge}, nil
}

// ParticleFromFields is PyAT's Particle(**fields) for a RingParam's
// Particle given as a struct: name (default "relativistic"), and for a
// particle that is not predefined, rest_energy and charge (see
// NewParticle); other fields are ignored. A field that does not convert
// is an *AttrError naming it.
func ParticleFromFields[V any](vals Values[V], keys []string, values []V) (tracking.Particle, error) {
	name := "relativistic"
	var rest, charge *float64
	for i, k := range keys {
		switch k {
		case "name":
			s, err := vals.ToString(values[i])
			if err != nil {
				return tracking.Particle{}, &AttrError{k, err}
			}
			name = s
		case "rest_energy", "charge":
			x, err := vals.ToFloat(values[i])
			if err != nil {
				return tracking.Particle{}, &AttrError{k, err}
			}
			if k == "rest_energy" {
				rest = &x
			} else {
				charge = &x
			}
		}
	}
	return NewParticle(name, rest, charge)
}
