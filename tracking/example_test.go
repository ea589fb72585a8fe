package tracking_test

import (
	"fmt"
	"log"

	_ "github.com/gotrack/gotrack/host" // registers the CPU backend
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// Example loads an AT lattice, makes a beam, tracks it and reads the
// results.
func Example() {
	lat, err := atjson.LoadLattice("../testdata/lattices/hmba.json")
	if err != nil {
		log.Fatal(err)
	}
	beam := tracking.GaussianBeam(1000, tracking.DefaultSigma, 42)
	res, err := tracking.Track(lat, beam, tracking.Options{
		Turns:  10,
		Refpts: []int{0, len(lat.Elements)}, // entrance and end of the cell
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d particles, %d lost, monitor shape (%d, %d, %d, 6)\n",
		res.Final.Len(), res.NumLost(), res.Turns, len(res.Refpts), res.Final.Len())
	// One particle started 0.1 mm off axis: x after one pass of the cell
	// (the cell tune is about 76.2/32 = 2.38, and cos(2π·0.38) ≈ -0.73).
	one, _ := tracking.Track(lat, tracking.BeamFromRows([][6]float64{{1e-4, 0, 0, 0, 0, 0}}), tracking.Options{Turns: 1})
	fmt.Printf("x after one turn: %.6e m\n", one.Final.Coords[0][0])
	// Output:
	// 1000 particles, 0 lost, monitor shape (10, 2, 1000, 6)
	// x after one turn: -7.352438e-05 m
}

// ExampleHook ramps the RF voltage before every turn and records the beam
// moments at the end of each.
func ExampleHook() {
	lat := lattices.Default()
	rf := 0 // the cavity of the built-in cell, switched on
	lat.Elements[rf].PassMethod = "RFCavityPass"
	v0, _, _ := lat.Elements[rf].Float("Voltage")
	ramp := tracking.Hook{Name: "ramp", At: tracking.BeforeTurn, Func: func(ctx *tracking.HookContext) error {
		ctx.Lattice.Elements[rf].Set("Voltage", v0*(1+0.01*float64(ctx.Turn)))
		return nil
	}}
	res, err := tracking.Track(lat, tracking.GaussianBeam(500, tracking.DefaultSigma, 1),
		tracking.Options{Turns: 3, Hooks: []tracking.Hook{ramp}, Moments: true})
	if err != nil {
		log.Fatal(err)
	}
	nc := len(tracking.MomentColumns)
	fmt.Printf("%s after turn 3: %.0f\n", tracking.MomentColumns[0], res.Moments[2*nc])
	v, _, _ := lat.Elements[rf].Float("Voltage")
	fmt.Printf("voltage of the last turn: %.0f V\n", v)
	// Output:
	// live after turn 3: 500
	// voltage of the last turn: 191250 V
}

// ExampleNewProgrammable replaces a drift by user code doing the same.
func ExampleNewProgrammable() {
	lat := lattices.Default()
	i := 2 // a drift of the built-in cell
	L := lat.Elements[i].Length()
	lat.Elements[i] = tracking.NewProgrammable("MYDRIFT", L, &tracking.Programmable{
		Values: []float64{L},
		Push: func(ctx *tracking.PushContext) error {
			c := &ctx.Coords
			for j, lost := range ctx.Lost {
				if lost {
					continue
				}
				pnorm := 1 / (1 + c[4][j])
				nl := ctx.Values[0] * pnorm
				c[0][j] += float64(nl * c[1][j])
				c[2][j] += float64(nl * c[3][j])
				c[5][j] += nl * pnorm * (float64(c[1][j]*c[1][j]) + float64(c[3][j]*c[3][j])) / 2
			}
			return nil
		},
	})
	res, err := tracking.Track(lat, tracking.BeamFromRows([][6]float64{{1e-4, 0, 0, 0, 0, 0}}), tracking.Options{Turns: 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("x after one turn: %.6e m\n", res.Final.Coords[0][0])
	// Output:
	// x after one turn: -7.352438e-05 m
}
