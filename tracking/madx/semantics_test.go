package madx_test

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/madx"
)

func parse(t *testing.T, src string, opt madx.Options) (*tracking.Lattice, string) {
	t.Helper()
	var w bytes.Buffer
	opt.Warn = &w
	lat, err := madx.Parse([]byte(src), "test.madx", opt)
	if err != nil {
		t.Fatalf("%v\nwarnings: %s", err, w.String())
	}
	return lat, w.String()
}

func attr(t *testing.T, e *tracking.Element, name string) any {
	t.Helper()
	v, ok := e.Get(name)
	if !ok {
		t.Fatalf("%s has no %s (attributes %v)", e.FamName, name, e.Attrs)
	}
	return v
}

func famNames(lat *tracking.Lattice) string {
	var s []string
	for _, e := range lat.Elements {
		s = append(s, e.FamName)
	}
	return strings.Join(s, " ")
}

// TestExpressions checks Python's numeric rules as PyAT evaluates MAD-X
// expressions: integer arithmetic stays exact (so -0 is +0.0), '/' is true
// division, '^' binds tighter than unary minus, functions and constants.
func TestExpressions(t *testing.T) {
	cases := []struct {
		expr string
		want float64
	}{
		{"-0", 0}, // int: +0.0 once converted
		{"-0.0", math.Copysign(0, -1)},
		{"1/2", 0.5},
		{"7/2*2", 7},
		{"-2^2", -4},
		{"2^-1", 0.5},
		{"2^3^2", 512},
		{"2**10", 1024},
		{"(1+2)*3", 9},
		{"sqrt(4)/2", 1},
		{"abs(-3)", 3},
		{"twopi/pi", 2},
		{"10^20/10^19", 10},
		{"3^40 - 3^40 + 0.5", 0.5},
		{"floor(2.7) + ceil(0.2) + round(2.5)", 6},
		{"sin(0.3)", 0.29552020666133955},
		{"exp(1) - e", 0},
		{"emass*1e3", 0.51099895000},
	}
	for _, c := range cases {
		src := "x := " + c.expr + ";\nq: quadrupole, l=1, k1:=x;\nring: line=(q);\n"
		lat, _ := parse(t, src, madx.Options{})
		pb := attr(t, lat.Elements[0], "PolynomB").([]float64)
		if math.Float64bits(pb[1]) != math.Float64bits(c.want) {
			t.Errorf("%s = %v (%x), want %v", c.expr, pb[1], math.Float64bits(pb[1]), c.want)
		}
	}
}

// TestElementConversions checks the AT elements made from each MAD-X
// class, as PyAT's to_at methods make them.
func TestElementConversions(t *testing.T) {
	src := `
b1: sbend, l=2, angle=0.1, e1=0.01, e2=0.02, k1=0.3, k2=0.4, hgap=0.02, fint=0.5;
b2: rbend, l=1, angle=0.2;
o1: octupole, l=0.1, k3=6, k3s=12;
m1: multipole, knl={0, 1, 2, 6}, ksl={0.5};
k1: kicker, l=0.1, hkick=1e-3, vkick=2e-3;
c1: collimator, l=0.5;
c2: rcollimator;
rf: rfcavity, l=0, volt=2, freq=500, lag=0.3;
q1: quadrupole, l=0.5, k1=1.2, tilt=pi/4, ktap=0.01;
ring: line=(b1, b2, o1, m1, k1, c1, c2, rf, q1, lhcb1$end);
lhcb1$end: marker;
seqedit, sequence=ring; install, element=m1, at=2 ; endedit;
`
	lat, warn := parse(t, src, madx.Options{})
	if got := famNames(lat); got != "b1 b2 o1 m1 k1 c1 c2 rf q1 lhcb1$end" {
		t.Fatalf("elements %s", got)
	}
	b1 := lat.Elements[0]
	if b1.PassMethod != "BndMPoleSymplectic4Pass" || attr(t, b1, "Class") != "Bend" {
		t.Errorf("sbend: %s %v", b1.PassMethod, attr(t, b1, "Class"))
	}
	if fg := attr(t, b1, "FullGap").(float64); fg != 0.04 {
		t.Errorf("FullGap %v, want 2*hgap", fg)
	}
	if f2 := attr(t, b1, "FringeInt2").(float64); f2 != 0.5 {
		t.Errorf("FringeInt2 %v, want FINT when FINTX is absent", f2)
	}
	if pb := attr(t, b1, "PolynomB").([]float64); pb[1] != 0.3 || pb[2] != 0.2 {
		t.Errorf("sbend PolynomB %v, want [0 0.3 0.2]", pb)
	}
	b2 := lat.Elements[1]
	h := 0.1
	if l := b2.Length(); l != 1/(math.Sin(h)/h) {
		t.Errorf("rbend arc length %v, want %v", l, 1/(math.Sin(h)/h))
	}
	if e1 := attr(t, b2, "EntranceAngle").(float64); e1 != h {
		t.Errorf("rbend EntranceAngle %v, want angle/2", e1)
	}
	o1 := lat.Elements[2]
	if pb, pa := attr(t, o1, "PolynomB").([]float64), attr(t, o1, "PolynomA").([]float64); pb[3] != 1 || pa[3] != 2 {
		t.Errorf("octupole PolynomB %v PolynomA %v, want k3/6", pb, pa)
	}
	m1 := lat.Elements[3]
	if pb := attr(t, m1, "PolynomB").([]float64); len(pb) != 4 || pb[2] != 1 || pb[3] != 1 {
		t.Errorf("multipole PolynomB %v, want knl/n!", pb)
	}
	if pa := attr(t, m1, "PolynomA").([]float64); len(pa) != 4 || pa[0] != 0.5 {
		t.Errorf("multipole PolynomA %v, want padded ksl", pa)
	}
	if mo := attr(t, m1, "MaxOrder"); mo != int64(3) {
		t.Errorf("multipole MaxOrder %v", mo)
	}
	if ka := attr(t, lat.Elements[4], "KickAngle").([]float64); ka[0] != 1e-3 || ka[1] != 2e-3 {
		t.Errorf("KickAngle %v", ka)
	}
	if c := attr(t, lat.Elements[5], "Class"); c != "Drift" {
		t.Errorf("collimator with length: %v, want Drift", c)
	}
	if c := attr(t, lat.Elements[6], "Class"); c != "Marker" {
		t.Errorf("rcollimator without length: %v, want Marker", c)
	}
	rf := lat.Elements[7]
	if rf.PassMethod != "IdentityPass" || attr(t, rf, "Voltage") != 2e6 || attr(t, rf, "Frequency") != 5e8 {
		t.Errorf("rfcavity %s %v", rf.PassMethod, rf.Attrs)
	}
	if hn := attr(t, rf, "HarmNumber").(int64); hn == 0 {
		t.Errorf("HarmNumber not computed from the frequency")
	}
	q1 := lat.Elements[8]
	r1 := attr(t, q1, "R1").([][]float64)
	if r1[0][2] != math.Sin(math.Pi/4) || r1[2][0] != -math.Sin(math.Pi/4) {
		t.Errorf("tilt R1 %v", r1)
	}
	if s := attr(t, q1, "Scaling"); s != 1.01 {
		t.Errorf("ktap: Scaling %v, want 1.01", s)
	}
	for _, w := range []string{"RCOLLIMATOR", "INSTALL (CHANGES THE LATTICE"} {
		if !strings.Contains(warn, w) {
			t.Errorf("no warning about %s: %q", w, warn)
		}
	}
}

