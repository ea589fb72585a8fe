package optics

import (
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// BenchmarkOpticsRing computes the full optics of the built-in
// 3872-element ring (lattices.DefaultRing, 4D as loaded): closed orbit,
// M44 and M66, tunes, chromaticities, and Linopt6 (with chromaticity) at
// every refpt 0..len(ring).
func BenchmarkOpticsRing(b *testing.B) {
	ring := lattices.DefaultRing()
	lat := ring
	if lat.Is6D() {
		lat = Disable6D(ring)
	}
	refpts := AllRefpts(lat)
	b.Logf("%d elements, 6D %v", len(ring.Elements), ring.Is6D())
	benchOptics(b, lat, func() error {
		_, err := FindOrbit4(lat, 0, refpts, nil)
		return err
	}, func() error {
		_, _, err := FindM44(lat, 0, refpts, nil, nil)
		return err
	})
}

// BenchmarkOpticsRing6D is BenchmarkOpticsRing on the built-in ring with
// 6D motion on (Enable6D: RF cavities and radiating magnets): 6D closed
// orbit, M66 at every refpt, tunes, chromaticities (RF frequency shifted)
// and Linopt6 at every refpt.
func BenchmarkOpticsRing6D(b *testing.B) {
	lat := Enable6D(lattices.DefaultRing())
	benchOptics(b, lat, func() error {
		_, err := FindOrbit6(lat, AllRefpts(lat), nil)
		return err
	})
}

// benchOptics runs, per iteration, the orbit steps given, then FindM66 at
// every refpt, GetTune, GetChrom and Linopt6 with chromaticity at every
// refpt of lat.
func benchOptics(b *testing.B, lat *tracking.Lattice, orbit ...func() error) {
	refpts := AllRefpts(lat)
	steps := append(orbit, func() error {
		_, _, err := FindM66(lat, refpts, nil, nil)
		return err
	}, func() error {
		_, err := GetTune(lat, nil)
		return err
	}, func() error {
		_, err := GetChrom(lat, nil)
		return err
	}, func() error {
		_, err := Linopt6(lat, refpts, true, nil)
		return err
	})
	for i := 0; i < b.N; i++ {
		for _, step := range steps {
			if err := step(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
