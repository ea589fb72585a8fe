//go:build cgo

package differential

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	_ "github.com/gotrack/gotrack/host"
	kcpu "github.com/gotrack/gotrack/kernels/cpu"
	"github.com/gotrack/gotrack/tracking/trackingtest"
)

// tol is the agreement required of every coordinate: |d| <= tol·(1+|x|).
const tol = 1e-13

var (
	backendsOnce sync.Once
	backends     [3]device.Backend
	backendsErr  error
)

func init() {
	device.Register(kcpu.ParticleName, -20, func(cfg device.Config) (device.Backend, error) { return kcpu.NewPerParticle(cfg), nil })
}

// open returns the Go engine and the gcc build of the kernels, tiled (the
// CPU backend) and per particle (the GPU kernel's path), each on one
// thread (the beams are small).
func open(t testing.TB) [3]device.Backend {
	backendsOnce.Do(func() {
		cfg := device.Config{Threads: 1, SerialBelow: -1}
		for i, name := range []string{host.Name, kcpu.Name, kcpu.ParticleName} {
			b, err := device.Open(name, cfg)
			if err != nil {
				backendsErr = fmt.Errorf("open %s: %w", name, err)
				return
			}
			backends[i] = b
		}
	})
	if backendsErr != nil {
		t.Fatal(backendsErr)
	}
	return backends
}

// track runs plan on backend b for turns passes from a copy of in.
func track(b device.Backend, plan *device.Plan, in *device.Particles, turn0, turns int) (*device.Particles, error) {
	prog, beam, err := load(b, plan, in)
	if err != nil {
		return nil, err
	}
	defer prog.Close()
	defer beam.Close()
	if err := prog.Run(beam, device.RunRequest{Start: 0, End: len(plan.Elements), Turn0: turn0, Turns: turns}); err != nil {
		return nil, err
	}
	out := device.NewParticles(in.Len())
	return out, beam.Download(out)
}

// load loads plan on b and uploads a copy of in to a new beam.
func load(b device.Backend, plan *device.Plan, in *device.Particles) (device.Program, device.Beam, error) {
	prog, err := b.Load(plan)
	if err != nil {
		return nil, nil, err
	}
	beam, err := b.NewBeam(in.Len())
	if err != nil {
		prog.Close()
		return nil, nil, err
	}
	if err := beam.Upload(in); err != nil {
		beam.Close()
		prog.Close()
		return nil, nil, err
	}
	return prog, beam, nil
}

// close reports whether kernel value g agrees with Go value w.
func close(g, w float64) bool {
	if math.IsNaN(w) || math.IsNaN(g) {
		return math.IsNaN(w) && math.IsNaN(g)
	}
	if math.IsInf(w, 0) || math.IsInf(g, 0) {
		return g == w
	}
	return math.Abs(g-w) <= tol*(1+math.Abs(w))
}

// spread is how far the Go engine's own result for one particle moves
// when its input moves by a few ulps: the conditioning of the pass.
type spread struct {
	coords, lostCoords [6]float64
	lossFlips          bool // some perturbed input is lost elsewhere, or not lost
}

// perturbations is the number of perturbed copies spread tracks.
const perturbations = 16

