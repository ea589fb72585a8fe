package atm

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking/atjson"
)

// FuzzParse feeds arbitrary text to Parse (seeded with esrf.m, FODO.m,
// dba.m, hmba_6d in save_m's form and small hand-made files): it must return, without
// panicking, either an error or a lattice that gotrack's JSON writer
// writes and its reader reads back with the same elements.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"esrf.m", "FODO.m", "dba.m"} {
		data, err := readFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if ref, err := atjson.LoadLattice(filepath.Join("testdata", "lattice_hmba_6d.json")); err == nil {
		if src, err := saveM(ref); err == nil {
			f.Add([]byte(src))
		}
	}
	for _, s := range []string{
		"function ring=t()\nring={...\natringparam('R',3e9,2,'Particle',struct('name','electron'));...\natdrift('D',1);...\n};\nend\n",
		"function ring=t()\nring={...\natquadrupole('Q',0.5,1.2,'StrMPoleSymplectic4Pass','PolynomB',[0 1.2 0.1],'MaxOrder',2);...\natsbend('B',1,0.1,0,'FullGap',0.05);...\natrfcavity('RF',0,1e6,3.5e8,100,3e9);...\n};\n",
		"ring={atmultipole('M',0.2,[0;0],[0 0 1 ...\n 2]');atthinmultipole('T',[],[1e-3]),atmarker('it''s')};",
		"function r=f()\nr={...\natM66('M',[1 0 0 0 0 0;0 1 0 0 0 0;0 0 1 0 0 0;0 0 0 1 0 0;0 0 0 0 1 0;0 0 0 0 0 1]);...\natcorrector('C',0,[1e-4 0]);ataperture('A',[-1 1 -1 1])\n};\nr=atsetcavity(r);\n",
		"function r=f()\nr={...\natrbend('B',1,0.3927,0,'NumIntSteps',20,'T1',[0 0 0 0 0 0],'X',true,'S',\"a\"\"b\");...\n};\n",
		"function r=f()\nQ=atquadrupole('Q',1,0);\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lat, err := Parse(data, "fuzz.m", Options{Energy: 1e9})
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := atjson.WriteLattice(lat, &b); err != nil {
			t.Fatalf("write: %v", err)
		}
		back, err := atjson.ParseLattice(b.Bytes(), "fuzz.json")
		if err != nil {
			t.Fatalf("the lattice read does not read back as JSON: %v\n%s", err, b.String())
		}
		if len(back.Elements) != len(lat.Elements) {
			t.Fatalf("%d elements read back, %d written", len(back.Elements), len(lat.Elements))
		}
	})
}
