package collective_test

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/collective"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// wakeRelTol bounds |gotrack - PyAT| <= wakeRelTol * max(|PyAT|, envelope)
// for every value of a regenerated analytic wake table.
//
// Justification: the abscissa is PyAT's own (_wakeT), the constants and
// the products are evaluated in numpy's order with the same IEEE
// operations, so what differs is the elementary functions: numpy (libm or
// SVML) and Go each return exp, sin, cos, sinh, cosh and sqrt within a few
// ulps, and pow(x, 2) or pow(x, 3) within half an ulp. A table value goes
// through at most about ten such roundings, i.e. a relative difference of
// some 1e-15 (tens of ulps); 1e-13 leaves a margin of more than ten.
// Relative error is not bounded where the value crosses zero: there the
// absolute error is a few ulps of the terms that cancel (cos and
// alpha/omegabar sin in the longitudinal wake, sin near a multiple of pi in
// the transverse one), so the floor is wakeRelTol times that envelope
// (the same formula with |cos|, |sin| replaced by their bound 1).
const wakeRelTol = 1e-13

// geomSRangeRelTol bounds the difference between an abscissa regenerated
// with numpy.geomspace's recipe (10**linspace(log10(a), log10(b), n)) and
// PyAT's: Go's Pow and Log10 and numpy's differ by an ulp or two, which
// the exponent magnifies by ln(10)*|log10 s| <= 21 (s >= 1e-9), so
// some 50 ulps at worst, 1e-14 relative.
const geomSRangeRelTol = 1e-14

// geomspace is numpy.geomspace(start, stop, num) for 0 < start < stop.
func geomspace(start, stop float64, num int) []float64 {
	ls, le := math.Log10(start), math.Log10(stop)
	div := float64(num - 1)
	step := (le - ls) / div
	out := make([]float64, num)
	for i := range out {
		y := float64(float64(i)*step) + ls
		if i == num-1 {
			y = le
		}
		out[i] = math.Pow(10, y)
	}
	out[0], out[num-1] = start, stop
	return out
}

// srangeRecipe rebuilds the srange a case's generator handed to PyAT,
// from its description; exact is false when the recipe goes through
// functions whose last bits Go and numpy may not share.
type srangeRecipe struct {
	build func(circ float64, h int) ([]float64, error)
	exact bool
}

var srangeRecipes = map[string]srangeRecipe{
	"numpy.arange(0, 0.03, 5e-5) (PyAT adds 0 and 1e-24)": {
		build: func(float64, int) ([]float64, error) { return collective.Arange(0, 0.03, 5e-5) }, exact: true},
	"Wake.build_srange(0.0, 0.025, 5e-5, 1e-3, C/h, 2*C) (PyAT adds 0 and 1e-24)": {
		build: func(c float64, h int) ([]float64, error) {
			return collective.BuildSRange(0.0, 0.025, 5e-5, 1e-3, c/float64(h), 2*c)
		}, exact: true},
	"Wake.build_srange(0.0, 0.03, 5e-5, 2.5e-4, C, 4*C) (PyAT adds 0 and 1e-24)": {
		build: func(c float64, h int) ([]float64, error) {
			return collective.BuildSRange(0.0, 0.03, 5e-5, 2.5e-4, c, 4*c)
		}, exact: true},
	"unique(concatenate((geomspace(1e-9, 1e-4, 41), arange(1e-4, 0.03, 1e-4)))) (PyAT adds 0 and 1e-24)": {
		build: func(float64, int) ([]float64, error) {
			a, err := collective.Arange(1e-4, 0.03, 1e-4)
			return uniqueFloats(append(geomspace(1e-9, 1e-4, 41), a...)), err
		}, exact: false},
}

