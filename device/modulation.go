package device

// The modulation block of a VariableThinMPolePass element (AT's
// VariableThinMultipole), at pool offset Element.Modulation: a header of
// ModHeader values, then the arrays it refers to. Every value is a
// float64; flags are 0 or 1, and array offsets are relative to the start
// of the block, -1 when the array is absent. The A part drives PolynomA,
// the B part PolynomB; each amplitude array holds MaxOrder+1 values.
// kernels/varmpole.cuh reads the same layout (GT_MOD_* there).
const (
	ModMode     = 0 // excitation: ModSine or ModArbitrary (others give no kick)
	ModPeriodic = 1 // ARBITRARY: 1 repeats Func, 0 gives zero from turn NSamples on
	ModHasRamps = 2 // 1 when Ramps (4 values, turns) follows
	ModRamps    = 3 // Ramps[0..3]
	ModA        = 7 // the A part: ModPart values
	ModB        = 12
	// ModHeader is the number of header values.
	ModHeader = 17

	// Offsets within a part.
	ModAmp       = 0 // offset of the amplitudes, -1 when absent (no excitation)
	ModFrequency = 1 // SINE frequency [Hz]
	ModPhase     = 2 // SINE phase [rad]
	ModNSamples  = 3 // ARBITRARY: number of samples of Func used
	ModFunc      = 4 // ARBITRARY: offset of Func, -1 when absent
	// ModPart is the number of values of a part.
	ModPart = 5
)

// The excitation modes of VariableThinMPolePass (PyAT's ACMode). AT's
// WHITENOISE (1) draws from its own generator: gotrack refuses it.
const (
	ModSine       = 0
	ModWhiteNoise = 1
	ModArbitrary  = 2
)
