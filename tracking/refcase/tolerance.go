package refcase

// Tolerances of the conformance suite and the self-test.
const (
	// ElementAbs and ElementRel bound |gotrack - PyAT| <= ElementAbs +
	// ElementRel*|PyAT| for every coordinate of every element case.
	ElementAbs = 1e-15
	ElementRel = 1e-12
	// RingAbs bounds |gotrack - PyAT| for every coordinate of every turn
	// of every ring case.
	RingAbs = 1e-9
)

// Tolerances of the collective cases (20 to 30 turns of the hmba cell).
// Coordinates: |d| <= CollectiveAbs + CollectiveCoordRel*|PyAT|. The core
// of the beam agrees to 6.3e-17 on the CPU; the few particles started at
// x = 14..30 mm, in the chaotic region where they get lost, drift apart
// relatively (up to 4e-11 of their size at loss). Both bounds stay far
// below the smallest effect of a wake in these cases (4e-11 on a
// coordinate of size 1e-3 against the same run without current), so a
// missing or wrong kick fails. The wake history, beam and slice moments
// are compared relative to the largest magnitude of each quantity over
// the case: gotrack's sums are exact where AT adds in sequence, so the two
// differ by a few ulps of the sums.
const (
	CollectiveAbs      = 1e-13
	CollectiveCoordRel = 1e-10
	CollectiveRel      = 1e-11
)
