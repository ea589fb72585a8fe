package madx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking/madx"
)

// TestErrors checks that bad input gives an error naming the file, the
// line and the fix.
func TestErrors(t *testing.T) {
	cases := []struct {
		name, src string
		opt       madx.Options
		want      []string
	}{
		{"unknown sequence", "a: sequence, l=1; endsequence; b: line=(m); m: marker;", madx.Options{Use: "c"},
			[]string{"test.madx", `no SEQUENCE or LINE named "c"`, "a, b"}},
		{"several sequences", "m: marker; a: line=(m); b: line=(m,m);", madx.Options{},
			[]string{"no sequence selected", "a, b", "Use"}},
		{"undefined variable", "q: quadrupole, l=1, k1:=kq;\nring: line=(q);", madx.Options{},
			[]string{"test.madx:1", `"kq" is not defined`, "define it"}},
		{"undefined variable in =", "q: quadrupole, l=1, k1=kq;\nring: line=(q);", madx.Options{},
			[]string{"test.madx:2", "q is not defined", "test.madx:1", "kq", "never defined", "kq = 0;"}},
		{"cycle", "a := b + 1;\nb := 2*a;\nq: quadrupole, l=1, k1:=a;\nring: line=(q);", madx.Options{},
			[]string{"refer to themselves", "a -> b -> a"}},
		{"self reference", "a := a + 1;\nq: quadrupole, l=a;\nring: line=(q);", madx.Options{},
			[]string{"refer to themselves", "a -> a"}},
		{"syntax", "q: quadrupole, l=1,\n k1 = 2 * ;\nring: line=(q);", madx.Options{},
			[]string{"test.madx:2", "expression"}},
		{"missing length", "q: quadrupole, k1=1;\nring: line=(q);", madx.Options{},
			[]string{"test.madx:1", "QUADRUPOLE q has no L", "add L="}},
		{"division by zero", "x = 1/0;", madx.Options{},
			[]string{"test.madx:1", "division by zero"}},
		{"domain", "x = sqrt(-1);", madx.Options{},
			[]string{"test.madx:1", "math domain error"}},
		{"unclosed comment", "m: marker;\n/* never closed\nring: line=(m);", madx.Options{},
			[]string{"test.madx:2", "*/"}},
		{"no endsequence", "m: marker;\nring: sequence, l=1;\nm, at=0.5;", madx.Options{},
			[]string{"test.madx:2", "ENDSEQUENCE"}},
		{"undefined element", "ring: sequence, l=1;\nqx, at=0.5;\nendsequence;", madx.Options{},
			[]string{"test.madx:2", "qx is not defined"}},
		{"bad particle", "beam, particle=ion;\nm: marker; ring: line=(m);", madx.Options{},
			[]string{"PARTICLE=ion", "positron"}},
		{"block", "m: marker;\nwhile (n < 3) { n = n + 1; };\nring: line=(m);", madx.Options{},
			[]string{"test.madx:2", "WHILE", "not supported"}},
		{"nested line loop", "a: line=(b); b: line=(a); ring: line=(a);", madx.Options{},
			[]string{"nested deeper"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := madx.Parse([]byte(c.src), "test.madx", c.opt)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestWarnings checks the single report of untranslated statements and
// PyAT's NONE default for undefined variables.
func TestWarnings(t *testing.T) {
	src := `none = 0;
q: quadrupole, l=1, k1:=kq;
s: solenoid, l=2;
ring: line=(q, s);
twiss;
ealign, dx=1e-3;
select, flag=error, class=quadrupole;
ealign, dy=1e-3;
frobnicate, x=1;
q2: quadrupole, l=1, k1=kundef;
`
	lat, warn := parse(t, src, madx.Options{})
	if n := strings.Count(warn, "MAD-X statements not translated"); n != 1 {
		t.Errorf("%d reports of untranslated statements, want 1:\n%s", n, warn)
	}
	for _, w := range []string{"EALIGN (CHANGES THE LATTICE", "test.madx:6, test.madx:8", "TWISS at test.madx:5",
		"SOLENOID", "kq (test.madx:2)", "unknown command or element class FROBNICATE at test.madx:9"} {
		if !strings.Contains(warn, w) {
			t.Errorf("warnings do not contain %q:\n%s", w, warn)
		}
	}
	if pb, _ := lat.Elements[0].Get("PolynomB"); pb.([]float64)[1] != 0 {
		t.Errorf("undefined kq gave K1 %v, want the NONE value 0", pb)
	}
}

// TestUseAndBeam checks the choice of the sequence (USE statement, Use
// option), the BEAM of a sequence, ENERGY, PC and the Energy option.
func TestUseAndBeam(t *testing.T) {
	src := `m: marker; d: drift, l=1;
a: line=(m, d); b: line=(d, m, d);
beam, particle=electron, pc=3;
beam, sequence=b, particle=proton, energy=7000;
use, sequence=b;
`
	lat, _ := parse(t, src, madx.Options{})
	if lat.Name != "b" || lat.Particle.Name != "proton" || lat.Energy != 7000e9 {
		t.Errorf("USE: %s %s %v, want b proton 7e12", lat.Name, lat.Particle.Name, lat.Energy)
	}
	lat, _ = parse(t, src, madx.Options{Use: "a"})
	if lat.Name != "a" || lat.Particle.Name != "electron" {
		t.Errorf("Use=a: %s %s", lat.Name, lat.Particle.Name)
	}
	if lat.Energy < 3.00000004e9 || lat.Energy > 3.00000005e9 {
		t.Errorf("PC=3 GeV/c: energy %v eV, want sqrt(pc^2+m^2)", lat.Energy)
	}
	lat, _ = parse(t, src, madx.Options{Use: "a", Energy: 2.5e9})
	if lat.Energy != 2.5e9 {
		t.Errorf("Energy option: %v", lat.Energy)
	}
}

// TestCall checks CALL, FILE= relative to the calling file.
func TestCall(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "elems.madx"), []byte("q: quadrupole, l=1, k1=kq;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "main.madx")
	if err := os.WriteFile(main, []byte("kq = 0.7;\ncall, file=\"elems.madx\";\nring: line=(q);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	lat, err := madx.Load(main, madx.Options{Warn: &w})
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := lat.Elements[0].Get("K"); k != 0.7 {
		t.Errorf("K %v, want 0.7", k)
	}
	if err := os.WriteFile(main, []byte("call, file=\"main.madx\";\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := madx.Load(main, madx.Options{}); err == nil || !strings.Contains(err.Error(), "CALL nested") {
		t.Errorf("self-calling file: %v", err)
	}
}
