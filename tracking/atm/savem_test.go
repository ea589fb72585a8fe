package atm

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/trackingtest"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// saveMBuild lists, for the classes of the reference lattices, the
// constructor and the build attributes (PyAT's _BUILD_ATTRIBUTES after
// FamName) that save_m writes as positional arguments.
var saveMBuild = map[string]struct {
	ctor  string
	build []string
}{
	"Drift":      {"atdrift", []string{"Length"}},
	"Bend":       {"atsbend", []string{"Length", "BendingAngle", "K"}},
	"Quadrupole": {"atquadrupole", []string{"Length", "K"}},
	"Sextupole":  {"atsextupole", []string{"Length", "H"}},
	"Multipole":  {"atmultipole", []string{"Length", "PolynomA", "PolynomB"}},
	"Marker":     {"atmarker", nil},
	"Monitor":    {"atmonitor", nil},
	"RFCavity":   {"atrfcavity", []string{"Length", "Voltage", "Frequency", "HarmNumber", "Energy"}},
}

// mLiteral writes an attribute value as save_m does (Python reprs,
// numpy's [a b c] and [[a b]; [c d]]).
func mLiteral(v any) (string, error) {
	switch x := v.(type) {
	case float64:
		return attrval.PyRepr(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'", nil
	case []float64:
		s := make([]string, len(x))
		for i, f := range x {
			s[i] = attrval.PyRepr(f)
		}
		return "[" + strings.Join(s, " ") + "]", nil
	case [][]float64:
		rows := make([]string, len(x))
		for i, r := range x {
			rows[i], _ = mLiteral(r)
		}
		return "[" + strings.Join(rows, "; ") + "]", nil
	}
	return "", fmt.Errorf("no .m form for %T", v)
}

// saveM writes a lattice in the form of PyAT's save_m: a RingParam with
// the ring parameters, then one constructor per element with the build
// attributes as positional arguments, the passmethod, and every other
// attribute as a 'name',value pair.
func saveM(lat *tracking.Lattice) (string, error) {
	var b strings.Builder
	b.WriteString("function ring = lattice()\nring = {...\n")
	fmt.Fprintf(&b, "%15s('%s', %s, %d, 'Particle', struct('name', '%s', 'rest_energy', %s, 'charge', %s));...\n", "atringparam",
		lat.Name, attrval.PyRepr(lat.Energy), lat.Periodicity, lat.Particle.Name, attrval.PyRepr(lat.Particle.RestEnergy), attrval.PyRepr(lat.Particle.Charge))
	for _, e := range lat.Elements {
		cls, _ := e.Get("Class")
		def, ok := saveMBuild[cls.(string)]
		if !ok {
			return "", fmt.Errorf("%s: no constructor for class %v", e.FamName, cls)
		}
		args := []string{"'" + e.FamName + "'"}
		skip := map[string]bool{"Class": true}
		for _, name := range def.build {
			v, ok := e.Get(name)
			if name == "H" {
				pb, _ := e.Get("PolynomB")
				v, ok = pb.([]float64)[2], true
			}
			if !ok {
				return "", fmt.Errorf("%s: no %s", e.FamName, name)
			}
			s, err := mLiteral(v)
			if err != nil {
				return "", err
			}
			args = append(args, s)
			skip[name] = true
		}
		if cls == "Bend" || cls == "Quadrupole" {
			skip["K"] = true
		}
		args = append(args, "'"+e.PassMethod+"'")
		for _, a := range e.Attrs {
			if skip[a.Name] {
				continue
			}
			s, err := mLiteral(a.Value)
			if err != nil {
				return "", fmt.Errorf("%s.%s: %w", e.FamName, a.Name, err)
			}
			args = append(args, "'"+a.Name+"'", s)
		}
		fmt.Fprintf(&b, "%15s(%s);...\n", def.ctor, strings.Join(args, ", "))
	}
	b.WriteString("};\n    function v=False()\n        v=false;\n    end\n    function v=True()\n        v=true;\n    end\nend\n")
	return b.String(), nil
}

// TestSaveMRoundTrip writes PyAT's reference lattices (hmba, hmba_6d,
// dba_6d, FODO as PyAT saved them in JSON) in save_m's form and reads
// them back: PyAT's save_m then load_m gives back the lattice, so the
// reader must give PyAT's elements (classes, attribute names, order,
// types, values bit for bit: radiating elements with the lattice Energy,
// multipoles whose MaxOrder is below their polynomial length, cavities
// with IdentityPass) and ring properties, with no warning.
func TestSaveMRoundTrip(t *testing.T) {
	for _, name := range []string{"hmba", "hmba_6d", "dba_6d", "FODO"} {
		want, err := atjson.LoadLattice(filepath.Join("testdata", "lattice_"+name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		src, err := saveM(want)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var warn bytes.Buffer
		lat, err := Parse([]byte(src), name+".m", Options{Warn: &warn})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if warn.Len() > 0 {
			t.Errorf("%s: warnings:\n%s", name, warn.String())
		}
		n := sameAsPyAT(t, trackingtest.JSONRoundTrip(t, lat), want)
		t.Logf("%s: %d elements, %d numbers, all bit-identical", name, len(lat.Elements), n)
	}
}
