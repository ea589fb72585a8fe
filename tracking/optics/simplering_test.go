package optics

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// tolSimpleULP bounds the difference of simple_ring's attributes from
// PyAT's, relative: the same formulas, up to the last bit of Go's sin,
// cos and exp against glibc's (M66 entries near zero are compared
// absolutely, to the same bound times the largest entry of their row).
const tolSimpleULP = 5e-16

// simpleRefParams turns the recorded simple_ring arguments into
// SimpleRingParams.
func simpleRefParams(t *testing.T, a map[string]any) SimpleRingParams {
	t.Helper()
	f := func(k string) float64 {
		v, ok := a[k].(float64)
		if !ok {
			t.Fatalf("simple_ring_args: %s missing or not a number", k)
		}
		return v
	}
	if a["particle"] != "relativistic" {
		t.Fatalf("simple_ring_args: particle %v", a["particle"])
	}
	return SimpleRingParams{
		Energy: f("energy"), Circumference: f("circumference"),
		HarmonicNumber: []int{int(f("harmonic_number"))}, Vrf: []float64{f("Vrf")},
		Qx: f("Qx"), Qy: f("Qy"), Alpha: f("alpha"),
		Betax: f("betax"), Betay: f("betay"), Alphax: f("alphax"), Alphay: f("alphay"),
		Dispx: f("dispx"), Dispxp: f("dispxp"),
		Qpx: []float64{f("Qpx")}, Qpy: []float64{f("Qpy")},
		A1: f("A1"), A2: f("A2"), A3: f("A3"),
		Emitx: f("emitx"), Emity: f("emity"), Espread: f("espread"),
		Taux: f("taux"), Tauy: f("tauy"), Tauz: f("tauz"), U0: f("U0"),
		Name: a["name"].(string),
	}
}

// TestSimpleRing builds PyAT's simple_ring from the recorded arguments
// and compares every element and attribute with PyAT's.
func TestSimpleRing(t *testing.T) {
	ref := loadLumpedRef(t, "simple_ring_quantdiff.json")
	p := simpleRefParams(t, ref.Args)
	lat, err := SimpleRing(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(lat.Elements) != len(ref.Elements) {
		t.Fatalf("%d elements, PyAT %d", len(lat.Elements), len(ref.Elements))
	}
	if lat.Name != "simple" || lat.Periodicity != 1 || lat.Energy != p.Energy || lat.HarmonicNumber != 992 ||
		lat.Particle.Name != "relativistic" || lat.Particle.RestEnergy != 0 {
		t.Errorf("ring properties %q, periodicity %d, energy %g, harmonic %d, particle %+v",
			lat.Name, lat.Periodicity, lat.Energy, lat.HarmonicNumber, lat.Particle)
	}
	if l := lat.Length(); l != p.Circumference {
		t.Errorf("length %.17g, circumference %.17g", l, p.Circumference)
	}
	tols := map[string]attrTol{}
	for _, e := range ref.Elements {
		for k := range e {
			tols[k] = attrTol{rel: tolSimpleULP}
		}
	}
	// M66 entries: relative to the largest of the matrix row (the zeros
	// of PyAT's matrix are exact zeros here too).
	tols["M66"] = attrTol{rel: tolSimpleULP, scale: 7}
	tols["M66Rad"] = tols["M66"]
	for i, e := range lat.Elements {
		w := compareElement(t, e, ref.Elements[i], tols)
		for k, v := range w {
			if v != 0 {
				t.Logf("%s.%s: largest difference %.3g", e.FamName, k, v)
			}
		}
	}
}

// TestSimpleRingMatrix checks the one-turn matrix against its
// definition: the tunes and Twiss functions of Linopt6's method, the
// dispersion closed (M·(D, D', 0, 0, 1, 0) = (D, D', ...)), symplectic
// transversely, and the momentum compaction in M54.
func TestSimpleRingMatrix(t *testing.T) {
	p := SimpleRingParams{Energy: 3e9, Circumference: 354, HarmonicNumber: []int{416}, Vrf: []float64{2.5e6},
		Qx: 0.18, Qy: 0.27, Alpha: 3e-4, Betax: 9.2, Betay: 3.1, Alphax: -0.4, Alphay: 0.7,
		Dispx: 0.12, Dispxp: -0.01, Dispy: 0.002, Dispyp: 0.0003}
	lat, err := SimpleRing(p)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := lat.Elements[3].Get("M66")
	var m Mat66
	for i, r := range v.([][]float64) {
		copy(m[i][:], r)
	}
	a0, vps, err := aMatrix(toDense4(Mat44{
		{m[0][0], m[0][1], m[0][2], m[0][3]},
		{m[1][0], m[1][1], m[1][2], m[1][3]},
		{m[2][0], m[2][1], m[2][2], m[2][3]},
		{m[3][0], m[3][1], m[3][2], m[3][3]}}))
	if err != nil {
		t.Fatal(err)
	}
	q := tunesOf(vps)
	_, rs, err := rMatrices(standardize(a0))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-13
	check := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %.15g, want %.15g", what, got, want)
		}
	}
	check("Qx", q[0], p.Qx)
	check("Qy", q[1], p.Qy)
	check("betax", rs[0][0][0], p.Betax)
	check("betay", rs[1][2][2], p.Betay)
	check("alphax", -rs[0][1][0], p.Alphax)
	check("alphay", -rs[1][3][2], p.Alphay)
	d := [6]float64{p.Dispx, p.Dispxp, p.Dispy, p.Dispyp, 1, 0}
	for i := 0; i < 4; i++ {
		s := 0.0
		for j := 0; j < 6; j++ {
			s += m[i][j] * d[j]
		}
		check("closed dispersion", s, d[i])
	}
	check("M54", m[5][4], p.Alpha*p.Circumference)
	check("M44", m[4][4], 1)
	check("M55", m[5][5], 1)
	for i, e := range lat.Elements[:1] {
		f, _, _ := e.Float("Frequency")
		check("RF frequency", f, 416*tracking.C0/354)
		if e.FamName != "RFC1" || i != 0 {
			t.Errorf("cavity %s", e.FamName)
		}
	}
	// no damping time: a diagonal of ones
	dv, _ := lat.Elements[1].Get("damp_mat_diag")
	for i, x := range dv.([]float64) {
		if x != 1 {
			t.Errorf("damp_mat_diag[%d] = %g without damping times", i, x)
		}
	}
}

