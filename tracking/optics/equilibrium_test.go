package optics

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// The equilibrium tests track a radiating ring with quantum excitation
// from its closed orbit (zero emittance) for many damping times and
// compare the beam's rms sizes, averaged over the turns after two damping
// times, with the equilibrium the envelope computation predicts.
//
// Tolerances: each averaged quantity must be within tolEquilibrium (5 %)
// of the prediction and within 3 standard errors of sampling. The
// standard error of a variance-like quantity (emittance, squared size)
// from N particles is sqrt(2/N) relative; successive turns are correlated
// over about a damping time tau (the emittance relaxes at rate 2/tau,
// counted on both sides), so a window of W turns holds about W/tau
// independent samples: se = sqrt(2/N) sqrt(tau/W), halved for an rms size
// (the square root of a variance).
const tolEquilibrium = 0.05

// equilibriumQuantity is one compared quantity: its name, the column of
// tracking.MomentColumns it comes from (a size is the square root of a
// second moment), the prediction and the damping time of its plane
// [turns].
type equilibriumQuantity struct {
	name   string
	column string
	size   bool
	want   float64
	tau    float64
}

// momentColumn returns the index of a column of tracking.MomentColumns.
func momentColumn(t *testing.T, name string) int {
	for i, c := range tracking.MomentColumns {
		if c == name {
			return i
		}
	}
	t.Fatalf("no moment column %q", name)
	return -1
}

// checkEquilibrium averages each quantity over turns [from, turns) of
// res.Moments and compares it with its prediction; it returns the
// averages.
func checkEquilibrium(t *testing.T, res *tracking.Result, n, from int, qs []equilibriumQuantity) map[string]float64 {
	t.Helper()
	nc := len(tracking.MomentColumns)
	turns := len(res.Moments) / nc
	live := momentColumn(t, "live")
	got := map[string]float64{}
	for _, q := range qs {
		c := momentColumn(t, q.column)
		sum := 0.0
		for turn := from; turn < turns; turn++ {
			row := res.Moments[turn*nc : (turn+1)*nc]
			if int(row[live]) != n {
				t.Fatalf("turn %d: %d of %d particles alive", turn, int(row[live]), n)
			}
			v := row[c]
			if q.size {
				v = math.Sqrt(v)
			}
			sum += v
		}
		mean := sum / float64(turns-from)
		se := math.Sqrt(2/float64(n)) * math.Sqrt(q.tau/float64(turns-from))
		if q.size {
			se /= 2
		}
		rel := mean/q.want - 1
		t.Logf("%-12s tracked %.5g, equilibrium %.5g: %+.2f %% (sampling error %.2f %%)", q.name, mean, q.want, 100*rel, 100*se)
		if math.Abs(rel) > tolEquilibrium || math.Abs(rel) > 3*se {
			t.Errorf("%s: tracked %.5g, equilibrium %.5g: %+.2f %%, want within %.0f %% and 3 x %.2f %%", q.name, mean, q.want, 100*rel, 100*tolEquilibrium, 100*se)
		}
		got[q.name] = mean
	}
	return got
}

// radiationCase is what the tests read of a lumped-ring file of
// testdata/radiation (simple_ring, fast_ring): PyAT's ring (its element
// dicts), its 6D closed orbit and one-turn matrix (the stochastic element
// switched off), the linear theory's equilibrium and PyAT's own tracked
// averages.
type radiationCase struct {
	Ring struct {
		Energy float64 `json:"energy_eV"`
	} `json:"ring"`
	Elements []json.RawMessage `json:"elements"`
	Orbit    struct {
		Orbit Vec6 `json:"orbit"`
	} `json:"closed_orbit6"`
	M66 struct {
		Matrix Mat66 `json:"matrix"`
	} `json:"m66"`
	Theory struct {
		Equilibrium map[string]float64 `json:"equilibrium"`
	} `json:"linear_theory"`
	Tracking struct {
		Window struct {
			Stats map[string]struct {
				Mean float64 `json:"mean"`
			} `json:"stats"`
		} `json:"equilibrium_window"`
	} `json:"tracking"`
}

// loadRadiationCase reads a case of testdata/radiation and builds PyAT's
// lattice from its element dicts.
func loadRadiationCase(t *testing.T, file string) (*radiationCase, *tracking.Lattice) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/radiation/" + file)
	if err != nil {
		t.Fatal(err)
	}
	var c radiationCase
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	lat := &tracking.Lattice{Name: file, File: file, Energy: c.Ring.Energy, Particle: tracking.Particle{Name: "relativistic", Charge: -1}, Periodicity: 1}
	for _, raw := range c.Elements {
		e, err := atjson.ParseElement(raw)
		if err != nil {
			t.Fatal(err)
		}
		lat.Elements = append(lat.Elements, e)
	}
	return &c, lat
}

// TestSimpleRingEquilibrium tracks PyAT's simple_ring (RF cavity,
// SimpleRadiationRadPass, SimpleQuantDiffPass, the linear one-turn matrix
// and the detuning element; damping times 400, 600 and 300 turns) with
// 2000 particles from the closed orbit for 6000 turns, and compares the
// averages over turns 1500..6000 with the linear theory's equilibrium
// (the Lyapunov solution of the lumped model, which PyAT computed) and
// with PyAT's own tracked averages.
func TestSimpleRingEquilibrium(t *testing.T) {
	c, lat := loadRadiationCase(t, "simple_ring_quantdiff.json")
	const n, turns, from = 2000, 6000, 1500
	rows := make([][6]float64, n)
	for i := range rows {
		rows[i] = c.Orbit.Orbit
	}
	res, err := tracking.Track(lat, tracking.BeamFromRows(rows), tracking.Options{Turns: turns, Moments: true, Seed: 2899751719})
	if err != nil {
		t.Fatal(err)
	}
	eq := c.Theory.Equilibrium
	got := checkEquilibrium(t, res, n, from, []equilibriumQuantity{
		{"eps_x", "emit_x", false, eq["eps_x"], 400},
		{"eps_y", "emit_y", false, eq["eps_y"], 600},
		{"eps_l", "emit_z", false, eq["eps_l"], 300},
		{"sigma_delta", "delta.delta", true, eq["sigma_delta"], 300},
		{"sigma_ct", "ct.ct", true, eq["sigma_ct"], 300},
	})
	// PyAT's tracking (2000 particles, window 1500..3000 turns) is a
	// sample too: the two averages differ by their combined errors.
	for name, s := range c.Tracking.Window.Stats {
		g, ok := got[name]
		if !ok {
			continue
		}
		if d := math.Abs(g/s.Mean - 1); d > tolEquilibrium {
			t.Errorf("%s: tracked %.5g, PyAT's tracking %.5g (%.2f %% apart, want within %.0f %%)", name, g, s.Mean, 100*d, 100*tolEquilibrium)
		}
	}
}
