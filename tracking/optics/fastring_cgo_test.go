//go:build cgo

package optics

import (
	"testing"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels/cpu"
)

// TestFastRingCBackend builds the fast ring of the hmba cell on the C
// backend (kernels/cpu: the kernel source, which follows AT's arithmetic)
// and compares it with PyAT's at the tolerances of TestFastRingHMBA.
func TestFastRingCBackend(t *testing.T) {
	ref := loadLumpedRef(t, "fast_ring_quantdiff.json")
	lat := loadRadLat(t, "hmba_6d.json")
	open := func(cfg device.Config) (device.Backend, error) { return cpu.New(cfg), nil }
	_, rad, err := FastRing(lat, &FastRingOptions{Options: Options{Open: open}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rad.Elements) != len(ref.Elements) {
		t.Fatalf("%d elements, PyAT %d", len(rad.Elements), len(ref.Elements))
	}
	tols := fastRingTols()
	for i, e := range rad.Elements {
		for k, v := range compareElement(t, e, ref.Elements[i], tols) {
			if v != 0 {
				t.Logf("%s.%s: largest difference %.3g", e.FamName, k, v)
			}
		}
	}
	checkLmatp(t, rad.Elements[3], ref.Elements[3])
}
