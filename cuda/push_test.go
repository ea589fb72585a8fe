//go:build cuda

package cuda

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
)

var pushParams = device.Params{Energy: 6e9, RestEnergy: 510998.95, Charge: -1, RingLength: 843.977, T0: 2.8152e-6}

// openGPU opens GPU 0, skipping the test where there is none.
func openGPU(t *testing.T) *Backend {
	t.Helper()
	be, err := Open(0)
	if err != nil {
		t.Skipf("no usable GPU: %v", err)
	}
	return be
}

// pushBeam returns n random particles near the axis and, first, particles
// that test the loss rule: one lost before, and ones lost by |x| > 1 in
// the first or second pass, by a non-finite coordinate (delta = -1), and
// by |delta| > 1.
func pushBeam(n int) *device.Particles {
	p := device.NewParticles(n)
	rng := rand.New(rand.NewPCG(7, 11))
	sig := [6]float64{1e-3, 1e-4, 5e-4, 5e-5, 1e-3, 1e-3}
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			p.Coords[k][i] = sig[k] * rng.NormFloat64()
		}
	}
	p.Lost[0], p.LostTurn[0], p.LostElement[0] = true, 2, 7
	for k := 0; k < 6; k++ {
		p.LostCoords[k][0] = 0.5 + float64(k)
		p.Coords[k][0] = 0
	}
	p.Coords[0][0] = math.NaN()
	p.Coords[0][1], p.Coords[1][1] = 0.99, 0.5
	p.Coords[0][2], p.Coords[1][2] = 0, 0.9
	p.Coords[1][3], p.Coords[4][3] = 0, -1
	p.Coords[4][4] = 1.5
	return p
}

// sameBits fails the test where a and b differ in any bit or record.
func sameBits(t *testing.T, a, b *device.Particles) {
	t.Helper()
	bad := 0
	for i := 0; i < a.Len() && bad < 10; i++ {
		for k := 0; k < 6; k++ {
			if math.Float64bits(a.Coords[k][i]) != math.Float64bits(b.Coords[k][i]) {
				t.Errorf("particle %d coordinate %d: %v, want %v", i, k, a.Coords[k][i], b.Coords[k][i])
				bad++
			}
			if math.Float64bits(a.LostCoords[k][i]) != math.Float64bits(b.LostCoords[k][i]) {
				t.Errorf("particle %d coordinate %d at loss: %v, want %v", i, k, a.LostCoords[k][i], b.LostCoords[k][i])
				bad++
			}
		}
		if a.Lost[i] != b.Lost[i] || a.LostTurn[i] != b.LostTurn[i] || a.LostElement[i] != b.LostElement[i] {
			t.Errorf("particle %d: lost %v turn %d element %d, want lost %v turn %d element %d", i,
				a.Lost[i], a.LostTurn[i], a.LostElement[i], b.Lost[i], b.LostTurn[i], b.LostElement[i])
			bad++
		}
	}
}

// driftPlan is an IdentityPass then a DriftPass of length L.
func driftPlan(L float64) *device.Plan {
	drift := device.NewElement(device.DriftPass)
	drift.Length = L
	return &device.Plan{
		Elements: []device.Element{device.NewElement(device.IdentityPass), drift},
		Segments: []device.Segment{{Start: 0, End: 2}},
		Params:   pushParams,
	}
}

// TestPushDrift compiles a user drift with NVRTC and requires three
// passes of it to give, bit for bit and loss records included, what the
// kernels' DriftPass gives on the same beam; also with the beam pushed
// through the GPU in batches.
func TestPushDrift(t *testing.T) {
	const L, n = 0.7, 2000
	be := openGPU(t)
	prog, err := be.Load(driftPlan(L))
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	push, err := be.CompilePush("drift.cu", userDrift)
	if err != nil {
		t.Fatal(err)
	}
	defer push.Close()
	in := pushBeam(n)
	run := func(batch int, viaPush bool) *device.Particles {
		testBatchLimit = batch
		b, err := be.NewBeam(n)
		testBatchLimit = 0
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.Upload(in); err != nil {
			t.Fatal(err)
		}
		for turn := 5; turn < 8; turn++ {
			if viaPush {
				err = push.Apply(b, device.PushContext{Turn: turn, Element: 1, Params: pushParams, Values: []float64{L}})
			} else {
				err = prog.Run(b, device.RunRequest{Start: 1, End: 2, Turn0: turn, Turns: 1})
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		out := device.NewParticles(n)
		if err := b.Download(out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := run(0, false)
	got := run(0, true)
	sameBits(t, got, want)
	for i, turn := range []int64{2, 5, 6, 5, 5} {
		if !got.Lost[i] || got.LostTurn[i] != turn {
			t.Errorf("particle %d: lost %v at turn %d, want lost at turn %d", i, got.Lost[i], got.LostTurn[i], turn)
		}
	}
	t.Run("batches", func(t *testing.T) {
		sameBits(t, run(300, true), want)
	})
}

// TestPushCompacted applies a programmable element to a beam that a run
// left compacted on the GPU (only its live particles there): the element
// must see the whole beam as if it had not been. A Run puts a beam that
// fits back on the GPU whole (TestResidency), so the test keeps it
// compacted with testNoRestore, as a beam larger than the GPU would stay.
func TestPushCompacted(t *testing.T) {
	const L, n = 1.0, 4000
	be := openGPU(t)
	prog, err := be.Load(driftPlan(L))
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	push, err := be.CompilePush("drift.cu", userDrift)
	if err != nil {
		t.Fatal(err)
	}
	defer push.Close()
	in := device.NewParticles(n)
	rng := rand.New(rand.NewPCG(3, 5))
	for i := 0; i < n; i++ {
		in.Coords[1][i] = rng.Float64() - 0.5 // most |px| above 1/20: lost within 20 passes
		in.Coords[3][i] = 1e-3 * rng.NormFloat64()
	}
	run := func(compact bool) *device.Particles {
		b, err := be.NewBeam(n)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.Upload(in); err != nil {
			t.Fatal(err)
		}
		if compact {
			testChunkLimit, testCompactMin, testNoRestore = 2, 1, true
		}
		err = prog.Run(b, device.RunRequest{Start: 1, End: 2, Turns: 20})
		testChunkLimit, testCompactMin, testNoRestore = 0, compactMin, false
		if err != nil {
			t.Fatal(err)
		}
		if bm := b.(*Beam); compact && bm.full() {
			t.Fatal("the run left the beam uncompacted: the test does not test compaction")
		}
		if err := push.Apply(b, device.PushContext{Turn: 20, Element: 1, Params: pushParams, Values: []float64{L}}); err != nil {
			t.Fatal(err)
		}
		if bm := b.(*Beam); !bm.full() {
			t.Error("after Apply the beam is not wholly on the GPU")
		}
		out := device.NewParticles(n)
		if err := b.Download(out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	sameBits(t, run(true), run(false))
}

// TestPushBadSource requires a source that does not compile to return an
// error holding NVRTC's log.
func TestPushBadSource(t *testing.T) {
	be := openGPU(t)
	_, err := be.CompilePush("bad.cu", "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)\n{\n    r[0] += ;\n}\n")
	if err == nil {
		t.Fatal("compiled")
	}
	for _, w := range []string{"NVRTC log", "bad.cu(3): error", "gotrack_push"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
}
