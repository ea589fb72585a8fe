package host

import (
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestChangePRefUpDown checks that scaling the reference momentum up then down is the identity.
func TestChangePRefUpDown(t *testing.T) {
	up := device.NewElement(device.ChangePRefPass)
	up.FieldScaling = 1.01
	down := device.NewElement(device.ChangePRefPass)
	down.FieldScaling = 1 / 1.01
	beam := xtBeam()
	mid := xtRun(t, &up, nil, nil, beam)
	if mid[0] == beam[0] {
		t.Fatal("ChangePRef had no effect")
	}
	// delta' = (delta + 1 - s)/s: the reference momentum moved up by 1%.
	if d := (beam[0][4] + 1 - 1.01) / 1.01; mid[0][4] != d {
		t.Errorf("delta = %.17g, want %.17g", mid[0][4], d)
	}
	out := xtRun(t, &down, nil, nil, mid)
	for i := range beam {
		if live(&beam[i]) {
			xtClose(t, "ChangePRef up then down", out[i], beam[i], 1e-15)
		}
	}
	xtCheckLostUntouched(t, beam, out)
}
