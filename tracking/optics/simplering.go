package optics

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// SimpleRingParams are the arguments of PyAT's at.simple_ring, with
// PyAT's names and units. Zero values take PyAT's defaults (Betax and
// Betay: 1 m; Particle: "relativistic"; TimeLag, Qpx, Qpy: 0).
type SimpleRingParams struct {
	Energy        float64 // [eV]
	Circumference float64 // [m]
	// HarmonicNumber, Vrf [V] and TimeLag [m] describe the RF cavities,
	// one per entry; as numpy broadcasts them, each has one entry (used
	// for every cavity) or as many as the others.
	HarmonicNumber []int
	Vrf            []float64
	TimeLag        []float64
	Qx, Qy         float64 // tunes (the fractional part is what counts)
	Alpha          float64 // momentum compaction factor
	// Twiss functions and dispersion at the lumped element.
	Betax, Betay   float64 // [m], 0: 1 m
	Alphax, Alphay float64
	Dispx, Dispxp  float64 // [m], [rad]
	Dispy, Dispyp  float64 // [m], [rad]
	// Qpx and Qpy are the chromaticities [Q', Q'', Q''', ...] (expanded
	// as Q'/1! δ + Q''/2! δ² + ...); nil: [0].
	Qpx, Qpy []float64
	// A1 = dQx/dJx, A2 = dQy/dJx = dQx/dJy, A3 = dQy/dJy [1/m].
	A1, A2, A3 float64
	// Equilibrium emittances [m rad] and energy spread: 0 leaves the
	// plane without quantum diffusion.
	Emitx, Emity, Espread float64
	// Damping times [turns]: 0 leaves the plane undamped.
	Taux, Tauy, Tauz float64
	// U0 is the energy loss per turn [eV] (positive).
	U0 float64
	// Name is the lattice name.
	Name string
	// Particle is the circulating particle (zero: "relativistic").
	Particle tracking.Particle
}

// SimpleRing is PyAT's at.simple_ring: a one-turn lumped model of a ring
// made of, in tracking order, one RFCavityPass cavity per entry of the
// RF arguments ("RFC1", "RFC2", ...: frequency h c/circumference), a
// SimpleRadiationRadPass element ("SR": damping diagonal
// (1, e^{-2/taux}, 1, e^{-2/tauy}, e^{-2/tauz}, 1), 1 for a zero time,
// U0, the dispersion), a SimpleQuantDiffPass element ("SQD": Twiss betas,
// emittances, energy spread, damping times), a Matrix66Pass element
// ("Linear", the uncoupled one-turn matrix of the tunes, Twiss functions
// and dispersion, M54 = alpha circumference, no damping; Length =
// circumference, M66Rad = M66) and a DeltaQPass element ("NonLinear":
// Twiss functions, chromaticities padded to the same order, A1..A3).
// Periodicity 1.
func SimpleRing(p SimpleRingParams) (*tracking.Lattice, error) {
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("simple_ring: %w", err)
	}
	if p.Betax == 0 {
		p.Betax = 1
	}
	if p.Betay == 0 {
		p.Betay = 1
	}
	if p.Particle == (tracking.Particle{}) {
		p.Particle = tracking.Particle{Name: "relativistic", Charge: -1}
	}
	tl := p.TimeLag
	if len(tl) == 0 {
		tl = []float64{0}
	}
	ncav, err := broadcastLen(len(p.Vrf), len(p.HarmonicNumber), len(tl))
	if err != nil {
		return nil, fmt.Errorf("simple_ring: Vrf, harmonic_number and TimeLag: %w", err)
	}
	pick := func(n int, k int) int {
		if n == 1 {
			return 0
		}
		return k
	}
	f0 := tracking.C0 / p.Circumference
	var elems []*tracking.Element
	hmin := 0
	for k := 0; k < ncav; k++ {
		h := p.HarmonicNumber[pick(len(p.HarmonicNumber), k)]
		if k == 0 || h < hmin {
			hmin = h
		}
		e := &tracking.Element{FamName: fmt.Sprintf("RFC%d", k+1), PassMethod: "RFCavityPass"}
		e.Set("Length", 0.0)
		e.Set("Voltage", p.Vrf[pick(len(p.Vrf), k)])
		e.Set("Frequency", float64(h)*f0)
		e.Set("HarmNumber", int64(h))
		e.Set("Energy", p.Energy)
		e.Set("TimeLag", tl[pick(len(tl), k)])
		e.Set("Class", "RFCavity")
		elems = append(elems, e)
	}

	sr := &tracking.Element{FamName: "SR", PassMethod: "SimpleRadiationRadPass"}
	sr.Set("Length", 0.0)
	sr.Set("U0", p.U0)
	sr.Set("damp_mat_diag", []float64{1, dampingFactor(p.Taux), 1, dampingFactor(p.Tauy), dampingFactor(p.Tauz), 1})
	sr.Set("dispx", p.Dispx)
	sr.Set("dispy", p.Dispy)
	sr.Set("dispxp", p.Dispxp)
	sr.Set("dispyp", p.Dispyp)
	sr.Set("Energy", p.Energy)
	sr.Set("Class", "SimpleRadiation")

	sqd := &tracking.Element{FamName: "SQD", PassMethod: "SimpleQuantDiffPass"}
	sqd.Set("Length", 0.0)
	for _, a := range []struct {
		name string
		v    float64
	}{{"taux", p.Taux}, {"tauy", p.Tauy}, {"tauz", p.Tauz}, {"emitx", p.Emitx}, {"emity", p.Emity},
		{"espread", p.Espread}, {"betax", p.Betax}, {"betay", p.Betay}} {
		sqd.Set(a.name, a.v)
	}
	sqd.Set("Class", "SimpleQuantDiff")

	m := simpleRingM66(&p)
	lin := &tracking.Element{FamName: "Linear", PassMethod: "Matrix66Pass"}
	lin.Set("Length", p.Circumference)
	lin.Set("M66", rowsOf(m))
	lin.Set("M66Rad", rowsOf(m))
	lin.Set("Class", "Matrix66")

	cx, cy := p.Qpx, p.Qpy
	if len(cx) == 0 {
		cx = []float64{0}
	}
	if len(cy) == 0 {
		cy = []float64{0}
	}
	order := max(len(cx), len(cy))
	cx = append(append(make([]float64, 0, order), cx...), make([]float64, order-len(cx))...)
	cy = append(append(make([]float64, 0, order), cy...), make([]float64, order-len(cy))...)
	nl := detuningElement([2]float64{p.Betax, p.Betay}, [2]float64{p.Alphax, p.Alphay}, cx, cy, p.A1, p.A2, p.A3, nil)

	elems = append(elems, sr, sqd, lin, nl)
	return &tracking.Lattice{
		Name:           p.Name,
		Energy:         p.Energy,
		Particle:       p.Particle,
		Periodicity:    1,
		HarmonicNumber: hmin,
		Elements:       elems,
	}, nil
}

