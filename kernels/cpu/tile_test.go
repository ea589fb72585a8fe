//go:build cgo

package cpu

import (
	"fmt"
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking/atjson"

	"github.com/gotrack/gotrack/tracking"
)

func init() {
	device.Register(ParticleName, -20, func(cfg device.Config) (device.Backend, error) { return NewPerParticle(cfg), nil })
}

// TestTileMatchesParticle requires the tiled path (gt_tile_pass, element by
// element over a tile) to give the per-particle path's results bit for bit:
// final coordinates, every monitor value and the loss record, through the
// hmba cell with radiation off and on, on a wide beam that loses particles
// in several turns and elements, with refpts at the start, inside and at
// the end, for tile sizes 256 (the default), 7 (tiles that end inside the
// beam) and 1, on 1 and 2 threads, with the lane integrators in AVX2 (where
// the processor has it) and in the baseline instruction set (tile size 1
// in AVX2 only).
func TestTileMatchesParticle(t *testing.T) {
	sigma := [6]float64{4e-3, 3e-4, 2e-3, 2e-4, 2e-2, 5e-3}
	for _, name := range []string{"hmba", "hmba_6d"} {
		lat, err := atjson.LoadLattice(testdata + "/lattices/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		ne := len(lat.Elements)
		beam := tracking.GaussianBeam(1001, sigma, 5)
		opt := tracking.Options{Turns: 12, Turn0: 3, Refpts: []int{0, 17, 60, ne}, Device: ParticleName, Backend: device.Config{Threads: 2}}
		want, err := tracking.Track(lat, beam, opt)
		if err != nil {
			t.Fatal(err)
		}
		lost := want.NumLost()
		if lost < 10 || lost > beam.Len()-10 {
			t.Fatalf("%s: %d of %d particles lost; the test wants losses and survivors", name, lost, beam.Len())
		}
		for _, simd := range []string{"avx2", "baseline"} {
			avx2 := selectSIMD(simd == "avx2")
			if simd == "avx2" && !avx2 {
				t.Logf("%s: no AVX2 on this processor", name)
				continue
			}
			for _, ts := range []int{256, 7, 1} {
				if ts == 1 && simd == "baseline" {
					continue // slow (32 lanes for one particle) and no different path
				}
				for _, th := range []int{1, 2} {
					t.Run(fmt.Sprintf("%s/%s/tile=%d/threads=%d", name, simd, ts, th), func(t *testing.T) {
						o := opt
						o.Device, o.Backend.Threads, o.Backend.TileSize = Name, th, ts
						got, err := tracking.Track(lat, beam, o)
						if err != nil {
							t.Fatal(err)
						}
						sameResult(t, got, want)
					})
				}
			}
		}
		selectSIMD(true)
		t.Logf("%s: %d particles × %d turns, %d lost", name, beam.Len(), opt.Turns, lost)
	}
}

// sameResult fails the test where got and want differ in any bit.
func sameResult(t *testing.T, got, want *tracking.Result) {
	t.Helper()
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	bad := 0
	for k := 0; k < 6; k++ {
		for i, w := range want.Final.Coords[k] {
			if g := got.Final.Coords[k][i]; !same(g, w) && bad < 5 {
				t.Errorf("particle %d %s: tiles %.17g, per particle %.17g", i, tracking.CoordNames[k], g, w)
				bad++
			}
			if g, w := got.LostCoords.Coords[k][i], want.LostCoords.Coords[k][i]; !same(g, w) && bad < 5 {
				t.Errorf("particle %d %s at loss: tiles %.17g, per particle %.17g", i, tracking.CoordNames[k], g, w)
				bad++
			}
		}
	}
	for i := range want.Lost {
		if got.Lost[i] != want.Lost[i] || got.LostTurn[i] != want.LostTurn[i] || got.LostElement[i] != want.LostElement[i] {
			if bad < 5 {
				t.Errorf("particle %d: lost %v turn %d element %d, per particle %v %d %d", i, got.Lost[i], got.LostTurn[i],
					got.LostElement[i], want.Lost[i], want.LostTurn[i], want.LostElement[i])
			}
			bad++
		}
	}
	if len(got.Monitor) != len(want.Monitor) {
		t.Fatalf("monitor of %d values, per particle %d", len(got.Monitor), len(want.Monitor))
	}
	for j, w := range want.Monitor {
		if !same(got.Monitor[j], w) {
			t.Errorf("monitor value %d: tiles %.17g, per particle %.17g", j, got.Monitor[j], w)
			break
		}
	}
}
