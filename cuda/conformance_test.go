//go:build cuda

package cuda

import (
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	_ "github.com/gotrack/gotrack/host" // the CPU backend, for agreement
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

func init() { builtWithCUDA = true }

// TestConformance runs the PyAT reference cases through the GPU at the
// suite's tolerances (elements: 1e-15 + 1e-12·|PyAT|; rings: 1e-9 on every
// coordinate of every turn; loss records identical).
func TestConformance(t *testing.T) {
	trackingtest.Elements(t, Name, "../testdata")
	trackingtest.Rings(t, Name, "../testdata", nil)
}

// Tolerances of the agreement with the CPU backend. The GPU's sin, cos,
// exp, pow and atan2 (CUDA's libdevice) may differ from Go's math package
// by an ulp or two, and a chaotic orbit amplifies that over many turns, so
// the bound is not the 1e-14·(1+|x|) that the gcc build of the same kernel
// source meets (kernels/harness), but the conformance suite's own PyAT
// tolerances: an element case within agreeAbs + agreeRel·|x|, a ring within
// agreeRing per coordinate; loss records identical.
const (
	agreeAbs  = trackingtest.ElementAbs
	agreeRel  = trackingtest.ElementRel
	agreeRing = trackingtest.RingAbs
)

// TestAgreement compares the GPU with the CPU backend on every element
// case, and on 1e4 particles through the hmba and esrf rings for 100
// turns, wide enough to lose some.
func TestAgreement(t *testing.T) {
	cases, err := trackingtest.LoadElementCases("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		lat, err := c.Lattice()
		if err != nil {
			t.Fatal(err)
		}
		agree(t, c.Case, lat, trackingtest.InputBeam(c.Input), 1, nil, agreeAbs, agreeRel)
	}
	n := 10000
	if testing.Short() {
		n = 1000
	}
	for _, name := range []string{"hmba", "esrf"} {
		lat, err := tracking.LoadLattice("../testdata/lattices/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		beam := tracking.GaussianBeam(n, [6]float64{2e-3, 2e-4, 1e-3, 1e-4, 1e-2, 1e-2}, 11)
		agree(t, name, lat, beam, 100, []int{0, len(lat.Elements)}, agreeRing, 0)
	}
}

func agree(t *testing.T, name string, lat *tracking.Lattice, beam *tracking.Beam, turns int, refpts []int, abs, rel float64) {
	t.Helper()
	ref, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Refpts: refpts, Device: "cpu"})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Refpts: refpts, Device: Name})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	bad := 0
	check := func(what string, i int, g, w float64) {
		if math.IsNaN(w) && math.IsNaN(g) {
			return
		}
		if !(math.Abs(g-w) <= abs+rel*math.Abs(w)) {
			if bad < 5 {
				t.Errorf("%s: particle %d %s: GPU %.17g, CPU %.17g", name, i, what, g, w)
			}
			bad++
		}
	}
	for k := 0; k < 6; k++ {
		for i, w := range ref.Final.Coords[k] {
			check(tracking.CoordNames[k], i, got.Final.Coords[k][i], w)
		}
	}
	for i, w := range ref.Monitor {
		check("monitor", i/6%beam.Len(), got.Monitor[i], w)
	}
	for i := range ref.Lost {
		if ref.Lost[i] != got.Lost[i] || ref.LostTurn[i] != got.LostTurn[i] || ref.LostElement[i] != got.LostElement[i] {
			if bad < 5 {
				t.Errorf("%s: particle %d: loss record differs: GPU (%v, %d, %d), CPU (%v, %d, %d)", name, i,
					got.Lost[i], got.LostTurn[i], got.LostElement[i], ref.Lost[i], ref.LostTurn[i], ref.LostElement[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d differences between the GPU and the CPU", name, bad)
	}
}

// trackWith tracks on the GPU with the test knobs set, then restores them.
func trackWith(t *testing.T, batch, chunk, compactFrom int, lat *tracking.Lattice, beam *tracking.Beam, turns int, refpts []int) *tracking.Result {
	t.Helper()
	testBatchLimit, testChunkLimit, testCompactMin = batch, chunk, compactFrom
	defer func() { testBatchLimit, testChunkLimit, testCompactMin = 0, 0, compactMin }()
	res, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Refpts: refpts, Device: Name})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCutsKeepResults checks that batching, launches of a few passes and
// compaction of lost particles give bit-identical results (coordinates,
// loss records, monitors) to one launch over the whole beam.
func TestCutsKeepResults(t *testing.T) {
	lat, err := tracking.LoadLattice("../testdata/lattices/hmba.json")
	if err != nil {
		t.Fatal(err)
	}
	// Wide: most particles are lost within the run, so compaction
	// happens several times.
	beam := tracking.GaussianBeam(5000, [6]float64{1e-2, 1e-3, 5e-3, 5e-4, 3e-2, 1e-2}, 5)
	turns, refpts := 40, []int{0, 17, len(lat.Elements)}
	want := trackWith(t, 0, 0, compactMin, lat, beam, turns, refpts)
	if l := want.NumLost(); l < 2500 {
		t.Fatalf("only %d of 5000 lost: the beam is not wide enough to exercise compaction", l)
	}
	for _, c := range []struct {
		name                string
		batch, chunk, cfrom int
	}{
		{"batches of 1000", 1000, 0, compactMin},
		{"uneven batches of 777", 777, 0, compactMin},
		{"launches of 3 passes", 0, 3, compactMin},
		{"compaction", 0, 3, 1},
		{"batches and compaction", 1300, 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := trackWith(t, c.batch, c.chunk, c.cfrom, lat, beam, turns, refpts)
			same := func(what string, a, b []float64) {
				for i := range a {
					if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
						t.Fatalf("%s[%d]: %v, want %v", what, i, a[i], b[i])
					}
				}
			}
			for k := 0; k < 6; k++ {
				same("final "+tracking.CoordNames[k], got.Final.Coords[k], want.Final.Coords[k])
				same("lost coords "+tracking.CoordNames[k], got.LostCoords.Coords[k], want.LostCoords.Coords[k])
			}
			same("monitor", got.Monitor, want.Monitor)
			for i := range want.Lost {
				if got.Lost[i] != want.Lost[i] || got.LostTurn[i] != want.LostTurn[i] || got.LostElement[i] != want.LostElement[i] {
					t.Fatalf("particle %d: loss record differs", i)
				}
			}
		})
	}
}