// check returns PyAT's assertion errors of SimpleQuantDiff and
// SimpleRadiation, and rejects lattices that cannot be built.
func (p *SimpleRingParams) check() error {
	if !(p.Circumference > 0) {
		return fmt.Errorf("circumference %g: must be positive", p.Circumference)
	}
	if !(p.Energy > 0) {
		return fmt.Errorf("energy %g: must be positive", p.Energy)
	}
	if len(p.Vrf) == 0 || len(p.HarmonicNumber) == 0 {
		return fmt.Errorf("the RF arguments Vrf and harmonic_number need one value each at least")
	}
	if p.Betax < 0 || p.Betay < 0 {
		return fmt.Errorf("betax %g, betay %g: must be positive", p.Betax, p.Betay)
	}
	for _, t := range []struct {
		name, tname string
		emit, tau   float64
	}{{"emitx", "taux", p.Emitx, p.Taux}, {"emity", "tauy", p.Emity, p.Tauy}, {"espread", "tauz", p.Espread, p.Tauz}} {
		if !(t.tau >= 0) {
			return fmt.Errorf("%s %g: must be greater than or equal to 0", t.tname, t.tau)
		}
		if !(t.emit >= 0) {
			return fmt.Errorf("%s %g: must be greater than or equal to 0", t.name, t.emit)
		}
		if t.emit > 0 && t.tau == 0 {
			return fmt.Errorf("%s %g given: %s must be non zero", t.name, t.emit, t.tname)
		}
	}
	return nil
}

// broadcastLen is numpy's broadcasting of 1-D lengths: each is 1 or the
// common length.
func broadcastLen(ns ...int) (int, error) {
	n := 1
	for _, k := range ns {
		switch {
		case k == 1 || k == n:
		case n == 1:
			n = k
		default:
			return 0, fmt.Errorf("lengths %v do not broadcast", ns)
		}
	}
	return n, nil
}

// dampingFactor is SimpleRadiation's diagonal entry exp(-2/tau), 1 for
// tau = 0 (no damping).
func dampingFactor(tau float64) float64 {
	if tau == 0 {
		return 1
	}
	return math.Exp(-2 / tau)
}

// simpleRingM66 is simple_ring's uncoupled one-turn matrix: the
// Courant-Snyder rotations of the tunes with the dispersion closed
// (M04 = (1-M00) Dx - M01 Dx', M14 = -M10 Dx + (1-M11) Dx'), M54 = alpha
// circumference, and identity elsewhere in the longitudinal plane.
func simpleRingM66(p *SimpleRingParams) Mat66 {
	sx, cx := math.Sin(2*math.Pi*p.Qx), math.Cos(2*math.Pi*p.Qx)
	sy, cy := math.Sin(2*math.Pi*p.Qy), math.Cos(2*math.Pi*p.Qy)
	var m Mat66
	m[0][0] = cx + p.Alphax*sx
	m[0][1] = p.Betax * sx
	m[1][0] = -(1.0 + p.Alphax*p.Alphax) / p.Betax * sx
	m[1][1] = cx - p.Alphax*sx
	m[0][4] = (1-m[0][0])*p.Dispx - m[0][1]*p.Dispxp
	m[1][4] = -m[1][0]*p.Dispx + (1-m[1][1])*p.Dispxp
	m[2][2] = cy + p.Alphay*sy
	m[2][3] = p.Betay * sy
	m[3][2] = -(1.0 + p.Alphay*p.Alphay) / p.Betay * sy
	m[3][3] = cy - p.Alphay*sy
	m[2][4] = (1-m[2][2])*p.Dispy - m[2][3]*p.Dispyp
	m[3][4] = -m[3][2]*p.Dispy + (1-m[3][3])*p.Dispyp
	m[4][4] = 1
	m[5][4] = p.Alpha * p.Circumference
	m[5][5] = 1
	return m
}
