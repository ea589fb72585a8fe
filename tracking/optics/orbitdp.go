package optics

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/tracking"
)

// RevolutionFrequency is PyAT's get_revolution_frequency(ring, dp=dp) [Hz]:
// beta c over the full ring's length, the cell's length lengthened by the
// path difference dct of one turn on the 4D closed orbit at momentum
// deviation dp (the lattice with longitudinal motion turned off, see
// Disable6D). As in PyAT with dp given, dct is computed also for dp = 0.
func RevolutionFrequency(lat *tracking.Lattice, dp float64, opt *Options) (float64, error) {
	lcell := lat.Length()
	cellFrev := lat.Beta() * tracking.C0 / lcell
	{
		flat := lat
		if lat.Is6D() {
			flat = Disable6D(lat)
		}
		o, err := orbitDP(flat, dp, opt)
		if err != nil {
			return 0, fmt.Errorf("revolution frequency at dp=%g: %w", dp, err)
		}
		out, _, err := trackOnce(flat, []Vec6{o}, nil, opt)
		if err != nil {
			return 0, fmt.Errorf("revolution frequency at dp=%g: %w", dp, err)
		}
		dct := out[0][5]
		cellFrev *= lcell / (lcell + dct)
	}
	return cellFrev / float64(max(lat.Periodicity, 1)), nil
}

// WithNominalRF is PyAT's set_rf_frequency(ring, dp=dp, copy=True): a copy
// of lat whose RF cavities run at the frequency that puts the 6D closed
// orbit at momentum deviation dp. Each cavity takes its cell harmonic
// number (HarmNumber, or its Frequency over the cell revolution frequency,
// rounded) times the cell revolution frequency at dp. The cavities are
// copied; lat is not modified.
func WithNominalRF(lat *tracking.Lattice, dp float64, opt *Options) (*tracking.Lattice, error) {
	frev, err := RevolutionFrequency(lat, dp, opt)
	if err != nil {
		return nil, err
	}
	cellF := frev * float64(max(lat.Periodicity, 1))
	c := *lat
	c.Elements = append([]*tracking.Element(nil), lat.Elements...)
	found := false
	for i, e := range lat.Elements {
		if !tracking.IsRFCavity(e) {
			continue
		}
		found = true
		h, _, err := e.Float("HarmNumber")
		if err != nil {
			return nil, &tracking.ElementError{File: lat.File, Index: i, FamName: e.FamName, Attr: "HarmNumber", Err: err}
		}
		if h == 0 {
			f, _, err := e.Float("Frequency")
			if err != nil {
				return nil, &tracking.ElementError{File: lat.File, Index: i, FamName: e.FamName, Attr: "Frequency", Err: err}
			}
			h = math.RoundToEven(f / cellF)
		}
		n := e.Clone()
		n.Set("Frequency", h*cellF)
		c.Elements[i] = n
	}
	if !found {
		return nil, fmt.Errorf("no cavity found in the lattice")
	}
	return &c, nil
}

// FindOrbit6Dp is PyAT's find_orbit6(ring, refpts, dp=dp): the 6D closed
// orbit of lat with its RF frequency set for momentum deviation dp
// (WithNominalRF), the frequency shift that moves the orbit off momentum
// as a real machine does. Without radiation the orbit's delta is dp.
func FindOrbit6Dp(lat *tracking.Lattice, dp float64, refpts []int, opt *Options) (*Orbit, error) {
	shifted, err := WithNominalRF(lat, dp, opt)
	if err != nil {
		return nil, fmt.Errorf("find_orbit6(dp=%g): %w", dp, err)
	}
	o, err := orbit6(shifted, opt)
	if err != nil {
		return nil, fmt.Errorf("find_orbit6(dp=%g): %w", dp, err)
	}
	return orbitAt(shifted, o, refpts, opt, "find_orbit6")
}
