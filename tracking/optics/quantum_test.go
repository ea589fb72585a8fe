package optics

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/tracking"
)

// quantdiffRef is what the tests read of
// testdata/radiation/hmba_6d_quantdiff.json: PyAT's gen_quantdiff_elem
// of the radiating hmba cell and the closed orbit it was computed on.
type quantdiffRef struct {
	Elem struct {
		Element struct {
			Lmatp [6][6]float64 `json:"Lmatp"`
		} `json:"element"`
	} `json:"quantdiff_element"`
	Orbit struct {
		Orbit Vec6 `json:"orbit"`
	} `json:"closed_orbit6"`
}

// tolLmatp bounds the difference of an entry of Lmatp from PyAT's,
// relative to the largest entry of its row: the diffusion matrix itself
// agrees to tolDiffusion of its largest entry, and the factor rows
// scale with the square roots of the diagonal.
const tolLmatp = 1e-6

// TestGenQuantDiffElem compares the lower-triangular factor of the hmba
// cell's diffusion matrix with PyAT's gen_quantdiff_elem Lmatp, row by
// row, on the planes that diffuse (x, px, delta, ct; PyAT's vertical
// entries are rounding noise of 1e-13 and below, ours exact zeros).
func TestGenQuantDiffElem(t *testing.T) {
	data, err := os.ReadFile("../../testdata/radiation/hmba_6d_quantdiff.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref quantdiffRef
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	lat := loadRadLat(t, "hmba_6d.json")
	orbit := ref.Orbit.Orbit
	e, err := GenQuantDiffElem(lat, &EnvelopeOptions{Orbit: &orbit, Options: Options{Open: goEngine}})
	if err != nil {
		t.Fatal(err)
	}
	if e.PassMethod != "QuantDiffPass" {
		t.Fatalf("passmethod %s", e.PassMethod)
	}
	v, _ := e.Get("Lmatp")
	got := v.([][]float64)
	want := ref.Elem.Element.Lmatp
	for _, i := range []int{0, 1, 4, 5} {
		scale := 0.0
		for j := 0; j <= i; j++ {
			scale = math.Max(scale, math.Abs(want[i][j]))
		}
		for _, j := range []int{0, 1, 4, 5} {
			if d := math.Abs(got[i][j]-want[i][j]) / scale; !(d <= tolLmatp) {
				t.Errorf("Lmatp[%d][%d] = %.10g, PyAT %.10g (%.2g of the row's largest, tolerance %g)", i, j, got[i][j], want[i][j], d, tolLmatp)
			}
		}
	}
	for i := 0; i < 6; i++ {
		for j := i + 1; j < 6; j++ {
			if got[i][j] != 0 {
				t.Errorf("Lmatp[%d][%d] = %g above the diagonal", i, j, got[i][j])
			}
		}
	}
	if _, err := GenQuantDiffElem(Disable6D(lat), nil); err == nil {
		t.Error("gen_quantdiff_elem of a lattice without radiation: no error")
	}
}

// TestOpticsIgnoreQuantumDiffusion: the optics of a lattice with the
// diffusion element appended are those of the lattice without it (the
// optics see it as an identity), bit for bit.
func TestOpticsIgnoreQuantumDiffusion(t *testing.T) {
	lat := loadRadLat(t, "hmba_6d.json")
	opt := &Options{Open: goEngine}
	q, err := WithQuantumDiffusion(lat, &EnvelopeOptions{Options: *opt})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Elements) != len(lat.Elements)+1 || len(lat.Elements) != 121 {
		t.Fatalf("%d elements, the cell has %d", len(q.Elements), len(lat.Elements))
	}
	a, err := FindOrbit6(lat, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FindOrbit6(q, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.Orbit0 != b.Orbit0 {
		t.Errorf("closed orbit %v with the diffusion element, %v without", b.Orbit0, a.Orbit0)
	}
}

// TestQuantPassOpticsAsRadTwins: with every *RadPass magnet of the hmba_6d
// cell switched to its *QuantPass variant, the optics see the radiating
// cell: the same closed orbit, equilibrium envelope and mode emittances,
// energy loss and HasRadiation, bit for bit.
func TestQuantPassOpticsAsRadTwins(t *testing.T) {
	lat := loadRadLat(t, "hmba_6d.json")
	q := *lat
	q.Elements = append([]*tracking.Element(nil), lat.Elements...)
	switched := 0
	for i, e := range q.Elements {
		if e.PassMethod == "StrMPoleSymplectic4RadPass" || e.PassMethod == "BndMPoleSymplectic4RadPass" {
			n := e.Clone()
			n.PassMethod = strings.TrimSuffix(e.PassMethod, "RadPass") + "QuantPass"
			q.Elements[i] = n
			switched++
		}
	}
	if switched < 10 {
		t.Fatalf("only %d radiating magnets switched", switched)
	}
	opt := &Options{Open: goEngine}
	a, err := FindOrbit6(lat, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FindOrbit6(&q, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.Orbit0 != b.Orbit0 {
		t.Errorf("closed orbit %v with *QuantPass magnets, %v with *RadPass", b.Orbit0, a.Orbit0)
	}
	ea, err := OhmiEnvelope(lat, nil, &EnvelopeOptions{Options: *opt})
	if err != nil {
		t.Fatal(err)
	}
	eb, err := OhmiEnvelope(&q, nil, &EnvelopeOptions{Options: *opt})
	if err != nil {
		t.Fatal(err)
	}
	if ea.Start.R66 != eb.Start.R66 || ea.ModeEmittances != eb.ModeEmittances {
		t.Errorf("envelope: emittances %v with *QuantPass magnets, %v with *RadPass", eb.ModeEmittances, ea.ModeEmittances)
	}
	ua, err := EnergyLoss(lat, opt)
	if err != nil {
		t.Fatal(err)
	}
	ub, err := EnergyLoss(&q, opt)
	if err != nil {
		t.Fatal(err)
	}
	if ua != ub || ua <= 0 {
		t.Errorf("energy loss %v with *QuantPass magnets, %v with *RadPass", ub, ua)
	}
	if !HasRadiation(&q) {
		t.Errorf("HasRadiation: false with *QuantPass magnets")
	}
	t.Logf("%d magnets switched; emittances %.6g, energy loss %.6g eV", switched, eb.ModeEmittances, ub)
}
