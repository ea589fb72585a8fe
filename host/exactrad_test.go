package host

import (
	"math"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// TestExactBendRadEnergyLoss checks the energy lost by the reference
// particle in the radiating exact bends against the classical formula
// U0/E = (2/3) r_e γ³ θ²/L for a uniform field of curvature θ/L along an arc
// of length L (PyAT's Cγ E⁴/2π ∫ds/ρ² for one dipole). The rectangular
// bends have pole faces θ/2 so that the particle follows the arc. The
// radiated δ changes the field seen along the magnet by a relative 1e-5;
// the tolerance is 1e-4 relative.
func TestExactBendRadEnergyLoss(t *testing.T) {
	const L, ang, energy = 2.0, 0.08, 6e9
	env := &Env{Params: device.Params{Energy: energy, RestEnergy: 0.51099895e6}}
	gamma := energy / 0.51099895e6
	want := -2.0 / 3.0 * 2.8179403205e-15 * gamma * gamma * gamma * ang * ang / L
	for _, m := range []device.Method{device.ExactSectorBendRadPass, device.ExactRectangularBendRadPass, device.ExactRectBendRadPass} {
		e, pool := xtBend(m, L, ang, 0)
		e.Energy = energy
		e.NumIntSteps = 20
		if m != device.ExactSectorBendRadPass {
			e.EntranceAngle, e.ExitAngle = ang/2, ang/2
		}
		out := xtRun(t, &e, pool, env, []Particle{{}})
		if d := out[0][4]; math.Abs(d-want) > 1e-4*math.Abs(want) {
			t.Errorf("%v: delta after one pass %.6g, want %.6g (U0/E)", m, d, want)
		}
	}
}

// TestExactMultipoleRadEnergyLoss checks the loss of a particle at x0 in a
// short quadrupole, (2/3) r_e γ³ (K x0)² L, within 1% (x moves by
// K x0 L²/2, a relative 5e-3, inside the magnet).
func TestExactMultipoleRadEnergyLoss(t *testing.T) {
	const L, k, x0, energy = 0.1, 1.0, 1e-3, 3e9
	env := &Env{Params: device.Params{Energy: energy, RestEnergy: 0.51099895e6}}
	gamma := energy / 0.51099895e6
	want := -2.0 / 3.0 * 2.8179403205e-15 * gamma * gamma * gamma * (k * x0) * (k * x0) * L
	e, pool := xtBend(device.ExactMultipoleRadPass, L, 0, k)
	e.Energy = energy
	out := xtRun(t, &e, pool, env, []Particle{{x0, 0, 0, 0, 0, 0}})
	if d := out[0][4]; math.Abs(d-want) > 1e-2*math.Abs(want) {
		t.Errorf("delta after one pass %.6g, want %.6g", d, want)
	}
}

// TestExactRadWithoutRadiation checks that each radiating exact pass is its
// non-radiating twin when the particle does not radiate: with a rest
// energy equal to the energy (γ = 1) the radiation constant is 1.9e-15 and
// the passes agree within 1e-14 on the test beam (ExactMultipoleRadPass
// drifts with AT's angle-based formula, so it agrees to rounding, not
// bits).
func TestExactRadWithoutRadiation(t *testing.T) {
	pairs := [][2]device.Method{
		{device.ExactMultipoleRadPass, device.ExactMultipolePass},
		{device.ExactSectorBendRadPass, device.ExactSectorBendPass},
		{device.ExactRectangularBendRadPass, device.ExactRectangularBendPass},
		{device.ExactRectBendRadPass, device.ExactRectBendPass},
	}
	env := &Env{Params: device.Params{Energy: 1e9, RestEnergy: 1e9}}
	for _, p := range pairs {
		ang := 0.05
		if p[0] == device.ExactMultipoleRadPass {
			ang = 0
		}
		rad, pool := xtBend(p[0], 1.0, ang, 0.4)
		rad.Energy = 1e9
		rad.EntranceAngle, rad.ExitAngle = ang/2, ang/2
		rad.GK = 0.02
		plain := rad
		plain.Method = p[1]
		plain.Energy = 0
		beam := xtBeam()
		a := xtRun(t, &rad, pool, env, beam)
		b := xtRun(t, &plain, pool, env, beam)
		for i := range beam {
			if live(&beam[i]) {
				xtClose(t, p[0].String()+" at γ = 1 vs "+p[1].String(), a[i], b[i], 1e-14)
			}
		}
		xtCheckLostUntouched(t, beam, a)
	}
}
