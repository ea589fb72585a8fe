package optics

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking"
)

// PyAT's DConstant defaults (at/lattice/options.py).
const (
	// XYStep is PyAT's DConstant.XYStep: the transverse step of the
	// finite differences [m, rad].
	XYStep = 3e-8
	// DPStep is PyAT's DConstant.DPStep: the momentum (and ct) step of
	// the finite differences.
	DPStep = 3e-6
	// OrbConvergence is PyAT's DConstant.OrbConvergence: Newton stops
	// when the norm of the correction is at most this.
	OrbConvergence = 1e-12
	// OrbMaxIter is PyAT's DConstant.OrbMaxIter: the most Newton
	// iterations.
	OrbMaxIter = 20
)

// Options choose the backend the finite differences are tracked on and,
// when not zero, override PyAT's numerical constants.
type Options struct {
	// Device, Open and Backend are passed to tracking.Options as they are
	// (the backend name, its constructor, its knobs).
	Device  string
	Open    device.Factory
	Backend device.Config
	// XYStep, DPStep, Convergence and MaxIterations replace PyAT's
	// DConstant values when positive.
	XYStep        float64
	DPStep        float64
	Convergence   float64
	MaxIterations int
}

func (o *Options) xyStep() float64 {
	if o != nil && o.XYStep > 0 {
		return o.XYStep
	}
	return XYStep
}

func (o *Options) dpStep() float64 {
	if o != nil && o.DPStep > 0 {
		return o.DPStep
	}
	return DPStep
}

func (o *Options) convergence() float64 {
	if o != nil && o.Convergence > 0 {
		return o.Convergence
	}
	return OrbConvergence
}

func (o *Options) maxIter() int {
	if o != nil && o.MaxIterations > 0 {
		return o.MaxIterations
	}
	return OrbMaxIter
}

// Vec6 is a 6D phase-space vector in AT's order (x, px, y, py, delta, ct).
type Vec6 = [6]float64

// trackOnce tracks the particles through one turn of lat, all of them as
// one beam, and returns them at the end and, when refpts is not empty, at
// each refpt (out[k][i] for refpt k and particle i). refpts must be
// sorted, without duplicates, in 0..len(lat.Elements). A lost particle is
// an error.
func trackOnce(lat *tracking.Lattice, parts []Vec6, refpts []int, opt *Options) ([]Vec6, [][]Vec6, error) {
	beam := tracking.BeamFromRows(parts)
	to := tracking.Options{Turns: 1, Refpts: refpts}
	if opt != nil {
		to.Device, to.Open, to.Backend = opt.Device, opt.Open, opt.Backend
	}
	res, err := tracking.Track(deterministic(lat), beam, to)
	if err != nil {
		return nil, nil, err
	}
	n := len(parts)
	for i, lost := range res.Lost {
		if lost {
			return nil, nil, fmt.Errorf("particle %d of %d lost at element %d (coordinates %v)", i, n, res.LostElement[i], res.LostCoords.Particle(i))
		}
	}
	final := make([]Vec6, n)
	for i := range final {
		final[i] = res.Final.Particle(i)
	}
	var mon [][]Vec6
	if len(refpts) > 0 {
		if len(res.Refpts) != len(refpts) {
			return nil, nil, fmt.Errorf("the backend recorded %d refpts, %d asked", len(res.Refpts), len(refpts))
		}
		mon = make([][]Vec6, len(refpts))
		for k := range refpts {
			mon[k] = make([]Vec6, n)
			for i := 0; i < n; i++ {
				mon[k][i] = res.MonitorAt(0, k, i)
			}
		}
	}
	return final, mon, nil
}

// checkRefpts returns refpts sorted and checked to lie in 0..n, or an
// error; duplicates are an error (the matrices and optics are returned
// per refpt, in the order given, which must therefore be increasing).
func checkRefpts(refpts []int, n int) error {
	for k, r := range refpts {
		if r < 0 || r > n {
			return fmt.Errorf("refpt %d out of range 0..%d", r, n)
		}
		if k > 0 && r <= refpts[k-1] {
			return fmt.Errorf("refpts must be increasing (%d after %d)", r, refpts[k-1])
		}
	}
	return nil
}

// AllRefpts returns 0..len(lat.Elements), PyAT's refpts=at.All.
func AllRefpts(lat *tracking.Lattice) []int {
	r := make([]int, len(lat.Elements)+1)
	for i := range r {
		r[i] = i
	}
	return r
}

func finiteVec(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
