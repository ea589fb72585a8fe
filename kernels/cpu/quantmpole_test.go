//go:build cgo

package cpu

import (
	"fmt"
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
)

// quantBitsLattice is a ring section of quantum multipoles at energy
// (eV): a straight multipole with corrector kicks, misalignment and
// quadrupole fringes, a drift, a strong bend (0.5 rad in 2 slices: about
// 50 photons a slice at 10 GeV, so that the normal branch of the photon
// count and the spectrum's tail are drawn) with face angles, fringes and
// field scaling, and a focusing quadrupole. The bend has no fringe
// field integrals (FullGap 0): with them AT's edge focusing takes the
// tangent of a momentum-dependent angle, where Go's math.Tan and glibc's
// tan differ by an ulp for a few particles (as for
// BndMPoleSymplectic4Pass; the differential test allows for it).
func quantBitsLattice(energy float64) *tracking.Lattice {
	m := &tracking.Element{FamName: "M", PassMethod: "StrMPoleSymplectic4QuantPass"}
	m.Set("Length", 0.7)
	m.Set("PolynomA", []float64{0, 0.01, 0})
	m.Set("PolynomB", []float64{0.002, -0.6, 5})
	m.Set("MaxOrder", int64(2))
	m.Set("NumIntSteps", int64(7))
	m.Set("KickAngle", []float64{1e-4, -2e-4})
	m.Set("T1", []float64{1e-4, 0, -2e-4, 0, 0, 0})
	m.Set("T2", []float64{-1e-4, 0, 2e-4, 0, 0, 0})
	m.Set("FringeQuadEntrance", int64(1))
	m.Set("FringeQuadExit", int64(2))
	m.Set("fringeIntM0", []float64{0.05, 0.005, -0.003, 4e-4, 1e-4})
	m.Set("fringeIntP0", []float64{-0.04, 0.004, 0.002, -3e-4, 2e-4})
	d := &tracking.Element{FamName: "D", PassMethod: "DriftPass"}
	d.Set("Length", 0.4)
	b := &tracking.Element{FamName: "B", PassMethod: "BndMPoleSymplectic4QuantPass"}
	b.Set("Length", 2.0)
	b.Set("BendingAngle", 0.5)
	b.Set("EntranceAngle", 0.25)
	b.Set("ExitAngle", 0.2)
	b.Set("FringeBendEntrance", int64(1))
	b.Set("FringeBendExit", int64(1))
	b.Set("PolynomA", []float64{0, 0})
	b.Set("PolynomB", []float64{0, -0.3})
	b.Set("MaxOrder", int64(1))
	b.Set("NumIntSteps", int64(2))
	b.Set("FieldScaling", 1.0002)
	q := &tracking.Element{FamName: "Q", PassMethod: "StrMPoleSymplectic4QuantPass"}
	q.Set("Length", 0.3)
	q.Set("PolynomA", []float64{0, 0})
	q.Set("PolynomB", []float64{0, 1.2})
	q.Set("MaxOrder", int64(1))
	q.Set("NumIntSteps", int64(4))
	return &tracking.Lattice{Name: "quant", Energy: energy, Particle: tracking.Particle{Name: "electron", RestEnergy: 510998.95, Charge: -1},
		Periodicity: 1, Elements: []*tracking.Element{m, d, b, d, q}}
}

// quantHugeLattice is one bend whose single slice has a mean photon count
// of 2e5 at 5.11 TeV (gamma 1e7), with a relative loss of about 1e-3: a
// 2 rad bend 3e9 m long.
func quantHugeLattice() *tracking.Lattice {
	b := &tracking.Element{FamName: "B", PassMethod: "BndMPoleSymplectic4QuantPass"}
	b.Set("Length", 3e9)
	b.Set("BendingAngle", 2.0)
	b.Set("EntranceAngle", 0.0)
	b.Set("ExitAngle", 0.0)
	b.Set("PolynomA", []float64{0})
	b.Set("PolynomB", []float64{0})
	b.Set("MaxOrder", int64(0))
	b.Set("NumIntSteps", int64(1))
	return &tracking.Lattice{Name: "huge", Energy: 5.11e12, Particle: tracking.Particle{Name: "electron", RestEnergy: 510998.95, Charge: -1},
		Periodicity: 1, Elements: []*tracking.Element{b}}
}

