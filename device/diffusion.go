package device

import "fmt"

// DiffusionMatrices is an optional backend capability: the quantum-
// excitation diffusion matrices of AT's radiating passmethods (the bdiff
// that AT's diffusion_matrix returns, accumulated through a thick
// radiating magnet along the orbit, with the transfer of the matrix
// through every drift, kick and edge of the integrator), the input of
// PyAT's ohmi_envelope and quantdiffmat.
//
// Elements lists plan element indices; orbits[k] is the particle at the
// entrance of element Elements[k] (the closed orbit there). The result
// holds 36 values per element, column-major (out[36*k+i+6*j] = B[i][j]).
// Elements without a diffusion matrix (see Method.HasDiffusion) and
// elements entered by a lost particle (NaN x) give zeros.
type DiffusionMatrices interface {
	DiffusionMatrices(p *Plan, elements []int, orbits [][6]float64) ([]float64, error)
}

// HasDiffusion reports whether gotrack computes the method's diffusion
// matrix for ohmi_envelope and quantdiffmat, as PyAT's _dmatr does for
// every "...RadPass" element: StrMPoleSymplectic4RadPass,
// BndMPoleSymplectic4RadPass and ExactMultipoleRadPass have their own;
// PyAT computes the others (BndMPoleSymplectic4E2RadPass and the exact
// bends ExactSectorBendRadPass, ExactRectangularBendRadPass and
// ExactRectBendRadPass) as BndMPoleSymplectic4RadPass with the same
// attributes. Other radiating passmethods (the wiggler, lumped radiation)
// damp in tracking but add no diffusion to the envelope.
func (m Method) HasDiffusion() bool {
	switch m {
	case StrMPoleSymplectic4RadPass, BndMPoleSymplectic4RadPass, BndMPoleSymplectic4E2RadPass,
		ExactMultipoleRadPass, ExactSectorBendRadPass, ExactRectangularBendRadPass, ExactRectBendRadPass:
		return true
	}
	return false
}

// CheckDiffusionRequest checks that elements are plan indices and that
// there is one orbit per element.
func CheckDiffusionRequest(p *Plan, elements []int, orbits [][6]float64) error {
	if len(orbits) != len(elements) {
		return fmt.Errorf("diffusion matrices: %d elements but %d orbits", len(elements), len(orbits))
	}
	for _, i := range elements {
		if i < 0 || i >= len(p.Elements) {
			return fmt.Errorf("diffusion matrices: element index %d outside the plan's %d elements", i, len(p.Elements))
		}
	}
	return nil
}
