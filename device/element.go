package device

// Absent is the pool offset of an optional array the element does not have.
const Absent int32 = -1

// Element is the flat, fixed-layout record of one lattice element: the ABI
// shared by the Go backends and the CUDA kernels (go generate ./device
// writes kernels/element.h's gt_element from it, field for field; a cgo
// test checks sizes and offsets). Scalars are stored
// directly; arrays live in the plan's coefficient pool and are referenced by
// offset (Absent when missing).
//
// Array layouts in the pool:
//   - PolynomA, PolynomB: MaxOrder+1 values (at least).
//   - T1, T2: 6 values; KickAngle: 2; RApertures and AperturePass Limits: 4
//     (xmin, xmax, ymin, ymax); EApertures and EAperturePass Axes: 2.
//   - R1, R2, M66: 36 values, column-major as AT's C code reads them:
//     pool[off+i+6*j] = M[i][j].
//   - FringeIntM0, FringeIntP0: 5 values.
//   - By, Bx (wigglers): 6 values per harmonic, NHharm and NVharm of them.
//
// Scalars not used by a passmethod are zero. Energy holds the energy the
// passmethod must use, resolved as AT does (the ring energy when positive,
// else the element's Energy attribute). HarmNumber of an RFCavityPass is
// AT's round(Frequency*T0), computed when the plan is compiled.
type Element struct {
	Method             Method // passmethod
	MaxOrder           int32  // highest multipole order used
	NumIntSteps        int32  // integration steps
	FringeBendEntrance int32  // dipole fringe model at entrance (AT default 1)
	FringeBendExit     int32  // dipole fringe model at exit (AT default 1)
	FringeQuadEntrance int32  // quadrupole fringe at entrance (0 off)
	FringeQuadExit     int32  // quadrupole fringe at exit (0 off)

	PolynomA    int32 // pool offset: skew multipole coefficients
	PolynomB    int32 // pool offset: normal multipole coefficients
	T1          int32 // pool offset: entrance translation
	T2          int32 // pool offset: exit translation
	R1          int32 // pool offset: entrance rotation matrix
	R2          int32 // pool offset: exit rotation matrix
	RApertures  int32 // pool offset: rectangular aperture (also AperturePass Limits)
	EApertures  int32 // pool offset: elliptical aperture (also EAperturePass Axes)
	KickAngle   int32 // pool offset: corrector kicks
	M66         int32 // pool offset: 6x6 transfer matrix
	FringeIntM0 int32 // pool offset: elegant-like linear quad fringe integrals (entrance side)
	FringeIntP0 int32 // pool offset: elegant-like linear quad fringe integrals (exit side)
	_           int32 // padding to an 8-byte boundary

	Length        float64 // m
	BendingAngle  float64 // rad
	EntranceAngle float64 // rad
	ExitAngle     float64 // rad
	FringeInt1    float64
	FringeInt2    float64
	FullGap       float64 // m
	H1            float64 // pole-face curvature at entrance
	H2            float64 // pole-face curvature at exit
	FieldScaling  float64 // 1 when absent
	K             float64 // quadrupole / solenoid strength
	ByError       float64
	GK            float64 // exact bends' fringe integral gK
	X0Ref         float64 // ExactRectangularBendPass reference offset
	RefDZ         float64 // ExactRectangularBendPass path correction
	Voltage       float64 // V
	Frequency     float64 // Hz
	HarmNumber    float64
	TimeLag       float64 // m
	PhaseLag      float64 // rad
	Energy        float64 // eV, resolved (see above)
	// BendingAngleY is the vertical bending of a ThinMPolePass, whose
	// optional BendingAngle attribute is an array (bax, bay): bax goes to
	// BendingAngle, bay here (both 0 when absent).
	BendingAngleY float64

	// Diffusion is the pool offset of a quantum-diffusion element's kick
	// data: QuantDiffPass's Lmatp (36 values, column-major, lower
	// triangular), SimpleQuantDiffPass's three kick amplitudes
	// 2 sigma_xp sqrt(1/taux), 2 sigma_yp sqrt(1/tauy), 2 espread
	// sqrt(1/tauz) (a zero amplitude skips the kick, as AT skips a zero
	// sigma).
	Diffusion int32
	_         int32 // padding to an 8-byte boundary

	// The generic wiggler (GWigSymplecticPass, GWigSymplecticRadPass):
	// period Lw [m], peak field Bmax [T], Nstep integration steps per
	// period, Nmeth (2 or 4: the order of GWigSymplecticPass's scheme),
	// and the harmonic tables By (NHharm horizontal-wiggler harmonics) and
	// Bx (NVharm vertical-wiggler ones): pool offsets of 6 values per
	// harmonic, harmonic i at offset+6*i, in AT's column order (unused,
	// amplitude, kx/kw, ky/kw, kz/kw, phase), Absent when there are none.
	Lw     float64
	Bmax   float64
	Nstep  int32
	Nmeth  int32
	NHharm int32
	NVharm int32
	By     int32
	Bx     int32
	// Modulation is the pool offset of the data of a time-dependent
	// element: CrabCavityPass's Voltages (Vx, Vy) [V];
	// VariableThinMPolePass's modulation block (layout in modulation.go).
	Modulation int32
	_          int32 // padding to an 8-byte boundary
	// Lumped is the pool offset of a lumped ring element's parameters:
	//   - SimpleRadiationRadPass: damp_mat_diag (6 values), dispx, dispxp,
	//     dispy, dispyp and the energy loss U0/E (11 values);
	//   - EnergyLossRadPass: the momentum step EnergyLoss/Energy, divided
	//     by beta^2 for a massive particle (1 value);
	//   - DeltaQPass: Alphax, Alphay, Betax, Betay, A1, A2, A3, then
	//     chromx_arr and chromy_arr, ChromOrder values each.
	Lumped int32
	// ChromOrder is DeltaQPass's chrom_maxorder: the number of
	// chromaticity terms (AT default 1).
	ChromOrder int32
}

// NewElement returns a record of the given method with every array Absent
// and AT's defaults for the optional scalars (FieldScaling 1, bend fringe 1).
func NewElement(m Method) Element {
	return Element{
		Method:             m,
		FringeBendEntrance: 1,
		FringeBendExit:     1,
		PolynomA:           Absent,
		PolynomB:           Absent,
		T1:                 Absent,
		T2:                 Absent,
		R1:                 Absent,
		R2:                 Absent,
		RApertures:         Absent,
		EApertures:         Absent,
		KickAngle:          Absent,
		M66:                Absent,
		FringeIntM0:        Absent,
		FringeIntP0:        Absent,
		Diffusion:          Absent,
		By:                 Absent,
		Bx:                 Absent,
		Modulation:         Absent,
		Lumped:             Absent,
		FieldScaling:       1,
	}
}
