//go:build cgo

package harness

import (
	"math"
	"strings"
	"testing"

	"github.com/gotrack/gotrack/kernels/cpu"
	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/lattices"
)

// A programmable element given as CUDA C source, run through tracking.Track
// on the kernels-gcc backend (compiled at run time, as NVRTC does on a
// GPU), equals DriftPass bit for bit, loss record included.
func TestTrackProgrammableCUDA(t *testing.T) {
	lat := lattices.Default()
	prog := lattices.Default()
	replaced := 0
	for i, e := range prog.Elements {
		if e.PassMethod != "DriftPass" || replaced >= 6 {
			continue
		}
		if _, ok := e.Get("RApertures"); ok {
			continue
		}
		if _, ok := e.Get("EApertures"); ok {
			continue
		}
		L := e.Length()
		prog.Elements[i] = tracking.NewProgrammable(e.FamName, L, &tracking.Programmable{CUDA: userDrift, Values: []float64{L}})
		replaced++
	}
	sigma := tracking.DefaultSigma
	sigma[0] = 5e-3
	beam := tracking.GaussianBeam(300, sigma, 11)
	opt := tracking.Options{Turns: 4, Device: cpu.Name}
	want, err := tracking.Track(lat, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tracking.Track(prog, beam, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want.NumLost() == 0 {
		t.Fatal("no particle lost: the loss path is not exercised")
	}
	for i := 0; i < beam.Len(); i++ {
		for k := 0; k < 6; k++ {
			if math.Float64bits(got.Final.Coords[k][i]) != math.Float64bits(want.Final.Coords[k][i]) {
				t.Fatalf("particle %d coordinate %d: programmable %v, DriftPass %v", i, k, got.Final.Coords[k][i], want.Final.Coords[k][i])
			}
		}
		if got.Lost[i] != want.Lost[i] || got.LostTurn[i] != want.LostTurn[i] || got.LostElement[i] != want.LostElement[i] {
			t.Fatalf("particle %d loss record: (%v, %d, %d), want (%v, %d, %d)", i,
				got.Lost[i], got.LostTurn[i], got.LostElement[i], want.Lost[i], want.LostTurn[i], want.LostElement[i])
		}
	}
	// A source that does not compile fails the run with the compiler's log.
	bad := lattices.Default()
	bad.Elements[2] = tracking.NewProgrammable("BAD", 0, &tracking.Programmable{CUDA: "__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx) { r[0] += ; }"})
	_, err = tracking.Track(bad, beam, opt)
	if err == nil {
		t.Fatal("a source with a syntax error ran")
	}
	for _, s := range []string{"element 2", "BAD", "error"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %q", err, s)
		}
	}
}
