package acceptance

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// BenchmarkScan runs PyAT's reference scans of the hmba cell (1024
// turns) on the "cpu" backend with 1 and 2 threads; PyAT's own wall time
// for the same call, on the same machine kind, is in each case file
// (timing.wall_s):
//
//	go test ./tracking/acceptance -run X -bench Scan -benchtime 1x
func BenchmarkScan(b *testing.B) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		b.Fatal(err)
	}
	scans := []struct {
		name string
		run  func(*Options) (*Result, error)
	}{
		{"x_1d", func(o *Options) (*Result, error) { return Acceptance1D(lat, "x", 5e-5, 0.01, o) }},
		{"xy_radial", func(o *Options) (*Result, error) {
			o.GridMode = Radial
			return Acceptance(lat, []string{"x", "y"}, []int{31, 17}, []float64{0.015, 0.008}, o)
		}},
		{"xy_cartesian", func(o *Options) (*Result, error) {
			o.GridMode = Cartesian
			return Acceptance(lat, []string{"x", "y"}, []int{41, 21}, []float64{0.015, 0.008}, o)
		}},
		{"xy_floodfill", func(o *Options) (*Result, error) {
			o.GridMode = Floodfill
			return Acceptance(lat, []string{"x", "y"}, []int{41, 21}, []float64{0.015, 0.008}, o)
		}},
	}
	for _, s := range scans {
		for _, th := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", s.name, th), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					opt := &Options{Turns: 1024, Track: tracking.Options{Device: "cpu", Backend: device.Config{Threads: th}}}
					if _, err := s.run(opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
