package tracking

import (
	"github.com/gotrack/gotrack/tracking/collective"
)

// MomentColumns names the columns of Result.Moments: the number of live
// particles; the means of x, px, y, py, delta, ct; the central second
// moments <(u-<u>)(v-<v>)> of every pair (upper triangle, row by row:
// x.x, x.px, ..., ct.ct); and the rms emittances of the three planes,
// sqrt(<x²><px²> - <x.px>²) with central moments (geometric, m·rad). It is
// collective.MomentColumns.
var MomentColumns = collective.MomentColumns

// moments appends one row of MomentColumns, computed where the beam lives
// from exact sums over all processes.
func (r *runner) moments() error {
	row, err := collective.TurnMoments(r.coll, r.opt.Exchange)
	if err != nil {
		return err
	}
	r.momentsRows = append(r.momentsRows, row...)
	return nil
}
