package collective

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"
)

// coordNames are AT's coordinates, as tracking.CoordNames.
var coordNames = [6]string{"x", "px", "y", "py", "delta", "ct"}

// MomentColumns names the values of one row of TurnMoments: the number of
// live particles; the means of x, px, y, py, delta, ct; the central second
// moments <(u-<u>)(v-<v>)> of every pair (upper triangle, row by row:
// x.x, x.px, ..., ct.ct); and the rms emittances of the three planes,
// sqrt(<x²><px²> - <x.px>²) with central moments (geometric, m·rad).
var MomentColumns = momentColumns()

func momentColumns() []string {
	c := []string{"live"}
	for _, n := range coordNames {
		c = append(c, "mean_"+n)
	}
	for i := 0; i < 6; i++ {
		for j := i; j < 6; j++ {
			c = append(c, fmt.Sprintf("%s.%s", coordNames[i], coordNames[j]))
		}
	}
	return append(c, "emit_x", "emit_y", "emit_z")
}

var momentTerms = func() []device.Term {
	t := []device.Term{}
	for k := int8(0); k < 6; k++ {
		t = append(t, device.Term{A: k, B: -1})
	}
	for i := int8(0); i < 6; i++ {
		for j := i; j < 6; j++ {
			t = append(t, device.Term{A: i, B: j})
		}
	}
	return t
}()

// TurnMoments returns one row of MomentColumns for the live particles of
// the beam, computed where the beam lives from exact sums over all
// processes (combined through ex; nil for one process).
func TurnMoments(beam device.Collective, ex device.Exchange) ([]float64, error) {
	bn := &device.Binning{NBunch: 1}
	counts, sums, err := accumulate(beam, bn, momentTerms, ex)
	if err != nil {
		return nil, err
	}
	n := counts[0]
	s := sums[0]
	row := make([]float64, 0, len(MomentColumns))
	row = append(row, n)
	var mean [6]float64
	for k := 0; k < 6; k++ {
		mean[k] = s[k] / n
		row = append(row, mean[k])
	}
	var sig [6][6]float64
	t := 6
	for i := 0; i < 6; i++ {
		for j := i; j < 6; j++ {
			sig[i][j] = s[t]/n - float64(mean[i]*mean[j])
			sig[j][i] = sig[i][j]
			row = append(row, sig[i][j])
			t++
		}
	}
	for p := 0; p < 3; p++ {
		a, b := 2*p, 2*p+1
		row = append(row, math.Sqrt(float64(sig[a][a]*sig[b][b])-float64(sig[a][b]*sig[a][b])))
	}
	return row, nil
}
