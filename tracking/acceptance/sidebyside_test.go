package acceptance

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

func hmbaCell(t *testing.T) *tracking.Lattice {
	t.Helper()
	lat, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		t.Fatal(err)
	}
	return lat
}

// TestSeveralRefptsRecursive runs PyAT's hmba_x and hmba_x_obs61 cases
// (get_1d_acceptance of x at the entrance and at element 61, same
// arguments) as one AcceptanceAt call with refpts 0 and 61, the two
// searches side by side: each must give PyAT's result exactly (inputs,
// flags, loss records, boundary to the bit).
func TestSeveralRefptsRecursive(t *testing.T) {
	x, x61 := loadCase(t, "hmba_x"), loadCase(t, "hmba_x_obs61")
	a := x.Arguments
	opt := &Options{Turns: a.Nturns, GridMode: Recursive, Refpts: []int{0, 61}, Track: tracking.Options{Device: "cpu"}}
	npoint := 200 // ceil(amplitude / resolution) = ceil(0.01 / 5e-5)
	res, err := AcceptanceAt(hmbaCell(t), []string{"x"}, []int{npoint}, []float64{a.Amplitude}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	checkResult(t, x, res[0], 0)
	checkResult(t, x61, res[1], 0)
}

// TestSeveralRefptsGrid runs a radial grid from the entrance and from
// element 61 (dp = -2 %, 512 turns) as one beam: the point at 61 must
// give PyAT's hmba_xy_radial_obs61_dpm2 result (within 4 ulps, Go's
// cos/sin against libm's), and each point the result of Acceptance at
// that point alone, identical in every field but Calls.
func TestSeveralRefptsGrid(t *testing.T) {
	c := loadCase(t, "hmba_xy_radial_obs61_dpm2")
	a := c.Arguments
	lat := hmbaCell(t)
	opt := Options{Turns: a.Nturns, Dp: a.Dp, GridMode: Radial, Track: tracking.Options{Device: "cpu"}}
	both := opt
	both.Refpts = []int{0, 61}
	res, err := AcceptanceAt(lat, a.Planes, a.Npoints, a.Amplitudes, &both)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	if res[0].Calls != 3 {
		t.Errorf("%d tracking calls, want 3 (two projections, one call for both grids)", res[0].Calls)
	}
	checkResult(t, c, res[1], 4)
	for i, k := range both.Refpts {
		one := opt
		one.Refpts = []int{k}
		alone, err := Acceptance(lat, a.Planes, a.Npoints, a.Amplitudes, &one)
		if err != nil {
			t.Fatal(err)
		}
		got := *res[i]
		got.Calls = alone.Calls
		if !reflect.DeepEqual(&got, alone) {
			t.Errorf("refpt %d: the batched result differs from the scan alone", k)
		}
	}
}
