package atm

import (
	"github.com/gotrack/gotrack/tracking/internal/pyatelem"
	"math"
	"reflect"
	"testing"
)

// TestConversions checks PyAT's attribute conversions: int() truncates
// toward zero, float() takes one-element arrays, vectors reshape in
// Fortran order to the required length, a 36-number vector becomes the
// 6x6 matrix M[i][j] = v[i+6j].
func TestConversions(t *testing.T) {
	for v, want := range map[float64]int64{2.7: 2, -2.7: -2, 0.5: 0} {
		if got, err := toInt(floatVal(v)); err != nil || got != want {
			t.Errorf("int(%v) = %d %v, want %d", v, got, err, want)
		}
	}
	for _, bad := range []value{floatVal(math.NaN()), floatVal(math.Inf(1)), strVal("3"), vecVal([]float64{1, 2})} {
		if _, err := toInt(bad); err == nil {
			t.Errorf("int(%s): no error", bad.describe())
		}
	}
	if f, err := toFloat(matVal(1, 1, []float64{3.5})); err != nil || f != 3.5 {
		t.Errorf("float([3.5]) = %v %v", f, err)
	}
	v, err := convert(pyatelem.Conv{Kind: pyatelem.Vector, N: 6}, matVal(2, 3, []float64{1, 2, 3, 4, 5, 6}))
	if err != nil || !reflect.DeepEqual(v.data, []float64{1, 4, 2, 5, 3, 6}) || v.ndim != 1 {
		t.Errorf("T1 from a 2x3 matrix: %v %v", v.data, err)
	}
	if _, err := convert(pyatelem.Conv{Kind: pyatelem.Vector, N: 6}, intVal(0)); err == nil {
		t.Error("T1 from a scalar: no error")
	}
	if v, err := convert(pyatelem.Conv{Kind: pyatelem.Vector, N: -1}, intVal(2)); err != nil || !reflect.DeepEqual(v.data, []float64{2}) {
		t.Errorf("PolynomB from a scalar: %v %v", v.data, err)
	}
	flat := make([]float64, 36)
	for i := range flat {
		flat[i] = float64(i)
	}
	m, err := convert(pyatelem.Conv{Kind: pyatelem.Matrix, Rows: 6, N: 6}, vecVal(flat))
	if err != nil || m.ndim != 2 || m.data[0*6+1] != 6 || m.data[1*6+0] != 1 || m.data[5*6+5] != 35 {
		t.Errorf("R1 from 36 numbers: %v %v", m.data, err)
	}
	sq := make([]float64, 36)
	for i := range sq {
		sq[i] = float64(i)
	}
	if m, err := convert(pyatelem.Conv{Kind: pyatelem.Matrix, Rows: 6, N: 6}, matVal(6, 6, sq)); err != nil || !reflect.DeepEqual(m.data, sq) {
		t.Errorf("R1 from a 6x6 matrix: %v %v", m.data, err)
	}
	if s, err := toStr(floatVal(1.5)); err != nil || s != "1.5" {
		t.Errorf("str(1.5) = %q %v", s, err)
	}
}
