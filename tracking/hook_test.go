package tracking_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	_ "github.com/gotrack/gotrack/host"        // registers the CPU backend
	_ "github.com/gotrack/gotrack/kernels/cpu" // "cpu" with cgo
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// rfIndex switches the default cell's cavity on (RFCavityPass) and
// returns its index.
func rfIndex(t *testing.T, lat *tracking.Lattice) int {
	t.Helper()
	for i, e := range lat.Elements {
		if e.FamName == "RFC" {
			e.PassMethod = "RFCavityPass"
			return i
		}
	}
	t.Fatal("no RF cavity in the lattice")
	return -1
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// A hook that ramps the RF voltage before every turn must give, turn by
// turn and bit for bit, what single-turn runs on a lattice edited between
// them give.
func TestHookRampsVoltage(t *testing.T) {
	const turns, n = 12, 300
	lat := lattices.Default()
	irf := rfIndex(t, lat)
	v0, _, _ := lat.Elements[irf].Float("Voltage")
	volt := func(turn int) float64 { return v0 * (1 + 0.03*float64(turn)) }
	beam := tracking.GaussianBeam(n, tracking.DefaultSigma, 7)
	ne := len(lat.Elements)

	ramp := tracking.Hook{Name: "ramp", At: tracking.BeforeTurn, Func: func(ctx *tracking.HookContext) error {
		ctx.Lattice.Elements[irf].Set("Voltage", volt(ctx.Turn))
		return nil
	}}
	hooked, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Refpts: []int{ne}, Device: "cpu", Hooks: []tracking.Hook{ramp}})
	if err != nil {
		t.Fatal(err)
	}

	ref := lattices.Default()
	rfIndex(t, ref)
	cur := beam
	for turn := 0; turn < turns; turn++ {
		ref.Elements[irf].Set("Voltage", volt(turn))
		res, err := tracking.Track(ref, cur, tracking.Options{Turns: 1, Turn0: turn, Device: "cpu"})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i++ {
			got := hooked.MonitorAt(turn, 0, i)
			for k := 0; k < 6; k++ {
				if !sameBits(got[k], res.Final.Coords[k][i]) {
					t.Fatalf("turn %d particle %d coordinate %d: hooked run %v, edited-lattice run %v", turn, i, k, got[k], res.Final.Coords[k][i])
				}
			}
		}
		cur = res.Final
	}
	// the ramp must matter: compare with an unramped run
	flat := lattices.Default()
	rfIndex(t, flat)
	plain, err := tracking.Track(flat, beam, tracking.Options{Turns: turns, Device: "cpu"})
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(plain.Final.Coords[4][0] - hooked.Final.Coords[4][0]); d < 1e-9 {
		t.Errorf("the voltage ramp changed delta by only %g: the hook had no effect", d)
	}
}

// A failing hook stops the run with its message, naming the hook, the
// element and the turn.
func TestHookErrorStopsRun(t *testing.T) {
	lat := lattices.Default()
	boom := errors.New("feedback diverged")
	calls := 0
	h := tracking.Hook{Name: "fb", At: tracking.AfterElement, FamName: "BPM_01", Func: func(ctx *tracking.HookContext) error {
		calls++
		if ctx.Turn == 3 {
			return boom
		}
		return nil
	}}
	_, err := tracking.Track(lat, tracking.GaussianBeam(50, tracking.DefaultSigma, 1), tracking.Options{Turns: 10, Device: "cpu", Hooks: []tracking.Hook{h}})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v does not wrap the hook's error", err)
	}
	for _, want := range []string{`hook "fb"`, "BPM_01", "turn 3", "feedback diverged"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if calls != 4 {
		t.Errorf("hook called %d times, want 4 (turns 0..3)", calls)
	}
}

// Element hooks see the beam at the element's entrance or exit: a hook
// recording x before and after a drift sees the drift's map.
func TestElementHooksSeeBeam(t *testing.T) {
	lat := lattices.Default()
	id := -1
	for i, e := range lat.Elements {
		if e.PassMethod == "DriftPass" && e.Length() > 0 {
			id = i
			break
		}
	}
	beam := tracking.GaussianBeam(20, tracking.DefaultSigma, 3)
	res, err := tracking.Track(lat, beam, tracking.Options{Turns: 2, Refpts: []int{id, id + 1}, Device: "cpu"})
	if err != nil {
		t.Fatal(err)
	}
	var seen [2][][6]float64
	grab := func(k int) func(ctx *tracking.HookContext) error {
		return func(ctx *tracking.HookContext) error {
			c, err := ctx.Beam.Coords()
			if err != nil {
				return err
			}
			for i := 0; i < ctx.Beam.Len(); i++ {
				var p [6]float64
				for j := range p {
					p[j] = c[j][i]
				}
				seen[k] = append(seen[k], p)
			}
			return nil
		}
	}
	hooks := []tracking.Hook{
		{Name: "in", At: tracking.BeforeElement, Elements: []int{id}, Func: grab(0)},
		{Name: "out", At: tracking.AfterElement, Elements: []int{id}, Func: grab(1)},
	}
	if _, err := tracking.Track(lat, beam, tracking.Options{Turns: 2, Device: "cpu", Hooks: hooks}); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 2; k++ {
		if len(seen[k]) != 2*beam.Len() {
			t.Fatalf("hook %d saw %d particles, want %d", k, len(seen[k]), 2*beam.Len())
		}
		for turn := 0; turn < 2; turn++ {
			for i := 0; i < beam.Len(); i++ {
				want := res.MonitorAt(turn, k, i)
				got := seen[k][turn*beam.Len()+i]
				for j := 0; j < 6; j++ {
					if !sameBits(got[j], want[j]) {
						t.Fatalf("hook %d turn %d particle %d: saw %v, monitor has %v", k, turn, i, got, want)
					}
				}
			}
		}
	}
}

