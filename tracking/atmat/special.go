package atmat

import (
	"fmt"
	"math"
)

// checkWiggler completes PyAT's Wiggler constructor after the attributes
// are set: defaults of Nstep, Nmeth, By and Bx, the whole number of
// periods, the harmonics' consistency and NHharm, NVharm.
func checkWiggler(b *built) error {
	for k, v := range map[string]any{"Nstep": int64(5), "Nmeth": int64(4)} {
		if !b.Attrs.Has(k) {
			b.Attrs.Set(k, v)
		}
	}
	if !b.Attrs.Has("By") {
		b.Attrs.Set("By", [][]float64{{1}, {1}, {0}, {1}, {1}, {0}})
	}
	if !b.Attrs.Has("Bx") {
		b.Attrs.Set("Bx", [][]float64{{}, {}, {}, {}, {}, {}})
	}
	length, _ := b.Attrs.At("Length").(float64)
	lw, _ := b.Attrs.At("Lw").(float64)
	n := length / lw
	if lw == 0 || math.Abs(math.RoundToEven(n)-n) > 1e-6 {
		return &attrError{Attr: "Lw", Err: fmt.Errorf("wiggler: length / wiggle_period is not an integer (%v/%v=%v)", length, lw, n)}
	}
	by, bx := b.Attrs.At("By").([][]float64), b.Attrs.At("Bx").([][]float64)
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
	b.Attrs.Set("NHharm", int64(len(by[0])))
	b.Attrs.Set("NVharm", int64(len(bx[0])))
	return nil
}
