package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// The PyAT cases of the lumped elements (testdata/elements) run in
// TestConformance; these tests check their physics.

// TestSimpleRadiationEquilibrium passes a particle 20000 times through
// a SimpleRadiationRadPass element alone: delta settles where the loss
// U0/E balances the damping, delta* = -u d4/(1-d4), and each transverse
// coordinate where its damping balances the dispersion's share of the
// loss, D (delta* - dk (delta* - u))/(1-dk) (AT measures the betatron
// part from D times delta after the loss, and adds back D times the
// damped delta); ct (damp_mat_diag[5] = 1) is left unchanged.
func TestSimpleRadiationEquilibrium(t *testing.T) {
	d := [6]float64{0.999, 0.998, 0.997, 0.996, 0.995, 1}
	disp := [4]float64{0.03, 0.0012, 0.002, -0.001}
	const u = 4e-4
	pool := append(append(d[:], disp[:]...), u)
	e := device.NewElement(device.SimpleRadiationRadPass)
	e.Lumped = 0
	tile := []Particle{{1e-3, -2e-4, 5e-4, 1e-4, 0.01, 0.02}}
	for range 20000 {
		simpleRadiationRadPass(tile, &e, pool, &Env{})
	}
	r := tile[0]
	ds := -u * d[4] / (1 - d[4])
	var want Particle
	for k := 0; k < 4; k++ {
		want[k] = disp[k] * (ds - d[k]*(ds-u)) / (1 - d[k])
	}
	want[4], want[5] = ds, 0.02
	// 20000 turns damp the start by 0.999^20000 = 2e-9 at worst.
	for k := range r {
		if math.Abs(r[k]-want[k]) > 1e-8*math.Abs(want[k])+1e-15 {
			t.Errorf("coordinate %d: %.17g, want %.17g", k, r[k], want[k])
		}
	}
	// A damping factor of exactly 1 leaves its coordinate, measured from
	// the dispersion orbit of the new delta, as it was: x, px, y, py are
	// kept, delta loses u.
	d = [6]float64{1, 1, 1, 1, 1, 1}
	pool = append(append(d[:], disp[:]...), u)
	p := Particle{1e-3, -2e-4, 5e-4, 1e-4, 0.01, 0.02}
	tile = []Particle{p}
	simpleRadiationRadPass(tile, &e, pool, &Env{})
	want = p
	want[4] = p[4] - u
	for k := range want {
		if math.Abs(tile[0][k]-want[k]) > 1e-18 {
			t.Errorf("undamped, coordinate %d: %.17g, want %.17g", k, tile[0][k], want[k])
		}
	}
}

// TestEnergyLossKeepsAngles checks EnergyLossRadPass: delta loses
// dpp (1+delta)^2 and the angles px/(1+delta), py/(1+delta) are kept.
func TestEnergyLossKeepsAngles(t *testing.T) {
	const dpp = 3.3e-4
	pool := []float64{dpp}
	e := device.NewElement(device.EnergyLossRadPass)
	e.Lumped = 0
	for _, p := range []Particle{{0, 0, 0, 0, 0, 0}, {1e-3, 2e-3, -1e-3, -5e-4, 0.02, 0.1}, {0, 1e-3, 0, 1e-3, -0.03, 0}} {
		tile := []Particle{p}
		energyLossRadPass(tile, &e, pool, &Env{})
		r := tile[0]
		if want := p[4] - dpp*(1+p[4])*(1+p[4]); math.Abs(r[4]-want) > 1e-18 {
			t.Errorf("from %v: delta %.17g, want %.17g", p, r[4], want)
		}
		for _, k := range []int{1, 3} {
			if a, b := r[k]/(1+r[4]), p[k]/(1+p[4]); math.Abs(a-b) > 1e-16*math.Abs(b) {
				t.Errorf("from %v: angle %d %.17g, was %.17g", p, k, a, b)
			}
		}
		if r[0] != p[0] || r[2] != p[2] || r[5] != p[5] {
			t.Errorf("from %v: x, y or ct moved: %v", p, r)
		}
	}
}

// deltaQRecord returns a DeltaQPass record and pool: Twiss alpha, beta
// per plane, detuning a1..a3, chromaticities chx, chy of equal length.
func deltaQRecord(ax, ay, bx, by, a1, a2, a3 float64, chx, chy []float64) (device.Element, []float64) {
	e := device.NewElement(device.DeltaQPass)
	e.Lumped = 0
	e.ChromOrder = int32(len(chx))
	pool := append([]float64{ax, ay, bx, by, a1, a2, a3}, chx...)
	return e, append(pool, chy...)
}

// normalized returns the Courant-Snyder action and phase of (u, u'),
// u' = pu/(1+delta).
func normalized(u, pu, delta, alpha, beta float64) (j, phi float64) {
	up := pu / (1 + delta)
	x := u / math.Sqrt(beta)
	p := (alpha*u + beta*up) / math.Sqrt(beta)
	return (x*x + p*p) / 2, math.Atan2(p, x)
}