// TestQuantMPoleBits requires the kernel source (gcc, tiled and per
// particle) to give the Go engine's results bit for bit through
// StrMPoleSymplectic4QuantPass and BndMPoleSymplectic4QuantPass: the
// photon counts and energies are drawn from the same keyed streams and
// every operation rounds the same. At 10 GeV the bend's slices emit about
// 50 photons (AT's normal approximation of the Poisson count; with 3000
// particles over 3 turns about 9e5 photons, a few in the spectrum's
// high-energy tail); through quantHugeLattice the mean count exceeds
// 1e5 and the normal approximation of the slice's loss is drawn.
func TestQuantMPoleBits(t *testing.T) {
	open := func(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }
	for _, lat := range []*tracking.Lattice{quantBitsLattice(10e9), quantHugeLattice()} {
		sigma := [6]float64{1e-3, 1e-4, 1e-3, 1e-4, 1e-3, 1e-3}
		opt := tracking.Options{Turns: 3, Turn0: 5, Refpts: []int{0, 2, 5}, Seed: 424242}
		if lat.Name == "huge" {
			sigma = [6]float64{1e-12, 1e-18, 1e-12, 1e-18, 1e-16, 1e-12}
			opt.Turns, opt.Refpts = 1, []int{0, 1}
		}
		beam := tracking.GaussianBeam(3000, sigma, 11)
		g := opt
		g.Open = open
		want, err := tracking.Track(lat, beam, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, dev := range []string{Name, ParticleName} {
			t.Run(fmt.Sprintf("%s/%s", lat.Name, dev), func(t *testing.T) {
				o := opt
				o.Device = dev
				got, err := tracking.Track(lat, beam, o)
				if err != nil {
					t.Fatal(err)
				}
				sameBits(t, got, want)
			})
		}
		d := want.Final.Coords[4]
		var lost int
		for i := range d {
			if want.Lost[i] {
				lost++
			}
		}
		t.Logf("%s: %d of %d particles lost; particle 0 delta %.6g", lat.Name, lost, beam.Len(), d[0])
	}
}

// sameBits fails the test where got (kernel source) and want (Go engine)
// differ in any bit of a final or monitored coordinate or of the loss
// record, NaNs (lost particles) all counted equal.
func sameBits(t *testing.T, got, want *tracking.Result) {
	t.Helper()
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b) }
	bad := 0
	report := func(format string, args ...any) {
		if bad < 5 {
			t.Errorf(format, args...)
		}
		bad++
	}
	for k := 0; k < 6; k++ {
		for i, w := range want.Final.Coords[k] {
			if g := got.Final.Coords[k][i]; !same(g, w) {
				report("particle %d %s: kernels %.17g, Go %.17g", i, tracking.CoordNames[k], g, w)
			}
			if g, w := got.LostCoords.Coords[k][i], want.LostCoords.Coords[k][i]; !same(g, w) {
				report("particle %d %s at loss: kernels %.17g, Go %.17g", i, tracking.CoordNames[k], g, w)
			}
		}
	}
	for i := range want.Lost {
		if got.Lost[i] != want.Lost[i] || got.LostTurn[i] != want.LostTurn[i] || got.LostElement[i] != want.LostElement[i] {
			report("particle %d: lost %v turn %d element %d, Go %v %d %d", i, got.Lost[i], got.LostTurn[i],
				got.LostElement[i], want.Lost[i], want.LostTurn[i], want.LostElement[i])
		}
	}
	if len(got.Monitor) != len(want.Monitor) {
		t.Fatalf("monitor of %d values, Go %d", len(got.Monitor), len(want.Monitor))
	}
	for j, w := range want.Monitor {
		if !same(got.Monitor[j], w) {
			report("monitor value %d: kernels %.17g, Go %.17g", j, got.Monitor[j], w)
		}
	}
	if bad > 0 {
		t.Errorf("%d differences", bad)
	}
}
