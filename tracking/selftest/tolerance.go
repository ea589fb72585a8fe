package selftest

// Tolerances: the conformance suite's (package trackingtest, which imports
// "testing" and so stays out of the command); TestTolerances checks that
// each equals the trackingtest constant of the same name.
const (
	// ElementAbs and ElementRel bound |gotrack - PyAT| <= ElementAbs +
	// ElementRel*|PyAT| on every coordinate of an element case
	// (trackingtest.ElementAbs, trackingtest.ElementRel).
	ElementAbs = 1e-15
	ElementRel = 1e-12
	// RingAbs bounds |gotrack - PyAT| on every coordinate of every turn
	// of a ring case (trackingtest.RingAbs).
	RingAbs = 1e-9
	// CollectiveAbs and CollectiveCoordRel bound the coordinates of a
	// collective case, CollectiveRel its wake history relative to the
	// largest magnitude of each column (trackingtest.CollectiveAbs,
	// trackingtest.CollectiveCoordRel, trackingtest.CollectiveRel).
	CollectiveAbs      = 1e-13
	CollectiveCoordRel = 1e-10
	CollectiveRel      = 1e-11
)
