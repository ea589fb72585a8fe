package host_test

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
)

// quantMPoleLattice returns a one-element lattice at 6 GeV (electrons) of
// a quantum multipole or its radiating twin: pass "Quant" or "Rad" makes
// the element StrMPoleSymplectic4<pass>Pass (bend false: a straight
// multipole with a dipole and a quadrupole term, 1 m, 10 slices) or
// BndMPoleSymplectic4<pass>Pass (bend true: a 1 m combined-function bend
// of 0.05 rad with face angles and fringes, 10 slices).
func quantMPoleLattice(bend bool, pass string) *tracking.Lattice {
	var e *tracking.Element
	if bend {
		e = &tracking.Element{FamName: "B", PassMethod: "BndMPoleSymplectic4" + pass + "Pass"}
		e.Set("Length", 1.0)
		e.Set("BendingAngle", 0.05)
		e.Set("EntranceAngle", 0.02)
		e.Set("ExitAngle", 0.03)
		e.Set("FullGap", 0.03)
		e.Set("FringeInt1", 0.5)
		e.Set("FringeInt2", 0.5)
		e.Set("PolynomA", []float64{0, 0, 0})
		e.Set("PolynomB", []float64{0, -0.4, 2})
		e.Set("MaxOrder", int64(2))
	} else {
		e = &tracking.Element{FamName: "M", PassMethod: "StrMPoleSymplectic4" + pass + "Pass"}
		e.Set("Length", 1.0)
		e.Set("PolynomA", []float64{0.01, 0})
		e.Set("PolynomB", []float64{0.05, 0.8})
		e.Set("MaxOrder", int64(1))
	}
	e.Set("NumIntSteps", int64(10))
	return &tracking.Lattice{Name: e.PassMethod, Energy: 6e9, Particle: tracking.Particle{Name: "electron", RestEnergy: 510998.95, Charge: -1},
		Periodicity: 1, Elements: []*tracking.Element{e}}
}

// quantOrbit is the entrance coordinates of every particle of the
// statistical tests.
var quantOrbit = [6]float64{1e-3, 1e-4, 5e-4, -5e-5, 1e-3, 0}

// goEngine opens the Go engine.
func goEngine(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }

// TestQuantMPoleLossAndDiffusion tracks 20000 identical electrons once
// through StrMPoleSymplectic4QuantPass and BndMPoleSymplectic4QuantPass
// (about 6 photons each) and compares the energy deviation after the
// pass: its mean with the radiating twin's classical loss (one particle
// through *RadPass), its variance with the twin's quantum diffusion B66
// at the same orbit (AT's FindMPoleRaddiffMatrix, host.Diffusion), both
// within 3 standard errors of the sample (sd/sqrt(n) for the mean,
// sqrt((m4 - var²)/n) for the variance). The losses are 6.5e-6 and
// 7.5e-6 and their spreads 6e-6, so the means are tested to 0.6 % and
// the variances to 1.6 % (measured: within 0.8 SE); the spectrum table's
// own moments are within 2e-4 of the exact ones.
func TestQuantMPoleLossAndDiffusion(t *testing.T) {
	const n = 20000
	for _, bend := range []bool{false, true} {
		quant := quantMPoleLattice(bend, "Quant")
		rad := quantMPoleLattice(bend, "Rad")
		t.Run(quant.Name, func(t *testing.T) {
			beam := tracking.NewBeam(n)
			for k := 0; k < 6; k++ {
				for i := 0; i < n; i++ {
					beam.Coords[k][i] = quantOrbit[k]
				}
			}
			res, err := tracking.Track(quant, beam, tracking.Options{Turns: 1, Open: goEngine, Seed: 20260101})
			if err != nil {
				t.Fatal(err)
			}
			one := tracking.BeamFromRows([][6]float64{quantOrbit})
			want, err := tracking.Track(rad, one, tracking.Options{Turns: 1, Open: goEngine})
			if err != nil {
				t.Fatal(err)
			}
			plan, err := tracking.Compile(rad)
			if err != nil {
				t.Fatal(err)
			}
			b, err := host.Diffusion(plan, []int{0}, [][6]float64{quantOrbit})
			if err != nil {
				t.Fatal(err)
			}
			b66 := b[4+6*4]

			d := res.Final.Coords[4]
			var mean float64
			for _, v := range d {
				mean += v
			}
			mean /= n
			var m2, m4 float64
			for _, v := range d {
				m2 += (v - mean) * (v - mean)
				m4 += (v - mean) * (v - mean) * (v - mean) * (v - mean)
			}
			m2 /= n
			m4 /= n
			loss, wantLoss := quantOrbit[4]-mean, quantOrbit[4]-want.Final.Coords[4][0]
			seMean := math.Sqrt(m2 / n)
			seVar := math.Sqrt((m4 - m2*m2) / n)
			t.Logf("loss %.6g (classical %.6g): %+.2f SE of %.2g%%; variance %.6g (B66 %.6g): %+.2f SE of %.2g%%", loss, wantLoss,
				(loss-wantLoss)/seMean, 100*seMean/wantLoss, m2, b66, (m2-b66)/seVar, 100*seVar/b66)
			if math.Abs(loss-wantLoss) > 3*seMean {
				t.Errorf("mean energy loss %.6g, classical %.6g: beyond 3 standard errors (%.3g)", loss, wantLoss, seMean)
			}
			if math.Abs(m2-b66) > 3*seVar {
				t.Errorf("variance of delta %.6g, diffusion B66 %.6g: beyond 3 standard errors (%.3g)", m2, b66, seVar)
			}
			if wantLoss < 1e-6 || seMean > 0.01*wantLoss {
				t.Errorf("test too weak: loss %.3g, standard error %.3g", wantLoss, seMean)
			}
		})
	}
}

// TestQuantMPoleSeed: the photons depend on the seed and on nothing else:
// the same seed repeats a run bit for bit, another seed changes it, and
// a lost particle (NaN x at the entrance) is left alone.
func TestQuantMPoleSeed(t *testing.T) {
	lat := quantMPoleLattice(true, "Quant")
	beam := tracking.GaussianBeam(200, [6]float64{1e-3, 1e-4, 1e-3, 1e-4, 1e-3, 1e-3}, 3)
	beam.Coords[0][7] = math.NaN()
	run := func(seed uint64) *tracking.Result {
		res, err := tracking.Track(lat, beam, tracking.Options{Turns: 2, Open: goEngine, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b, c := run(5), run(5), run(6)
	differ := 0
	for i := 0; i < beam.Len(); i++ {
		if math.Float64bits(a.Final.Coords[4][i]) != math.Float64bits(b.Final.Coords[4][i]) {
			t.Fatalf("particle %d: same seed, delta %.17g then %.17g", i, a.Final.Coords[4][i], b.Final.Coords[4][i])
		}
		if a.Final.Coords[4][i] != c.Final.Coords[4][i] {
			differ++
		}
	}
	if differ < beam.Len()-10 {
		t.Errorf("another seed changed only %d of %d particles", differ, beam.Len())
	}
	if !a.Lost[7] {
		t.Errorf("particle 7 (NaN at the entrance) not lost")
	}
}
