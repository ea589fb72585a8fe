package optics_test

import (
	"fmt"

	_ "github.com/gotrack/gotrack/kernels/cpu" // the "cpu" backend
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

// The 6D closed orbit, the one-turn matrix and the linear optics of the
// radiating HMBA cell, then the tunes of the full ring (32 cells) with 6D
// motion turned off.
func Example() {
	lat, err := atjson.LoadLattice("../../testdata/lattices/hmba_6d.json")
	if err != nil {
		panic(err)
	}
	orbit, err := optics.FindOrbit6(lat, nil, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("orbit6 delta %.4e, ct %.6f m\n", orbit.Orbit0[4], orbit.Orbit0[5])
	m66, _, err := optics.FindM66(lat, nil, &orbit.Orbit0, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("M66[0][1] %.6f m\n", m66[0][1])
	lo, err := optics.Linopt6(lat, optics.AllRefpts(lat), false, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("beta at the start %.4f m, %.4f m; damping times %.2f ms, %.2f ms, %.2f ms\n",
		lo.Elem[0].Beta[0], lo.Elem[0].Beta[1],
		1e3*lo.Ring.DampingTime[0], 1e3*lo.Ring.DampingTime[1], 1e3*lo.Ring.DampingTime[2])
	q, err := optics.GetTune(optics.Disable6D(lat), nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("tunes of the ring %.6f %.6f\n", q[0], q[1])
	// Output:
	// orbit6 delta -6.6969e-06, ct -0.058845 m
	// M66[0][1] 4.673714 m
	// beta at the start 6.9000 m, 2.6447 m; damping times 8.73 ms, 13.37 ms, 9.11 ms
	// tunes of the ring 0.209998 0.340013
}
