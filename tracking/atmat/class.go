package atmat

import (
	"strings"
)

// class describes one of PyAT's element classes as far as reading a
// file goes: the positional constructor arguments taken from the file
// (_BUILD_ATTRIBUTES after FamName), how many of them the constructor
// needs, the attribute conversions and the default passmethod.
type class struct {
	name     string // PyAT class name
	file     string // "Class" written to files (_file_classname)
	build    []string
	required int
	conv     map[string]convert
	pass     string
	// multipole classes: DefaultOrder, and whether items() adds K
	multipole    bool
	defaultOrder int
	withK        bool
	long         bool // a LongElement: Length is the first positional argument
}

// fileName returns the "Class" PyAT writes for the class.
func (c *class) fileName() string {
	if c.file != "" {
		return c.file
	}
	return c.name
}

// baseConv are the conversions of PyAT's Element class.
var baseConv = map[string]convert{
	"FamName":      convString,
	"PassMethod":   convString,
	"Length":       convFloat,
	"R1":           convMatrix(6, 6),
	"R2":           convMatrix(6, 6),
	"T1":           convVectorN(6),
	"T2":           convVectorN(6),
	"RApertures":   convVectorN(4),
	"EApertures":   convVectorN(2),
	"KickAngle":    convVectorN(2),
	"PolynomB":     convVector,
	"PolynomA":     convVector,
	"BendingAngle": convFloat,
	"MaxOrder":     convInt,
	"NumIntSteps":  convIntMin0,
	"Energy":       convFloat,
}

