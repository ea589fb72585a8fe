package optics

import (
	"math"
	"testing"
)

// TestGetMCF compares GetMCF (PyAT's get_mcf: tracking) on the 4D
// lattices with the momentum compaction of PyAT's radiation integrals
// (ring.radiation_parameters().alphac, I1/L), the only one the
// references hold: the two methods differ by the second-order terms the
// finite difference of ±DPStep/2 sees and by the integration (measured:
// 7.7e-10 relative on dba, 1e-11 on hmba), so the test allows 1e-8.
func TestGetMCF(t *testing.T) {
	for _, name := range []string{"dba", "hmba"} {
		f, blocks := loadRef(t, name)
		var rp struct {
			Alphac float64 `json:"alphac"`
		}
		if err := jsonField(blocks["radiation_on_6d"], "radiation_parameters_4d_integrals", &rp); err != nil {
			t.Fatal(err)
		}
		lat := blockLattice(t, f, blocks["4d"], "4d")
		a, err := GetMCF(lat, nil)
		if err != nil {
			t.Fatal(err)
		}
		rel := math.Abs(a/rp.Alphac - 1)
		t.Logf("%s: mcf %.10g, radiation integrals %.10g (rel %.2g)", name, a, rp.Alphac, rel)
		if rel > 1e-8 {
			t.Errorf("%s: mcf %g, PyAT's I1/L %g", name, a, rp.Alphac)
		}
	}
}

// TestFindSyncOrbit checks PyAT's find_sync_orbit contract on the 4D
// lattices: the orbit is closed in x, px, y, py after one turn, delta is
// unchanged, and the path lengthening is dct (0 and 1e-6 m).
func TestFindSyncOrbit(t *testing.T) {
	for _, name := range refNames {
		f, blocks := loadRef(t, name)
		lat := blockLattice(t, f, blocks["4d"], "4d")
		for _, dct := range []float64{0, 1e-6} {
			o, err := FindSyncOrbit(lat, dct, []int{len(lat.Elements)}, nil)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			end := o.At[0]
			for i := 0; i < 5; i++ {
				if d := math.Abs(end[i] - o.Orbit0[i]); d > tolOrbit {
					t.Errorf("%s dct %g: coordinate %d moves by %.3g after one turn", name, dct, i, d)
				}
			}
			if d := math.Abs(end[5] - dct); d > tolOrbit {
				t.Errorf("%s dct %g: ct after one turn %.17g", name, dct, end[5])
			}
			if dct != 0 && o.Orbit0[4] == 0 {
				t.Errorf("%s: dct %g gives delta 0", name, dct)
			}
		}
	}
}
