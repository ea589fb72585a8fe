package trackingtest

import (
	"fmt"
	"math"
	"testing"
)

// BitTally counts the values of a case that differ from PyAT's bits: the
// zero-tolerance comparison of the backends that compile the kernel source
// with the host C compiler.
type BitTally struct {
	values, differ int
	maxDiff        float64
	first          string
}

// Add compares got with PyAT's want bit for bit (any NaN matches any NaN);
// where names the value in the report.
func (s *BitTally) Add(where string, got, want float64) {
	s.values++
	if (math.IsNaN(got) && math.IsNaN(want)) || math.Float64bits(got) == math.Float64bits(want) {
		return
	}
	if s.differ == 0 {
		s.first = fmt.Sprintf("%s: %.17g, PyAT %.17g", where, got, want)
	}
	s.differ++
	s.maxDiff = max(s.maxDiff, math.Abs(got-want))
}

// Values returns the number of values compared.
func (s *BitTally) Values() int { return s.values }

// Report fails t when a value differed, with the count, the largest
// difference and the first value that differed.
func (s *BitTally) Report(t testing.TB) {
	t.Helper()
	if s.differ > 0 {
		t.Errorf("%d of %d values differ from PyAT's bits (max |difference| %.3g); first: %s", s.differ, s.values, s.maxDiff, s.first)
	}
}
