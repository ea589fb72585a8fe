package tracking_test

import (
	"fmt"
	"log"

	_ "github.com/gotrack/gotrack/host" // registers the CPU backend
	"github.com/gotrack/gotrack/tracking"
)

// Example loads an AT lattice, makes a beam, tracks it and reads the
// results.
func Example() {
	lat, err := tracking.LoadLattice("../testdata/lattices/hmba.json")
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