// measureSpread tracks particle i of in through perturbations copies of
// plan through the Go engine and returns their largest deviation from
// want. Each copy moves every input (the particle's coordinates, the
// elements' real scalars but HarmNumber, the pool) by up to 4 ulps, and
// runs element by element, moving the coordinates again by up to 4 ulps
// after every element (and, after a BendLinearPass, by its bend6 cos
// error, bend6Slack): Go's and glibc's sin, sqrt, ... differ by ulps
// inside every element, not only at the input, and a later strong
// element amplifies what an earlier one injected. The copy keeps the
// particle's index in the beam (Params.First), so that stochastic
// elements draw the same numbers as for the particle itself.
func measureSpread(cpu device.Backend, plan *device.Plan, in, want *device.Particles, i, turn0, turns int) (spread, error) {
	g := newGen(uint64(i) + 12345)
	nudge := func(v float64) float64 { return v * (1 + g.sym(4*0x1p-52)) }
	var s spread
	for j := 0; j < perturbations; j++ {
		p := device.NewParticles(1)
		for k := 0; k < 6; k++ {
			p.Coords[k][0] = nudge(in.Coords[k][i])
		}
		if in.Lost[i] {
			p.Lost[0] = true
			p.Coords[0][0] = math.NaN()
		}
		q := *plan
		q.Params.First = plan.Params.First + int64(i)
		q.Pool = make([]float64, len(plan.Pool))
		for k, v := range plan.Pool {
			q.Pool[k] = nudge(v)
		}
		q.Elements = append([]device.Element(nil), plan.Elements...)
		for k := range q.Elements {
			v := reflect.ValueOf(&q.Elements[k]).Elem()
			for f := 0; f < v.NumField(); f++ {
				if v.Field(f).Kind() == reflect.Float64 && v.Type().Field(f).Name != "HarmNumber" {
					v.Field(f).SetFloat(nudge(v.Field(f).Float()))
				}
			}
		}
		out, err := trackNudged(cpu, &q, p, turn0, turns, func(e *device.Element, r *device.Particles) {
			slack := elementBend6Slack(e, r, 0)
			for k := 0; k < 6; k++ {
				r.Coords[k][0] = nudge(r.Coords[k][0]) + g.sym(slack)
			}
		})
		if err != nil {
			return spread{}, err
		}
		if out.Lost[0] != want.Lost[i] || out.LostTurn[0] != want.LostTurn[i] || out.LostElement[0] != want.LostElement[i] {
			s.lossFlips = true
			continue
		}
		for k := 0; k < 6; k++ {
			s.coords[k] = max(s.coords[k], dev(out.Coords[k][0], want.Coords[k][i]))
			s.lostCoords[k] = max(s.lostCoords[k], dev(out.LostCoords[k][0], want.LostCoords[k][i]))
		}
	}
	return s, nil
}

// trackNudged tracks in through plan on b one element at a time, calling
// nudge with the element and the coordinates after each element the
// particles are still alive after.
func trackNudged(b device.Backend, plan *device.Plan, in *device.Particles, turn0, turns int, nudge func(*device.Element, *device.Particles)) (*device.Particles, error) {
	prog, beam, err := load(b, plan, in)
	if err != nil {
		return nil, err
	}
	defer prog.Close()
	defer beam.Close()
	cur := device.NewParticles(in.Len())
	for t := 0; t < turns; t++ {
		for k := range plan.Elements {
			if err := prog.Run(beam, device.RunRequest{Start: k, End: k + 1, Turn0: turn0 + t, Turns: 1}); err != nil {
				return nil, err
			}
			if err := beam.Download(cur); err != nil {
				return nil, err
			}
			if cur.Lost[0] {
				return cur, nil
			}
			nudge(&plan.Elements[k], cur)
			if err := beam.Upload(cur); err != nil {
				return nil, err
			}
		}
	}
	return cur, nil
}

// escapeLimit: a lost particle's coordinate beyond this magnitude (or not
// finite) ran away; AT's loss limit on the coordinates is 1.
const escapeLimit = 1e6

// escaped reports whether particle i's coordinates in c hold one that ran
// away (NaN, infinite or beyond escapeLimit).
func escaped(c [6][]float64, i int) bool {
	for k := 0; k < 6; k++ {
		if v := c[k][i]; math.IsNaN(v) || math.Abs(v) > escapeLimit {
			return true
		}
	}
	return false
}

// dev is |a-b|, 0 when both are NaN or equal infinities, +Inf when only
// one is NaN or infinite.
func dev(a, b float64) float64 {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return 0
	}
	d := math.Abs(a - b)
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return d
}

// conditioningFactor: a disagreement is put down to the conditioning of
// the pass, not to the engines, when it is within this factor of the Go
// engine's own spread under ulp-sized input perturbations.
const conditioningFactor = 10

