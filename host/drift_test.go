package host

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// pmRefNum is a JSON number that also accepts the strings "NaN", "Infinity"
// and "-Infinity" of the reference files.
type pmRefNum float64

// UnmarshalJSON decodes a number or one of the non-finite strings.
func (n *pmRefNum) UnmarshalJSON(b []byte) error {
	switch strings.Trim(string(b), `"`) {
	case "NaN":
		*n = pmRefNum(math.NaN())
		return nil
	case "Infinity":
		*n = pmRefNum(math.Inf(1))
		return nil
	case "-Infinity":
		*n = pmRefNum(math.Inf(-1))
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = pmRefNum(f)
	return nil
}

// pmRefCase is the part of a testdata/elements case file these tests read.
type pmRefCase struct {
	Energy   float64 `json:"energy_eV"`
	Particle struct {
		RestEnergy float64 `json:"rest_energy"`
	} `json:"particle"`
	Element  map[string]json.RawMessage `json:"element"`
	Input    [][6]pmRefNum              `json:"input"`
	ElemPass struct {
		Output [][6]pmRefNum `json:"output"`
	} `json:"element_pass"`
}

// pmBuildCase turns a case file's element dict into a record and pool, the
// way the lattice compiler is specified to (test-local, independent of it).
func pmBuildCase(t *testing.T, c *pmRefCase) (device.Element, []float64) {
	t.Helper()
	var pm string
	if err := json.Unmarshal(c.Element["PassMethod"], &pm); err != nil {
		t.Fatal(err)
	}
	m, ok := device.MethodByName(pm)
	if !ok {
		t.Fatalf("unknown passmethod %s", pm)
	}
	e := device.NewElement(m)
	var pool []float64
	num := func(k string, dst *float64) {
		if raw, ok := c.Element[k]; ok {
			var v pmRefNum
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			*dst = float64(v)
		}
	}
	integer := func(k string, dst *int32) {
		var f float64 = float64(*dst)
		num(k, &f)
		*dst = int32(f)
	}
	vec := func(k string, dst *int32) {
		raw, ok := c.Element[k]
		if !ok {
			return
		}
		var v []pmRefNum
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		*dst = int32(len(pool))
		for _, x := range v {
			pool = append(pool, float64(x))
		}
	}
	mat := func(k string, dst *int32) {
		raw, ok := c.Element[k]
		if !ok {
			return
		}
		var v [6][6]pmRefNum
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		*dst = int32(len(pool))
		for j := 0; j < 6; j++ {
			for i := 0; i < 6; i++ {
				pool = append(pool, float64(v[i][j]))
			}
		}
	}
	num("Length", &e.Length)
	num("BendingAngle", &e.BendingAngle)
	num("EntranceAngle", &e.EntranceAngle)
	num("ExitAngle", &e.ExitAngle)
	num("FringeInt1", &e.FringeInt1)
	num("FringeInt2", &e.FringeInt2)
	num("FullGap", &e.FullGap)
	num("H1", &e.H1)
	num("H2", &e.H2)
	num("FieldScaling", &e.FieldScaling)
	num("K", &e.K)
	num("ByError", &e.ByError)
	num("Energy", &e.Energy)
	if c.Energy > 0 {
		e.Energy = c.Energy
	}
	integer("MaxOrder", &e.MaxOrder)
	integer("NumIntSteps", &e.NumIntSteps)
	integer("FringeBendEntrance", &e.FringeBendEntrance)
	integer("FringeBendExit", &e.FringeBendExit)
	integer("FringeQuadEntrance", &e.FringeQuadEntrance)
	integer("FringeQuadExit", &e.FringeQuadExit)
	vec("PolynomA", &e.PolynomA)
	vec("PolynomB", &e.PolynomB)
	vec("T1", &e.T1)
	vec("T2", &e.T2)
	vec("RApertures", &e.RApertures)
	vec("EApertures", &e.EApertures)
	vec("Limits", &e.RApertures)
	vec("Axes", &e.EApertures)
	vec("KickAngle", &e.KickAngle)
	vec("fringeIntM0", &e.FringeIntM0)
	vec("fringeIntP0", &e.FringeIntP0)
	mat("R1", &e.R1)
	mat("R2", &e.R2)
	if m == device.BendLinearPass && e.PolynomB != device.Absent {
		e.K = pool[e.PolynomB+1]
	}
	if m == device.ThinMPolePass {
		var ba []pmRefNum
		if raw, ok := c.Element["BendingAngle"]; ok && json.Unmarshal(raw, &ba) == nil {
			if len(ba) > 0 {
				e.BendingAngle = float64(ba[0])
			}
			if len(ba) > 1 {
				e.BendingAngleY = float64(ba[1])
			}
		}
	}
	return e, pool
}

// pmRunRefCases tracks the inputs of every testdata/elements case of
// passmethod m through its passFunc and compares with PyAT's raw
// element_pass output, |d| <= 1e-15 + 1e-12*|ref| (NaN and Inf must match).
func pmRunRefCases(t *testing.T, m device.Method) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "elements", m.String()+"__*.json"))
	if len(files) == 0 {
		t.Skipf("no reference cases for %v", m)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c pmRefCase
			if err := json.Unmarshal(b, &c); err != nil {
				t.Fatal(err)
			}
			e, pool := pmBuildCase(t, &c)
			tile := make([]Particle, len(c.Input))
			for i, p := range c.Input {
				for k := range p {
					tile[i][k] = float64(p[k])
				}
			}
			env := &Env{Params: device.Params{Energy: c.Energy, RestEnergy: c.Particle.RestEnergy, Charge: -1}}
			f := passTable[m]
			if f == nil {
				t.Fatalf("%v not registered", m)
			}
			f(tile, &e, pool, env)
			maxRel := 0.0
			for i, p := range c.ElemPass.Output {
				for k := range p {
					ref, got := float64(p[k]), tile[i][k]
					if math.IsNaN(ref) || math.IsInf(ref, 0) {
						if !(math.IsNaN(ref) && math.IsNaN(got)) && ref != got {
							t.Errorf("particle %d coord %d: got %v want %v", i, k, got, ref)
						}
						continue
					}
					d := math.Abs(got - ref)
					if !(d <= 1e-15+1e-12*math.Abs(ref)) {
						t.Errorf("particle %d coord %d: got %.17g want %.17g (d=%g)", i, k, got, ref, d)
					}
					if ref != 0 && d/math.Abs(ref) > maxRel {
						maxRel = d / math.Abs(ref)
					}
				}
			}
			t.Logf("max relative difference %g", maxRel)
			if os.Getenv("SHOWDIFF") != "" {
				for i, p := range c.ElemPass.Output {
					for k := range p {
						if float64(p[k]) != tile[i][k] && !math.IsNaN(tile[i][k]) {
							t.Logf("p%d c%d got %.17g want %.17g", i, k, tile[i][k], float64(p[k]))
						}
					}
				}
			}
		})
	}
}

