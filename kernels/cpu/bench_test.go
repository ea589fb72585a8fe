//go:build cgo

package cpu

import (
	"fmt"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// benchTrack tracks n particles through lat for turns turns per iteration
// on backend dev and reports particle-turns/s and particle-element
// passes/s, as host's benchmarks do.
func benchTrack(b *testing.B, dev string, lat *tracking.Lattice, n, turns, threads int) {
	beam := tracking.GaussianBeam(n, tracking.DefaultSigma, 1)
	opt := tracking.Options{Turns: turns, Device: dev, Backend: device.Config{Threads: threads}}
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
// and on, at N = 1e3, 1e4, 1e5 and 1 and 2 threads (1e5 particle-turns per
// iteration, host's BenchmarkHMBA's shape), on this backend ("cpu") and on
// the Go engine ("cpu-go").
func BenchmarkHMBA(b *testing.B) {
	for _, name := range []string{"hmba", "hmba_6d"} {
		lat, err := atjson.LoadLattice(testdata + "/lattices/" + name + ".json")
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1000, 10000, 100000} {
			for _, threads := range []int{1, 2} {
				for _, dev := range []string{Name, host.Name} {
					turns := max(1, 100000/n)
					b.Run(fmt.Sprintf("%s/N=%d/threads=%d/%s", name, n, threads, dev), func(b *testing.B) {
						benchTrack(b, dev, lat, n, turns, threads)
					})
				}
			}
		}
	}
}
