package trackingtest

import (
	"fmt"

	"github.com/gotrack/gotrack/tracking"
)

// Mismatch describes one coordinate that differs from the reference.
type Mismatch struct {
	Turn, Refpt, Particle, Coord int
	Got, Want                    float64
}

// String describes the mismatch for a test report.
func (m Mismatch) String() string {
	return fmt.Sprintf("turn %d refpt %d particle %d %s: got %.17g, want %.17g (diff %.3g)",
		m.Turn, m.Refpt, m.Particle, tracking.CoordNames[m.Coord], m.Got, m.Want, m.Got-m.Want)
}