// uniqueFloats is numpy.unique for finite values.
func uniqueFloats(s []float64) []float64 {
	s = append([]float64(nil), s...)
	sort.Float64s(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// params decodes the constructor parameters of a case's element.
type params map[string]json.RawMessage

func (p params) get(t *testing.T, name string, dst any) {
	t.Helper()
	raw, ok := p[name]
	if !ok {
		t.Fatalf("parameter %s missing", name)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		t.Fatalf("parameter %s: %v", name, err)
	}
}

func (p params) float(t *testing.T, name string, def float64) float64 {
	t.Helper()
	if _, ok := p[name]; !ok {
		return def
	}
	var v float64
	p.get(t, name, &v)
	return v
}

// analyticWake is one wake added to a table: what the element's
// constructor did.
type analyticWake struct {
	comp                    collective.WakeComponent
	reswall                 bool
	frequency, qfactor, rsh float64 // resonator
	length, rvac, conduct   float64 // resistive wall
	yokoya                  float64
}

// wakeCase describes how PyAT built one wake element of a case, or why it
// is not regenerated (skip).
func wakeCase(t *testing.T, ce *trackingtest.CollectiveElement) (wakes []analyticWake, srange, skip string) {
	p := params(ce.Parameters)
	str := func(name string) string {
		var s string
		p.get(t, name, &s)
		return s
	}
	comp := func(name string) collective.WakeComponent {
		c, err := collective.ParseWakeComponent(name)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	switch ce.Class {
	case "LongResonatorElement":
		return []analyticWake{{comp: collective.WakeZ, frequency: p.float(t, "frequency", 0), qfactor: p.float(t, "qfactor", 0),
			rsh: p.float(t, "rshunt", 0), yokoya: p.float(t, "yokoya_factor", 1)}}, str("srange"), ""
	case "ResonatorElement":
		return []analyticWake{{comp: comp(str("wakecomp")), frequency: p.float(t, "frequency", 0), qfactor: p.float(t, "qfactor", 0),
			rsh: p.float(t, "rshunt", 0), yokoya: p.float(t, "yokoya_factor", 1)}}, str("srange"), ""
	case "ResWallElement":
		return []analyticWake{{comp: comp(str("wakecomp")), reswall: true, length: p.float(t, "rwlength", 0), rvac: p.float(t, "rvac", 0),
			conduct: p.float(t, "conduc", 0), yokoya: p.float(t, "yokoya_factor", 1)}}, str("srange"), ""
	case "WakeElement":
		switch {
		case strings.Contains(ce.Constructor, "WakeType.TABLE"):
			return nil, "", "tabulated wake (WakeType.TABLE): PyAT resamples a user table with scipy; nothing analytic to regenerate"
		case strings.Contains(ce.Constructor, "Wake.resonator("):
			var comps []string
			var f, q, r []float64
			p.get(t, "components", &comps)
			p.get(t, "frequency", &f)
			p.get(t, "qfactor", &q)
			p.get(t, "rshunt", &r)
			if len(f) != len(comps) || len(q) != len(comps) || len(r) != len(comps) {
				t.Fatalf("Wake.resonator parameters of different lengths")
			}
			for i, c := range comps {
				wakes = append(wakes, analyticWake{comp: comp(c), frequency: f[i], qfactor: q[i], rsh: r[i], yokoya: 1})
			}
			return wakes, str("srange"), ""
		}
		t.Fatalf("WakeElement built by %q: teach the test this constructor", ce.Constructor)
	}
	return nil, "", "not a wake element"
}

// envelope returns the magnitude that bounds the rounding error of the
// wake value at s (see wakeRelTol).
func envelope(w analyticWake, s, beta float64) float64 {
	if w.reswall {
		return 0
	}
	omega := 2 * math.Pi * w.frequency
	alpha := omega / (2 * w.qfactor)
	omegabar := math.Sqrt(math.Abs(omega*omega - alpha*alpha))
	dt := -s / (beta * tracking.C0)
	step := 2.0
	if s == 0 {
		step = 1
	} else if s < 0 {
		return 0
	}
	e := math.Exp(alpha * dt)
	if w.comp == collective.WakeZ {
		osc := 1 + math.Abs(alpha/omegabar)
		switch {
		case w.qfactor == 0.5:
			osc = 1 + math.Abs(alpha*dt)
		case w.qfactor < 0.5:
			osc = math.Cosh(omegabar*dt) + math.Abs(alpha/omegabar*math.Sinh(omegabar*dt))
		}
		return math.Abs(step * w.rsh * alpha * e * osc)
	}
	switch {
	case w.qfactor == 0.5:
		return math.Abs(step * w.yokoya * w.rsh * omega * omega / w.qfactor * e * dt)
	case w.qfactor < 0.5:
		return math.Abs(step * w.yokoya * w.rsh * omega * omega / (w.qfactor * omegabar) * e * math.Sinh(omegabar*dt))
	}
	return math.Abs(step * w.yokoya * w.rsh * omega * omega / (w.qfactor * omegabar) * e)
}

func ulpDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / (math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b))
}

func floatAttr(t *testing.T, el *tracking.Element, name string) []float64 {
	t.Helper()
	v, ok := el.Get(name)
	if !ok {
		t.Fatalf("element %s has no %s", el.FamName, name)
	}
	f, ok := v.([]float64)
	if !ok {
		t.Fatalf("element %s: %s is %T, want a vector", el.FamName, name, v)
	}
	return f
}

// TestWakeTablesAgainstPyAT regenerates every analytic wake table of the
// collective cases (abscissa and components) from the constructor
// parameters and compares it with the table PyAT gave the C integrator.
func TestWakeTablesAgainstPyAT(t *testing.T) {
	regenerated := 0
	for _, c := range loadCollectiveCases(t) {
		for _, idx := range c.Collective {
			ce := c.Elements[idx]
			if ce.PassMethod != "WakeFieldPass" {
				continue
			}
			t.Run(fmt.Sprintf("%s/%d_%s", c.Name, idx, ce.FamName), func(t *testing.T) {
				wakes, recipe, skip := wakeCase(t, ce)
				if skip != "" {
					t.Skip(skip)
				}
				el := c.Lattice.Elements[idx]
				refT := floatAttr(t, el, "_wakeT")
				beta := c.Lattice.Beta()
				if beta != c.Ring.Beta {
					t.Fatalf("beta %v, ring block %v", beta, c.Ring.Beta)
				}

				// The abscissa from the generator's recipe.
				rc, ok := srangeRecipes[recipe]
				if !ok {
					t.Fatalf("srange recipe %q unknown to the test: add it to srangeRecipes", recipe)
				}
				built, err := rc.build(c.Ring.Circumference, c.Ring.HarmonicNumber)
				if err != nil {
					t.Fatal(err)
				}
				s, err := collective.WakeSRange(built)
				if err != nil {
					t.Fatal(err)
				}
				if len(s) != len(refT) {
					t.Fatalf("srange: %d points, PyAT's _wakeT %d", len(s), len(refT))
				}
				maxUlp := 0.0
				for i := range s {
					d := ulpDiff(s[i], refT[i])
					maxUlp = math.Max(maxUlp, d)
					if rc.exact && s[i] != refT[i] || math.Abs(s[i]-refT[i]) > geomSRangeRelTol*math.Abs(refT[i]) {
						t.Errorf("srange[%d] = %.17g, PyAT %.17g", i, s[i], refT[i])
					}
				}
				t.Logf("srange: %d points, max difference %.3g ulp (exact recipe: %v)", len(s), maxUlp, rc.exact)

				// The tables, on PyAT's abscissa.
				wt, err := collective.NewWakeTable(refT)
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range wakes {
					if w.reswall {
						err = wt.AddResWall(w.comp, w.length, w.rvac, w.conduct, beta, w.yokoya)
					} else {
						err = wt.AddResonator(w.comp, w.frequency, w.qfactor, w.rsh, beta, w.yokoya)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				if len(wt.S) != len(refT) {
					t.Fatalf("the table changed PyAT's abscissa: %d points, want %d", len(wt.S), len(refT))
				}
				var present []string
				for _, comp := range wt.Present() {
					present = append(present, comp.String())
				}
				if got, want := strings.Join(present, ","), strings.Join(sortedComps(t, ce.WakeComponents), ","); got != want {
					t.Errorf("components %s, PyAT %s", got, want)
				}
				for _, w := range wakes {
					got := wt.Component(w.comp)
					want := floatAttr(t, el, w.comp.Attr())
					if len(got) != len(want) {
						t.Fatalf("%s: %d values, PyAT %d", w.comp.Attr(), len(got), len(want))
					}
					maxRel, maxU, nExact, bad := 0.0, 0.0, 0, 0
					for i := range got {
						env := envelope(w, refT[i], beta)
						scale := math.Max(math.Abs(want[i]), env)
						diff := math.Abs(got[i] - want[i])
						if got[i] == want[i] {
							nExact++
						}
						if scale > 0 {
							maxRel = math.Max(maxRel, diff/scale)
						}
						maxU = math.Max(maxU, ulpDiff(got[i], want[i]))
						if diff > wakeRelTol*scale || math.IsNaN(got[i]) != math.IsNaN(want[i]) {
							bad++
							if bad <= 10 {
								t.Errorf("%s[%d] (s = %.17g): got %.17g, PyAT %.17g (diff %.3g, allowed %.3g)",
									w.comp.Attr(), i, refT[i], got[i], want[i], diff, wakeRelTol*scale)
							}
						}
					}
					t.Logf("%s: %d values, %d bit-identical, max |diff|/scale %.3g, max %.3g ulp", w.comp.Attr(), len(got), nExact, maxRel, maxU)
				}
				regenerated++
			})
		}
	}
	if regenerated == 0 {
		t.Error("no analytic wake table was regenerated")
	}
}

// sortedComps puts component names in PyAT's enum order.
func sortedComps(t *testing.T, names []string) []string {
	var out []string
	for _, c := range collective.WakeComponents {
		for _, n := range names {
			if n == c.String() {
				out = append(out, n)
			}
		}
	}
	if len(out) != len(names) {
		t.Fatalf("unknown component in %v", names)
	}
	return out
}

func TestWakeSRange(t *testing.T) {
	s, err := collective.WakeSRange([]float64{3e-3, 1e-3, 0, 1e-3, 2e-3})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, 1e-24, 1e-3, 2e-3, 3e-3}
	if fmt.Sprint(s) != fmt.Sprint(want) {
		t.Errorf("WakeSRange: %v, want %v", s, want)
	}
	if s, err := collective.WakeSRange([]float64{math.Copysign(0, -1), 1}); err != nil || len(s) != 3 || math.Signbit(s[0]) {
		t.Errorf("-0: %v %v, want [0 1e-24 1] with +0", s, err)
	}
	for _, bad := range [][]float64{{0, -1e-3, 1}, {math.NaN()}, {math.Inf(1)}} {
		if _, err := collective.WakeSRange(bad); err == nil {
			t.Errorf("WakeSRange(%v): no error", bad)
		}
	}
	if _, _, err := collective.ResonatorWakeTable(collective.WakeZ, []float64{-1e-3, 0}, 1e9, 1, 1e3, 1, 1); err == nil {
		t.Error("ResonatorWakeTable with a negative srange: no error")
	}
	if _, _, err := collective.ResWallWakeTable(collective.WakeDX, []float64{-1e-3}, 1, 1e-2, 1e7, 1, 1); err == nil {
		t.Error("ResWallWakeTable with a negative srange: no error")
	}
}

// mustRange returns a function that fails the test on a range
// function's error and returns its values.
func mustRange(t *testing.T) func([]float64, error) []float64 {
	return func(s []float64, err error) []float64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

func TestArange(t *testing.T) {
	// numpy: len(arange(0, 0.03, 5e-5)) == 600, arange(-0.025, 0.025,
	// 1e-3)[1] == -0.025 + 1e-3, and 0.1*3 != 0.3 shows at index 3.
	a := mustRange(t)(collective.Arange(0, 0.03, 5e-5))
	if len(a) != 600 || a[3] != 0.00015000000000000001 {
		t.Errorf("arange(0, 0.03, 5e-5): %d values, a[3] = %.17g", len(a), a[3])
	}
	b := mustRange(t)(collective.Arange(0, 1, 0.1))
	if len(b) != 10 || b[3] != 0.30000000000000004 {
		t.Errorf("arange(0, 1, 0.1): %v", b)
	}
	if got := mustRange(t)(collective.Arange(1, 0, 0.1)); len(got) != 0 {
		t.Errorf("empty arange: %v", got)
	}
	// Bad arguments are errors, not panics.
	for _, c := range [][3]float64{{0, 1, 0}, {math.NaN(), 1, 0.1}, {0, math.Inf(1), 0.1}, {0, 1, math.Inf(-1)}, {0, 1e300, 1e-300}} {
		if got, err := collective.Arange(c[0], c[1], c[2]); err == nil {
			t.Errorf("Arange(%v, %v, %v) = %d values, want an error", c[0], c[1], c[2], len(got))
		}
	}
}

func TestBuildSRange(t *testing.T) {
	// Short range 0..2 step 1, then +-1 in steps of 0.5 around 10 and 20
	// (int((25-2)/10) = 2 bunches).
	got := mustRange(t)(collective.BuildSRange(0, 2, 1, 0.5, 10, 25))
	want := []float64{0, 1, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 18, 18.5, 19, 19.5, 20, 20.5, 21, 21.5}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("BuildSRange: %v\nwant %v", got, want)
	}
	// Zero steps, a zero bunch interval and too many bunches are errors.
	for _, c := range [][6]float64{{0, 2, 0, 0.5, 10, 25}, {0, 2, 1, 0, 10, 25}, {0, 2, 1, 0.5, 0, 25}, {0, 2, 1, 0.5, 1e-300, 25}, {0, 2, 1, 0.5, 10, math.Inf(1)}} {
		if got, err := collective.BuildSRange(c[0], c[1], c[2], c[3], c[4], c[5]); err == nil {
			t.Errorf("BuildSRange%v = %d values, want an error", c, len(got))
		}
	}
}

func TestWakeComponent(t *testing.T) {
	for _, c := range collective.WakeComponents {
		p, err := collective.ParseWakeComponent(c.String())
		if err != nil || p != c {
			t.Errorf("%v: parsed %v %v", c, p, err)
		}
		if q, err := collective.ParseWakeComponent("WakeComponent." + c.String()); err != nil || q != c {
			t.Errorf("WakeComponent.%v: parsed %v %v", c, q, err)
		}
	}
	if collective.WakeZ.Attr() != "_wakeZ" || collective.WakeCY.Attr() != "_wakeCY" || int(collective.WakeZ) != 5 || collective.WakeZ.Transverse() || !collective.WakeQX.Transverse() {
		t.Error("WakeComponent names or values differ from PyAT's")
	}
	if _, err := collective.ParseWakeComponent("XY"); err == nil {
		t.Error("ParseWakeComponent(XY): no error")
	}
	if collective.WakeComponent(0).Valid() || collective.WakeComponent(8).Attr() != "" {
		t.Error("invalid components reported valid")
	}
}

// TestResonatorWakeShape checks the analytic properties of the resonator
// wakes in all three damping regimes, where the cases have no reference:
// W_Z(0) = Rs alpha and W_Z(0+) -> 2 Rs alpha, W_T(0) = 0 and W_T < 0
// just behind the source, and continuity across Q = 1/2.
func TestResonatorWakeShape(t *testing.T) {
	const f, rs, beta = 2e9, 1e4, 1.0
	s := []float64{0, 1e-24, 1e-4, 1e-3, 5e-3, 2e-2}
	for _, q := range []float64{5, 0.5, 0.2} {
		alpha := 2 * math.Pi * f / (2 * q)
		wz := collective.LongResonatorWake(s, f, q, rs, beta)
		if math.Abs(wz[0]-rs*alpha) > 1e-14*rs*alpha || math.Abs(wz[1]-2*rs*alpha) > 1e-14*rs*alpha {
			t.Errorf("Q=%v: W_Z(0) = %v, W_Z(1e-24) = %v, want %v and %v", q, wz[0], wz[1], rs*alpha, 2*rs*alpha)
		}
		wt := collective.TransverseResonatorWake(s, f, q, rs, 1.5, beta)
		if wt[0] != 0 || !(wt[2] < 0) {
			t.Errorf("Q=%v: W_T(0) = %v, W_T(1e-4) = %v", q, wt[0], wt[2])
		}
		for _, v := range append(wz, wt...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("Q=%v: non-finite value in %v / %v", q, wz, wt)
				break
			}
		}
	}
	// Continuity across critical damping.
	const eps = 1e-7
	z0 := collective.LongResonatorWake(s, f, 0.5, rs, beta)
	t0 := collective.TransverseResonatorWake(s, f, 0.5, rs, 1, beta)
	for _, q := range []float64{0.5 * (1 + eps), 0.5 * (1 - eps)} {
		z := collective.LongResonatorWake(s, f, q, rs, beta)
		tr := collective.TransverseResonatorWake(s, f, q, rs, 1, beta)
		for i := range s {
			if math.Abs(z[i]-z0[i]) > 1e-5*math.Abs(z0[i]) || math.Abs(tr[i]-t0[i]) > 1e-5*math.Abs(t0[i]) {
				t.Errorf("Q=%v, s=%v: W_Z %v vs %v at Q=0.5, W_T %v vs %v", q, s[i], z[i], z0[i], tr[i], t0[i])
			}
		}
	}
	// Checked constructors refuse what PyAT cannot build.
	for _, bad := range []func() error{
		func() error {
			_, _, err := collective.ResonatorWakeTable(collective.WakeZ, s, 1e9, 0, rs, beta, 1)
			return err
		},
		func() error {
			_, _, err := collective.ResonatorWakeTable(collective.WakeZ, s, 1e9, math.NaN(), rs, beta, 1)
			return err
		},
		func() error {
			_, _, err := collective.ResonatorWakeTable(collective.WakeDX, s, -1e9, 1, rs, beta, 1)
			return err
		},
		func() error {
			_, _, err := collective.ResonatorWakeTable(collective.WakeDX, s, 1e9, 1, rs, 1.5, 1)
			return err
		},
		func() error { _, _, err := collective.ResonatorWakeTable(0, s, 1e9, 1, rs, beta, 1); return err },
		func() error {
			_, _, err := collective.ResWallWakeTable(collective.WakeZ, s, 1, 1e-2, 1e7, beta, 1)
			return err
		},
		func() error {
			_, _, err := collective.ResWallWakeTable(collective.WakeDY, s, 1, 0, 1e7, beta, 1)
			return err
		},
	} {
		if bad() == nil {
			t.Error("invalid wake parameters accepted")
		}
	}
}

func TestResWallWakeShape(t *testing.T) {
	s := []float64{0, 1e-24, 1e-6, 4e-6}
	w := collective.ResWallWake(s, 1, 10, 5e-3, 5.9e7, 1)
	if w[0] != 0 || !(w[1] < 0) || !(w[2] < 0) {
		t.Errorf("ResWallWake: %v", w)
	}
	// W ~ s^(-1/2): four times farther, half the wake.
	if r := w[3] / w[2]; math.Abs(r-0.5) > 1e-15 {
		t.Errorf("W(4e-6)/W(1e-6) = %v, want 0.5", r)
	}
	if got := collective.ResWallWake([]float64{-1}, 1, 10, 5e-3, 5.9e7, 1); got[0] != 0 {
		t.Errorf("W(-1) = %v, want 0", got[0])
	}
}

func TestWakeTable(t *testing.T) {
	if _, err := collective.NewWakeTable([]float64{0, 1e-3, 1e-3}); err == nil {
		t.Error("repeated srange accepted")
	}
	// A resonator added twice to the same component sums the tables.
	wt, err := collective.NewWakeTable([]float64{1e-3, 2e-3})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 2; k++ {
		if err := wt.AddResonator(collective.WakeZ, 1e9, 2, 1e3, 1, 1); err != nil {
			t.Fatal(err)
		}
	}
	one := collective.LongResonatorWake(wt.S, 1e9, 2, 1e3, 1)
	if len(wt.S) != 4 || wt.S[1] != 1e-24 {
		t.Fatalf("abscissa %v", wt.S)
	}
	for i, v := range wt.Component(collective.WakeZ) {
		if v != one[i]+one[i] {
			t.Errorf("summed table [%d] = %v, want %v", i, v, 2*one[i])
		}
	}
	if err := wt.AddResWall(collective.WakeDY, 1, 1e-2, 1e7, 1, 1); err != nil {
		t.Fatal(err)
	}
	if p := wt.Present(); len(p) != 2 || p[0] != collective.WakeDY || p[1] != collective.WakeZ || wt.Component(collective.WakeDX) != nil {
		t.Errorf("present %v", p)
	}
	// A table that has components and lacks 0 and 1e-24 cannot take an
	// analytic wake (PyAT would end with tables of different lengths).
	tab, _ := collective.NewWakeTable([]float64{1e-3, 2e-3})
	if err := tab.AddResonator(collective.WakeZ, 1e9, 2, 1e3, 1, 1); err != nil {
		t.Fatal(err)
	}
	tab.S = []float64{1e-3, 2e-3, 3e-3, 4e-3}
	if err := tab.AddResonator(collective.WakeDX, 1e9, 2, 1e3, 1, 1); err == nil {
		t.Error("widening an abscissa under existing components accepted")
	}
}

// TestWakeTableChangedAbscissa: an abscissa changed by hand between two
// adds to a component gives an error, not an index out of range.
func TestWakeTableChangedAbscissa(t *testing.T) {
	wt, err := collective.NewWakeTable([]float64{0, 1e-24, 1e-3})
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddResonator(collective.WakeZ, 1e9, 2, 1e3, 1, 1); err != nil {
		t.Fatal(err)
	}
	wt.S = append(wt.S, 2e-3, 3e-3)
	if err := wt.AddResonator(collective.WakeZ, 1e9, 2, 1e3, 1, 1); err == nil || !strings.Contains(err.Error(), "S was changed") {
		t.Errorf("resonator on a longer S: err = %v", err)
	}
	if err := wt.AddResWall(collective.WakeDX, 1, 0.01, 5.9e7, 1, 1); err != nil {
		t.Errorf("a new component on the new S: %v", err)
	}
	wt.S = wt.S[:3]
	if err := wt.AddResWall(collective.WakeDX, 1, 0.01, 5.9e7, 1, 1); err == nil || !strings.Contains(err.Error(), "S was changed") {
		t.Errorf("resistive wall on a shorter S: err = %v", err)
	}
}
