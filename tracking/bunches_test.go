package tracking_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// bunchTol is the tolerance of Bunches against PyAT's ring block: none.
// Bunches does PyAT's operations in PyAT's order (numpy's pairwise sum
// for the normalisation, then one division, one product per bucket, and
// ((beta*c)*h)/f_rf / len(fill) * bucket for the positions), all of them
// correctly rounded IEEE operations, so the results must be bit-identical.
const bunchTol = 0

func closeBits(a, b, tol float64) bool {
	if tol == 0 {
		return math.Float64bits(a) == math.Float64bits(b)
	}
	return math.Abs(a-b) <= tol*math.Abs(b)
}

// TestBunchesAgainstPyAT derives the bunch currents and positions of every
// collective case from its fill pattern, beam current and RF cavity, and
// compares them with what PyAT passed to the C integrators.
func TestBunchesAgainstPyAT(t *testing.T) {
	files, err := trackingtest.CollectiveCaseFiles(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		c, err := trackingtest.LoadCollectiveCase(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.Name, func(t *testing.T) {
			lat := c.Lattice
			r := c.Ring
			// As the loader sets it: the overrides come back as given.
			cur, spos, err := lat.Bunches()
			if err != nil {
				t.Fatal(err)
			}
			compareBunches(t, "overrides", cur, spos, r.BunchCurrents, r.BunchSpos)

			// Derived from the fill pattern, the current and the cavity.
			lat.BunchCurrents, lat.BunchSpos = nil, nil
			if got := lat.Beta(); got != r.Beta {
				t.Errorf("beta %v, PyAT %v", got, r.Beta)
			}
			if f, ok, err := lat.RFFrequency(); err != nil || !ok || f != r.RFFrequency {
				t.Errorf("rf frequency %v (found %v, %v), PyAT %v", f, ok, err, r.RFFrequency)
			}
			if h, err := lat.RingHarmonicNumber(); err != nil || h != r.HarmonicNumber {
				t.Errorf("harmonic number %d (%v), PyAT %d", h, err, r.HarmonicNumber)
			}
			if got := lat.BeamCurrent(); got != r.BeamCurrent {
				t.Errorf("beam current %v, PyAT %v", got, r.BeamCurrent)
			}
			fp, err := lat.NormalizedFillPattern()
			if err != nil {
				t.Fatal(err)
			}
			var list []int
			for b, v := range fp {
				if !closeBits(v, r.FillPattern[b], bunchTol) {
					t.Errorf("fill pattern bucket %d: %v, PyAT %v", b, v, r.FillPattern[b])
				}
				if v > 0 {
					list = append(list, b)
				}
			}
			if len(list) != len(r.BunchList) {
				t.Fatalf("filled buckets %v, PyAT %v", list, r.BunchList)
			}
			for k := range list {
				if list[k] != r.BunchList[k] {
					t.Errorf("filled buckets %v, PyAT %v", list, r.BunchList)
					break
				}
			}
			cur, spos, err = lat.Bunches()
			if err != nil {
				t.Fatal(err)
			}
			compareBunches(t, "derived", cur, spos, r.BunchCurrents, r.BunchSpos)

			// The harmonic number from the cavity, as PyAT's loader
			// computes it, when the file does not give it.
			lat.HarmonicNumber = 0
			cur, spos, err = lat.Bunches()
			if err != nil {
				t.Fatal(err)
			}
			compareBunches(t, "h from the cavity", cur, spos, r.BunchCurrents, r.BunchSpos)
		})
	}
}

func compareBunches(t *testing.T, what string, cur, spos, wantCur, wantSpos []float64) {
	t.Helper()
	if len(cur) != len(wantCur) || len(spos) != len(wantSpos) {
		t.Fatalf("%s: %d currents, %d positions; PyAT %d, %d", what, len(cur), len(spos), len(wantCur), len(wantSpos))
	}
	for k := range cur {
		if !closeBits(cur[k], wantCur[k], bunchTol) || !closeBits(spos[k], wantSpos[k], bunchTol) {
			t.Errorf("%s: bunch %d: current %.17g A at %.17g m, PyAT %.17g A at %.17g m", what, k, cur[k], spos[k], wantCur[k], wantSpos[k])
		}
	}
}

