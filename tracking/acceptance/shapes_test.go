package acceptance

import (
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// TestShapes runs the modes without a reference case (2-D recursive, 1-D
// cartesian) for a few turns and checks PyAT's result shapes.
func TestShapes(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		t.Fatal(err)
	}
	opt := &Options{Turns: 8, GridMode: Recursive, Track: tracking.Options{Device: "cpu"}}
	r, err := Acceptance(lat, []string{"x", "y"}, []int{4, 3}, []float64{0.01, 0.005}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Boundary) != 2 || len(r.Boundary[0]) != 3 || len(r.Tracked[0]) != len(r.SurvivedFlag) {
		t.Errorf("2-D recursive: boundary %d x %d, %d tracked, %d flags", len(r.Boundary), len(r.Boundary[0]),
			len(r.Tracked[0]), len(r.SurvivedFlag))
	}
	// The on-axis points survive 8 turns: the boundary is not at zero.
	if r.Boundary[0][0] >= 0 || r.Boundary[0][2] <= 0 {
		t.Errorf("2-D recursive boundary x = %v", r.Boundary[0])
	}
	opt = &Options{Turns: 8, Track: tracking.Options{Device: "cpu"}}
	r, err = Acceptance(lat, []string{"x"}, []int{21}, []float64{0.03}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Boundary) != 1 || len(r.Boundary[0]) != 2 || len(r.Tracked) != 2 || len(r.Tracked[0]) != 21 {
		t.Errorf("1-D cartesian: boundary %v, tracked %d rows", r.Boundary, len(r.Tracked))
	}
	if !(r.Boundary[0][0] < 0 && r.Boundary[0][1] > 0) {
		t.Errorf("1-D cartesian boundary %v", r.Boundary[0])
	}
}
