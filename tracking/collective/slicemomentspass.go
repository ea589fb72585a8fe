package collective

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"
)

// sliceMoments is a compiled SliceMomentsPass element (AT's
// SliceMomentsPass.c): for passes startturn..endturn-1 of a run, per bunch
// and slice of ct, the means and standard deviations of x, y and delta,
// the slice centres and weights.
type sliceMoments struct {
	nslice, start, end int
	zcuts              []float64
	res                SliceMoments
}

func compileSliceMoments(a attrs, r *Ring) (*sliceMoments, error) {
	m := &sliceMoments{}
	var err error
	if m.nslice, err = a.int("nslice", true); err != nil {
		return nil, err
	}
	if m.start, err = a.int("_startturn", true); err != nil {
		return nil, err
	}
	if m.end, err = a.int("_endturn", true); err != nil {
		return nil, err
	}
	if m.nslice < 1 {
		return nil, &AttrError{Attr: "nslice", Err: fmt.Errorf("need at least one slice, got %d", m.nslice)}
	}
	if err := checkBins(r, m.nslice, "nslice"); err != nil {
		return nil, err
	}
	if m.start < 0 || m.end < 0 || m.start > m.end {
		return nil, &AttrError{Attr: "_startturn", Err: fmt.Errorf("need 0 <= _startturn <= _endturn, got %d and %d", m.start, m.end)}
	}
	m.end = min(m.end, r.Turns) // PyAT clips endturn to the number of turns
	if m.zcuts, err = a.vec("ZCuts", 2, false); err != nil {
		return nil, err
	}
	return m, nil
}

var sliceTerms = []device.Term{device.Linear(0), device.Linear(2), device.Linear(4), device.Product(0, 0), device.Product(2, 2), device.Product(4, 4)}

// Apply records the slice moments of this pass when it lies in
// _startturn.._endturn-1.
func (m *sliceMoments) Apply(beam device.Collective, r *Ring, turn int) error {
	if turn < m.start || turn >= m.end {
		return nil
	}
	bn, err := bounds(beam, r, m.zcuts, m.nslice)
	if err != nil {
		return err
	}
	counts, sums, err := accumulate(beam, bn, sliceTerms, r.Exchange)
	if err != nil {
		return err
	}
	np := r.population()
	nb := r.NBunch
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
			if r.BeamCurrent > 0 {
				weights[b][s] = w * (r.Currents[b] / np[b])
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

// Finish appends the recorded slice moments to res.SliceMoments.
func (m *sliceMoments) Finish(_ Element, index int, res *Results) {
	m.res.Element = index
	m.res.StartTurn = m.start
	res.SliceMoments = append(res.SliceMoments, m.res)
}
