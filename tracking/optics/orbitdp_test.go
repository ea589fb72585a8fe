package optics

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// TestFindOrbit6Dp checks the 6D closed orbit at a given momentum
// deviation: on the hmba cell with its cavity on and no radiation, the RF
// frequency set for dp must give the orbit with delta = dp (within 1e-10)
// and the transverse 4D orbit at dp (within 1e-12 m, rad), since the path
// lengthening of that orbit is what the frequency shift asks for (measured:
// 2e-12 and 3e-15). With radiation (hmba_6d), delta must move by dp from
// the on-momentum 6D orbit within 1e-5 (measured 1e-7): the radiation
// loss changes little over 1 %.
func TestFindOrbit6Dp(t *testing.T) {
	lat, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", "lattices", "hmba.json"))
	if err != nil {
		t.Fatal(err)
	}
	cav := *lat
	cav.Elements = append([]*tracking.Element(nil), lat.Elements...)
	for i, e := range cav.Elements {
		if tracking.IsRFCavity(e) {
			n := e.Clone()
			n.PassMethod = "RFCavityPass"
			cav.Elements[i] = n
		}
	}
	for _, dp := range []float64{-0.01, 0.005} {
		o6, err := FindOrbit6Dp(&cav, dp, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		o4, err := FindOrbit4(lat, dp, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("dp=%g: delta-dp %.3g, x-x4 %.3g", dp, o6.Orbit0[4]-dp, o6.Orbit0[0]-o4.Orbit0[0])
		if d := math.Abs(o6.Orbit0[4] - dp); d > 1e-10 {
			t.Errorf("dp=%g: delta = %.12g, %.3g off", dp, o6.Orbit0[4], d)
		}
		for k := 0; k < 4; k++ {
			if d := math.Abs(o6.Orbit0[k] - o4.Orbit0[k]); d > 1e-12 {
				t.Errorf("dp=%g: orbit[%d] = %.12g, 4D orbit %.12g", dp, k, o6.Orbit0[k], o4.Orbit0[k])
			}
		}
		f0, _, _ := cav.RFFrequency()
		shifted, err := WithNominalRF(&cav, dp, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, _, _ := shifted.RFFrequency()
		if g, _, _ := cav.RFFrequency(); g != f0 {
			t.Errorf("WithNominalRF changed the lattice it was given")
		}
		// Above transition a higher momentum takes a longer path: a lower
		// frequency.
		if (f-f0)*dp >= 0 {
			t.Errorf("dp=%g: frequency shift %.6g Hz has the wrong sign", dp, f-f0)
		}
	}
	rad, err := atjson.LoadLattice(filepath.Join("..", "..", "testdata", "lattices", "hmba_6d.json"))
	if err != nil {
		t.Fatal(err)
	}
	on, err := FindOrbit6(rad, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	off, err := FindOrbit6Dp(rad, 0.01, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hmba_6d: delta moved by %.6g", off.Orbit0[4]-on.Orbit0[4])
	if d := off.Orbit0[4] - on.Orbit0[4]; math.Abs(d-0.01) > 1e-5 {
		t.Errorf("hmba_6d: delta moved by %.6g, want 0.01 within 1e-5", d)
	}
}
