package optics

import (
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// Disable6D and Enable6D live here rather than as methods of
// tracking.Lattice: they encode PyAT's element classes (which elements
// PyAT calls dipoles, quadrupoles, wigglers, cavities) and its optics
// conventions, not anything the engine needs to track; the optics and
// radiation code are their users.

// Disable6D is PyAT's ring.disable_6d(copy=True): a copy of lat with
// longitudinal motion turned off. RF and crab cavities become IdentityPass
// (zero length) or DriftPass; radiating passmethods ("...RadPass",
// "...QuantPass") become their non-radiating twins ("...Pass", so
// Matrix66RadPass becomes Matrix66Pass); diffusion, simple-radiation,
// energy-loss and collective elements become IdentityPass. Elements not
// changed are shared with lat, as PyAT's shallow copy shares them. lat is
// not modified.
func Disable6D(lat *tracking.Lattice) *tracking.Lattice {
	c := *lat
	c.Elements = make([]*tracking.Element, len(lat.Elements))
	for i, e := range lat.Elements {
		c.Elements[i] = e
		if p := disabledPass(e); p != "" && p != e.PassMethod {
			n := e.Clone()
			n.PassMethod = p
			c.Elements[i] = n
		}
	}
	return &c
}

// disabledPass returns the passmethod disable_6d gives e, "" for none.
func disabledPass(e *tracking.Element) string {
	pm := e.PassMethod
	switch {
	case pm == "CrabCavityPass":
		if e.Length() == 0 {
			return "IdentityPass"
		}
		return "DriftPass"
	case tracking.IsRFCavity(e):
		if strings.HasSuffix(pm, "CavityPass") {
			if e.Length() == 0 {
				return "IdentityPass"
			}
			return "DriftPass"
		}
	case pm == "QuantDiffPass", pm == "SimpleQuantDiffPass", pm == "SimpleRadiationRadPass",
		pm == "WakeFieldPass", pm == "BeamLoadingCavityPass", pm == "EnergyLossRadPass":
		return "IdentityPass"
	case strings.HasSuffix(pm, "RadPass"), strings.HasSuffix(pm, "QuantPass"):
		return strings.NewReplacer("QuantPass", "Pass", "RadPass", "Pass").Replace(pm)
	}
	return ""
}

// Enable6D is PyAT's ring.enable_6d(copy=True): a copy of lat with
// longitudinal motion turned on. RF cavities get RFCavityPass and crab
// cavities (PyAT's CrabCavity class) CrabCavityPass; dipoles,
// quadrupoles, wigglers and 6x6 matrices (PyAT's M66) get the radiating
// twin of their passmethod ("...Pass" → "...RadPass") and an Energy
// attribute (the lattice energy), as PyAT sets it; SimpleRadiation
// elements get SimpleRadiationRadPass (and Energy) and EnergyLoss elements
// EnergyLossRadPass (without an Energy attribute, as PyAT: the pass
// prefers an element's Energy to the ring's); sextupoles and higher
// multipoles are left alone, as PyAT leaves them, and so are the
// quantum-diffusion elements (see WithQuantumDiffusion). The element
// class is PyAT's: the "Class" attribute when present, else what at.load
// infers (a BendingAngle makes a dipole, a non-zero PolynomB[1] or K with
// nothing of higher order a quadrupole, a "GWig..." passmethod a wiggler,
// Matrix66Pass an M66). lat is not modified.
func Enable6D(lat *tracking.Lattice) *tracking.Lattice {
	c := *lat
	c.Elements = make([]*tracking.Element, len(lat.Elements))
	for i, e := range lat.Elements {
		c.Elements[i] = e
		p := enabledPass(e)
		if p == "" || p == e.PassMethod {
			continue
		}
		n := e.Clone()
		n.PassMethod = p
		if p != "RFCavityPass" && p != "EnergyLossRadPass" && p != "CrabCavityPass" {
			n.Set("Energy", lat.Energy)
		}
		c.Elements[i] = n
	}
	return &c
}

// enabledPass returns the passmethod enable_6d gives e, "" for none.
func enabledPass(e *tracking.Element) string {
	if e.PassMethod == "CrabCavityPass" || elementClass(e) == "crabcavity" {
		return "CrabCavityPass"
	}
	if tracking.IsRFCavity(e) {
		return "RFCavityPass"
	}
	switch elementClass(e) {
	case "simpleradiation":
		return "SimpleRadiationRadPass"
	case "energyloss":
		return "EnergyLossRadPass"
	case "dipole", "quadrupole", "wiggler", "m66":
		pm := strings.NewReplacer("QuantPass", "Pass", "RadPass", "Pass").Replace(e.PassMethod)
		if !strings.HasSuffix(pm, "Pass") || pm == "DriftPass" || pm == "IdentityPass" {
			return ""
		}
		return pm[:len(pm)-4] + "RadPass"
	}
	return ""
}

// elementClass guesses PyAT's class of e (lower case), as at.load does.
func elementClass(e *tracking.Element) string {
	if v, ok := e.Get("Class"); ok {
		if s, ok := v.(string); ok && s != "" {
			s = strings.ToLower(s)
			switch s {
			case "bend": // PyAT's alias of Dipole
				s = "dipole"
			case "matrix66": // the class name M66 is saved under
				s = "m66"
			}
			return s
		}
	}
	if strings.HasPrefix(e.PassMethod, "GWig") {
		return "wiggler"
	}
	if e.PassMethod == "Matrix66Pass" {
		return "m66"
	}
	if _, ok := e.Get("BendingAngle"); ok {
		return "dipole"
	}
	if k, ok, _ := e.Float("K"); ok && k != 0 {
		return "quadrupole"
	}
	if v, ok := e.Get("PolynomB"); ok {
		if pb, ok := v.([]float64); ok {
			last := -1
			for i, x := range pb {
				if x != 0 {
					last = i
				}
			}
			switch last {
			case 1:
				return "quadrupole"
			case 2:
				return "sextupole"
			case 3:
				return "octupole"
			}
			if last > 3 {
				return "multipole"
			}
		}
	}
	return ""
}

// Is6D reports whether lat is 6D as PyAT's ring.is_6d: an active RF
// cavity or a radiating passmethod is present (tracking.Lattice.Is6D).
func Is6D(lat *tracking.Lattice) bool { return lat.Is6D() }
