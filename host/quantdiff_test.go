package host_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
)

// quantumElement reads the element of a seeded_single_pass case of
// testdata/radiation/quantum_elements.json (PyAT's QuantDiffPass and
// SimpleQuantDiffPass) as a one-element lattice.
func quantumElement(t *testing.T, name string) (*tracking.Lattice, map[string]any) {
	t.Helper()
	data, err := os.ReadFile("../testdata/radiation/quantum_elements.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Seeded struct {
			Cases map[string]struct {
				Element json.RawMessage `json:"element"`
				Energy  float64         `json:"energy_eV"`
			} `json:"cases"`
		} `json:"seeded_single_pass"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	c, ok := f.Seeded.Cases[name]
	if !ok {
		t.Fatalf("quantum_elements.json has no case %s", name)
	}
	e, err := atjson.ParseElement(c.Element)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]any
	if err := json.Unmarshal(c.Element, &attrs); err != nil {
		t.Fatal(err)
	}
	return &tracking.Lattice{Name: name, Energy: c.Energy, Particle: tracking.Particle{Name: "relativistic", Charge: -1},
		Periodicity: 1, Elements: []*tracking.Element{e}}, attrs
}

// kickCovariance tracks n particles at the origin once through lat on the
// Go engine and returns the sample covariance of the kicks.
func kickCovariance(t *testing.T, lat *tracking.Lattice, n int, seed uint64) (mean [6]float64, cov [6][6]float64) {
	t.Helper()
	open := func(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }
	res, err := tracking.Track(lat, tracking.NewBeam(n), tracking.Options{Turns: 1, Open: open, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Final.Coords
	for k := 0; k < 6; k++ {
		for i := 0; i < n; i++ {
			mean[k] += c[k][i]
		}
		mean[k] /= float64(n)
	}
	for k := 0; k < 6; k++ {
		for j := 0; j < 6; j++ {
			for i := 0; i < n; i++ {
				cov[k][j] += (c[k][i] - mean[k]) * (c[j][i] - mean[j])
			}
			cov[k][j] /= float64(n)
		}
	}
	return mean, cov
}

// checkCovariance compares a sample covariance of n draws with want:
// every mean within 5 standard errors sqrt(want_kk/n) of zero, every
// element within 5 standard errors sqrt((want_kk want_jj + want_kj^2)/n)
// of want.
func checkCovariance(t *testing.T, mean [6]float64, cov, want [6][6]float64, n int) {
	t.Helper()
	for k := 0; k < 6; k++ {
		if se := math.Sqrt(want[k][k] / float64(n)); math.Abs(mean[k]) > 5*se {
			t.Errorf("mean kick of %s: %.4g, want 0 within 5 x %.3g", tracking.CoordNames[k], mean[k], se)
		}
		for j := 0; j < 6; j++ {
			se := math.Sqrt((want[k][k]*want[j][j] + want[k][j]*want[k][j]) / float64(n))
			if math.Abs(cov[k][j]-want[k][j]) > 5*se {
				t.Errorf("kick covariance [%d][%d]: %.5g, want %.5g within 5 x %.3g", k, j, cov[k][j], want[k][j], se)
			}
		}
	}
}

// TestQuantDiffPassCovariance: the kicks of PyAT's gen_quantdiff_elem
// element of the hmba_6d cell (its Lmatp) have the covariance Lmatp
// Lmatp^T, the cell's quantum diffusion matrix (20000 particles).
func TestQuantDiffPassCovariance(t *testing.T) {
	lat, attrs := quantumElement(t, "QuantDiffPass")
	rows := attrs["Lmatp"].([]any)
	var l, want [6][6]float64
	for i := range l {
		for j, v := range rows[i].([]any) {
			l[i][j] = v.(float64)
		}
	}
	for i := range want {
		for j := range want {
			for k := range l {
				want[i][j] += l[i][k] * l[j][k]
			}
		}
	}
	const n = 20000
	mean, cov := kickCovariance(t, lat, n, 11)
	checkCovariance(t, mean, cov, want, n)
}

// TestSimpleQuantDiffPassCovariance: SimpleQuantDiffPass kicks px, py and
// delta independently with the variances (2 sigma' sqrt(1/tau))^2 of AT,
// sigma' = sqrt(emit/beta) in the transverse planes, espread in delta.
func TestSimpleQuantDiffPassCovariance(t *testing.T) {
	lat, a := quantumElement(t, "SimpleQuantDiffPass")
	f := func(k string) float64 { return a[k].(float64) }
	var want [6][6]float64
	want[1][1] = 4 * f("emitx") / f("betax") / f("taux")
	want[3][3] = 4 * f("emity") / f("betay") / f("tauy")
	want[4][4] = 4 * f("espread") * f("espread") / f("tauz")
	const n = 20000
	mean, cov := kickCovariance(t, lat, n, 12)
	checkCovariance(t, mean, cov, want, n)
}

// TestQuantDiffSeed: the same seed gives the same bits, another seed
// other numbers.
func TestQuantDiffSeed(t *testing.T) {
	lat, _ := quantumElement(t, "QuantDiffPass")
	open := func(cfg device.Config) (device.Backend, error) { return host.New(cfg), nil }
	run := func(seed uint64) *tracking.Beam {
		res, err := tracking.Track(lat, tracking.NewBeam(64), tracking.Options{Turns: 3, Open: open, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return res.Final
	}
	a, b, c := run(7), run(7), run(8)
	same, differ := true, false
	for k := 0; k < 6; k++ {
		for i := range a.Coords[k] {
			same = same && math.Float64bits(a.Coords[k][i]) == math.Float64bits(b.Coords[k][i])
			differ = differ || a.Coords[k][i] != c.Coords[k][i]
		}
	}
	if !same || !differ {
		t.Errorf("seed 7 twice identical: %v; seeds 7 and 8 differ: %v", same, differ)
	}
}
