package atm

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestScriptsAreRefused reads AT's machine_data/FODO.m and dba.m, MATLAB
// functions that build their lattice with code (PyAT's load_m skips all
// their lines and fails with "Lattice energy is not defined"): the error
// must say so, name the file and the first line of code, and say how to
// convert the file (run it in MATLAB/Octave, save with save(...,'RING'),
// atwritem or atwritejson, load the result).
func TestScriptsAreRefused(t *testing.T) {
	for _, c := range []struct {
		file string
		line int
		code string
		run  string
	}{
		{"FODO.m", 2, "QF=atquadrupole", "RING=FODO();"},
		{"dba.m", 4, "DR_24 = atdrift('DR_24',2.4);", "RING=dba();"},
	} {
		path := filepath.Join("testdata", c.file)
		_, err := Load(path, Options{})
		if err == nil {
			t.Errorf("%s: no error", c.file)
			continue
		}
		if !errors.Is(err, ErrScript) {
			t.Errorf("%s: error does not wrap ErrScript: %v", c.file, err)
		}
		var le *Error
		if !errors.As(err, &le) || le.Line != c.line || le.File != path {
			t.Errorf("%s: error at %+v, want line %d", c.file, le, c.line)
		}
		msg := err.Error()
		for _, want := range []string{path + ":", "MATLAB script", "not the AT text lattice format", c.code, "MATLAB or GNU Octave",
			c.run, "save('ring.mat','RING')", "atwritem(RING,'ring.m')", "atwritejson(RING,'ring.json')", "then load that file"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the message lacks %q:\n%s", c.file, want, msg)
			}
		}
	}
}

// TestScriptShapes checks other shapes of MATLAB code: a script without
// a function line, a cell listing variables, a cell built by repmat.
func TestScriptShapes(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		want string
	}{
		{"D=atdrift('D',1);\nring={D;D};\n", 1, "run('s.m')"},
		{"function r=s()\nr={...\nD;...\n};\nend\n", 3, "D, a variable"},
		{"function r=s()\nr = repmat(cell,4,1);\n", 2, "line 2 assigns a variable"},
		{"function r=s()\nfor i=1:4\nend\n", 2, "\"for i=1:4\""},
		{"function r=s()\nr={...\natdrift('D',1);...\nQ=atquadrupole('Q',1,0);...\n};\n", 4, "assigns a variable"},
	} {
		_, err := Parse([]byte(c.src), "s.m", Options{Energy: 1e9})
		var le *Error
		if !errors.Is(err, ErrScript) || !errors.As(err, &le) || le.Line != c.line || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want a script error at line %d with %q", c.src, err, c.line, c.want)
		}
	}
}

// TestContinuationsAndLayout checks that a call split over lines with
// "...", several calls on a line, comments, blank lines, commas inside
// strings and arrays, and Windows line ends give the same lattice as the
// one-element-per-line form.
func TestContinuationsAndLayout(t *testing.T) {
	plain, err := Parse(wrap("atdrift('D1',0.5)", "atquadrupole('Q,1',0.2,1.5,'StrMPoleSymplectic4Pass','PolynomA',[0 1e-3])", "atmarker('M')"), "t.m", Options{Energy: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	src := "% a lattice\nfunction ring = t()\n\n% cells\nring = {...\n atringparam('T',3e9,1)\n  atdrift('D1',0.5), atquadrupole('Q,1', 0.2, ... the strength follows\n 1.5, 'StrMPoleSymplectic4Pass', ...\n 'PolynomA', [0, ...\n 1e-3]);...\n\n  % a marker\n  atmarker('M')  % the end\n};\nend\n"
	for _, s := range []string{src, strings.ReplaceAll(src, "\n", "\r\n")} {
		var warn bytes.Buffer
		lat, err := Parse([]byte(s), "t.m", Options{Energy: 1e9, Warn: &warn})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(lat.Elements, plain.Elements) {
			t.Errorf("got %v\nwant %v", lat.Elements, plain.Elements)
		}
		if warn.Len() > 0 {
			t.Errorf("warnings: %s", warn.String())
		}
	}
}
