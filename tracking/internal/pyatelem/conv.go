package pyatelem

// ConvKind is the kind of one of PyAT's attribute conversions
// (Element._conversions).
type ConvKind int

// The conversions of PyAT's element classes.
const (
	// Float is float(v).
	Float ConvKind = iota + 1
	// Int is int(v), truncating toward zero.
	Int
	// IntMin0 is int(v), which must not be negative (NumIntSteps).
	IntMin0
	// String is str(v).
	String
	// Vector is a float64 array reshaped to (N,) in Fortran order; N < 0
	// accepts any length.
	Vector
	// Matrix is a float64 array reshaped to (Rows, N) in Fortran order;
	// N < 0 accepts any number of columns.
	Matrix
	// Particle is RingParam's Particle: a particle name or a struct with
	// name, rest_energy and charge, kept as given.
	Particle
)

// Conv is one attribute conversion: its kind and, for Vector and
// Matrix, the shape.
type Conv struct {
	Kind ConvKind
	// Rows is the number of rows of a Matrix.
	Rows int
	// N is the length of a Vector, the number of columns of a Matrix;
	// negative: any.
	N int
}

var (
	convFloat   = Conv{Kind: Float}
	convInt     = Conv{Kind: Int}
	convIntMin0 = Conv{Kind: IntMin0}
	convString  = Conv{Kind: String}
	convM66     = Conv{Kind: Matrix, Rows: 6, N: 6}
)

func vector(n int) Conv { return Conv{Kind: Vector, N: n} }

// baseConv is PyAT's Element._conversions.
var baseConv = map[string]Conv{
	"FamName":      convString,
	"PassMethod":   convString,
	"Length":       convFloat,
	"R1":           convM66,
	"R2":           convM66,
	"T1":           vector(6),
	"T2":           vector(6),
	"RApertures":   vector(4),
	"EApertures":   vector(2),
	"KickAngle":    vector(2),
	"PolynomB":     vector(-1),
	"PolynomA":     vector(-1),
	"BendingAngle": convFloat,
	"MaxOrder":     convInt,
	"NumIntSteps":  convIntMin0,
	"Energy":       convFloat,
}

// withConv returns parent extended by extra, as a subclass extends its
// parent's _conversions.
func withConv(parent, extra map[string]Conv) map[string]Conv {
	m := make(map[string]Conv, len(parent)+len(extra))
	for k, v := range parent {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

var (
	multipoleConv = withConv(baseConv, map[string]Conv{"K": convFloat, "H": convFloat})
	dipoleConv    = withConv(multipoleConv, map[string]Conv{
		"EntranceAngle": convFloat, "ExitAngle": convFloat,
		"FringeInt1": convFloat, "FringeInt2": convFloat,
		"FringeQuadEntrance": convInt, "FringeQuadExit": convInt,
		"FringeBendEntrance": convInt, "FringeBendExit": convInt,
	})
	quadConv = withConv(multipoleConv, map[string]Conv{"FringeQuadEntrance": convInt, "FringeQuadExit": convInt})
	cavConv  = withConv(baseConv, map[string]Conv{
		"Voltage": convFloat, "Frequency": convFloat, "HarmNumber": convInt, "TimeLag": convFloat,
	})
	apertureConv = withConv(baseConv, map[string]Conv{"Limits": vector(4)})
	m66Conv      = withConv(baseConv, map[string]Conv{"M66": convM66})
	ringConv     = withConv(baseConv, map[string]Conv{"Energy": convFloat, "Periodicity": convInt,
		"Particle": {Kind: Particle}, "cell_harmnumber": convFloat})
	crabConv = withConv(baseConv, map[string]Conv{
		"Voltages": vector(2), "Frequency": convFloat, "HarmNumber": convInt,
		"TimeLag": convFloat, "PhaseLag": convFloat, "SigPhi": convFloat, "SigVV": convFloat,
	})
	eLossConv   = withConv(baseConv, map[string]Conv{"EnergyLoss": convFloat})
	qdiffConv   = withConv(baseConv, map[string]Conv{"Lmatp": convM66})
	simpRadConv = withConv(baseConv, map[string]Conv{"U0": convFloat, "damp_mat_diag": vector(6)})
	wigConv     = withConv(baseConv, map[string]Conv{
		"Lw": convFloat, "Bmax": convFloat, "Energy": convFloat,
		"Bx": {Kind: Matrix, Rows: 6, N: -1}, "By": {Kind: Matrix, Rows: 6, N: -1},
		"Nstep": convInt, "Nmeth": convInt, "NHharm": convInt, "NVharm": convInt,
	})
)
