package pyatelem

import (
	"slices"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// Class describes one of PyAT's element classes as far as building an
// element from a file goes.
type Class struct {
	// Name is PyAT's class name.
	Name string
	// File is the "Class" PyAT writes for it when it differs from Name
	// (_file_classname: Dipole is "Bend", M66 "Matrix66").
	File string
	// Build are the positional constructor arguments after FamName
	// (_BUILD_ATTRIBUTES less FamName), and Required how many of them
	// the constructor needs.
	Build    []string
	Required int
	// Pass is the constructor's default PassMethod.
	Pass string
	// Conv are the attribute conversions (_conversions).
	Conv map[string]Conv
	// Parents are the base classes, for IsSub.
	Parents []*Class
	// Long: a LongElement, whose Length is the first positional argument.
	Long bool
	// Multipole: a ThinMultipole or a subclass, built by MultipoleInit.
	Multipole bool
	// DefaultOrder is the DefaultOrder of a multipole class.
	DefaultOrder int
	// KProp: items() adds the K property after the sorted attributes
	// (Dipole, Quadrupole).
	KProp bool
	// Props are PyAT properties, computed from other attributes: a file
	// cannot set them.
	Props []string
}

// FileName returns the "Class" PyAT writes for the class.
func (c *Class) FileName() string {
	if c.File != "" {
		return c.File
	}
	return c.Name
}

// IsSub is Python's issubclass(c, p).
func (c *Class) IsSub(p *Class) bool {
	if c == p {
		return true
	}
	for _, q := range c.Parents {
		if q.IsSub(p) {
			return true
		}
	}
	return false
}

// IsProp reports whether name is a property of the class.
func (c *Class) IsProp(name string) bool { return slices.Contains(c.Props, name) }

var multipoleProps = []string{"IntegratedPolynomA", "IntegratedPolynomB", "IntegratedStrength",
	"Kn0L", "Ks0L", "Kn1L", "Ks1L", "Kn2L", "Ks2L", "Kn3L", "Ks3L",
	"Strength", "Kn0", "Ks0", "Kn1", "Ks1", "Kn2", "Ks2", "Kn3", "Ks3", "K", "H"}

// The element classes described here.
var (
	Element       = &Class{Name: "Element", Conv: baseConv, Pass: "IdentityPass"}
	LongElement   = &Class{Name: "LongElement", Conv: baseConv, Pass: "IdentityPass", Build: []string{"Length"}, Required: 1, Long: true, Parents: []*Class{Element}}
	Marker        = &Class{Name: "Marker", Conv: baseConv, Pass: "IdentityPass", Parents: []*Class{Element}}
	Monitor       = &Class{Name: "Monitor", Conv: baseConv, Pass: "IdentityPass", Parents: []*Class{Element}}
	Drift         = &Class{Name: "Drift", Conv: baseConv, Pass: "DriftPass", Build: []string{"Length"}, Required: 1, Long: true, Parents: []*Class{LongElement}}
	Collimator    = &Class{Name: "Collimator", Conv: baseConv, Pass: "DriftPass", Build: []string{"Length", "RApertures"}, Required: 2, Long: true, Parents: []*Class{Drift}}
	Aperture      = &Class{Name: "Aperture", Conv: apertureConv, Pass: "AperturePass", Build: []string{"Limits"}, Required: 1, Parents: []*Class{Element}}
	LongtAperture = &Class{Name: "LongtAperture", Conv: apertureConv, Pass: "LongtAperturePass", Build: []string{"Limits"}, Required: 1, Parents: []*Class{Element}}
	RFCavity      = &Class{Name: "RFCavity", Conv: cavConv, Pass: "RFCavityPass", Build: []string{"Length", "Voltage", "Frequency", "HarmNumber", "Energy"}, Required: 5, Long: true, Parents: []*Class{LongElement}}
	CrabCavity    = &Class{Name: "CrabCavity", Conv: crabConv, Pass: "CrabCavityPass", Build: []string{"Length", "Voltages", "Frequency", "HarmNumber"}, Required: 4, Long: true, Parents: []*Class{LongElement}}
	M66           = &Class{Name: "M66", File: "Matrix66", Conv: m66Conv, Pass: "Matrix66Pass", Build: []string{"M66"}, Parents: []*Class{Element}}
	EnergyLoss    = &Class{Name: "EnergyLoss", Conv: eLossConv, Pass: "IdentityPass", Build: []string{"EnergyLoss"}, Required: 1, Parents: []*Class{Element}}
	Corrector     = &Class{Name: "Corrector", Conv: baseConv, Pass: "CorrectorPass", Build: []string{"Length", "KickAngle"}, Required: 2, Long: true,
		Parents: []*Class{LongElement}, Props: []string{"Kn0L", "Ks0L"}}
	RingParam     = &Class{Name: "RingParam", Conv: ringConv, Pass: "IdentityPass", Build: []string{"Energy", "Periodicity"}, Required: 2, Parents: []*Class{Element}}
	ThinMultipole = &Class{Name: "ThinMultipole", Conv: multipoleConv, Pass: "ThinMPolePass", Build: []string{"PolynomA", "PolynomB"}, Required: 2, Multipole: true,
		Parents: []*Class{Element}, Props: multipoleProps[:11]}
	Multipole = &Class{Name: "Multipole", Conv: multipoleConv, Pass: "StrMPoleSymplectic4Pass", Build: []string{"Length", "PolynomA", "PolynomB"}, Required: 3, Multipole: true, Long: true,
		Parents: []*Class{LongElement, ThinMultipole}, Props: multipoleProps}
	Dipole = &Class{Name: "Dipole", File: "Bend", Conv: dipoleConv, Pass: "BndMPoleSymplectic4Pass", Build: []string{"Length", "BendingAngle", "K"}, Required: 1, Multipole: true, Long: true,
		DefaultOrder: 1, KProp: true, Parents: []*Class{Multipole}, Props: multipoleProps}
	Quadrupole = &Class{Name: "Quadrupole", Conv: quadConv, Pass: "StrMPoleSymplectic4Pass", Build: []string{"Length", "K"}, Required: 1, Multipole: true, Long: true,
		DefaultOrder: 1, KProp: true, Parents: []*Class{Multipole}, Props: multipoleProps}
	Sextupole = &Class{Name: "Sextupole", Conv: multipoleConv, Pass: "StrMPoleSymplectic4Pass", Build: []string{"Length", "H"}, Required: 1, Multipole: true, Long: true,
		DefaultOrder: 2, Parents: []*Class{Multipole}, Props: multipoleProps}
	Octupole = &Class{Name: "Octupole", Conv: multipoleConv, Pass: "StrMPoleSymplectic4Pass", Build: []string{"Length", "PolynomA", "PolynomB"}, Required: 3, Multipole: true, Long: true,
		DefaultOrder: 3, Parents: []*Class{Multipole}, Props: multipoleProps}
	SimpleQuantDiff  = &Class{Name: "SimpleQuantDiff", Conv: baseConv, Pass: "SimpleQuantDiffPass", Parents: []*Class{Element}}
	SimpleRadiation  = &Class{Name: "SimpleRadiation", Conv: simpRadConv, Pass: "SimpleRadiationRadPass", Parents: []*Class{Element}}
	QuantumDiffusion = &Class{Name: "QuantumDiffusion", Conv: qdiffConv, Pass: "QuantDiffPass", Build: []string{"Lmatp"}, Required: 1, Parents: []*Class{Element}}
	Wiggler          = &Class{Name: "Wiggler", Conv: wigConv, Pass: "GWigSymplecticPass", Build: []string{"Length", "Lw", "Bmax"}, Required: 3, Long: true, Parents: []*Class{LongElement}}
)

// described are the classes above.
var described = []*Class{Element, LongElement, Marker, Monitor, Drift, Collimator, Aperture,
	LongtAperture, RFCavity, CrabCavity, M66, EnergyLoss, Corrector, RingParam, ThinMultipole,
	Multipole, Dipole, Quadrupole, Sextupole, Octupole, SimpleQuantDiff, SimpleRadiation,
	QuantumDiffusion, Wiggler}

// undescribed are PyAT classes that gotrack does not build.
var undescribed = []string{"BeamMoments", "SliceMoments", "InsertionDeviceKickMap",
	"VariableThinMultipole", "BeamLoadingElement", "WakeElement", "ResonatorElement",
	"LongResonatorElement", "ResWallElement"}

// ClassMap is PyAT's _CLASS_MAP: lower-case class names and PyAT's
// aliases (among them "M66", the only key not in lower case). A nil
// value is a PyAT class that gotrack does not build.
var ClassMap = func() map[string]*Class {
	m := map[string]*Class{}
	for _, c := range described {
		m[lower(c.Name)] = c
	}
	for _, n := range undescribed {
		m[lower(n)] = nil
	}
	for k, c := range map[string]*Class{
		"bend": Dipole, "rbend": Dipole, "sbend": Dipole, "quad": Quadrupole,
		"sext": Sextupole, "rf": RFCavity, "bpm": Monitor, "ap": Aperture,
		"ringparam": RingParam, "matrix66": M66, "M66": M66, "wig": Wiggler,
	} {
		m[k] = c
	}
	return m
}()

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// PassMap is PyAT's _PASS_MAP: the class a passmethod implies. A nil
// value is a class gotrack does not build; PassClassName names it.
var PassMap = map[string]*Class{
	"BendLinearPass":             Dipole,
	"BndMPoleSymplectic4RadPass": Dipole,
	"BndMPoleSymplectic4Pass":    Dipole,
	"QuadLinearPass":             Quadrupole,
	"StrMPoleSymplectic4Pass":    Multipole,
	"StrMPoleSymplectic4RadPass": Multipole,
	"CorrectorPass":              Corrector,
	"CavityPass":                 RFCavity,
	"RFCavityPass":               RFCavity,
	"ThinMPolePass":              ThinMultipole,
	"Matrix66Pass":               M66,
	"AperturePass":               Aperture,
	"IdTablePass":                nil,
	"GWigSymplecticPass":         Wiggler,
	"VariableThinMPolePass":      nil,
}

// PassClassName names the PyAT class of the passmethods PassMap maps to
// nil.
var PassClassName = map[string]string{
	"IdTablePass":           "InsertionDeviceKickMap",
	"VariableThinMPolePass": "VariableThinMultipole",
}

// TransformAttrs are the options Element.from_file pops and applies as
// a geometric transformation of the element.
var TransformAttrs = []string{"dx", "dy", "dz", "pitch", "yaw", "tilt", "reference"}

// Sanitise gives the warnings of PyAT's sanitise_class about an
// element of class c with that passmethod and length: a passmethod that
// gotrack's engine does not implement (PyAT checks its own integrators),
// an IdentityPass with a length, a passmethod of another class.
func Sanitise(c *Class, passMethod string, length float64, warn func(format string, a ...any)) {
	pc, mapped := PassMap[passMethod]
	_, implemented := device.MethodByName(passMethod)
	switch {
	case !implemented:
		warn("PassMethod %s is not implemented in gotrack.", passMethod)
	case passMethod == "IdentityPass" && length != 0:
		warn("PassMethod %s is not compatible with length %s.", passMethod, attrval.PyRepr(length))
	case mapped && (pc == nil || !c.IsSub(pc)):
		warn("PassMethod %s is not compatible with Class %s.", passMethod, c.Name)
	}
}

// GetsEnergy is the rule of the energy setter of PyAT's Lattice: RF
// cavities and radiating elements (passmethod ending in RadPass) get
// the lattice energy as their Energy attribute.
func GetsEnergy(c *Class, passMethod string) bool {
	return c.IsSub(RFCavity) || strings.HasSuffix(passMethod, "RadPass")
}
