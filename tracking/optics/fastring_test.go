package optics

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// lumpedRef is what the tests read of testdata/radiation/
// fast_ring_quantdiff.json and simple_ring_quantdiff.json: the elements
// PyAT built (Element.to_file dicts, tracking order) and, for
// simple_ring, its arguments.
type lumpedRef struct {
	Elements []map[string]any `json:"elements"`
	Args     map[string]any   `json:"simple_ring_args"`
	Ring     struct {
		Energy      float64 `json:"energy_eV"`
		Periodicity int     `json:"periodicity_attr"`
		Harmonic    int     `json:"harmonic_number"`
	} `json:"ring"`
}

func loadLumpedRef(t testing.TB, name string) *lumpedRef {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "radiation", name))
	if err != nil {
		t.Fatal(err)
	}
	var r lumpedRef
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// attrTol is how an attribute is compared: abs bounds |got-want|, rel
// bounds |got-want|/|want| (scale, when positive, replaces |want|).
type attrTol struct {
	abs, rel, scale float64
	skip            bool // compared by the test itself
}

func (a attrTol) ok(got, want float64) (float64, bool) {
	d := math.Abs(got - want)
	if got == want {
		return 0, true
	}
	if a.rel > 0 {
		s := a.scale
		if s == 0 {
			s = math.Abs(want)
		}
		return d / s, d <= a.rel*s
	}
	return d, d <= a.abs
}

// compareElement checks e against PyAT's element dict: the same family
// name, passmethod and attribute names, strings equal, numbers within
// tols[name] (exact when the name is absent); it returns the largest
// difference of each attribute (as measured by its tolerance).
func compareElement(t *testing.T, e *tracking.Element, want map[string]any, tols map[string]attrTol) map[string]float64 {
	t.Helper()
	worst := map[string]float64{}
	if e.FamName != want["FamName"] || e.PassMethod != want["PassMethod"] {
		t.Errorf("element %s/%s, PyAT %v/%v", e.FamName, e.PassMethod, want["FamName"], want["PassMethod"])
		return worst
	}
	var gotNames, wantNames []string
	for _, a := range e.Attrs {
		gotNames = append(gotNames, a.Name)
	}
	for k := range want {
		if k != "FamName" && k != "PassMethod" {
			wantNames = append(wantNames, k)
		}
	}
	sort.Strings(gotNames)
	sort.Strings(wantNames)
	if fmt.Sprint(gotNames) != fmt.Sprint(wantNames) {
		t.Errorf("%s: attributes %v, PyAT %v", e.FamName, gotNames, wantNames)
	}
	for _, name := range wantNames {
		g, ok := e.Get(name)
		if !ok {
			continue
		}
		tol := tols[name]
		if tol.skip {
			continue
		}
		var gs, ws []float64
		switch w := want[name].(type) {
		case string:
			if g != w {
				t.Errorf("%s.%s = %v, PyAT %q", e.FamName, name, g, w)
			}
			continue
		case float64:
			ws = []float64{w}
			switch x := g.(type) {
			case float64:
				gs = []float64{x}
			case int64:
				gs = []float64{float64(x)}
			}
		case []any:
			for _, v := range w {
				switch r := v.(type) {
				case float64:
					ws = append(ws, r)
				case []any:
					for _, x := range r {
						ws = append(ws, x.(float64))
					}
				}
			}
			switch x := g.(type) {
			case []float64:
				gs = x
			case [][]float64:
				for _, r := range x {
					gs = append(gs, r...)
				}
			}
		}
		if len(gs) != len(ws) {
			t.Errorf("%s.%s = %v, PyAT %v", e.FamName, name, g, want[name])
			continue
		}
		for i := range gs {
			d, ok := tol.ok(gs[i], ws[i])
			worst[name] = math.Max(worst[name], d)
			if !ok {
				t.Errorf("%s.%s[%d] = %.17g, PyAT %.17g (difference %.3g)", e.FamName, name, i, gs[i], ws[i], d)
			}
		}
	}
	return worst
}

