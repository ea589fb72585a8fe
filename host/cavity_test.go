package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// xtCavity returns a cavity record of method m.
func xtCavity(m device.Method, length float64) device.Element {
	e := device.NewElement(m)
	e.Length = length
	e.Voltage = 2e6
	e.Energy = 6e9
	e.Frequency = 352.2e6
	e.HarmNumber = 992
	return e
}

// TestCavitySynchronousPhaseNoKick checks that the synchronous particle gets no energy kick.
func TestCavitySynchronousPhaseNoKick(t *testing.T) {
	for _, m := range []device.Method{device.CavityPass, device.RFCavityPass} {
		e := xtCavity(m, 0)
		e.TimeLag = 0.0123
		beam := []Particle{{1e-3, 1e-4, 0, 0, 2e-3, e.TimeLag}, {math.NaN(), 0, 0, 0, 0, 0}}
		out := xtRun(t, &e, nil, nil, beam)
		if out[0] != beam[0] {
			t.Errorf("%v: synchronous particle kicked: %v -> %v", m, beam[0], out[0])
		}
		xtCheckLostUntouched(t, beam, out)
	}
}

// TestCavityKick checks the thin cavity kick against its formula.
func TestCavityKick(t *testing.T) {
	for _, m := range []device.Method{device.CavityPass, device.RFCavityPass} {
		e := xtCavity(m, 0)
		ct := 1e-3
		out := xtRun(t, &e, nil, nil, []Particle{{0, 0, 0, 0, 0, ct}})
		want := -e.Voltage / e.Energy * math.Sin(2*math.Pi*e.Frequency*ct/2.99792458e8)
		if math.Abs(out[0][4]-want) > 1e-18 {
			t.Errorf("%v: delta = %.17g, want %.17g", m, out[0][4], want)
		}
	}
}

// TestRFCavityTurnSlip checks RFCavityPass's turn-dependent phase slip.
func TestRFCavityTurnSlip(t *testing.T) {
	// With h/f == T0 the turn term vanishes; otherwise the phase slips by
	// 2π f (h/f - T0) per turn.
	e := xtCavity(device.RFCavityPass, 0)
	env := &Env{Turn: 5}
	env.T0 = e.HarmNumber / e.Frequency
	out := xtRun(t, &e, nil, env, []Particle{{}})
	if math.Abs(out[0][4]) > 1e-20 {
		t.Errorf("no-slip turn kicked the reference: %v", out[0][4])
	}
	env.T0 = e.HarmNumber/e.Frequency + 1e-12
	out = xtRun(t, &e, nil, env, []Particle{{}})
	want := -e.Voltage / e.Energy * math.Sin(2*math.Pi*e.Frequency*(1e-12*5))
	// T0 - h/f is only known to about 1e-21 s, hence the loose tolerance.
	if math.Abs(out[0][4]-want) > 1e-8*math.Abs(want) {
		t.Errorf("slip kick %.17g, want %.17g", out[0][4], want)
	}
}

// TestThickCavityZeroVoltageIsDrift checks that a cavity without voltage is two half drifts.
func TestThickCavityZeroVoltageIsDrift(t *testing.T) {
	for _, m := range []device.Method{device.CavityPass, device.RFCavityPass} {
		e := xtCavity(m, 0.5)
		e.Voltage = 0
		beam := xtBeam()
		out := xtRun(t, &e, nil, nil, beam)
		for i, p := range beam {
			if !live(&p) {
				continue
			}
			q := p
			drift6(&q, 0.25)
			drift6(&q, 0.25)
			xtClose(t, "zero-voltage cavity vs drift", out[i], q, 0)
		}
		xtCheckLostUntouched(t, beam, out)
	}
}
