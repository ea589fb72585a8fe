//go:build cgo

package harness

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels/cpu"
)

// userDrift is a programmable element written as a user would: AT's
// drift (gotrack.h's gt_drift6, ATdrift6) of length ctx->values[0],
// operation for operation.
const userDrift = `
/* A drift of length values[0]. */
__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
{
    double L = ctx->values[0];
    double p_norm = 1 / (1 + r[4]);
    double NormL = L * p_norm;
    r[0] += NormL * r[1];
    r[2] += NormL * r[3];
    r[5] += NormL * p_norm * (r[1] * r[1] + r[3] * r[3]) / 2;
}
`

var pushParams = device.Params{Energy: 6e9, RestEnergy: 510998.95, Charge: -1, RingLength: 843.977, T0: 2.8152e-6}

// pushBeam returns n random particles near the axis and, first, particles
// that test the loss rule: one lost before, and ones lost by |x| > 1 in
// the first or second pass, by a non-finite coordinate (delta = -1 makes
// 1/(1+delta) infinite), and by |delta| > 1.
func pushBeam(n int) *device.Particles {
	p := device.NewParticles(n)
	rng := rand.New(rand.NewPCG(7, 11))
	sig := [6]float64{1e-3, 1e-4, 5e-4, 5e-5, 1e-3, 1e-3}
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			p.Coords[k][i] = sig[k] * rng.NormFloat64()
		}
	}
	// Lost before: its record must stay as it is.
	p.Lost[0], p.LostTurn[0], p.LostElement[0] = true, 2, 7
	for k := 0; k < 6; k++ {
		p.LostCoords[k][0] = 0.5 + float64(k)
		p.Coords[k][0] = 0
	}
	p.Coords[0][0] = math.NaN()
	p.Coords[0][1], p.Coords[1][1] = 0.99, 0.5 // |x| > 1 in the first pass
	p.Coords[0][2], p.Coords[1][2] = 0, 0.9    // in the second
	p.Coords[1][3], p.Coords[4][3] = 0, -1     // x = 0·Inf: NaN
	p.Coords[4][4] = 1.5                       // |delta| > 1
	return p
}

