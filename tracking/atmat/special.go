package atmat

import (
	"fmt"
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
	"math"
)

// keywordParams pops the constructor parameters that PyAT binds from the
// file's fields of the same name (taux, U0...), with their defaults, and
// checks that each is a number not below zero where PyAT asserts it.
func keywordParams(kw *odict, names []string, defaults []float64, nonNeg map[string]bool) (map[string]float64, map[string]any, error) {
	vals := map[string]float64{}
	raw := map[string]any{}
	for i, n := range names {
		v, ok := kw.Pop(n)
		if !ok {
			vals[n], raw[n] = defaults[i], defaults[i]
			continue
		}
		f, err := toFloat(v)
		if err != nil {
			return nil, nil, &attrError{Attr: n, Err: err}
		}
		if nonNeg[n] && !(f >= 0) {
			return nil, nil, &attrError{Attr: n, Err: fmt.Errorf("%s must be greater than or equal to 0, got %v", n, f)}
		}
		vals[n], raw[n] = f, v
	}
	return vals, raw, nil
}

// initSimpleRadiation is PyAT's SimpleRadiation constructor: taux, tauy
// and tauz only give the default damp_mat_diag; U0 is kept.
func initSimpleRadiation(kw *odict) error {
	names := []string{"taux", "tauy", "tauz", "U0"}
	v, raw, err := keywordParams(kw, names, []float64{0, 0, 0, 0}, map[string]bool{"taux": true, "tauy": true, "tauz": true})
	if err != nil {
		return err
	}
	damp := func(tau float64) float64 {
		if tau == 0 {
			return 1
		}
		return math.Exp(-2 / tau)
	}
	kw.SetDefault("U0", raw["U0"])
	kw.SetDefault("damp_mat_diag", &ndarray{dims: []int{6}, data: []float64{1, damp(v["taux"]), 1, damp(v["tauy"]), damp(v["tauz"]), 1}})
	return nil
}

// initSimpleQuantDiff is PyAT's SimpleQuantDiff constructor: the eight
// parameters become attributes, with PyAT's checks.
func initSimpleQuantDiff(kw *odict) error {
	var names []string
	var defaults []float64
	for _, p := range pyatelem.SimpleQuantDiffParams {
		names, defaults = append(names, p.Name), append(defaults, p.Default)
	}
	v, raw, err := keywordParams(kw, names, defaults, nil)
	if err != nil {
		return err
	}
	if err := pyatelem.CheckSimpleQuantDiff(v); err != nil {
		return err
	}
	for _, n := range names {
		kw.Set(n, raw[n])
	}
	return nil
}

// checkWiggler completes PyAT's Wiggler constructor after the attributes
// are set: defaults of Nstep, Nmeth, By and Bx, the whole number of
// periods, the harmonics' consistency and NHharm, NVharm.
func checkWiggler(b *built) error {
	for k, v := range map[string]any{"Nstep": int64(5), "Nmeth": int64(4)} {
		if _, ok := b.attrs[k]; !ok {
			b.attrs[k] = v
		}
	}
	if _, ok := b.attrs["By"]; !ok {
		b.attrs["By"] = [][]float64{{1}, {1}, {0}, {1}, {1}, {0}}
	}
	if _, ok := b.attrs["Bx"]; !ok {
		b.attrs["Bx"] = [][]float64{{}, {}, {}, {}, {}, {}}
	}
	length, _ := b.attrs["Length"].(float64)
	lw, _ := b.attrs["Lw"].(float64)
	n := length / lw
	if lw == 0 || math.Abs(math.RoundToEven(n)-n) > 1e-6 {
		return &attrError{Attr: "Lw", Err: fmt.Errorf("wiggler: length / wiggle_period is not an integer (%v/%v=%v)", length, lw, n)}
	}
	by, bx := b.attrs["By"].([][]float64), b.attrs["Bx"].([][]float64)
	for i := range by[0] {
		if dk := math.Abs(by[3][i]*by[3][i]-by[4][i]*by[4][i]-by[2][i]*by[2][i]) / math.Abs(by[4][i]); dk > 1e-6 {
			return &attrError{Attr: "By", Err: fmt.Errorf("wiggler(H): kx^2 + kz^2 -ky^2 !=0, i = %d", i)}
		}
	}
	for i := range bx[0] {
		if dk := math.Abs(bx[2][i]*bx[2][i]-bx[4][i]*bx[4][i]-bx[3][i]*bx[3][i]) / math.Abs(bx[4][i]); dk > 1e-6 {
			return &attrError{Attr: "Bx", Err: fmt.Errorf("wiggler(V): ky^2 + kz^2 -kx^2 !=0, i = %d", i)}
		}
	}
	b.attrs["NHharm"] = int64(len(by[0]))
	b.attrs["NVharm"] = int64(len(bx[0]))
	return nil
}