// result of one comparison.
type result struct {
	disagreements  []string
	illConditioned int // particles beyond tol, within conditioningFactor of their spread
}

// compare returns the disagreements between the Go result want and the
// kernels' got. A particle beyond tolerance is measured (measureSpread):
// if the Go engine moves as much under ulp-sized input perturbations, the
// pass is ill-conditioned there (strong random multipoles, a particle at
// large amplitude or escaping) and the difference is the one-ulp
// differences between Go's and glibc's elementary functions amplified; it
// is counted, not reported.
func compare(cpu device.Backend, plan *device.Plan, in, want, got *device.Particles, turn0, turns int) (result, error) {
	var res result
	for i := 0; i < want.Len(); i++ {
		lossDiffers := want.Lost[i] != got.Lost[i] || want.LostTurn[i] != got.LostTurn[i] || want.LostElement[i] != got.LostElement[i]
		bad := lossDiffers
		slack := bend6Slack(plan, in, i)
		for k := 0; k < 6; k++ {
			d := dev(got.Coords[k][i], want.Coords[k][i])
			dl := dev(got.LostCoords[k][i], want.LostCoords[k][i])
			bad = bad || (!close(got.LostCoords[k][i], want.LostCoords[k][i]) && !(dl <= slack)) ||
				(!close(got.Coords[k][i], want.Coords[k][i]) && !(d <= slack))
		}
		if !bad {
			continue
		}
		if !lossDiffers && want.Lost[i] && escaped(want.LostCoords, i) && escaped(got.LostCoords, i) {
			// Lost at the same turn and element in both engines, after
			// running away inside the element (strong random multipoles,
			// radiation feeding on (1+delta)^2): what it carried out is
			// beyond AT's loss limit in both, and the ulps that sent it
			// there are amplified without bound.
			res.illConditioned++
			continue
		}
		s, err := measureSpread(cpu, plan, in, want, i, turn0, turns)
		if err != nil {
			return res, err
		}
		if s.lossFlips && !lossDiffers {
			// Some 4-ulp perturbation of the input changes whether, or
			// where, the particle is lost: its fate, and so what it
			// carries out, is decided by ulps.
			res.illConditioned++
			continue
		}
		var p []string
		if lossDiffers && !s.lossFlips {
			p = append(p, fmt.Sprintf("loss: Go lost=%v turn %d element %d, kernels lost=%v turn %d element %d",
				want.Lost[i], want.LostTurn[i], want.LostElement[i], got.Lost[i], got.LostTurn[i], got.LostElement[i]))
		}
		if !lossDiffers {
			for k := 0; k < 6; k++ {
				if d := dev(got.Coords[k][i], want.Coords[k][i]); !close(got.Coords[k][i], want.Coords[k][i]) && !(d <= conditioningFactor*s.coords[k]) && !(d <= slack) {
					p = append(p, fmt.Sprintf("coord %d: Go %.17g, kernels %.17g (Go spread %.3g)", k, want.Coords[k][i], got.Coords[k][i], s.coords[k]))
				}
				if d := dev(got.LostCoords[k][i], want.LostCoords[k][i]); !close(got.LostCoords[k][i], want.LostCoords[k][i]) && !(d <= conditioningFactor*s.lostCoords[k]) && !(d <= slack) {
					p = append(p, fmt.Sprintf("lost coord %d: Go %.17g, kernels %.17g (Go spread %.3g)", k, want.LostCoords[k][i], got.LostCoords[k][i], s.lostCoords[k]))
				}
			}
		}
		if len(p) == 0 {
			res.illConditioned++
			continue
		}
		var r [6]float64
		for k := range r {
			r[k] = in.Coords[k][i]
		}
		res.disagreements = append(res.disagreements, fmt.Sprintf("particle %d from %v: %s", i, r, strings.Join(p, "; ")))
	}
	return res, nil
}

