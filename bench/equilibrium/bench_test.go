package main

import (
	"fmt"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

// BenchmarkFastRingQuantum tracks 4000 particles through the radiating
// lumped model of the HMBA cell (RF cavity, one-turn matrix, detuning,
// QuantDiffPass), 100 turns per iteration, without and with the
// diffusion element, on 1 and 2 threads of the kernel source and of the
// Go engine, and reports particle-turns/s:
//
//	go test ./bench/equilibrium -run X -bench FastRing
func BenchmarkFastRingQuantum(b *testing.B) {
	lat, err := atjson.LoadLattice("../../testdata/lattices/hmba_6d.json")
	if err != nil {
		b.Fatal(err)
	}
	_, rad, err := optics.FastRing(lat, nil)
	if err != nil {
		b.Fatal(err)
	}
	noDiff := *rad
	noDiff.Elements = nil
	for _, e := range rad.Elements {
		if e.PassMethod != "QuantDiffPass" {
			noDiff.Elements = append(noDiff.Elements, e)
		}
	}
	const n, turns = 4000, 100
	beam := tracking.GaussianBeam(n, tracking.DefaultSigma, 1)
	for _, dev := range []string{"cpu", "cpu-go"} {
		for _, ring := range []struct {
			name string
			lat  *tracking.Lattice
		}{{"quantum", rad}, {"noquantum", &noDiff}} {
			for _, th := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/%s/threads=%d", dev, ring.name, th), func(b *testing.B) {
					opt := tracking.Options{Turns: turns, Seed: 1, Device: dev, Backend: device.Config{Threads: th}}
					var wall float64
					for i := 0; i < b.N; i++ {
						res, err := tracking.Track(ring.lat, beam, opt)
						if err != nil {
							b.Fatal(err)
						}
						wall += res.Wall.Seconds()
					}
					b.ReportMetric(float64(n)*turns*float64(b.N)/wall, "particle-turns/s")
				})
			}
		}
	}
}
