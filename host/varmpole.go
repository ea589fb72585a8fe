package host

import (
	"math"

	"github.com/gotrack/gotrack/device"
)

// This file ports AT's VariableThinMPolePass.c: a thin multipole whose
// polynomials are set, turn by turn, from amplitudes times an excitation
// (a sine of time, or a user table indexed by the turn), with optional
// ramps of the amplitude over turns, misalignment and entrance apertures.
// AT's WHITENOISE mode is refused when the plan is compiled (AT draws it
// from its own generator).

// init registers the passmethod of this file.
func init() {
	register(device.VariableThinMPolePass, varMPolePass)
}

// varMPolePass is VariableThinMPolePass. The record's Modulation is the
// block described in device/modulation.go. As in AT, the polynomials are
// entirely given by the excitation (the element's static PolynomA and
// PolynomB are not used), and in SINE mode each particle sees the time
// T0·turn + ct/c.
func varMPolePass(tile []Particle, e *device.Element, pool []float64, env *Env) {
	blk := pool[e.Modulation:]
	mode := modInt(blk[device.ModMode])
	maxOrder := int(e.MaxOrder)
	var sa, sb [16]float64
	a, b := sa[:], sb[:]
	if maxOrder+1 > len(sa) {
		a, b = make([]float64, maxOrder+1), make([]float64, maxOrder+1)
	}
	a, b = a[:maxOrder+1], b[:maxOrder+1]
	t := float64(env.T0 * float64(env.Turn))
	if mode != device.ModSine {
		for i := range a {
			a[i] = modPolynom(blk, device.ModA, mode, t, env.Turn, i)
			b[i] = modPolynom(blk, device.ModB, mode, t, env.Turn, i)
		}
	}
	fr := newFrame(e, pool)
	for i := range tile {
		r := &tile[i]
		if !live(r) {
			continue
		}
		if mode == device.ModSine {
			tp := t + r[5]/cavC0
			for o := range a {
				a[o] = modPolynom(blk, device.ModA, mode, tp, env.Turn, o)
				b[o] = modPolynom(blk, device.ModB, mode, tp, env.Turn, o)
			}
		}
		entranceOps(r, fr.t1, fr.r1, fr.rap, fr.eap)
		strThinKick(r, a, b, 1.0, maxOrder)
		if fr.r2 != nil {
			mulMat(r, fr.r2)
		}
		if fr.t2 != nil {
			addVec(r, fr.t2)
		}
	}
}

// modPolynom is AT's get_pol: the coefficient of order of the part of
// blk at part (A or B), at time t [s] and turn turn.
func modPolynom(blk []float64, part, mode int, t float64, turn, order int) float64 {
	p := blk[part : part+device.ModPart]
	if modInt(p[device.ModAmp]) < 0 {
		return 0
	}
	amp := rampedAmplitude(blk, blk[modInt(p[device.ModAmp])+order], float64(turn))
	switch mode {
	case device.ModSine:
		return amp * math.Sin(float64(float64(cavTwoPi*p[device.ModFrequency])*t)+p[device.ModPhase])
	case device.ModArbitrary:
		n := modInt(p[device.ModNSamples])
		if blk[device.ModPeriodic] != 0 || turn < n {
			// AT indexes Func by turn % NSamples; the modulo is taken
			// non-negative so that a negative turn counter cannot read
			// outside the table (AT's turns never are).
			return amp * blk[modInt(p[device.ModFunc])+((turn%n)+n)%n]
		}
	}
	return 0
}

// rampedAmplitude is AT's get_amp: amp scaled by the ramp (up from
// Ramps[0] to Ramps[1], down from Ramps[2] to Ramps[3], zero outside) at
// turn t, or amp when the element has no ramps.
func rampedAmplitude(blk []float64, amp, t float64) float64 {
	if blk[device.ModHasRamps] == 0 {
		return amp
	}
	rp := blk[device.ModRamps : device.ModRamps+4]
	switch {
	case t <= rp[0]:
		return 0
	case t <= rp[1]:
		return float64(amp*(t-rp[0])) / (rp[1] - rp[0])
	case t <= rp[2]:
		return amp
	case t <= rp[3]:
		return amp - float64(amp*(t-rp[2]))/(rp[3]-rp[2])
	}
	return 0
}

// modInt reads an integer of the modulation block (mode, count or
// offset), rounded to the nearest so that a value a few ulps off (the
// differential test perturbs the pool) still reads as intended.
func modInt(v float64) int { return int(math.Floor(v + 0.5)) }