// TestDriftPassReference compares DriftPass with the PyAT reference cases.
func TestDriftPassReference(t *testing.T) { pmRunRefCases(t, device.DriftPass) }

// TestDriftMovesX checks that a drift of length L moves x by L*px/(1+delta)
// and leaves the momenta unchanged.
func TestDriftMovesX(t *testing.T) {
	e := device.NewElement(device.DriftPass)
	e.Length = 2.5
	p := Particle{1e-3, 2e-3, -1e-3, 5e-4, 0.01, 0}
	tile := []Particle{p}
	driftPass(tile, &e, nil, &Env{})
	wantX := p[0] + e.Length*(1/(1+p[4]))*p[1]
	if tile[0][0] != wantX {
		t.Errorf("x = %.17g, want %.17g", tile[0][0], wantX)
	}
	if tile[0][1] != p[1] || tile[0][3] != p[3] || tile[0][4] != p[4] {
		t.Errorf("momenta changed: %v", tile[0])
	}
	if !(tile[0][5] > 0) {
		t.Errorf("path lengthening must be positive, ct = %g", tile[0][5])
	}
}

// TestDriftMisalignmentIdentity checks that identity R1/R2 and T1 = -T2
// with a zero shift leave a drift unchanged, and that a NaN particle is
// not touched.
func TestDriftMisalignmentIdentity(t *testing.T) {
	var pool []float64
	e := device.NewElement(device.DriftPass)
	e.Length = 1.3
	e.T1 = int32(len(pool))
	pool = append(pool, 0, 0, 0, 0, 0, 0)
	e.T2 = int32(len(pool))
	pool = append(pool, 0, 0, 0, 0, 0, 0)
	e.R1 = int32(len(pool))
	for j := 0; j < 36; j++ {
		if j%7 == 0 {
			pool = append(pool, 1)
		} else {
			pool = append(pool, 0)
		}
	}
	e.R2 = e.R1
	plain := device.NewElement(device.DriftPass)
	plain.Length = e.Length
	p := Particle{1e-3, -2e-3, 3e-3, 1e-4, -0.02, 1e-3}
	a := []Particle{p, {math.NaN(), 0, 0, 0, 0, 0}}
	b := []Particle{p}
	driftPass(a, &e, pool, &Env{})
	driftPass(b, &plain, nil, &Env{})
	if a[0] != b[0] {
		t.Errorf("misaligned identity drift %v != plain drift %v", a[0], b[0])
	}
	if !math.IsNaN(a[1][0]) || a[1][1] != 0 || a[1][5] != 0 {
		t.Errorf("lost particle modified: %v", a[1])
	}
}
