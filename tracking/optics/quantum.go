package optics

import (
	"fmt"
	"math"
	"strings"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

// GenQuantDiffElem is PyAT's at.gen_quantdiff_elem: a QuantDiffPass
// element ("Diffusion", zero length) whose Lmatp is the lower-triangular
// factor L of the lattice's quantum diffusion matrix D (QuantDiffMat
// around the closed orbit, or opt.Orbit), L Lᵀ = D. Appended to the
// lattice, it adds each turn the random kick that the radiating magnets'
// photon emission gives, lumped in one place: tracking then reaches the
// equilibrium of OhmiEnvelope. Planes without diffusion (the vertical
// plane of a flat lattice) give zero columns, as D is only positive
// semi-definite there.
func GenQuantDiffElem(lat *tracking.Lattice, opt *EnvelopeOptions) (*tracking.Element, error) {
	if !HasRadiation(lat) {
		return nil, fmt.Errorf("gen_quantdiff_elem: the lattice has no radiating magnet (no diffusion): enable radiation first (Enable6D)")
	}
	d, err := QuantDiffMat(lat, opt)
	if err != nil {
		return nil, fmt.Errorf("gen_quantdiff_elem: %w", err)
	}
	l, err := semiCholesky(d)
	if err != nil {
		return nil, fmt.Errorf("gen_quantdiff_elem: %w", err)
	}
	rows := make([][]float64, 6)
	for i := range rows {
		rows[i] = append([]float64(nil), l[i][:]...)
	}
	e := &tracking.Element{FamName: "Diffusion", PassMethod: "QuantDiffPass"}
	e.Set("Length", 0.0)
	e.Set("Lmatp", rows)
	return e, nil
}

// WithQuantumDiffusion returns a copy of lat with GenQuantDiffElem's
// element appended at its end (lat is not modified): the lattice tracked
// by gotrack track --quantum. Its elements are shared with lat.
func WithQuantumDiffusion(lat *tracking.Lattice, opt *EnvelopeOptions) (*tracking.Lattice, error) {
	e, err := GenQuantDiffElem(lat, opt)
	if err != nil {
		return nil, err
	}
	c := *lat
	c.Elements = append(append([]*tracking.Element(nil), lat.Elements...), e)
	return &c, nil
}

// semiCholesky factors the symmetric positive semi-definite d as L Lᵀ,
// L lower triangular. A pivot below 1e-12 of the largest diagonal value
// (a plane without diffusion, or rounding) gives a zero column; a clearly
// negative pivot is an error.
func semiCholesky(d Mat66) (Mat66, error) {
	var l Mat66
	top := 0.0
	for i := 0; i < 6; i++ {
		if math.IsNaN(d[i][i]) || math.IsInf(d[i][i], 0) {
			return l, fmt.Errorf("diffusion matrix has %v on its diagonal (coordinate %d)", d[i][i], i)
		}
		top = math.Max(top, math.Abs(d[i][i]))
	}
	for j := 0; j < 6; j++ {
		p := d[j][j]
		for k := 0; k < j; k++ {
			p -= l[j][k] * l[j][k]
		}
		if p < -1e-9*top {
			return l, fmt.Errorf("diffusion matrix is not positive semi-definite (pivot %g of coordinate %d, largest diagonal %g)", p, j, top)
		}
		if p <= 1e-12*top {
			continue
		}
		l[j][j] = math.Sqrt(p)
		for i := j + 1; i < 6; i++ {
			s := (d[i][j] + d[j][i]) / 2
			for k := 0; k < j; k++ {
				s -= l[i][k] * l[j][k]
			}
			l[i][j] = s / l[j][j]
		}
	}
	return l, nil
}

// deterministic returns lat with its stochastic elements made
// deterministic, for the optics: the quantum-diffusion elements become
// IdentityPass and the *QuantPass magnets their *RadPass twins (classical
// radiation: the mean photon emission). lat itself is returned when it
// has no stochastic element.
func deterministic(lat *tracking.Lattice) *tracking.Lattice {
	var c *tracking.Lattice
	for i, e := range lat.Elements {
		m, ok := device.MethodByName(e.PassMethod)
		if !ok || !m.Stochastic() {
			continue
		}
		if c == nil {
			cp := *lat
			cp.Elements = append([]*tracking.Element(nil), lat.Elements...)
			c = &cp
		}
		n := e.Clone()
		switch {
		case strings.HasSuffix(e.PassMethod, "QuantPass"):
			n.PassMethod = strings.TrimSuffix(e.PassMethod, "QuantPass") + "RadPass"
		default:
			n.PassMethod = "IdentityPass"
		}
		c.Elements[i] = n
	}
	if c == nil {
		return lat
	}
	return c
}