// bend6Slack is the error of AT's bend6 (BendLinearPass) that comes from
// one ulp of cos(arg) in its terms d·(1-cos(arg))·kx/G1 (x) and
// xpr·(1-cos(arg))·kx/G1 (ct): when G1 = (kx²+K)/(1+δ) is small,
// 1-cos(arg) cancels and an ulp of cos becomes 2^-53·|xpr·kx/G1|, 1e-13
// and more, in x and ct and, through the exit fringe and R2, in every
// coordinate.
// Go's math.Cos and glibc's cos differ by an ulp (e.g. at arg =
// 2.577870172563714e-4, where glibc rounds correctly), so the engines
// differ by that much; AT computes the same formula with glibc. The slack
// is 8 times the estimate over the plan's BendLinearPass elements, from
// the particle's input coordinates.
func bend6Slack(plan *device.Plan, in *device.Particles, i int) float64 {
	slack := 0.0
	for k := range plan.Elements {
		slack += elementBend6Slack(&plan.Elements[k], in, i)
	}
	return slack
}

// elementBend6Slack is bend6Slack's term for one element e (zero unless
// it is a BendLinearPass of non-zero length), for particle i of in.
func elementBend6Slack(e *device.Element, in *device.Particles, i int) float64 {
	if e.Method != device.BendLinearPass || e.Length == 0 {
		return 0
	}
	a := math.Abs(in.Coords[0][i]) + math.Abs(in.Coords[1][i]) + math.Abs(in.Coords[4][i])
	kx := e.BendingAngle / e.Length
	g1 := (kx*kx + e.K) / (1 + in.Coords[4][i])
	if g1 == 0 {
		return 0
	}
	return 8 * 0x1p-53 * (a + math.Abs(e.ByError)) * math.Abs(kx/g1)
}