// TestSimpleRingCavitiesAndChroms: several cavities broadcast with one
// voltage or time lag; chromaticities of different orders padded with
// zeros; PyAT's argument errors.
func TestSimpleRingCavitiesAndChroms(t *testing.T) {
	p := SimpleRingParams{Energy: 3e9, Circumference: 354, HarmonicNumber: []int{416, 1248}, Vrf: []float64{2.5e6, 0.4e6},
		TimeLag: []float64{0.01}, Qx: 0.18, Qy: 0.27, Alpha: 3e-4, Qpx: []float64{1, 20, 300}, Qpy: []float64{2}}
	lat, err := SimpleRing(p)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range lat.Elements {
		names = append(names, e.FamName+":"+e.PassMethod)
	}
	want := "RFC1:RFCavityPass RFC2:RFCavityPass SR:SimpleRadiationRadPass SQD:SimpleQuantDiffPass Linear:Matrix66Pass NonLinear:DeltaQPass"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("elements %s, want %s", got, want)
	}
	for k, h := range []float64{416, 1248} {
		e := lat.Elements[k]
		f, _, _ := e.Float("Frequency")
		v, _, _ := e.Float("Voltage")
		tl, _, _ := e.Float("TimeLag")
		hn, _, _ := e.Float("HarmNumber")
		if f != h*(tracking.C0/354) || v != p.Vrf[k] || tl != 0.01 || hn != h {
			t.Errorf("%s: frequency %g, voltage %g, time lag %g, harmonic %g", e.FamName, f, v, tl, hn)
		}
	}
	if lat.HarmonicNumber != 416 {
		t.Errorf("lattice harmonic number %d, want the main cavity's 416", lat.HarmonicNumber)
	}
	nl := lat.Elements[5]
	cx, _ := nl.Get("chromx_arr")
	cy, _ := nl.Get("chromy_arr")
	mo, _, _ := nl.Float("chrom_maxorder")
	if fmtSlice(cx) != "[1 20 300]" || fmtSlice(cy) != "[2 0 0]" || mo != 3 {
		t.Errorf("chromx_arr %v, chromy_arr %v, chrom_maxorder %g", cx, cy, mo)
	}
	if b, _, _ := nl.Float("Betax"); b != 1 {
		t.Errorf("default Betax %g, want PyAT's 1", b)
	}
	for _, bad := range []SimpleRingParams{
		{Energy: 3e9, Circumference: 354, HarmonicNumber: []int{416, 832}, Vrf: []float64{1, 2, 3}},
		{Energy: 3e9, Circumference: 354, HarmonicNumber: []int{416}, Vrf: []float64{1}, Emitx: 1e-9},
		{Energy: 3e9, Circumference: 354, HarmonicNumber: []int{416}, Vrf: []float64{1}, Tauz: -1},
		{Energy: 3e9, Circumference: 354, HarmonicNumber: []int{416}},
		{Energy: 3e9, HarmonicNumber: []int{416}, Vrf: []float64{1}},
	} {
		if _, err := SimpleRing(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func fmtSlice(v any) string {
	x, ok := v.([]float64)
	if !ok {
		return "?"
	}
	return fmt.Sprint(x)
}
