package atm

import (
	"errors"
	"strings"
	"testing"
)

// TestErrors checks that bad input is an error naming the file, the line
// and what would fix it.
func TestErrors(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		want string
	}{
		{"atfoo('X',1)", 3, "unknown element constructor atfoo"},
		{"atbaselem('X','DriftPass','Length',1)", 3, "atbaselem is not one of the element constructors"},
		{"atwiggler('W',1,0.1,1,3e9)", 3, "gotrack's .m reader does not"},
		{"atquadrupole('Q',0.5)", 3, "needs 3 positional arguments (FamName, Length, K)"},
		{"atquadrupole('Q',0.5,1,'NumIntSteps')", 3, "'name',value pairs"},
		{"atquadrupole('Q',0.5,1,20,10)", 3, "option 1: the name is the integer 20"},
		{"atquadrupole('Q',0.5,'StrMPoleSymplectic4Pass')", 3, "K: want a number"},
		{"atdrift('D','one')", 3, "Length: want a number, got \"one\""},
		{"atdrift('D',1,'T1',[0 0 0])", 3, "T1: want 6 numbers"},
		{"atdrift('D',1,'NumIntSteps',-1)", 3, "NumIntSteps: value must be greater or equal to 0"},
		{"atdrift('D',1,'tilt',0.1)", 3, "option 'tilt'"},
		{"atquadrupole('Q',0.5,1,'Kn1',2)", 3, "Kn1 is a property"},
		{"atdrift('D',1,'X',NaN)", 3, "element 0 (D): X: value is nan"},
		{"atdrift('D',L)", 3, "L is a variable"},
		{"atdrift('D',2*pi)", 3, "found '*' where ',' or ')' should be"},
		{"atdrift('D',1", 3, "is not closed before ';'"},
		{"atdrift('D',1\n", 3, "not closed on this line"},
		{"atdrift('D',[1 2;3])", 3, "different lengths"},
		{"atdrift('D\n',1)", 3, "string not closed"},
		{"atmultipole('M',1,[],[0 1],'MaxOrder',1e9)", 3, "MaxOrder: 1000000000 is beyond"},
		{"12", 3, "found '1' where an element constructor"},
		{"atsimplequantdiff('S','emitx',1e-9)", 3, "if emitx is given, taux must be non zero"},
		{"atcrabcavity('CC',0,[1e6 0 0],3.5e8,100)", 3, "Voltages: want 2 numbers"},
		{"atquantumdiffusion('QD',[1 2 3])", 3, "Lmatp: want a 6x6 matrix"},
	} {
		_, err := Parse(lines(c.src), "t.m", Options{Energy: 1e9})
		var le *Error
		if err == nil || !errors.As(err, &le) || le.Line != c.line || le.File != "t.m" || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error at t.m:%d with %q", c.src, err, c.line, c.want)
		}
	}
	for src, want := range map[string]string{
		"MATLAB 5.0 MAT-file, Platform: GLNXA64": "binary MATLAB MAT-file",
		"{\"atjson\": 1, \"elements\": []}":      "AT JSON lattice",
		"":                                       "no lattice",
		"function r=f()\n% nothing\n":            "no lattice",
		"a\x00b":                                 "binary data",
	} {
		if _, err := Parse([]byte(src), "t.m", Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}
