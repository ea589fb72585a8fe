package device

// Method identifies a passmethod in an element record. The numbering is
// part of the ABI shared with the CUDA kernels: append, never reorder (go
// generate ./device writes the C enumeration GT_<Method> and
// GT_FOR_EACH_METHOD into kernels/element.h from NumMethods and String).
type Method int32

// The passmethods gotrack implements, named after AT's integrators.
const (
	IdentityPass Method = iota
	DriftPass
	ExactDriftPass
	StrMPoleSymplectic4Pass
	StrMPoleSymplectic4RadPass
	BndMPoleSymplectic4Pass
	BndMPoleSymplectic4RadPass
	BndMPoleSymplectic4E2Pass
	BndMPoleSymplectic4E2RadPass
	ThinMPolePass
	CorrectorPass
	AperturePass
	EAperturePass
	CavityPass
	RFCavityPass
	Matrix66Pass
	QuadLinearPass
	BendLinearPass
	SolenoidLinearPass
	ChangePRefPass
	ExactMultipolePass
	ExactSectorBendPass
	ExactRectangularBendPass
	QuantDiffPass
	SimpleQuantDiffPass
	GWigSymplecticPass
	GWigSymplecticRadPass
	StrMPoleSymplectic4QuantPass
	BndMPoleSymplectic4QuantPass
	CrabCavityPass
	VariableThinMPolePass
	SimpleRadiationRadPass
	EnergyLossRadPass
	DeltaQPass
	Matrix66RadPass
	LongtAperturePass
	ExactMultipoleRadPass
	ExactSectorBendRadPass
	ExactRectangularBendRadPass
	ExactRectBendPass
	ExactRectBendRadPass
	// NumMethods is the number of passmethods; it is not a passmethod.
	NumMethods
)

var methodNames = [NumMethods]string{
	"IdentityPass",
	"DriftPass",
	"ExactDriftPass",
	"StrMPoleSymplectic4Pass",
	"StrMPoleSymplectic4RadPass",
	"BndMPoleSymplectic4Pass",
	"BndMPoleSymplectic4RadPass",
	"BndMPoleSymplectic4E2Pass",
	"BndMPoleSymplectic4E2RadPass",
	"ThinMPolePass",
	"CorrectorPass",
	"AperturePass",
	"EAperturePass",
	"CavityPass",
	"RFCavityPass",
	"Matrix66Pass",
	"QuadLinearPass",
	"BendLinearPass",
	"SolenoidLinearPass",
	"ChangePRefPass",
	"ExactMultipolePass",
	"ExactSectorBendPass",
	"ExactRectangularBendPass",
	"QuantDiffPass",
	"SimpleQuantDiffPass",
	"GWigSymplecticPass",
	"GWigSymplecticRadPass",
	"StrMPoleSymplectic4QuantPass",
	"BndMPoleSymplectic4QuantPass",
	"CrabCavityPass",
	"VariableThinMPolePass",
	"SimpleRadiationRadPass",
	"EnergyLossRadPass",
	"DeltaQPass",
	"Matrix66RadPass",
	"LongtAperturePass",
	"ExactMultipoleRadPass",
	"ExactSectorBendRadPass",
	"ExactRectangularBendRadPass",
	"ExactRectBendPass",
	"ExactRectBendRadPass",
}

// String returns AT's name of the passmethod, e.g. "DriftPass".
func (m Method) String() string {
	if m < 0 || m >= NumMethods {
		return "Method(invalid)"
	}
	return methodNames[m]
}

// MethodByName returns the passmethod with AT's name name.
func MethodByName(name string) (Method, bool) {
	for i, n := range methodNames {
		if n == name {
			return Method(i), true
		}
	}
	return 0, false
}

// Methods returns every passmethod, in ABI order.
func Methods() []Method {
	m := make([]Method, NumMethods)
	for i := range m {
		m[i] = Method(i)
	}
	return m
}

// Radiating reports whether the passmethod radiates (classical radiation),
// which makes a lattice 6D in PyAT's sense.
func (m Method) Radiating() bool {
	switch m {
	case StrMPoleSymplectic4RadPass, BndMPoleSymplectic4RadPass, BndMPoleSymplectic4E2RadPass,
		GWigSymplecticRadPass,
		StrMPoleSymplectic4QuantPass, BndMPoleSymplectic4QuantPass,
		SimpleRadiationRadPass, EnergyLossRadPass, Matrix66RadPass,
		ExactMultipoleRadPass, ExactSectorBendRadPass, ExactRectangularBendRadPass, ExactRectBendRadPass:
		return true
	}
	return false
}

// Symplectic reports whether one pass of the method is a symplectic map
// (no radiation, no energy change, no aperture).
func (m Method) Symplectic() bool {
	switch m {
	case StrMPoleSymplectic4RadPass, BndMPoleSymplectic4RadPass, BndMPoleSymplectic4E2RadPass,
		CavityPass, RFCavityPass, AperturePass, EAperturePass, ChangePRefPass,
		QuantDiffPass, SimpleQuantDiffPass, GWigSymplecticRadPass,
		StrMPoleSymplectic4QuantPass, BndMPoleSymplectic4QuantPass,
		CrabCavityPass, VariableThinMPolePass,
		SimpleRadiationRadPass, EnergyLossRadPass, DeltaQPass, Matrix66RadPass, LongtAperturePass,
		ExactMultipoleRadPass, ExactSectorBendRadPass, ExactRectangularBendRadPass, ExactRectBendRadPass:
		return false
	}
	return true
}

// Stochastic reports whether the passmethod draws random numbers (quantum
// excitation): its result depends on the run's seed (package device/rng).
// Optics replace these elements by their deterministic counterparts.
func (m Method) Stochastic() bool {
	switch m {
	case QuantDiffPass, SimpleQuantDiffPass, StrMPoleSymplectic4QuantPass, BndMPoleSymplectic4QuantPass:
		return true
	}
	return false
}