// check tracks in through plan on both backends and returns the
// disagreements, described with the plan's elements, and the number of
// ill-conditioned particles.
func check(t testing.TB, plan *device.Plan, in *device.Particles, turn0, turns int) (string, int) {
	bs := open(t)
	want, err := track(bs[0], plan, in, turn0, turns)
	if err != nil {
		t.Fatalf("cpu-go: %v", err)
	}
	var res result
	for k, name := range []string{kcpu.Name, kcpu.ParticleName} {
		got, err := track(bs[1+k], plan, in, turn0, turns)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, err := compare(bs[0], plan, in, want, got, turn0, turns)
		if err != nil {
			t.Fatalf("cpu-go: %v", err)
		}
		for _, d := range r.disagreements {
			res.disagreements = append(res.disagreements, name+": "+d)
		}
		res.illConditioned = max(res.illConditioned, r.illConditioned)
	}
	d := res.disagreements
	if len(d) == 0 {
		return "", res.illConditioned
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d particles disagree (params %+v, turns %d to %d):\n", len(d), plan.Params, turn0, turn0+turns-1)
	for i, s := range d {
		if i == 4 {
			fmt.Fprintf(&b, "  ...\n")
			break
		}
		fmt.Fprintf(&b, "  %s\n", s)
	}
	for i := range plan.Elements {
		fmt.Fprintf(&b, "element %d: %s", i, describe(&plan.Elements[i], plan.Pool))
	}
	return b.String(), res.illConditioned
}

// singleCase draws one element of method m and its particles from seed.
func singleCase(seed uint64, m device.Method, n int) (*device.Plan, *device.Particles) {
	g := newGen(seed)
	params := g.params()
	e := g.element(m, params)
	plan := &device.Plan{Elements: []device.Element{e}, Params: params}
	in := g.particles(n, &e)
	plan.Pool = g.pool
	plan.Segments = []device.Segment{{Start: 0, End: 1}}
	return plan, in
}

// sequenceCase draws 2 to 8 elements of random methods.
func sequenceCase(seed uint64, n int) *device.Plan {
	g := newGen(seed)
	params := g.params()
	ne := 2 + g.r.IntN(7)
	plan := &device.Plan{Params: params}
	for i := 0; i < ne; i++ {
		m := device.Method(g.r.IntN(int(device.NumMethods)))
		plan.Elements = append(plan.Elements, g.element(m, params))
	}
	plan.Pool = g.pool
	plan.Segments = []device.Segment{{Start: 0, End: ne}}
	return plan
}

// TestDifferential draws, for every passmethod, random element records
// with every option AT reads and 32 random particles each, tracks them one
// pass through the Go engine and the gcc build of the kernels, and
// requires agreement to 1e-13·(1+|x|) per coordinate with identical loss
// records; then random sequences of 2 to 8 elements of any methods, one
// pass. AT's turn counter starts at seed%977 (RFCavityPass reads it; the
// loss record keeps it). Sequences run one pass, not several turns: the
// strong random multipoles make the motion chaotic, and over 3 turns the
// one-ulp differences between Go's and glibc's sin, cos, sqrt grow past
// the tolerance (measured: 5e-13 at x = 0.57 after 3 turns).
//
// A particle beyond tolerance is excused, and counted in the log, when
// the pass is ill-conditioned there: when the Go engine's own result moves
// by at least a tenth as much under 4-ulp perturbations of every input and
// of the coordinates after every element (compare, measureSpread), or,
// through BendLinearPass, within bend6Slack; and when its fate is decided
// by ulps: a perturbed copy is lost elsewhere or not at all, or both
// engines lose it at the same turn and element after it ran away inside
// the element (escaped: a coordinate not finite or beyond 1e6).
//
// By default 300 records per method and 300 sequences (about a second);
// with GOTRACK_LONG_TESTS=1, 10000 and 10000 (about half a minute). The
// seeds are fixed.
func TestDifferential(t *testing.T) {
	perMethod := trackingtest.Size(300, 10000)
	start := time.Now()
	fails, ill, particles := 0, 0, 0
	for m := device.Method(0); m < device.NumMethods; m++ {
		for c := 0; c < perMethod && fails < 40; c++ {
			seed := uint64(m)<<32 | uint64(c)
			plan, in := singleCase(seed, m, 32)
			d, n := check(t, plan, in, int(seed%977), 1)
			ill += n
			particles += in.Len()
			if d != "" {
				t.Errorf("%v, seed %#x: %s", m, seed, d)
				fails++
			}
		}
	}
	for c := 0; c < perMethod && fails < 40; c++ {
		seed := uint64(0xffff)<<32 | uint64(c)
		plan := sequenceCase(seed, 32)
		g := newGen(seed + 1)
		g.pool = plan.Pool
		in := g.particles(32, &plan.Elements[0])
		d, n := check(t, plan, in, int(seed%977), 1)
		ill += n
		particles += in.Len()
		if d != "" {
			t.Errorf("sequence, seed %#x: %s", seed, d)
			fails++
		}
	}
	t.Logf("%d records per passmethod and %d sequences, %d particles in %v; %d beyond %g·(1+|x|) on ill-conditioned passes (within %d× the Go engine's own spread under 4-ulp perturbations)",
		perMethod, perMethod, particles, time.Since(start), ill, tol, conditioningFactor)
}

// FuzzDifferential is TestDifferential's comparison over records drawn
// from the fuzzer's seed: method selects the passmethod (NumMethods and
// above: a sequence of random elements).
func FuzzDifferential(f *testing.F) {
	for m := 0; m <= int(device.NumMethods); m++ {
		f.Add(uint64(m)*7919, uint8(m))
	}
	f.Fuzz(func(t *testing.T, seed uint64, method uint8) {
		m := device.Method(int(method) % (int(device.NumMethods) + 1))
		var plan *device.Plan
		var in *device.Particles
		if m == device.NumMethods {
			plan = sequenceCase(seed, 16)
			g := newGen(seed + 1)
			g.pool = plan.Pool
			in = g.particles(16, &plan.Elements[0])
		} else {
			plan, in = singleCase(seed, m, 16)
		}
		if d, _ := check(t, plan, in, int(seed%977), 1); d != "" {
			t.Errorf("%v, seed %#x: %s", m, seed, d)
		}
	})
}
