package trackingtest

import "math"

// Tolerance bounds the difference between two results: |got - want| <=
// Abs + Rel·|want|. Two NaNs agree.
type Tolerance struct {
	Abs, Rel float64
}

// ok reports whether got is within the tolerance of want.
func (tol Tolerance) ok(got, want float64) bool {
	if math.IsNaN(want) && math.IsNaN(got) {
		return true
	}
	return math.Abs(got-want) <= tol.Abs+tol.Rel*math.Abs(want)
}