// TestDeltaQTuneShift checks DeltaQPass's rotations in normalized
// coordinates: the actions are conserved, and each plane turns by
// 2 pi dQ, dQx = chx1 delta + chx2 delta^2/2 + chx3 delta^3/6 + A1 Jx +
// A2 Jy, dQy = chy... + A2 Jx + A3 Jy (phase decreasing, as AT's
// rotation [[cos + alpha sin, beta sin], [-gamma sin, cos - alpha sin]]).
func TestDeltaQTuneShift(t *testing.T) {
	ax, ay, bx, by := -1.2, 0.8, 12.3, 3.1
	a1, a2, a3 := 2500.0, -1200.0, 1800.0
	chx, chy := []float64{2.1, 35, -420}, []float64{1.4, -22, 150}
	e, pool := deltaQRecord(ax, ay, bx, by, a1, a2, a3, chx, chy)
	for _, p := range []Particle{{1e-3, 1e-4, -5e-4, 2e-5, 0.01, 0.3}, {-2e-3, 0, 1e-3, -1e-4, -0.02, 0}, {1e-4, 1e-5, 0, 0, 0, 0}} {
		tile := []Particle{p}
		deltaQPass(tile, &e, pool, &Env{})
		r := tile[0]
		d := p[4]
		jx0, px0 := normalized(p[0], p[1], d, ax, bx)
		jy0, py0 := normalized(p[2], p[3], d, ay, by)
		jx1, px1 := normalized(r[0], r[1], d, ax, bx)
		jy1, py1 := normalized(r[2], r[3], d, ay, by)
		chrom := func(c []float64) float64 { return c[0]*d + c[1]*d*d/2 + c[2]*d*d*d/6 }
		dqx := chrom(chx) + a1*jx0 + a2*jy0
		dqy := chrom(chy) + a2*jx0 + a3*jy0
		for _, c := range []struct {
			name             string
			j0, j1, ph0, ph1 float64
			dq               float64
			amplitudeNotZero bool
		}{{"x", jx0, jx1, px0, px1, dqx, jx0 > 0}, {"y", jy0, jy1, py0, py1, dqy, jy0 > 0}} {
			if math.Abs(c.j1-c.j0) > 1e-14*c.j0 {
				t.Errorf("from %v: J%s %.17g, was %.17g", p, c.name, c.j1, c.j0)
			}
			if !c.amplitudeNotZero {
				continue
			}
			turn := math.Remainder(c.ph0-c.ph1-2*math.Pi*c.dq, 2*math.Pi)
			if math.Abs(turn) > 1e-10 {
				t.Errorf("from %v: plane %s turned by %.12g, want 2 pi dQ = %.12g (mod 2 pi)", p, c.name, c.ph0-c.ph1, 2*math.Pi*c.dq)
			}
		}
		if r[4] != p[4] || r[5] != p[5] {
			t.Errorf("from %v: delta or ct moved: %v", p, r)
		}
	}
	// chrom_maxorder 0: no chromatic term, and no amplitude term: the
	// identity up to the rounding of the rotation by 2 pi 0.
	e, pool = deltaQRecord(ax, ay, bx, by, 0, 0, 0, nil, nil)
	p := Particle{1e-3, 1e-4, -5e-4, 2e-5, 0.01, 0.3}
	tile := []Particle{p}
	deltaQPass(tile, &e, pool, &Env{})
	for k := range p {
		if math.Abs(tile[0][k]-p[k]) > 1e-18 {
			t.Errorf("zero tune shift: coordinate %d %.17g, was %.17g", k, tile[0][k], p[k])
		}
	}
}

// TestLongtApertureLimits checks LongtAperturePass's limits (deltamin,
// deltamax, ctmin, ctmax): a particle on a limit survives (AT loses
// strictly outside), one beyond is lost (ct = +Inf, x kept), and lost
// particles are left alone.
func TestLongtApertureLimits(t *testing.T) {
	pool := []float64{-0.02, 0.01, -0.005, 0.004}
	e := device.NewElement(device.LongtAperturePass)
	e.RApertures = 0
	nan := math.NaN()
	cases := []struct {
		p    Particle
		lost bool
	}{
		{Particle{0.5, 0, 0.5, 0, -0.02, 0.004}, false},
		{Particle{0, 0, 0, 0, 0.01, -0.005}, false},
		{Particle{1e-3, 0, 0, 0, math.Nextafter(0.01, 1), 0}, true},
		{Particle{1e-3, 0, 0, 0, -0.021, 0}, true},
		{Particle{1e-3, 0, 0, 0, 0, 0.0041}, true},
		{Particle{1e-3, 0, 0, 0, 0, -0.0051}, true},
		{Particle{nan, 0, 0, 0, 1, 1}, false},
	}
	for _, c := range cases {
		tile := []Particle{c.p}
		longtAperturePass(tile, &e, pool, &Env{})
		r := tile[0]
		if lost := math.IsInf(r[5], 1); lost != c.lost {
			t.Errorf("%v: lost %v, want %v", c.p, lost, c.lost)
		}
		for k := 0; k < 5; k++ {
			if r[k] != c.p[k] && !(math.IsNaN(r[k]) && math.IsNaN(c.p[k])) {
				t.Errorf("%v: coordinate %d moved to %v", c.p, k, r[k])
			}
		}
	}
}
