package pyatelem

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestPolynomsInit checks ThinMultipole.__init__'s rules against what
// PyAT gives for the same constructor calls.
func TestPolynomsInit(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	i := func(x int64) *int64 { return &x }
	for _, c := range []struct {
		name     string
		cls      *Class
		p        Polynoms
		pa, pb   []float64
		maxOrder int64
		warn     string // a warning that must be given, "" for none
		err      string // an error that must be given
	}{
		// Quadrupole('Q', 0.5, 1.2): PolynomB [0, 1.2], MaxOrder 1.
		{name: "quad", cls: Quadrupole, p: Polynoms{PolyA: []float64{}, PolyB: Strengths(Quadrupole, 1.2)},
			pa: []float64{0, 0}, pb: []float64{0, 1.2}, maxOrder: 1},
		// Sextupole('S', 0.1, 3, PolynomB=[0,0,3,1], MaxOrder=3).
		{name: "sext", cls: Sextupole, p: Polynoms{PolyA: []float64{}, PolyB: Strengths(Sextupole, 3), KwPolynomB: []float64{0, 0, 3, 1}, HasPolynomB: true, MaxOrder: i(3)},
			pa: []float64{0, 0, 0, 0}, pb: []float64{0, 0, 3, 1}, maxOrder: 3},
		// Quadrupole with K=2 and PolynomB [0, 1.5]: AtError.
		{name: "quad conflict", cls: Quadrupole, p: Polynoms{PolyA: []float64{}, PolyB: Strengths(Quadrupole, 2), KwPolynomB: []float64{0, 1.5}, HasPolynomB: true},
			err: "Element X: Conflicting element data, 'PolynomB' ([0 1.5]) in kwargs does not match positional argument 'k' (2.0)."},
		// Multipole with K option equal to poly_b[1]: a warning.
		{name: "K dup", cls: Multipole, p: Polynoms{PolyA: []float64{0}, PolyB: []float64{0, 2}, K: f(2)},
			pa: []float64{0, 0}, pb: []float64{0, 2}, maxOrder: 1, warn: "Duplicate element data, both positional argument 'poly_b' and 'K'"},
		{name: "H conflict", cls: Multipole, p: Polynoms{PolyA: []float64{0}, PolyB: []float64{0, 2}, H: f(1)},
			err: "'K' (1.0) in kwargs does not match positional argument 'poly_b[2]' (0.0)."},
		{name: "truncated", cls: ThinMultipole, p: Polynoms{PolyA: []float64{}, PolyB: []float64{0, 0, 2}, MaxOrder: i(1)},
			pa: []float64{0, 0, 0}, pb: []float64{0, 0, 2}, maxOrder: 1, warn: "Some values of PolynomB are truncated by MaxOrder=1"},
		{name: "poly_a dup", cls: ThinMultipole, p: Polynoms{PolyA: []float64{1}, PolyB: []float64{}, KwPolynomA: []float64{1, 0}, HasPolynomA: true},
			pa: []float64{1, 0}, pb: []float64{0, 0}, maxOrder: 1, warn: "both positional argument 'poly_a' and 'PolynomA'"},
		{name: "huge", cls: ThinMultipole, p: Polynoms{MaxOrder: i(1 << 40)}, err: "MaxOrder: 1099511627776 is beyond"},
	} {
		var warns []string
		pa, pb, m, err := c.p.Init(c.cls, "X", func(f string, a ...any) { warns = append(warns, fmt.Sprintf(f, a...)) })
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(pa, c.pa) || !reflect.DeepEqual(pb, c.pb) || m != c.maxOrder {
			t.Errorf("%s: %v %v %d %v, want %v %v %d", c.name, pa, pb, m, err, c.pa, c.pb, c.maxOrder)
		}
		if got := strings.Join(warns, "\n"); c.warn == "" && got != "" || !strings.Contains(got, c.warn) {
			t.Errorf("%s: warnings %q, want %q", c.name, got, c.warn)
		}
	}
	var ce *ConflictError
	_, _, _, err := Polynoms{PolyB: []float64{0, 2}, KwPolynomB: []float64{0, 1}, HasPolynomB: true}.Init(Quadrupole, "Q", func(string, ...any) {})
	if !errors.As(err, &ce) || RetryWithout(Quadrupole) != "K" || RetryWithout(Sextupole) != "H" || RetryWithout(Dipole) != "" {
		t.Errorf("retry: %v", err)
	}
	if KProperty([]float64{0, -0.2}) != -0.2 || KProperty([]float64{1}) != 0 {
		t.Error("K property")
	}
}