// A programmable element applying AT's drift equals DriftPass bit for bit,
// loss record included.
func TestProgrammableDrift(t *testing.T) {
	lat := lattices.Default()
	prog := lattices.Default()
	replaced := 0
	for i, e := range prog.Elements {
		if e.PassMethod != "DriftPass" {
			continue
		}
		if _, ok := e.Get("RApertures"); ok {
			continue
		}
		if _, ok := e.Get("EApertures"); ok {
			continue
		}
		L := e.Length()
		prog.Elements[i] = tracking.NewProgrammable(e.FamName, L, &tracking.Programmable{Values: []float64{L}, Push: userDrift})
		replaced++
	}
	if replaced < 5 {
		t.Fatalf("only %d drifts replaced", replaced)
	}
	sigma := tracking.DefaultSigma
	sigma[0] = 5e-3 // some particles get lost
	beam := tracking.GaussianBeam(400, sigma, 11)
	want, err := tracking.Track(lat, beam, tracking.Options{Turns: 5, Device: "cpu"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := tracking.Track(prog, beam, tracking.Options{Turns: 5, Device: "cpu"})
	if err != nil {
		t.Fatal(err)
	}
	if want.NumLost() == 0 {
		t.Fatal("no particle lost: the loss path is not exercised")
	}
	for i := 0; i < beam.Len(); i++ {
		for k := 0; k < 6; k++ {
			if !sameBits(got.Final.Coords[k][i], want.Final.Coords[k][i]) {
				t.Fatalf("particle %d coordinate %d: programmable %v, DriftPass %v", i, k, got.Final.Coords[k][i], want.Final.Coords[k][i])
			}
		}
		if got.Lost[i] != want.Lost[i] || got.LostTurn[i] != want.LostTurn[i] || got.LostElement[i] != want.LostElement[i] {
			t.Fatalf("particle %d loss record: programmable (%v, %d, %d), DriftPass (%v, %d, %d)", i,
				got.Lost[i], got.LostTurn[i], got.LostElement[i], want.Lost[i], want.LostTurn[i], want.LostElement[i])
		}
	}
}

// userDrift is AT's ATdrift6 written as user code over the SoA slices.
func userDrift(ctx *tracking.PushContext) error {
	L := ctx.Values[0]
	c := &ctx.Coords
	for i, lost := range ctx.Lost {
		if lost {
			continue
		}
		pnorm := 1 / (1 + c[4][i])
		normL := L * pnorm
		c[0][i] += float64(normL * c[1][i])
		c[2][i] += float64(normL * c[3][i])
		c[5][i] += normL * pnorm * (float64(c[1][i]*c[1][i]) + float64(c[3][i]*c[3][i])) / 2
	}
	return nil
}

// Per-turn moments computed where the beam lives agree with moments of the
// downloaded beam.
func TestMoments(t *testing.T) {
	lat := lattices.Default()
	sigma := tracking.DefaultSigma
	sigma[0] = 5e-3
	beam := tracking.GaussianBeam(2000, sigma, 5)
	const turns = 4
	res, err := tracking.Track(lat, beam, tracking.Options{Turns: turns, Device: "cpu", Moments: true, Refpts: []int{len(lat.Elements)}})
	if err != nil {
		t.Fatal(err)
	}
	nc := len(tracking.MomentColumns)
	if len(res.Moments) != turns*nc {
		t.Fatalf("%d moment values, want %d", len(res.Moments), turns*nc)
	}
	for turn := 0; turn < turns; turn++ {
		row := res.Moments[turn*nc : (turn+1)*nc]
		var sum [6]float64
		var live float64
		var pts [][6]float64
		for i := 0; i < beam.Len(); i++ {
			p := res.MonitorAt(turn, 0, i)
			if math.IsNaN(p[0]) {
				continue
			}
			live++
			pts = append(pts, p)
			for k := range sum {
				sum[k] += p[k]
			}
		}
		if row[0] != live {
			t.Fatalf("turn %d: live %v, want %v", turn, row[0], live)
		}
		var mean [6]float64
		for k := range mean {
			mean[k] = sum[k] / live
			if !close(row[1+k], mean[k], 1e-12, 1e-18) {
				t.Errorf("turn %d: mean %s %v, want %v", turn, tracking.CoordNames[k], row[1+k], mean[k])
			}
		}
		c := 7
		for a := 0; a < 6; a++ {
			for b := a; b < 6; b++ {
				s := 0.0
				for _, p := range pts {
					s += (p[a] - mean[a]) * (p[b] - mean[b])
				}
				s /= live
				// raw-moment differences lose digits when the mean is large
				// against the spread: 1e-9 relative covers it here
				if !close(row[c], s, 1e-9, 1e-24) {
					t.Errorf("turn %d: %s %v, want %v", turn, tracking.MomentColumns[c], row[c], s)
				}
				c++
			}
		}
	}
	if res.NumLost() == 0 {
		t.Error("no particle lost: the live count is not exercised")
	}
}

func close(a, b, rel, abs float64) bool {
	return math.Abs(a-b) <= abs+rel*math.Abs(b)
}
