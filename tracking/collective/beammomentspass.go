package collective

import (
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

// Apply records the means and standard deviations of this pass.
func (m *beamMoments) Apply(beam device.Collective, r *Ring, _ int) error {
	bn := &device.Binning{NBunch: r.NBunch, First: r.First}
	counts, sums, err := accumulate(beam, bn, linearAndSquares, r.Exchange)
	if err != nil {
		return err
	}
	means, stds := make([][6]float64, r.NBunch), make([][6]float64, r.NBunch)
	for b := 0; b < r.NBunch; b++ {
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

// Finish appends the recorded moments to res.BeamMoments.
func (m *beamMoments) Finish(_ Element, index int, res *Results) {
	res.BeamMoments = append(res.BeamMoments, BeamMoments{Element: index, Means: m.means, Stds: m.stds})
}
