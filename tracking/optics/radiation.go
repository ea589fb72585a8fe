package optics

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// PyAT's constants (at.constants, scipy's CODATA 2018 values): the
// electron rest energy [eV], the classical electron radius [m] and
// C_γ = 4π·r_e/(3·m_e³) [m/eV³].
var (
	atElectronMass = 1.0e6 * 0.51099895000
	atElectronRad  = 2.8179403262e-15
	atCgamma       = 4.0 * math.Pi * atElectronRad / 3.0 / (atElectronMass * atElectronMass * atElectronMass)
)

// isDipole reports whether PyAT loads e as a Dipole: its "Class" when
// present (Dipole or its alias Bend), else a bend passmethod or a
// BendingAngle attribute.
func isDipole(e *tracking.Element) bool {
	if v, ok := e.Get("Class"); ok {
		c, _ := v.(string)
		return c == "Dipole" || c == "Bend"
	}
	if strings.HasPrefix(e.PassMethod, "Bnd") || strings.HasPrefix(e.PassMethod, "ExactSectorBend") ||
		strings.HasPrefix(e.PassMethod, "ExactRectangularBend") || e.PassMethod == "BendLinearPass" {
		return true
	}
	_, ok := e.Get("BendingAngle")
	return ok
}

// EnergyLossIntegral is the energy lost per turn of the full ring by a
// particle on the reference orbit [eV], from the second radiation
// integral of the dipoles, as PyAT's ring.energy_loss (get_energy_loss
// with its default ELossMethod.INTEGRAL): periodicity · C_γ/(2π)·E⁴·Σ
// θ²/L. EnergyLoss is the tracking method, for one period.
func EnergyLossIntegral(lat *tracking.Lattice) (float64, error) {
	i2 := 0.0
	for k, e := range lat.Elements {
		if !isDipole(e) {
			continue
		}
		theta, _, err := e.Float("BendingAngle")
		if err != nil {
			return 0, fmt.Errorf("energy loss: element %d (%s): %w", k, e.FamName, err)
		}
		l := e.Length()
		if l == 0 {
			return 0, fmt.Errorf("energy loss: element %d (%s): dipole of zero length", k, e.FamName)
		}
		i2 += theta * theta / l
	}
	coef := atCgamma / 2.0 / math.Pi * math.Pow(lat.Energy, 4)
	return float64(periodicity(lat)) * (coef * i2), nil
}

// RingParameters are PyAT's envelope_parameters results (a RingParameters
// object), for the full ring (periodicity applied).
type RingParameters struct {
	E0         float64    // energy [eV]
	U0         float64    // energy loss per turn [eV] (radiation integrals)
	Tunes6     [3]float64 // fractional tunes of the three modes
	Emittances [3]float64 // mode emittances [m]
	J          [3]float64 // damping partition numbers
	Tau        [3]float64 // damping times [s]
	SigmaE     float64    // relative energy spread
	SigmaL     float64    // bunch length [m]
	Voltage    float64    // total RF voltage [V]
	PhiS       float64    // synchronous phase [rad]
	FS         float64    // synchrotron frequency [Hz]
}

// EnvelopeParameters computes the ring parameters of a radiating lattice
// from its equilibrium envelope, as PyAT's ring.envelope_parameters():
// damping times Tau = T_rev/(periodicity·damping rate), partition numbers
// J = 4α/Σα, the tunes of the full ring, f_s = ν_s·f_rev, sigma_e and
// sigma_l from r66 at the start, and U0 from the radiation integrals.
func EnvelopeParameters(lat *tracking.Lattice, opt *EnvelopeOptions) (*RingParameters, error) {
	env, err := OhmiEnvelope(lat, nil, opt)
	if err != nil {
		return nil, fmt.Errorf("envelope parameters: %w", err)
	}
	u0, err := EnergyLossIntegral(lat)
	if err != nil {
		return nil, fmt.Errorf("envelope parameters: %w", err)
	}
	per := float64(periodicity(lat))
	revFreq := lat.Beta() * tracking.C0 / lat.Circumference()
	rp := &RingParameters{E0: lat.Energy, U0: u0, Emittances: env.ModeEmittances}
	sum := 0.0
	var alpha [3]float64
	for i := 0; i < 3; i++ {
		rp.Tau[i] = 1.0 / revFreq / env.DampingRates[i] / per
		alpha[i] = 1.0 / rp.Tau[i]
		sum += alpha[i]
		_, rp.Tunes6[i] = math.Modf(per * env.Tunes[i])
	}
	for i := 0; i < 3; i++ {
		rp.J[i] = 4.0 * alpha[i] / sum
	}
	for k, e := range lat.Elements {
		if !tracking.IsRFCavity(e) {
			continue
		}
		v, _, err := e.Float("Voltage")
		if err != nil {
			return nil, fmt.Errorf("envelope parameters: element %d (%s): %w", k, e.FamName, err)
		}
		rp.Voltage += v
	}
	rp.Voltage *= per
	rp.PhiS = math.Pi - math.Asin(rp.U0/rp.Voltage)
	rp.FS = rp.Tunes6[2] * revFreq
	rp.SigmaE = math.Sqrt(env.Start.R66[4][4])
	rp.SigmaL = math.Sqrt(env.Start.R66[5][5])
	return rp, nil
}