// Tolerances of the fast ring against PyAT. The cell is tracked by the
// same integrators, so the closed orbit and the finite-difference
// matrices agree to rounding; the detuning coefficients are slopes of
// tune differences of ~1e-6 over amplitudes² of 1e-8, so the rounding
// of tunes ~0.4 (1e-16) is amplified to ~1e-10 of the coefficient; the
// diffusion factor differs by PyAT's eigenvalue floor (eps times the
// largest, a few 1e-14 of the row's largest entry in the vertical
// plane, where gotrack has exact zeros).
const (
	tolFastM66     = 1e-12 // absolute, M66 entries of the linear element
	tolFastOrbit   = 1e-15 // absolute, T1/T2 [m, rad]
	tolFastTwiss   = 1e-12 // relative, Betax/Betay
	tolFastAlpha   = 1e-12 // absolute, Alphax/Alphay
	tolFastChrom   = 1e-10 // relative, chromx_arr/chromy_arr
	tolFastDetune  = 1e-9  // relative, A1..A3
	tolFastLmatRow = 1e-9  // of the row's largest entry, Lmatp (x, px, delta, ct)
	tolFastLmatY   = 1e-13 // absolute, Lmatp entries of y, py (PyAT's floor ~9e-14)
)

// checkLmatp compares the diffusion factor with PyAT's: rows and columns
// of x, px, delta, ct relative to the row's largest entry, the vertical
// rows and columns absolutely (PyAT's eigenvalue floor puts
// sqrt(eps·λmax) ≈ 9e-14 on their diagonal, gotrack exact zeros).
func checkLmatp(t *testing.T, e *tracking.Element, want map[string]any) {
	t.Helper()
	v, ok := e.Get("Lmatp")
	if !ok {
		t.Fatalf("%s: no Lmatp", e.FamName)
	}
	got := v.([][]float64)
	rows := want["Lmatp"].([]any)
	var worstRow, worstY float64
	for i := 0; i < 6; i++ {
		w := rows[i].([]any)
		scale := 0.0
		for j := 0; j < 6; j++ {
			scale = math.Max(scale, math.Abs(w[j].(float64)))
		}
		for j := 0; j < 6; j++ {
			d := math.Abs(got[i][j] - w[j].(float64))
			if i == 2 || i == 3 || j == 2 || j == 3 {
				worstY = math.Max(worstY, d)
				if !(d <= tolFastLmatY) {
					t.Errorf("Lmatp[%d][%d] = %.17g, PyAT %.17g (difference %.3g, tolerance %g)", i, j, got[i][j], w[j], d, tolFastLmatY)
				}
				continue
			}
			worstRow = math.Max(worstRow, d/scale)
			if !(d <= tolFastLmatRow*scale) {
				t.Errorf("Lmatp[%d][%d] = %.17g, PyAT %.17g (%.3g of the row's largest, tolerance %g)", i, j, got[i][j], w[j], d/scale, tolFastLmatRow)
			}
		}
	}
	t.Logf("Lmatp: x, px, delta, ct within %.3g of the row's largest entry; y, py entries within %.3g absolute", worstRow, worstY)
}

