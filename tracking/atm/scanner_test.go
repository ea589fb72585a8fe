package atm

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
)

// scan reads one value from src.
func scan(src string) (value, *scanner, error) {
	s := &scanner{file: "t.m", src: []byte(src), line: 1}
	v, err := s.value()
	return v, s, err
}

// TestScalarLiterals checks numbers as PyAT's eval gives them: a literal
// without '.' or exponent is a Python int, others floats with the value
// strconv.ParseFloat (like Python's float()) gives, bit for bit.
func TestScalarLiterals(t *testing.T) {
	for _, c := range []struct {
		src   string
		kind  kind
		i     int64
		float string // parsed with ParseFloat for the expected bits
	}{
		{"20", kInt, 20, ""},
		{"-3", kInt, -3, ""},
		{"-0", kInt, 0, ""},
		{"+7", kInt, 7, ""},
		{"0.39100749", kFloat, 0, "0.39100749"},
		{"-0.0", kFloat, 0, "-0.0"},
		{"1e-3", kFloat, 0, "1e-3"},
		{"6.04E+09", kFloat, 0, "6.04E+09"},
		{".5", kFloat, 0, ".5"},
		{"5.", kFloat, 0, "5."},
		{"2.59789083169002", kFloat, 0, "2.59789083169002"},
		{"352199664.076085", kFloat, 0, "352199664.076085"},
		{"Inf", kFloat, 0, "+Inf"},
		{"-Inf", kFloat, 0, "-Inf"},
		{"inf", kFloat, 0, "+Inf"},
		{"99999999999999999999", kFloat, 0, "99999999999999999999"},
	} {
		v, _, err := scan(c.src)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if v.kind != c.kind {
			t.Errorf("%s: kind %d, want %d", c.src, v.kind, c.kind)
			continue
		}
		if c.kind == kInt && v.i != c.i {
			t.Errorf("%s: %d, want %d", c.src, v.i, c.i)
		}
		if c.kind == kFloat {
			want, _ := strconv.ParseFloat(c.float, 64)
			if math.Float64bits(v.f) != math.Float64bits(want) {
				t.Errorf("%s: %v (bits %x), want %v", c.src, v.f, math.Float64bits(v.f), want)
			}
		}
	}
	if v, _, err := scan("NaN"); err != nil || v.kind != kFloat || !math.IsNaN(v.f) {
		t.Errorf("NaN: %+v %v", v, err)
	}
}

// TestStringsAndWords checks MATLAB strings (a doubled quote is one
// quote, no backslash escapes), true/false (and save_m's True/False) and
// struct(...).
func TestStringsAndWords(t *testing.T) {
	for src, want := range map[string]string{
		`'QF2'`:                     "QF2",
		`'it''s'`:                   "it's",
		`''`:                        "",
		`'a,b (c)'`:                 "a,b (c)",
		`'C:\dir\n'`:                `C:\dir\n`,
		`"say ""hi"""`:              `say "hi"`,
		`'StrMPoleSymplectic4Pass'`: "StrMPoleSymplectic4Pass",
	} {
		v, _, err := scan(src)
		if err != nil || v.kind != kString || v.s != want {
			t.Errorf("%s: %+v %v, want %q", src, v, err, want)
		}
	}
	for src, want := range map[string]bool{"true": true, "false": false, "True": true, "False": false} {
		v, _, err := scan(src)
		if err != nil || v.kind != kBool || v.b != want {
			t.Errorf("%s: %+v %v", src, v, err)
		}
	}
	v, _, err := scan("struct('name','electron','rest_energy',510998.95,'charge',-1,'name','positron')")
	if err != nil {
		t.Fatal(err)
	}
	if v.kind != kStruct || len(v.fields) != 3 || v.fields[0].name != "name" || v.fields[0].val.s != "positron" ||
		v.fields[1].val.f != 510998.95 || v.fields[2].val.kind != kInt || v.fields[2].val.i != -1 {
		t.Errorf("struct: %+v", v)
	}
	if got := string(v.attr().(json.RawMessage)); got != `{"name": "positron", "rest_energy": 510998.95, "charge": -1}` {
		t.Errorf("struct as JSON: %s", got)
	}
}