// TestPerElementKernels checks that the per-passmethod kernels, one launch
// per element, give the fused kernel's results bit for bit.
func TestPerElementKernels(t *testing.T) {
	lat, err := tracking.LoadLattice("../testdata/lattices/hmba.json")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tracking.Compile(lat)
	if err != nil {
		t.Fatal(err)
	}
	be, err := Open(0)
	if err != nil {
		t.Fatal(err)
	}
	beam := tracking.GaussianBeam(3000, [6]float64{2e-3, 2e-4, 1e-3, 1e-4, 1e-2, 1e-2}, 3)
	src := device.NewParticles(beam.Len())
	for k := 0; k < 6; k++ {
		copy(src.Coords[k], beam.Coords[k])
	}
	prog, err := be.Load(plan)
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	pr := prog.(*Program)
	res := make([]*device.Particles, 2)
	for v := range res {
		db, err := be.NewBeam(beam.Len())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Upload(src); err != nil {
			t.Fatal(err)
		}
		req := device.RunRequest{Start: 0, End: len(plan.Elements), Turns: 5}
		if v == 0 {
			err = pr.Run(db, req)
		} else {
			err = pr.RunElements(db, req)
			if pr.Launches() != 5*len(plan.Elements) {
				t.Errorf("%d launches, want %d", pr.Launches(), 5*len(plan.Elements))
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		if pr.RunKernelTime() <= 0 {
			t.Errorf("no kernel time recorded")
		}
		res[v] = device.NewParticles(beam.Len())
		if err := db.Download(res[v]); err != nil {
			t.Fatal(err)
		}
	}
	for k := 0; k < 6; k++ {
		for i := range res[0].Coords[k] {
			a, b := res[0].Coords[k][i], res[1].Coords[k][i]
			if math.Float64bits(a) != math.Float64bits(b) && !(math.IsNaN(a) && math.IsNaN(b)) {
				t.Fatalf("particle %d %s: fused %v, per element %v", i, tracking.CoordNames[k], a, b)
			}
		}
	}
}

// TestDescribe checks the backend names the GPU and the modules loaded.
func TestDescribe(t *testing.T) {
	be, err := device.Open("auto", device.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if be.Name() != Name {
		t.Fatalf("auto picked %s on a GPU host", be.Name())
	}
	if d := be.Describe(); !strings.Contains(d, "segment") {
		t.Errorf("Describe does not name the segment module: %s", d)
	} else {
		t.Log(d)
	}
}