func withConv(base map[string]convert, extra map[string]convert) map[string]convert {
	m := make(map[string]convert, len(base)+len(extra))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

var (
	multipoleConv = withConv(baseConv, map[string]convert{"K": convFloat, "H": convFloat})
	dipoleConv    = withConv(multipoleConv, map[string]convert{
		"EntranceAngle": convFloat, "ExitAngle": convFloat,
		"FringeInt1": convFloat, "FringeInt2": convFloat,
		"FringeQuadEntrance": convInt, "FringeQuadExit": convInt,
		"FringeBendEntrance": convInt, "FringeBendExit": convInt,
	})
	quadConv = withConv(multipoleConv, map[string]convert{"FringeQuadEntrance": convInt, "FringeQuadExit": convInt})
	cavConv  = withConv(baseConv, map[string]convert{
		"Voltage": convFloat, "Frequency": convFloat, "HarmNumber": convInt, "TimeLag": convFloat,
	})
	apertureConv = withConv(baseConv, map[string]convert{"Limits": convVectorN(4)})
	m66Conv      = withConv(baseConv, map[string]convert{"M66": convMatrix(6, 6)})
	ringConv     = withConv(baseConv, map[string]convert{"Energy": convFloat, "Periodicity": convInt, "cell_harmnumber": convFloat})
	crabConv     = withConv(baseConv, map[string]convert{
		"Voltages": convVectorN(2), "Frequency": convFloat, "HarmNumber": convInt,
		"TimeLag": convFloat, "PhaseLag": convFloat, "SigPhi": convFloat, "SigVV": convFloat,
	})
	eLossConv   = withConv(baseConv, map[string]convert{"EnergyLoss": convFloat})
	qdiffConv   = withConv(baseConv, map[string]convert{"Lmatp": convMatrix(6, 6)})
	simpRadConv = withConv(baseConv, map[string]convert{"U0": convFloat, "damp_mat_diag": convVectorN(6)})
	wigConv     = withConv(baseConv, map[string]convert{
		"Lw": convFloat, "Bmax": convFloat, "Energy": convFloat,
		"Bx": convMatrix(6, -1), "By": convMatrix(6, -1),
		"Nstep": convInt, "Nmeth": convInt, "NHharm": convInt, "NVharm": convInt,
	})
)

// The classes the reader builds.
var (
	clsElement     = &class{name: "Element", conv: baseConv, pass: "IdentityPass"}
	clsLong        = &class{name: "LongElement", conv: baseConv, pass: "IdentityPass", build: []string{"Length"}, required: 1, long: true}
	clsMarker      = &class{name: "Marker", conv: baseConv, pass: "IdentityPass"}
	clsMonitor     = &class{name: "Monitor", conv: baseConv, pass: "IdentityPass"}
	clsDrift       = &class{name: "Drift", conv: baseConv, pass: "DriftPass", build: []string{"Length"}, required: 1, long: true}
	clsCollimator  = &class{name: "Collimator", conv: baseConv, pass: "DriftPass", build: []string{"Length", "RApertures"}, required: 2, long: true}
	clsAperture    = &class{name: "Aperture", conv: apertureConv, pass: "AperturePass", build: []string{"Limits"}, required: 1}
	clsLongtAper   = &class{name: "LongtAperture", conv: apertureConv, pass: "LongtAperturePass", build: []string{"Limits"}, required: 1}
	clsRFCavity    = &class{name: "RFCavity", conv: cavConv, pass: "RFCavityPass", build: []string{"Length", "Voltage", "Frequency", "HarmNumber", "Energy"}, required: 5, long: true}
	clsM66         = &class{name: "M66", file: "Matrix66", conv: m66Conv, pass: "Matrix66Pass", build: []string{"M66"}}
	clsCorrector   = &class{name: "Corrector", conv: baseConv, pass: "CorrectorPass", build: []string{"Length", "KickAngle"}, required: 2, long: true}
	clsThinMpole   = &class{name: "ThinMultipole", conv: multipoleConv, pass: "ThinMPolePass", build: []string{"PolynomA", "PolynomB"}, required: 2, multipole: true}
	clsMultipole   = &class{name: "Multipole", conv: multipoleConv, pass: "StrMPoleSymplectic4Pass", build: []string{"Length", "PolynomA", "PolynomB"}, required: 3, multipole: true, long: true}
	clsDipole      = &class{name: "Dipole", file: "Bend", conv: dipoleConv, pass: "BndMPoleSymplectic4Pass", build: []string{"Length", "BendingAngle", "K"}, required: 1, multipole: true, defaultOrder: 1, withK: true, long: true}
	clsQuadrupole  = &class{name: "Quadrupole", conv: quadConv, pass: "StrMPoleSymplectic4Pass", build: []string{"Length", "K"}, required: 1, multipole: true, defaultOrder: 1, withK: true, long: true}
	clsSextupole   = &class{name: "Sextupole", conv: multipoleConv, pass: "StrMPoleSymplectic4Pass", build: []string{"Length", "H"}, required: 1, multipole: true, defaultOrder: 2, long: true}
	clsOctupole    = &class{name: "Octupole", conv: multipoleConv, pass: "StrMPoleSymplectic4Pass", build: []string{"Length", "PolynomA", "PolynomB"}, required: 3, multipole: true, defaultOrder: 3, long: true}
	clsRingParam   = &class{name: "RingParam", conv: ringConv, pass: "IdentityPass", build: []string{"Energy", "Periodicity"}, required: 2}
	clsCrabCavity  = &class{name: "CrabCavity", conv: crabConv, pass: "CrabCavityPass", build: []string{"Length", "Voltages", "Frequency", "HarmNumber"}, required: 4, long: true}
	clsEnergyLoss  = &class{name: "EnergyLoss", conv: eLossConv, pass: "IdentityPass", build: []string{"EnergyLoss"}, required: 1}
	clsQuantDiff   = &class{name: "QuantumDiffusion", conv: qdiffConv, pass: "QuantDiffPass", build: []string{"Lmatp"}, required: 1}
	clsSimpleRad   = &class{name: "SimpleRadiation", conv: simpRadConv, pass: "SimpleRadiationRadPass"}
	clsSimpleQD    = &class{name: "SimpleQuantDiff", conv: baseConv, pass: "SimpleQuantDiffPass"}
	clsWiggler     = &class{name: "Wiggler", conv: wigConv, pass: "GWigSymplecticPass", build: []string{"Length", "Lw", "Bmax"}, required: 3, long: true}
	supportedClass = []*class{clsElement, clsLong, clsMarker, clsMonitor, clsDrift, clsCollimator, clsAperture,
		clsLongtAper, clsRFCavity, clsM66, clsCorrector, clsThinMpole, clsMultipole, clsDipole, clsQuadrupole,
		clsSextupole, clsOctupole, clsRingParam, clsCrabCavity, clsEnergyLoss, clsQuantDiff, clsSimpleRad,
		clsSimpleQD, clsWiggler}
)

// unsupportedClasses are PyAT classes this reader does not build; an
// element of one of them is an error.
var unsupportedClasses = []string{"BeamMoments", "SliceMoments", "InsertionDeviceKickMap",
	"VariableThinMultipole", "BeamLoadingElement", "WakeElement", "ResonatorElement",
	"LongResonatorElement", "ResWallElement"}

// classMap is PyAT's _CLASS_MAP: lower-case class names and aliases. A
// nil value marks a class that exists in PyAT but is not supported here.
var classMap = func() map[string]*class {
	m := map[string]*class{}
	for _, c := range supportedClass {
		m[strings.ToLower(c.name)] = c
	}
	for _, n := range unsupportedClasses {
		m[strings.ToLower(n)] = nil
	}
	for k, c := range map[string]*class{
		"bend": clsDipole, "rbend": clsDipole, "sbend": clsDipole, "quad": clsQuadrupole,
		"sext": clsSextupole, "rf": clsRFCavity, "bpm": clsMonitor, "ap": clsAperture,
		"ringparam": clsRingParam, "matrix66": clsM66, "m66": clsM66, "wig": clsWiggler,
	} {
		m[k] = c
	}
	return m
}()

// passMap is PyAT's _PASS_MAP: the class implied by a passmethod. An
// empty name marks a supported passmethod whose class is not built here.
var passMap = map[string]*class{
	"BendLinearPass":             clsDipole,
	"BndMPoleSymplectic4RadPass": clsDipole,
	"BndMPoleSymplectic4Pass":    clsDipole,
	"QuadLinearPass":             clsQuadrupole,
	"StrMPoleSymplectic4Pass":    clsMultipole,
	"StrMPoleSymplectic4RadPass": clsMultipole,
	"CorrectorPass":              clsCorrector,
	"CavityPass":                 clsRFCavity,
	"RFCavityPass":               clsRFCavity,
	"ThinMPolePass":              clsThinMpole,
	"Matrix66Pass":               clsM66,
	"AperturePass":               clsAperture,
	"IdTablePass":                nil,
	"GWigSymplecticPass":         clsWiggler,
	"VariableThinMPolePass":      nil,
}

// passClassName names the PyAT class of the passmethods passMap maps to nil.
var passClassName = map[string]string{
	"IdTablePass":           "InsertionDeviceKickMap",
	"VariableThinMPolePass": "VariableThinMultipole",
}

// isSubclass reports whether c is a subclass of p (PyAT's issubclass for
// the classes built here).
func isSubclass(c, p *class) bool {
	if c == p || p == clsElement {
		return true
	}
	switch p {
	case clsLong:
		return c.long
	case clsDrift:
		return c == clsCollimator
	case clsThinMpole:
		return c.multipole
	case clsMultipole:
		return c.multipole && c != clsThinMpole
	}
	return false
}