// TestArrays checks [...] arrays: numpy float64, squeezed (1x1 gives a
// 0-D array, 1xn and nx1 a vector), with blanks or commas between
// columns, ';' or new lines between rows, "..." continuations, inner
// brackets ignored (numpy's [[...]; [...]]), and transposes.
func TestArrays(t *testing.T) {
	for _, c := range []struct {
		src        string
		ndim, r, c int
		data       []float64
	}{
		{"[1 2;3 4]", 2, 2, 2, []float64{1, 2, 3, 4}},
		{"[1,2;3,4]", 2, 2, 2, []float64{1, 2, 3, 4}},
		{"[1 2\n3 4]", 2, 2, 2, []float64{1, 2, 3, 4}},
		{"[1 2;3 4]'", 2, 2, 2, []float64{1, 3, 2, 4}},
		{"[1 2 3;4 5 6]'", 2, 3, 2, []float64{1, 4, 2, 5, 3, 6}},
		{"[[1. 0.]; [0. 1.]]", 2, 2, 2, []float64{1, 0, 0, 1}},
		{"[0;0;0;0;0;0]", 1, 1, 6, []float64{0, 0, 0, 0, 0, 0}},
		{"[0 0 2.5]", 1, 1, 3, []float64{0, 0, 2.5}},
		{"[0. 0. 2.5]", 1, 1, 3, []float64{0, 0, 2.5}},
		{"[1 -2 +3]", 1, 1, 3, []float64{1, -2, 3}},
		{"[1e-3, -2E+2]", 1, 1, 2, []float64{1e-3, -200}},
		{"[1.e-05 2.e+00]", 1, 1, 2, []float64{1e-5, 2}},
		{"[1 2 ...\n 3]", 1, 1, 3, []float64{1, 2, 3}},
		{"[1 2 % comment\n 3 4]", 2, 2, 2, []float64{1, 2, 3, 4}},
		{"[1;2;]", 1, 1, 2, []float64{1, 2}},
		{"[true false]", 1, 1, 2, []float64{1, 0}},
		{"[5]", 0, 1, 1, []float64{5}},
		{"[]", 1, 1, 0, []float64{}},
		{"[ ]", 1, 1, 0, []float64{}},
		{"zeros(1,0)", 1, 1, 0, []float64{}},
		{"zeros(0,0)", 1, 1, 0, []float64{}},
	} {
		v, _, err := scan(c.src)
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if v.kind != kArray || v.ndim != c.ndim || v.rows != c.r || v.cols != c.c || len(v.data) != len(c.data) {
			t.Errorf("%q: ndim %d %dx%d %v, want ndim %d %dx%d %v", c.src, v.ndim, v.rows, v.cols, v.data, c.ndim, c.r, c.c, c.data)
			continue
		}
		for i := range c.data {
			if v.data[i] != c.data[i] {
				t.Errorf("%q: %v, want %v", c.src, v.data, c.data)
				break
			}
		}
	}
	v, _, err := scan("[-Inf Inf NaN]")
	if err != nil || !math.IsInf(v.data[0], -1) || !math.IsInf(v.data[1], 1) || !math.IsNaN(v.data[2]) {
		t.Errorf("[-Inf Inf NaN]: %v %v", v.data, err)
	}
}

// TestLiteralErrors checks that what is not a literal is an error naming
// the line and the fix.
func TestLiteralErrors(t *testing.T) {
	for src, want := range map[string]string{
		"[1 2;3]":                          "different lengths",
		"[1 - 2]":                          "sign stands alone",
		"[1 2":                             "ends inside the array",
		"'abc\n'":                          "string not closed",
		"pi":                               "pi is a variable or a function call",
		"[1 a]":                            "a inside [...] is not a number",
		"{1,2}":                            "cell arrays",
		"struct('a')":                      "'name',value pairs",
		"struct(1,2)":                      "field name",
		"3i":                               "followed by 'i'",
		"0x1F":                             "followed by 'x'",
		"@":                                "found '@'",
		"struct('a',[1 2":                  "ends inside the array",
		strings.Repeat("[", 100):           "nested more than",
		strings.Repeat("struct('a',", 100): "nested more than",
	} {
		_, _, err := scan(src)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "t.m:") {
			t.Errorf("%q: error %v, want one containing %q", src, err, want)
		}
	}
}
