package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gotrack/gotrack/tracking"
	"github.com/gotrack/gotrack/tracking/atjson"
	"github.com/gotrack/gotrack/tracking/collective"
)

// --moments writes moments.npy, and a lattice with a BeamMomentsPass
// element gets its means written; both come from the same exact sums, so
// at the end of the lattice they agree bit for bit, and they agree with the
// downloaded final beam.
func TestTrackMomentsAndCollective(t *testing.T) {
	lat, err := atjson.LoadLattice(hmbaFile)
	if err != nil {
		t.Fatal(err)
	}
	lat.Elements = append(lat.Elements, &tracking.Element{FamName: "BM", PassMethod: collective.BeamMomentsPass})
	ne := len(lat.Elements)
	dir := t.TempDir()
	latFile := filepath.Join(dir, "bm.json")
	if err := atjson.SaveLattice(lat, latFile); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	const turns, n = 4, 300
	code, stdout, stderr := gotrack(t, "track", latFile, "--particles", "300", "--sigma", "3e-3,1e-5,1e-5,1e-6,1e-3,3e-3",
		"--turns", "4", "--moments", "--out", out, "--device", "cpu", "-q")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	shape, mom := readNPY(t, filepath.Join(out, "moments.npy"))
	nc := len(tracking.MomentColumns)
	if !reflect.DeepEqual(shape, []int{turns, nc}) {
		t.Fatalf("moments.npy shape %v, want (%d, %d)", shape, turns, nc)
	}
	js, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum summary
	if err := json.Unmarshal(js, &sum); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sum.MomentColumns, tracking.MomentColumns) {
		t.Errorf("summary moment_columns %v", sum.MomentColumns)
	}
	shape, means := readNPY(t, filepath.Join(out, "beam_moments_E121_means.npy"))
	if ne != 122 || !reflect.DeepEqual(shape, []int{turns, 1, 6}) {
		t.Fatalf("beam_moments_E121_means.npy shape %v (lattice of %d elements)", shape, ne)
	}
	last := mom[(turns-1)*nc : turns*nc]
	for k := 0; k < 6; k++ {
		if math.Float64bits(last[1+k]) != math.Float64bits(means[(turns-1)*6+k]) {
			t.Errorf("mean %s: moments.npy %v, BeamMomentsPass %v", tracking.CoordNames[k], last[1+k], means[(turns-1)*6+k])
		}
	}
	_, final := readNPY(t, filepath.Join(out, "final.npy"))
	live, sx := 0.0, 0.0
	for i := 0; i < n; i++ {
		if !math.IsNaN(final[6*i]) {
			live++
			sx += final[6*i]
		}
	}
	if last[0] != live || math.Abs(last[1]-sx/live) > 1e-12*math.Abs(sx/live)+1e-18 {
		t.Errorf("moments.npy: live %v, mean x %v; final.npy: live %v, mean x %v", last[0], last[1], live, sx/live)
	}
}
