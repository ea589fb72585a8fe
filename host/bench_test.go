package host_test

import (
	"fmt"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/lattices"

	"github.com/gotrack/gotrack/tracking"
)

// benchTrack tracks n particles through lat for turns turns per iteration
// and reports particle-turns/s and particle-element passes/s, the units of
// PyAT's reference figures (bench/doc.go).
func benchTrack(b *testing.B, lat *tracking.Lattice, n, turns, threads int) {
	beam := tracking.GaussianBeam(n, tracking.DefaultSigma, 1)
	opt := tracking.Options{Turns: turns, Device: host.Name, Backend: device.Config{Threads: threads}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := tracking.Track(lat, beam, opt)
		if err != nil {
			b.Fatal(err)
		}
		if res.NumLost() != 0 {
			b.Fatalf("%d particles lost", res.NumLost())
		}
	}
	pt := float64(b.N) * float64(n) * float64(turns) / b.Elapsed().Seconds()
	b.ReportMetric(pt, "particle-turns/s")
	b.ReportMetric(pt*float64(len(lat.Elements)), "passes/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkHMBA tracks the ESRF-EBS cell (121 elements) with radiation off
// and on, at N = 1e3, 1e4, 1e5 and 1 and 2 threads.
func BenchmarkHMBA(b *testing.B) {
	for _, name := range []string{"hmba", "hmba_6d"} {
		lat, err := atjson.LoadLattice("../testdata/lattices/" + name + ".json")
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1000, 10000, 100000} {
			for _, threads := range []int{1, 2} {
				turns := max(1, 100000/n)
				b.Run(fmt.Sprintf("%s/N=%d/threads=%d", name, n, threads), func(b *testing.B) {
					benchTrack(b, lat, n, turns, threads)
				})
			}
		}
	}
}

// BenchmarkRing tracks the full ESRF-EBS ring (32 cells, 3872 elements).
func BenchmarkRing(b *testing.B) {
	lat := lattices.DefaultRing()
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("N=10000/threads=%d", threads), func(b *testing.B) {
			benchTrack(b, lat, 10000, 1, threads)
		})
	}
}