// TestBunchesMultibunchRawPattern gives the 4-bunch case its fill pattern
// as the generator wrote it (relative currents 1, 1, 0.5, 1.5 in buckets
// 0, 1, 2, 5): Bunches normalises it as PyAT's set_fillpattern.
func TestBunchesMultibunchRawPattern(t *testing.T) {
	c, err := trackingtest.LoadCollectiveCase(filepath.Join("..", "testdata", "collective", "wake_multibunch4.json"))
	if err != nil {
		t.Fatal(err)
	}
	lat := c.Lattice
	lat.BunchCurrents, lat.BunchSpos = nil, nil
	lat.FillPattern = make([]float64, 31)
	lat.FillPattern[0], lat.FillPattern[1], lat.FillPattern[2], lat.FillPattern[5] = 1, 1, 0.5, 1.5
	cur, spos, err := lat.Bunches()
	if err != nil {
		t.Fatal(err)
	}
	compareBunches(t, "raw pattern", cur, spos, c.Ring.BunchCurrents, c.Ring.BunchSpos)
}

func bunchLattice(t *testing.T, withCavity bool) *tracking.Lattice {
	t.Helper()
	cav := `{"FamName": "RFC", "Length": 0.0, "PassMethod": "RFCavityPass", "Voltage": 1e6, "Frequency": 4e8, "HarmNumber": 4},`
	if !withCavity {
		cav = ""
	}
	src := `{"atjson": 1, "elements": [` + cav + `
		{"FamName": "D1", "Length": 1.5, "PassMethod": "DriftPass"},
		{"FamName": "D2", "Length": 1.5, "PassMethod": "DriftPass"}],
		"properties": {"energy": 3e9, "harmonic_number": 4, "periodicity": 1}}`
	lat, err := atjson.ParseLattice([]byte(src), "bunches.json")
	if err != nil {
		t.Fatal(err)
	}
	return lat
}

func TestBunchesDefaultsAndOverrides(t *testing.T) {
	lat := bunchLattice(t, true)
	if got := lat.BeamCurrent(); got != 0 {
		t.Errorf("beam current without the property: %v, want 0", got)
	}
	cur, spos, err := lat.Bunches()
	if err != nil {
		t.Fatal(err)
	}
	if len(cur) != 1 || cur[0] != 0 || spos[0] != 0 {
		t.Errorf("default: currents %v spos %v, want one bunch of 0 A at 0", cur, spos)
	}
	lat.SetBeamCurrent(0.2)
	lat.SetBeamCurrent(0.4) // replaces
	n := 0
	for _, a := range lat.Properties {
		if a.Name == "beam_current" {
			n++
		}
	}
	if n != 1 || lat.BeamCurrent() != 0.4 {
		t.Errorf("SetBeamCurrent: %d properties, current %v", n, lat.BeamCurrent())
	}
	lat.FillPattern = []float64{0, 3, 0, 1}
	cur, spos, err = lat.Bunches()
	if err != nil {
		t.Fatal(err)
	}
	// beta c h / f / 4 = c/4e8 per bucket.
	// (Variables, so that Go rounds as at run time, not as an exact
	// constant expression.)
	c0, i0, f3, f1 := tracking.C0, 0.4, 0.75, 0.25
	bs := 1.0 * c0 * 4 / 4e8 / 4
	if len(cur) != 2 || cur[0] != i0*f3 || cur[1] != i0*f1 || spos[0] != bs || spos[1] != bs*3 {
		t.Errorf("currents %v spos %v, want [0.3 0.1] at [%v %v]", cur, spos, bs, 3*bs)
	}

	lat.BunchSpos = []float64{1, 2}
	cur, spos, err = lat.Bunches()
	if err != nil || len(cur) != 2 || spos[0] != 1 || spos[1] != 2 || cur[0] != i0*f3 {
		t.Errorf("spos override: %v %v %v", cur, spos, err)
	}
	lat.BunchSpos[0] = 7
	if spos[0] != 1 {
		t.Error("Bunches returned the override itself, not a copy")
	}
	lat.BunchCurrents = []float64{1, 2, 3}
	if _, _, err := lat.Bunches(); err == nil || !strings.Contains(err.Error(), "bunches.json") {
		t.Errorf("3 currents, 2 positions: error %v", err)
	}
	lat.BunchSpos = nil
	if _, _, err := lat.Bunches(); err == nil {
		t.Error("3 currents for a 2-bunch fill pattern: no error")
	}
	lat.BunchCurrents = nil

	for _, fp := range [][]float64{{1, 0, 0}, {1, -1, 1, 1}, {0, 0, 0, 0}, {math.NaN(), 1, 1, 1}} {
		lat.FillPattern = fp
		if _, _, err := lat.Bunches(); err == nil {
			t.Errorf("fill pattern %v: no error", fp)
		}
	}
}

