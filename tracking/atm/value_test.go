package atm

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// TestPyRepr checks Python's repr of floats, used in messages and in the
// JSON of struct values: shortest round-trip digits, ".0" for integral
// values, scientific notation outside 1e-4..1e16.
func TestPyRepr(t *testing.T) {
	for f, want := range map[float64]string{
		1: "1.0", 0.1: "0.1", -2.5: "-2.5", 1e16: "1e+16", 1e15: "1000000000000000.0", 1.5e-5: "1.5e-05",
		0.0001: "0.0001", 6.04e9: "6040000000.0", math.Inf(-1): "-inf",
	} {
		if got := attrval.PyRepr(f); got != want {
			t.Errorf("attrval.PyRepr(%v) = %s, want %s", f, got, want)
		}
	}
}

// TestAttrTypes checks the Go types of attribute values, as atjson reads
// the JSON PyAT writes for them: int, float, string, 0-D array (a float),
// vector, matrix, and JSON for booleans and structs.
func TestAttrTypes(t *testing.T) {
	st := value{kind: kStruct, fields: []field{{"a", intVal(1)}, {"b", matVal(1, 2, []float64{0.5, math.NaN()})}, {"c", value{kind: kBool, b: true}}}}
	for _, c := range []struct {
		v    value
		want any
	}{
		{intVal(-3), int64(-3)},
		{floatVal(2), 2.0},
		{strVal("x"), "x"},
		{matVal(1, 1, []float64{4}), 4.0},
		{matVal(3, 1, []float64{1, 2, 3}), []float64{1, 2, 3}},
		{matVal(1, 0, []float64{}), []float64{}},
		{matVal(2, 2, []float64{1, 2, 3, 4}), [][]float64{{1, 2}, {3, 4}}},
		{value{kind: kBool, b: false}, json.RawMessage("false")},
		{st, json.RawMessage(`{"a": 1, "b": [0.5, NaN], "c": true}`)},
	} {
		if got := c.v.attr(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %#v, want %#v", c.v.describe(), got, c.want)
		}
	}
}

// TestTransposeAndFortranOrder checks MATLAB's transpose and numpy's
// column-major flattening of a matrix.
func TestTransposeAndFortranOrder(t *testing.T) {
	m := matVal(2, 3, []float64{1, 2, 3, 4, 5, 6})
	tr := m.transpose()
	if tr.rows != 3 || tr.cols != 2 || !reflect.DeepEqual(tr.data, []float64{1, 4, 2, 5, 3, 6}) {
		t.Errorf("transpose: %dx%d %v", tr.rows, tr.cols, tr.data)
	}
	if got := m.fortranFlat(); !reflect.DeepEqual(got, []float64{1, 4, 2, 5, 3, 6}) {
		t.Errorf("Fortran order: %v", got)
	}
}
