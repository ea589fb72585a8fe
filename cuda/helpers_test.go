//go:build cuda

package cuda

import (
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// hmbaProgram opens GPU 0 and loads on it the plan of the hmba cell
// (testdata/lattices/hmba.json); the program is closed when the test ends.
func hmbaProgram(t *testing.T) (*Backend, *device.Plan, *Program) {
	t.Helper()
	lat, err := atjson.LoadLattice("../testdata/lattices/hmba.json")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tracking.Compile(lat)
	if err != nil {
		t.Fatal(err)
	}
	be, err := Open(0)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := be.Load(plan)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Close() })
	return be, plan, prog.(*Program)
}

// particlesOf returns a copy of the beam's coordinates as device
// particles.
func particlesOf(b *tracking.Beam) *device.Particles {
	p := device.NewParticles(b.Len())
	for k := range p.Coords {
		copy(p.Coords[k], b.Coords[k])
	}
	return p
}