func TestBunchesWithoutCavity(t *testing.T) {
	lat := bunchLattice(t, false)
	if _, ok, err := lat.RFFrequency(); ok || err != nil {
		t.Fatalf("RFFrequency without a cavity: %v %v", ok, err)
	}
	lat.SetBeamCurrent(1)
	lat.FillPattern = []float64{1, 1, 1, 1}
	cur, spos, err := lat.Bunches()
	if err != nil {
		t.Fatal(err)
	}
	// PyAT's fallback: the circumference (3 m) shared by the 4 buckets.
	for k, want := range []float64{0, 0.75, 1.5, 2.25} {
		if spos[k] != want || cur[k] != 0.25 {
			t.Errorf("bunch %d: %v A at %v m, want 0.25 A at %v m", k, cur[k], spos[k], want)
		}
	}
	// No harmonic number and no cavity: the fill pattern is taken as is,
	// nil is one bunch.
	lat.HarmonicNumber = 0
	lat.FillPattern = nil
	cur, spos, err = lat.Bunches()
	if err != nil || len(cur) != 1 || cur[0] != 1 || spos[0] != 0 {
		t.Errorf("no h, no cavity: %v %v %v", cur, spos, err)
	}
}

func TestBeta(t *testing.T) {
	lat := &tracking.Lattice{Energy: 6e9, Particle: tracking.Particle{Name: "relativistic"}}
	if lat.Beta() != 1 {
		t.Errorf("relativistic beta %v", lat.Beta())
	}
	lat.Particle = tracking.Particle{Name: "proton", RestEnergy: 938.27208816e6, Charge: 1}
	gamma := 6e9 / 938.27208816e6
	if got, want := lat.Beta(), math.Sqrt(1-1/(gamma*gamma)); math.Abs(got-want) > 1e-15 {
		t.Errorf("proton beta %v, want %v", got, want)
	}
}

func TestIsRFCavity(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`{"FamName": "C", "PassMethod": "RFCavityPass", "Frequency": 1e8}`, true},
		{`{"FamName": "C", "PassMethod": "DriftPass", "Length": 1, "Frequency": 1e8, "Voltage": 0}`, true}, // a cavity switched off
		{`{"FamName": "C", "PassMethod": "BeamLoadingCavityPass", "Class": "BeamLoadingElement", "Frequency": 1e8}`, true},
		{`{"FamName": "RF", "PassMethod": "IdentityPass"}`, true},
		{`{"FamName": "Q", "PassMethod": "StrMPoleSymplectic4Pass", "PolynomB": [0, 1], "Frequency": 1e8}`, false},
		{`{"FamName": "B", "PassMethod": "DriftPass", "EntranceAngle": 0.1, "Frequency": 1e8}`, false},
		{`{"FamName": "W", "PassMethod": "WakeFieldPass", "Class": "WakeElement"}`, false},
		{`{"FamName": "D", "PassMethod": "DriftPass", "Length": 1}`, false},
	} {
		e, err := atjson.ParseElement([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := tracking.IsRFCavity(e); got != c.want {
			t.Errorf("%s: IsRFCavity %v, want %v", c.src, got, c.want)
		}
	}
}

// A file written by PyAT for several bunches has no fill pattern: the
// bunches cannot be guessed, and the error says what to set.
func TestBunchesNeedFillPattern(t *testing.T) {
	lat := &tracking.Lattice{File: "ring.json", Energy: 6e9, Properties: []tracking.Attr{{Name: "nbunch", Value: int64(4)}, {Name: "beam_current", Value: 0.2}}}
	_, _, err := lat.Bunches()
	if err == nil || !strings.Contains(err.Error(), "nbunch = 4") || !strings.Contains(err.Error(), "FillPattern") || !strings.Contains(err.Error(), "ring.json") {
		t.Fatalf("error %v", err)
	}
	lat.FillPattern = []float64{1, 1, 1, 1}
	lat.HarmonicNumber = 4
	if c, _, err := lat.Bunches(); err != nil || len(c) != 4 {
		t.Fatalf("with a fill pattern: %d bunches, %v", len(c), err)
	}
}

// TestBunchesHugeHarmonicNumber: a harmonic number (or periodicity) from
// a lattice file too large to hold a fill pattern is an error naming it,
// not an allocation that kills the process.
func TestBunchesHugeHarmonicNumber(t *testing.T) {
	lat := bunchLattice(t, true)
	lat.HarmonicNumber = 2000000000
	if _, _, err := lat.Bunches(); err == nil || !strings.Contains(err.Error(), "harmonic number 2000000000") {
		t.Errorf("harmonic_number 2e9: err = %v", err)
	}
	lat.HarmonicNumber = 0
	lat.Periodicity = 2000000000 // times the cell's 4 buckets
	if _, err := lat.NormalizedFillPattern(); err == nil || !strings.Contains(err.Error(), "more buckets") {
		t.Errorf("periodicity 2e9: err = %v", err)
	}
}