// TestFastRingHMBA builds PyAT's fast_ring of the radiating hmba cell
// and compares the radiating model's elements with PyAT's, attribute by
// attribute; the non-radiating model has the same cavity and detuning
// element (T1/T2 on its own orbit), no diffusion, and a symplectic
// matrix.
func TestFastRingHMBA(t *testing.T) {
	ref := loadLumpedRef(t, "fast_ring_quantdiff.json")
	lat := loadRadLat(t, "hmba_6d.json")
	norad, rad, err := FastRing(lat, &FastRingOptions{Options: Options{Open: goEngine}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rad.Elements) != len(ref.Elements) {
		t.Fatalf("%d elements, PyAT %d", len(rad.Elements), len(ref.Elements))
	}
	if rad.Periodicity != ref.Ring.Periodicity || rad.HarmonicNumber != ref.Ring.Harmonic || rad.Energy != ref.Ring.Energy {
		t.Errorf("ring properties: periodicity %d, harmonic %d, energy %g; PyAT %d, %d, %g",
			rad.Periodicity, rad.HarmonicNumber, rad.Energy, ref.Ring.Periodicity, ref.Ring.Harmonic, ref.Ring.Energy)
	}
	tols := fastRingTols()
	for i, e := range rad.Elements {
		w := compareElement(t, e, ref.Elements[i], tols)
		for k, v := range w {
			if v != 0 {
				t.Logf("%s.%s: largest difference %.3g", e.FamName, k, v)
			}
		}
	}

	checkLmatp(t, rad.Elements[3], ref.Elements[3])

	// The non-radiating model.
	if len(norad.Elements) != 3 {
		t.Fatalf("non-radiating fast ring: %d elements, want 3 (no diffusion)", len(norad.Elements))
	}
	for i, name := range []string{"CAVL", "Linear_0", "NonLinear"} {
		if norad.Elements[i].FamName != name {
			t.Errorf("non-radiating element %d: %s, want %s", i, norad.Elements[i].FamName, name)
		}
	}
	nl := norad.Elements[2]
	for _, a := range []string{"A1", "A2", "A3", "Betax", "Betay", "Alphax", "Alphay"} {
		x, _, _ := nl.Float(a)
		y, _, _ := rad.Elements[2].Float(a)
		if x != y {
			t.Errorf("NonLinear.%s: %g without radiation, %g with", a, x, y)
		}
	}
	v, _ := norad.Elements[1].Get("M66")
	m := v.([][]float64)
	var m66 Mat66
	for i := range m66 {
		copy(m66[i][:], m[i])
	}
	if d := symplecticError(m66); d > 1e-9 {
		t.Errorf("non-radiating M66 not symplectic: |M J Mᵀ - J| = %.3g", d)
	} else {
		t.Logf("non-radiating M66: |M J Mᵀ - J| = %.3g", d)
	}
}

// symplecticError returns the largest entry of |M J Mᵀ - J|.
func symplecticError(m Mat66) float64 {
	j := jBlocks(1)
	mj := mul66(mul66(m, j), transpose66(m))
	d := 0.0
	for a := 0; a < 6; a++ {
		for b := 0; b < 6; b++ {
			d = math.Max(d, math.Abs(mj[a][b]-j[a][b]))
		}
	}
	return d
}

// fastRingTols are the tolerances of the fast ring's attributes.
func fastRingTols() map[string]attrTol {
	return map[string]attrTol{
		"M66":        {abs: tolFastM66},
		"M66Rad":     {abs: tolFastM66},
		"T1":         {abs: tolFastOrbit},
		"T2":         {abs: tolFastOrbit},
		"Betax":      {rel: tolFastTwiss},
		"Betay":      {rel: tolFastTwiss},
		"Alphax":     {abs: tolFastAlpha},
		"Alphay":     {abs: tolFastAlpha},
		"chromx_arr": {rel: tolFastChrom},
		"chromy_arr": {rel: tolFastChrom},
		"A1":         {rel: tolFastDetune},
		"A2":         {rel: tolFastDetune},
		"A3":         {rel: tolFastDetune},
		"Length":     {rel: 1e-15},
		"Lmatp":      {skip: true},
	}
}

// TestFastRingSplit cuts the hmba cell in two (PyAT's split_inds): the
// cavity of the first slice is lumped before its linear element; without
// radiation the two matrices compose to the one-slice matrix (the chain
// rule, to the finite differences' accuracy: with radiation the second
// slice is taken on the orbit whose energy the lumped cavity restored at
// the cut, not on the one-slice orbit); the lengths add up to the cell;
// the transverse orbit is continuous at the cut; an index out of range
// is an error.
func TestFastRingSplit(t *testing.T) {
	lat := loadRadLat(t, "hmba_6d.json")
	opt := Options{Open: goEngine}
	one, _, err := FastRing(lat, &FastRingOptions{Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	norad, rad, err := FastRing(lat, &FastRingOptions{SplitInds: []int{60}, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range rad.Elements {
		names = append(names, e.FamName)
	}
	if got := fmt.Sprint(names); got != "[CAVL Linear_0 Linear_1 NonLinear Diffusion]" {
		t.Fatalf("elements %s", got)
	}
	if n := len(norad.Elements); n != 4 {
		t.Errorf("non-radiating split fast ring: %d elements, want 4", n)
	}
	m66 := func(e *tracking.Element) Mat66 {
		v, _ := e.Get("M66")
		var m Mat66
		for i, r := range v.([][]float64) {
			copy(m[i][:], r)
		}
		return m
	}
	prod := mul66(m66(norad.Elements[2]), m66(norad.Elements[1]))
	whole := m66(one.Elements[1])
	d := 0.0
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			d = math.Max(d, math.Abs(prod[i][j]-whole[i][j]))
		}
	}
	if d > 1e-10 {
		t.Errorf("M66(Linear_1)·M66(Linear_0) differs from the one-slice M66 by %.3g", d)
	}
	t.Logf("M66(Linear_1)·M66(Linear_0) - M66(one slice): %.3g", d)
	if l := rad.Elements[1].Length() + rad.Elements[2].Length(); math.Abs(l-lat.Length()) > 1e-12 {
		t.Errorf("slice lengths sum to %.15g, cell %.15g", l, lat.Length())
	}
	t2, _ := rad.Elements[1].Get("T2")
	t1, _ := rad.Elements[2].Get("T1")
	for i := 0; i < 4; i++ {
		if x, y := t2.([]float64)[i], -t1.([]float64)[i]; math.Abs(x-y) > 1e-15 {
			t.Errorf("orbit[%d] at the cut: %g at the exit of slice 0, %g at the entrance of slice 1", i, x, y)
		}
	}
	if _, _, err := FastRing(lat, &FastRingOptions{SplitInds: []int{len(lat.Elements) + 1}, Options: opt}); err == nil {
		t.Error("split index past the end: no error")
	}
}

// TestFastRingTracks tracks the radiating fast ring's cavity and linear
// element (the passmethods the engine has; the detuning element leaves
// the closed orbit alone, the diffusion element is stochastic): their 6D
// closed orbit is PyAT's closed orbit of the whole fast ring, and their
// one-turn matrix PyAT's find_m66 of it (Matrix66Pass reads the M66 rows
// and T1/T2 as AT does), within 2e-10: PyAT's finite differences also
// cross the detuning element, which moves the betatron entries by
// ~7e-11 (M01 = 4.7).
func TestFastRingTracks(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "radiation", "fast_ring_quantdiff.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Orbit struct {
			Orbit Vec6 `json:"orbit"`
		} `json:"closed_orbit6"`
		M66 struct {
			Matrix Mat66 `json:"matrix"`
		} `json:"m66"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	lat := loadRadLat(t, "hmba_6d.json")
	opt := &Options{Open: goEngine}
	_, rad, err := FastRing(lat, &FastRingOptions{Options: *opt})
	if err != nil {
		t.Fatal(err)
	}
	lin := *rad
	lin.Elements = rad.Elements[:2]
	orb, err := FindOrbit6(&lin, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range orb.Orbit0 {
		if d := math.Abs(x - ref.Orbit.Orbit[i]); d > 1e-14 {
			t.Errorf("closed orbit[%d] = %.17g, PyAT %.17g (difference %.3g)", i, x, ref.Orbit.Orbit[i], d)
		}
	}
	m, _, err := FindM66(&lin, nil, &orb.Orbit0, opt)
	if err != nil {
		t.Fatal(err)
	}
	d := 0.0
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			d = math.Max(d, math.Abs(m[i][j]-ref.M66.Matrix[i][j]))
		}
	}
	if d > 2e-10 {
		t.Errorf("one-turn matrix differs from PyAT's find_m66 of the fast ring by %.3g", d)
	}
	t.Logf("closed orbit and one-turn matrix of cavity + Matrix66Pass: matrix within %.3g of PyAT's", d)
}