// TestLines checks LINE expansion with repetition, reflection of lines
// and of single elements (swapped entrance and exit angles).
func TestLines(t *testing.T) {
	src := `
a: drift, l=1; b: sbend, l=1, angle=0.1, e1=0.01, e2=0.02; c: marker;
sub: line=(a, b);
ring: line=(2*sub, -sub, c, 3*(a, c), -b);
`
	lat, _ := parse(t, src, madx.Options{})
	if got, want := famNames(lat), "a b a b b a c a c a c a c b"; got != want {
		t.Fatalf("elements %q, want %q", got, want)
	}
	rev := lat.Elements[4]
	if e1 := attr(t, rev, "EntranceAngle"); e1 != 0.02 {
		t.Errorf("reversed bend EntranceAngle %v, want the exit angle 0.02", e1)
	}
	if e1 := attr(t, lat.Elements[13], "EntranceAngle"); e1 != 0.02 {
		t.Errorf("-b EntranceAngle %v, want 0.02", e1)
	}
}

// TestSequencePositions checks REFER, FROM, nested sequences and the
// drifts between elements.
func TestSequencePositions(t *testing.T) {
	src := `
q: quadrupole, l=1, k1=0.1;
m: marker;
sub: sequence, l=2, refer=entry;
q1: q, at=0.5;
endsequence;
ring: sequence, l=10, refer=centre;
mk: m, at=1;
q, at=2, from=mk;
sub, at=6;
endsequence;
`
	lat, _ := parse(t, src, madx.Options{Use: "ring"})
	var s []string
	pos := 0.0
	for _, e := range lat.Elements {
		s = append(s, e.FamName+"@"+strconv.FormatFloat(pos, 'f', -1, 64))
		pos += e.Length()
	}
	// mk at 1; q centred at 1+2=3 (entry 2.5); sub centred at 6 (entry 5),
	// q1 entry at 5+0.5
	want := "drift_0@0 mk@1 drift_1@1 q@2.5 drift_2@3.5 q1@5.5 drift_3@6.5"
	if got := strings.Join(s, " "); got != want {
		t.Errorf("positions %s, want %s", got, want)
	}
	if math.Abs(pos-10) > 1e-12 {
		t.Errorf("length %v, want 10", pos)
	}
}

// TestDeferredRules checks when ":=" values are computed, as PyAT: at once
// when made of constants only (with the builtin E even though a variable
// E exists), else at each use with the final values; "^" is the power.
func TestDeferredRules(t *testing.T) {
	src := `a = 1; b := a*2; a = 3;
e = 5; z := e*2;
x := 2^3;
q1: quadrupole, l=1, k1:=b;
q2: quadrupole, l=1, k1:=z;
q3: quadrupole, l=1, k1:=x;
ring: line=(q1, q2, q3);`
	lat, _ := parse(t, src, madx.Options{})
	want := []float64{6, 2 * math.E, 8}
	for i, w := range want {
		if k := attr(t, lat.Elements[i], "K"); k != w {
			t.Errorf("%s: K %v, want %v", lat.Elements[i].FamName, k, w)
		}
	}
}
