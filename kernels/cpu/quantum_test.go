//go:build cgo

package cpu

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/optics"
)

// bitsDiffer reports the first particle and coordinate where two results
// differ in their bits (final coordinates and loss record), or "".
func bitsDiffer(a, b *tracking.Result) string {
	for i := range a.Lost {
		if a.Lost[i] != b.Lost[i] || a.LostTurn[i] != b.LostTurn[i] || a.LostElement[i] != b.LostElement[i] {
			return fmt.Sprintf("particle %d: loss record differs", i)
		}
		for k := 0; k < 6; k++ {
			if math.Float64bits(a.Final.Coords[k][i]) != math.Float64bits(b.Final.Coords[k][i]) ||
				math.Float64bits(a.LostCoords.Coords[k][i]) != math.Float64bits(b.LostCoords.Coords[k][i]) {
				return fmt.Sprintf("particle %d %s: %v and %v", i, tracking.CoordNames[k], a.Final.Coords[k][i], b.Final.Coords[k][i])
			}
		}
	}
	return ""
}

// TestStochasticDeterminism: quantum excitation through the kernel
// source (the hmba_6d cell with its diffusion element appended and its
// radiating magnets emitting photons one by one, the *QuantPass variants;
// a wide beam that loses particles) gives the same bits for 1, 2 and 3 threads,
// for tiles of 1, 7, 64 and 256 particles, and on the per-particle path
// (gt_segment_host, the GPU kernel's code); another seed gives other bits.
func TestStochasticDeterminism(t *testing.T) {
	lat, err := atjson.LoadLattice(testdata + "/lattices/hmba_6d.json")
	if err != nil {
		t.Fatal(err)
	}
	q, err := optics.WithQuantumDiffusion(lat, &optics.EnvelopeOptions{Options: optics.Options{Device: Name}})
	if err != nil {
		t.Fatal(err)
	}
	quant := 0
	for i, e := range q.Elements {
		if pm, ok := strings.CutSuffix(e.PassMethod, "RadPass"); ok && strings.HasSuffix(pm, "MPoleSymplectic4") {
			c := e.Clone()
			c.PassMethod = pm + "QuantPass"
			q.Elements[i] = c
			quant++
		}
	}
	if quant == 0 {
		t.Fatal("no radiating magnet to switch to its QuantPass variant")
	}
	sigma := [6]float64{6e-3, 4e-4, 3e-3, 3e-4, 3e-2, 5e-3}
	beam := tracking.GaussianBeam(301, sigma, 5)
	opt := tracking.Options{Turns: 12, Seed: 2026, Device: Name, Backend: device.Config{Threads: 1}}
	want, err := tracking.Track(q, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	if l := want.NumLost(); l < 5 || l > beam.Len()-5 {
		t.Fatalf("%d of %d lost: the test wants losses and survivors", l, beam.Len())
	}
	for _, th := range []int{1, 2, 3} {
		for _, ts := range []int{1, 7, 64, 256} {
			o := opt
			o.Backend.Threads, o.Backend.TileSize = th, ts
			got, err := tracking.Track(q, beam, o)
			if err != nil {
				t.Fatal(err)
			}
			if d := bitsDiffer(got, want); d != "" {
				t.Errorf("threads %d tile %d: %s", th, ts, d)
			}
		}
	}
	o := opt
	o.Device = ParticleName
	got, err := tracking.Track(q, beam, o)
	if err != nil {
		t.Fatal(err)
	}
	if d := bitsDiffer(got, want); d != "" {
		t.Errorf("per-particle path: %s", d)
	}
	o = opt
	o.Seed++
	if got, err = tracking.Track(q, beam, o); err != nil {
		t.Fatal(err)
	}
	if bitsDiffer(got, want) == "" {
		t.Error("seeds 2026 and 2027 gave the same bits")
	}
}

// TestStochasticGoAndC: on PyAT's simple_ring (a lumped ring model) with a
// QuantDiffPass element added, the kernel source and the Go engine draw
// the same random numbers and give the same bits over 50 turns. The ring's
// RF cavity and detuning element (DeltaQPass) are left out: their sin and
// cos differ by an ulp between Go and glibc, which the conformance tests
// bound; what is left (simple radiation, SimpleQuantDiffPass, the 6x6
// matrix, QuantDiffPass) is arithmetic and random numbers only.
func TestStochasticGoAndC(t *testing.T) {
	data, err := os.ReadFile(testdata + "/radiation/simple_ring_quantdiff.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Elements []json.RawMessage `json:"elements"`
		Ring     struct {
			Energy float64 `json:"energy_eV"`
		} `json:"ring"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	lat := &tracking.Lattice{Name: "simple_ring", Energy: f.Ring.Energy, Particle: tracking.Particle{Name: "relativistic", Charge: -1}, Periodicity: 1}
	for _, raw := range f.Elements {
		e, err := atjson.ParseElement(raw)
		if err != nil {
			t.Fatal(err)
		}
		if e.PassMethod == "DeltaQPass" || e.PassMethod == "RFCavityPass" {
			continue
		}
		lat.Elements = append(lat.Elements, e)
	}
	qd := &tracking.Element{FamName: "Diffusion", PassMethod: "QuantDiffPass"}
	l := make([][]float64, 6)
	for i := range l {
		l[i] = make([]float64, 6)
		for j := 0; j <= i; j++ {
			l[i][j] = 1e-6 / float64(1+i+j)
		}
	}
	qd.Set("Lmatp", l)
	lat.Elements = append(lat.Elements, qd)
	beam := tracking.GaussianBeam(500, tracking.DefaultSigma, 9)
	opt := tracking.Options{Turns: 50, Seed: 77, Device: Name}
	c, err := tracking.Track(lat, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Device = "cpu-go"
	g, err := tracking.Track(lat, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := bitsDiffer(c, g); d != "" {
		t.Errorf("kernel source and Go engine: %s", d)
	}
}
