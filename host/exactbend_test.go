package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// xtBend returns an exact bend record of the given method with a
// MaxOrder-1 polynomial pair (b1 = k) in a fresh pool.
func xtBend(m device.Method, length, angle, k float64) (device.Element, []float64) {
	e := device.NewElement(m)
	e.Length = length
	e.BendingAngle = angle
	e.MaxOrder = 1
	e.NumIntSteps = 10
	pool, pa := xtPool(nil, 0, 0)
	pool, pb := xtPool(pool, 0, k)
	e.PolynomA, e.PolynomB = pa, pb
	return e, pool
}

// TestExactSectorBendReferenceOrbit checks that the reference particle stays on the reference orbit.
func TestExactSectorBendReferenceOrbit(t *testing.T) {
	for _, ang := range []float64{0.1, -0.05} {
		for _, edges := range [][2]float64{{0, 0}, {ang / 2, ang / 2}} {
			e, pool := xtBend(device.ExactSectorBendPass, 1.0, ang, 0.3)
			e.EntranceAngle, e.ExitAngle = edges[0], edges[1]
			e.GK = 0.03
			out := xtRun(t, &e, pool, nil, []Particle{{}})
			xtClose(t, "sector bend reference particle", out[0], Particle{}, 1e-15)
		}
	}
}

// TestExactSectorBendZeroAngleIsMultipole checks that a straight sector bend is an exact multipole.
func TestExactSectorBendZeroAngleIsMultipole(t *testing.T) {
	e, pool := xtBend(device.ExactSectorBendPass, 0.5, 0, 0.8)
	m := e
	m.Method = device.ExactMultipolePass
	beam := xtBeam()
	got := xtRun(t, &e, pool, nil, beam)
	want := xtRun(t, &m, pool, nil, beam)
	for i := range beam {
		if live(&beam[i]) {
			xtClose(t, "zero-angle sector bend vs multipole", got[i], want[i], 0)
		}
	}
	xtCheckLostUntouched(t, beam, got)
}

// TestExactRectBendZeroAngleIsMultipole checks that a straight rectangular bend is an exact multipole.
func TestExactRectBendZeroAngleIsMultipole(t *testing.T) {
	e, pool := xtBend(device.ExactRectangularBendPass, 0.5, 0, -0.6)
	m := e
	m.Method = device.ExactMultipolePass
	beam := xtBeam()
	got := xtRun(t, &e, pool, nil, beam)
	want := xtRun(t, &m, pool, nil, beam)
	for i := range beam {
		if live(&beam[i]) {
			xtClose(t, "zero-angle rectangular bend vs multipole", got[i], want[i], 0)
		}
	}
	xtCheckLostUntouched(t, beam, got)
}

// TestExactBendSectorVsRectangular compares a rectangular magnet tracked by both bend passmethods.
func TestExactBendSectorVsRectangular(t *testing.T) {
	// A rectangular magnet is a sector magnet with pole-face angles of
	// half the bending angle; without fringes, both passmethods must
	// agree closely (they integrate in different frames).
	const L, ang = 1.0, 0.02
	s, pool := xtBend(device.ExactSectorBendPass, L, ang, 0)
	s.EntranceAngle, s.ExitAngle = ang/2, ang/2
	s.FringeBendEntrance, s.FringeBendExit = 0, 0
	s.NumIntSteps = 0
	r, _ := xtBend(device.ExactRectangularBendPass, L, ang, 0)
	r.EntranceAngle, r.ExitAngle = ang/2, ang/2
	r.FringeBendEntrance, r.FringeBendExit = 0, 0
	r.NumIntSteps = 40
	// X0ref and RefDZ put the reference particle back on axis.
	ref := Particle{}
	rr := r
	rr.X0Ref, rr.RefDZ = 0, 0
	o := xtRun(t, &rr, pool, nil, []Particle{ref})
	rr.X0Ref = -o[0][0] / 2
	o = xtRun(t, &rr, pool, nil, []Particle{ref})
	r.X0Ref, r.RefDZ = rr.X0Ref, o[0][5]
	beam := []Particle{{1e-3, 1e-4, -5e-4, 2e-4, 1e-3, 0}}
	a := xtRun(t, &s, pool, nil, beam)
	b := xtRun(t, &r, pool, nil, beam)
	xtClose(t, "sector vs rectangular", a[0], b[0], 1e-7)
}

// TestExYRotRoundTrip checks that opposite frame rotations cancel.
func TestExYRotRoundTrip(t *testing.T) {
	r := Particle{1e-3, 2e-4, -5e-4, 1e-4, 1e-3, 2e-3}
	q := r
	exYRot(&q, 0.03)
	exYRot(&q, -0.03)
	xtClose(t, "Yrot round trip", q, r, 1e-15)
	if math.IsNaN(q[0]) {
		t.Fatal("NaN")
	}
}

// TestExAsinExCosAccuracy checks exAsin and exCos against package math within 2 ulp.
func TestExAsinExCosAccuracy(t *testing.T) {
	ulp := func(v float64) float64 { return math.Nextafter(math.Abs(v), math.Inf(1)) - math.Abs(v) }
	for i := -2000; i <= 2000; i++ {
		x := float64(i) * 0.00049 // spans both sides of 0.5 and π/4
		if a, b := exAsin(x), math.Asin(x); math.Abs(a-b) > 2*ulp(b) {
			t.Errorf("exAsin(%v) = %v, math.Asin = %v", x, a, b)
		}
		if a, b := exCos(2*x), math.Cos(2*x); math.Abs(a-b) > 2*ulp(b) {
			t.Errorf("exCos(%v) = %v, math.Cos = %v", 2*x, a, b)
		}
	}
	if !math.IsNaN(exAsin(math.NaN())) || !math.IsNaN(exAsin(1.5)) || !math.IsNaN(exCos(math.Inf(1))) {
		t.Error("special values not NaN")
	}
	if exAsin(1e-30) != 1e-30 || exCos(1e-30) != 1 {
		t.Error("tiny arguments")
	}
}
