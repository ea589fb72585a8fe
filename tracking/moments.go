package tracking

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"
)

// beamMoments is a compiled BeamMomentsPass element (AT's
// BeamMomentsPass.c): per pass and bunch, the means and standard
// deviations of the six coordinates over the live particles.
type beamMoments struct {
	means, stds [][][6]float64 // [pass][bunch]
}

var linearAndSquares = []device.Term{
	device.Linear(0), device.Linear(1), device.Linear(2), device.Linear(3), device.Linear(4), device.Linear(5),
	device.Product(0, 0), device.Product(1, 1), device.Product(2, 2), device.Product(3, 3), device.Product(4, 4), device.Product(5, 5),
}

func (m *beamMoments) apply(beam device.Collective, r *ring, _ int) error {
	bn := &device.Binning{NBunch: r.nbunch, First: r.first}
	counts, sums, err := accumulate(beam, bn, linearAndSquares, r.ex)
	if err != nil {
		return err
	}
	means, stds := make([][6]float64, r.nbunch), make([][6]float64, r.nbunch)
	for b := 0; b < r.nbunch; b++ {
		n := counts[b]
		for k := 0; k < 6; k++ {
			mu := sums[b][k] / n
			means[b][k] = mu
			stds[b][k] = math.Sqrt(sums[b][6+k]/n - float64(mu*mu))
		}
	}
	m.means = append(m.means, means)
	m.stds = append(m.stds, stds)
	return nil
}

func (m *beamMoments) finish(_ *Element, res *Result, index int) {
	res.BeamMoments = append(res.BeamMoments, BeamMoments{Element: index, Means: m.means, Stds: m.stds})
}

// BeamMoments are the results of a BeamMomentsPass element:
// Means[pass][bunch][k] and Stds[pass][bunch][k] for the coordinates k =
// x, px, y, py, delta, ct over the live particles (AT's _means and _stds).
type BeamMoments struct {
	Element     int
	Means, Stds [][][6]float64
}

// sliceMoments is a compiled SliceMomentsPass element (AT's
// SliceMomentsPass.c): for passes startturn..endturn-1 of a run, per bunch
// and slice of ct, the means and standard deviations of x, y and delta,
// the slice centres and weights.
type sliceMoments struct {
	nslice, start, end int
	zcuts              []float64
	res                SliceMoments
}

func compileSliceMoments(el *Element, r *ring) (*sliceMoments, error) {
	m := &sliceMoments{}
	var err error
	if m.nslice, err = attrInt(el, "nslice", true); err != nil {
		return nil, err
	}
	if m.start, err = attrInt(el, "_startturn", true); err != nil {
		return nil, err
	}
	if m.end, err = attrInt(el, "_endturn", true); err != nil {
		return nil, err
	}
	if m.nslice < 1 {
		return nil, &ElementError{Attr: "nslice", Err: fmt.Errorf("need at least one slice, got %d", m.nslice)}
	}
	if m.start < 0 || m.end < 0 || m.start > m.end {
		return nil, &ElementError{Attr: "_startturn", Err: fmt.Errorf("need 0 <= _startturn <= _endturn, got %d and %d", m.start, m.end)}
	}
	m.end = min(m.end, r.turns) // PyAT clips endturn to the number of turns
	if m.zcuts, err = attrVec(el, "ZCuts", 2, false); err != nil {
		return nil, err
	}
	return m, nil
}

var sliceTerms = []device.Term{device.Linear(0), device.Linear(2), device.Linear(4), device.Product(0, 0), device.Product(2, 2), device.Product(4, 4)}

func (m *sliceMoments) apply(beam device.Collective, r *ring, turn int) error {
	if turn < m.start || turn >= m.end {
		return nil
	}
	bn, err := bounds(beam, r, m.zcuts, m.nslice)
	if err != nil {
		return err
	}
	counts, sums, err := accumulate(beam, bn, sliceTerms, r.ex)
	if err != nil {
		return err
	}
	np := r.population()
	nb := r.nbunch
	means := make([][][3]float64, nb)
	stds := make([][][3]float64, nb)
	spos := make([][]float64, nb)
	weights := make([][]float64, nb)
	for b := 0; b < nb; b++ {
		means[b] = make([][3]float64, m.nslice)
		stds[b] = make([][3]float64, m.nslice)
		spos[b] = make([]float64, m.nslice)
		weights[b] = make([]float64, m.nslice)
		for s := 0; s < m.nslice; s++ {
			i := b*m.nslice + s
			w := counts[i]
			for k := 0; k < 3; k++ {
				if w > 0 {
					mu := sums[i][k] / w
					means[b][s][k] = mu
					stds[b][s][k] = math.Sqrt(sums[i][3+k]/w - float64(mu*mu))
				} else {
					means[b][s][k], stds[b][s][k] = math.NaN(), math.NaN()
				}
			}
			spos[b][s] = bn.Lo[b] + float64((float64(s)+0.5)*bn.H[b])
			if r.beamCurrent > 0 {
				weights[b][s] = w * (r.currents[b] / np[b])
			} else {
				weights[b][s] = w * (1.0 / np[b])
			}
		}
	}
	m.res.Means = append(m.res.Means, means)
	m.res.Stds = append(m.res.Stds, stds)
	m.res.Spos = append(m.res.Spos, spos)
	m.res.Weights = append(m.res.Weights, weights)
	return nil
}

func (m *sliceMoments) finish(_ *Element, res *Result, index int) {
	m.res.Element = index
	m.res.StartTurn = m.start
	res.SliceMoments = append(res.SliceMoments, m.res)
}

// SliceMoments are the results of a SliceMomentsPass element for the
// passes StartTurn, StartTurn+1, ...: Means[k][bunch][slice] and
// Stds[k][bunch][slice] of (x, y, delta) over the live particles of each
// slice (NaN for an empty slice), Spos[k][bunch][slice] the slice centres
// (ct, without the bunch offset) and Weights[k][bunch][slice] the slice
// charges (AT's _means, _stds, _spos and _weights).
type SliceMoments struct {
	Element     int
	StartTurn   int
	Means, Stds [][][][3]float64
	Spos        [][][]float64
	Weights     [][][]float64
}