// sameBits fails the test where a and b differ in any bit or record.
func sameBits(t *testing.T, a, b *device.Particles) {
	t.Helper()
	bad := 0
	for i := 0; i < a.Len() && bad < 10; i++ {
		for k := 0; k < 6; k++ {
			if math.Float64bits(a.Coords[k][i]) != math.Float64bits(b.Coords[k][i]) {
				t.Errorf("particle %d coordinate %d: %v (%#x), want %v (%#x)", i, k, a.Coords[k][i],
					math.Float64bits(a.Coords[k][i]), b.Coords[k][i], math.Float64bits(b.Coords[k][i]))
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

func openHarness(t *testing.T) device.Backend {
	t.Helper()
	be, err := device.Open(cpu.Name, device.Config{Threads: 3})
	if err != nil {
		t.Fatal(err)
	}
	return be
}

// TestPushDrift compiles a user drift with gcc into a shared object,
// applies it for three passes, and requires the result, loss records
// included, to be bit-identical to the kernels' DriftPass run through
// the fused segment kernel on the same beam.
func TestPushDrift(t *testing.T) {
	const L = 0.7
	be := openHarness(t)
	drift := device.NewElement(device.DriftPass)
	drift.Length = L
	plan := &device.Plan{
		Elements: []device.Element{device.NewElement(device.IdentityPass), drift},
		Segments: []device.Segment{{Start: 0, End: 2}},
		Params:   pushParams,
	}
	prog, err := be.Load(plan)
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	push, err := cpu.CompilePushIn(t.TempDir(), "drift.cu", userDrift)
	if err != nil {
		t.Fatal(err)
	}
	defer push.Close()

	const n = 2000
	in := pushBeam(n)
	ref, err := be.NewBeam(n)
	if err != nil {
		t.Fatal(err)
	}
	got, err := be.NewBeam(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []device.Beam{ref, got} {
		if err := b.Upload(in); err != nil {
			t.Fatal(err)
		}
	}
	for turn := 5; turn < 8; turn++ {
		if err := prog.Run(ref, device.RunRequest{Start: 1, End: 2, Turn0: turn, Turns: 1}); err != nil {
			t.Fatal(err)
		}
		if err := push.Apply(got, device.PushContext{Turn: turn, Element: 1, Params: pushParams, Values: []float64{L}}); err != nil {
			t.Fatal(err)
		}
	}
	want, have := device.NewParticles(n), device.NewParticles(n)
	if err := ref.Download(want); err != nil {
		t.Fatal(err)
	}
	if err := got.Download(have); err != nil {
		t.Fatal(err)
	}
	sameBits(t, have, want)

	// The loss cases did what they are there for.
	for _, c := range []struct {
		i    int
		turn int64
		nan  bool
	}{{0, 2, false}, {1, 5, false}, {2, 6, false}, {3, 5, true}, {4, 5, false}} {
		if !have.Lost[c.i] || have.LostTurn[c.i] != c.turn || (c.i > 0 && have.LostElement[c.i] != 1) {
			t.Errorf("particle %d: lost %v at turn %d element %d, want lost at turn %d", c.i, have.Lost[c.i],
				have.LostTurn[c.i], have.LostElement[c.i], c.turn)
		}
		if c.nan != math.IsNaN(have.LostCoords[0][c.i]) {
			t.Errorf("particle %d: x at loss %v", c.i, have.LostCoords[0][c.i])
		}
		if !math.IsNaN(have.Coords[0][c.i]) {
			t.Errorf("particle %d: x = %v after its loss, want NaN", c.i, have.Coords[0][c.i])
		}
	}
	live := 0
	for _, l := range have.Lost {
		if !l {
			live++
		}
	}
	if live != n-5 {
		t.Errorf("%d particles live, want %d", live, n-5)
	}
}

// TestPushContext checks what the user function receives, through the
// backend's device.PushCompiler.
func TestPushContext(t *testing.T) {
	be := openHarness(t)
	pc, ok := be.(device.PushCompiler)
	if !ok {
		t.Fatalf("%s backend is not a device.PushCompiler", cpu.Name)
	}
	push, err := pc.CompilePush("ctx", `
__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
{
    r[0] = ctx->energy * 1e-10;
    r[1] = ctx->rest_energy * 1e-6;
    r[2] = ctx->charge * 0.5;
    r[3] = ctx->ring_length * 1e-3;
    r[4] = ctx->values[1];
    r[5] = ctx->turn + 1000.0 * ctx->element + 1e6 * ctx->nvalues + GT_C0 * ctx->t0;
}`)
	if err != nil {
		t.Fatal(err)
	}
	defer push.Close()
	const n = 5
	b, err := be.NewBeam(n)
	if err != nil {
		t.Fatal(err)
	}
	in := device.NewParticles(n)
	in.Lost[2] = true
	in.Coords[0][2] = math.NaN()
	if err := b.Upload(in); err != nil {
		t.Fatal(err)
	}
	ctx := device.PushContext{Turn: 3, Element: 42, Params: pushParams, Values: []float64{9, 0.25, 7}}
	if err := push.Apply(b, ctx); err != nil {
		t.Fatal(err)
	}
	out := device.NewParticles(n)
	if err := b.Download(out); err != nil {
		t.Fatal(err)
	}
	p := pushParams
	want := [6]float64{p.Energy * 1e-10, p.RestEnergy * 1e-6, p.Charge * 0.5, p.RingLength * 1e-3, 0.25,
		3 + 1000*42 + 1e6*3 + 2.99792458e8*p.T0}
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			w := want[k]
			if i == 2 { // lost: untouched
				w = in.Coords[k][i]
			}
			if math.Float64bits(out.Coords[k][i]) != math.Float64bits(w) {
				t.Errorf("particle %d coordinate %d = %v, want %v", i, k, out.Coords[k][i], w)
			}
		}
		if out.Lost[i] != (i == 2) {
			t.Errorf("particle %d: lost %v", i, out.Lost[i])
		}
	}
	if err := push.Close(); err != nil {
		t.Fatal(err)
	}
	if err := push.Apply(b, ctx); err == nil {
		t.Error("Apply after Close: no error")
	}
}

// TestPushCompileError requires compile and link errors to come back as
// errors holding the compiler's messages, located in the user source.
func TestPushCompileError(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"syntax.cu", "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)\n{\n    r[0] += ;\n}\n",
			[]string{"syntax.cu:3:", "error"}},
		{"signature.cu", "__device__ void gotrack_push(double *r, double L)\n{\n    r[0] += L;\n}\n",
			[]string{"signature.cu:1:", "conflicting types", "gotrack_push"}},
		{"missing.cu", "__device__ void push(double r[6], const gt_push_ctx *ctx) { r[0] = 0; }\n",
			[]string{"undefined reference", "gotrack_push"}},
	} {
		p, err := cpu.CompilePushIn(t.TempDir(), c.name, c.src)
		if err == nil {
			p.Close()
			t.Errorf("%s: compiled", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error lacks %q:\n%v", c.name, w, err)
			}
		}
	}
}

// TestPushTwoElements loads two elements at once, each with its own
// gotrack_push, and requires each Apply to run its own.
func TestPushTwoElements(t *testing.T) {
	be := openHarness(t)
	pc := be.(device.PushCompiler)
	var pushes []device.Push
	for _, d := range []string{"1e-3", "2e-3"} {
		p, err := pc.CompilePush("kick"+d, "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx) { r[1] += "+d+"; }")
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		pushes = append(pushes, p)
	}
	b, err := be.NewBeam(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []device.Push{pushes[0], pushes[1], pushes[1]} {
		if err := p.Apply(b, device.PushContext{}); err != nil {
			t.Fatal(err)
		}
	}
	out := device.NewParticles(1)
	if err := b.Download(out); err != nil {
		t.Fatal(err)
	}
	want := 0.0
	for _, d := range []float64{1e-3, 2e-3, 2e-3} {
		want += d
	}
	if out.Coords[1][0] != want {
		t.Errorf("px = %v, want %v", out.Coords[1][0], want)
	}
}
