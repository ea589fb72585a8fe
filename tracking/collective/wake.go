package collective

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/gotrack/gotrack/device"

	"github.com/gotrack/gotrack/tracking/internal/attrval"
)

// wake is a compiled WakeFieldPass element (AT's WakeFieldPass.c and
// atimplib.c): the beam is cut into slices of ct per bunch, the slice
// centroids and charges join a history of the last nturns passes, and each
// slice of the newest pass is kicked by the wake of every stored slice
// ahead of it.
type wake struct {
	nslice, nturns int
	nf             [3]float64 // NormFact * _wakefact, per plane (x, y, z)
	t              []float64  // _wakeT: distance behind the source [m]
	// the components; nil when absent
	dx, dy, qx, qy, z, cx, cy []float64
	zcuts                     []float64
	// hist is AT's _turnhistory, (nturns*nbunch*nslice) rows of
	// (x, y, z, weight), stored column by column as C reads it.
	hist []float64
	rows int
}

var wakeTables = []string{"_wakeDX", "_wakeDY", "_wakeQX", "_wakeQY", "_wakeZ", "_wakeCX", "_wakeCY"}

func compileWake(a attrs, r *Ring) (*wake, error) {
	w := &wake{}
	var err error
	if w.nslice, err = a.int("_nslice", true); err != nil {
		return nil, err
	}
	if w.nturns, err = a.int("_nturns", true); err != nil {
		return nil, err
	}
	if w.nslice < 1 || w.nturns < 1 {
		return nil, &AttrError{Attr: "_nslice", Err: fmt.Errorf("need at least one slice and one turn, got %d slices, %d turns", w.nslice, w.nturns)}
	}
	if err := checkBins(r, w.nslice, "_nslice"); err != nil {
		return nil, err
	}
	nelem, err := a.int("_nelem", true)
	if err != nil {
		return nil, err
	}
	wf, err := a.float("_wakefact", true)
	if err != nil {
		return nil, err
	}
	nf, err := a.vec("NormFact", 3, true)
	if err != nil {
		return nil, err
	}
	for k := range w.nf {
		w.nf[k] = nf[k] * wf
	}
	if w.t, err = a.vec("_wakeT", 0, true); err != nil {
		return nil, err
	}
	if len(w.t) != nelem || nelem < 2 {
		return nil, &AttrError{Attr: "_wakeT", Err: fmt.Errorf("has %d values, _nelem says %d (at least 2 needed)", len(w.t), nelem)}
	}
	for i := 1; i < nelem; i++ {
		if !(w.t[i] > w.t[i-1]) {
			return nil, &AttrError{Attr: "_wakeT", Err: fmt.Errorf("not increasing at index %d (%g after %g)", i, w.t[i], w.t[i-1])}
		}
	}
	tabs := []*[]float64{&w.dx, &w.dy, &w.qx, &w.qy, &w.z, &w.cx, &w.cy}
	any := false
	for i, name := range wakeTables {
		v, err := a.vec(name, 0, false)
		if err != nil {
			return nil, err
		}
		if v != nil && len(v) != nelem {
			return nil, &AttrError{Attr: name, Err: fmt.Errorf("has %d values, _wakeT has %d", len(v), nelem)}
		}
		*tabs[i] = v
		any = any || v != nil
	}
	if !any {
		return nil, &AttrError{Attr: "_wakeZ", Err: errors.New("no wake component (_wakeDX, _wakeDY, _wakeQX, _wakeQY, _wakeZ, _wakeCX or _wakeCY)")}
	}
	if w.zcuts, err = a.vec("ZCuts", 2, false); err != nil {
		return nil, err
	}
	if err := w.history(a, r); err != nil {
		return nil, err
	}
	return w, nil
}

// maxHistoryRows bounds _nturns*nbunch*_nslice, the rows of a wake's
// turn history (32 bytes each): far above any real ring (PyAT's cases
// have thousands), it turns a mistyped _nturns or _nslice into an error
// rather than an allocation the machine cannot make.
const maxHistoryRows = 1 << 27

// history sizes the turn history and reads the one the element holds
// from an earlier run (_turnhistory), checking its shape row by row.
func (w *wake) history(a attrs, r *Ring) error {
	rows := float64(w.nturns) * float64(r.NBunch) * float64(w.nslice)
	if rows > maxHistoryRows {
		return &AttrError{Attr: "_nturns", Err: fmt.Errorf("_nturns*nbunch*_nslice = %d*%d*%d = %.4g history rows, more than the %d gotrack holds", w.nturns, r.NBunch, w.nslice, rows, maxHistoryRows)}
	}
	w.rows = w.nturns * r.NBunch * w.nslice
	w.hist = make([]float64, 4*w.rows)
	v, ok := a.el.Get("_turnhistory")
	if !ok {
		return nil
	}
	m, isMat := v.([][]float64)
	if !isMat || len(m) != w.rows {
		return &AttrError{Attr: "_turnhistory", Err: fmt.Errorf("want a %dx4 matrix (_nturns*nbunch*_nslice = %d*%d*%d rows), got %s", w.rows, w.nturns, r.NBunch, w.nslice, attrval.Describe(v))}
	}
	for i, row := range m {
		if len(row) != 4 {
			return &AttrError{Attr: "_turnhistory", Err: fmt.Errorf("want a %dx4 matrix, row %d has %d values", w.rows, i, len(row))}
		}
		for j := 0; j < 4; j++ {
			w.hist[j*w.rows+i] = row[j]
		}
	}
	return nil
}

// Apply runs one pass of the wake element.
func (w *wake) Apply(beam device.Collective, r *Ring, _ int) error {
	s := w.nslice * r.NBunch // slices of one pass
	hx, hy, hz, hw := w.hist[:w.rows], w.hist[w.rows:2*w.rows], w.hist[2*w.rows:3*w.rows], w.hist[3*w.rows:]
	// Age the history by one pass: each block moves one place towards the
	// start, one ring length further ahead; the newest block is cleared.
	for b := 0; b < w.nturns-1; b++ {
		copy(hx[b*s:(b+1)*s], hx[(b+1)*s:(b+2)*s])
		copy(hy[b*s:(b+1)*s], hy[(b+1)*s:(b+2)*s])
		copy(hw[b*s:(b+1)*s], hw[(b+1)*s:(b+2)*s])
		for i := 0; i < s; i++ {
			hz[b*s+i] = hz[(b+1)*s+i] - r.RingLength
		}
	}
	last := (w.nturns - 1) * s
	for _, col := range [][]float64{hx, hy, hz, hw} {
		clear(col[last:])
	}

	bn, err := bounds(beam, r, w.zcuts, w.nslice)
	if err != nil {
		return err
	}
	counts, sums, err := accumulate(beam, bn, []device.Term{device.Linear(0), device.Linear(2), device.Linear(5)}, r.Exchange)
	if err != nil {
		return err
	}
	np := r.population()
	for i := 0; i < s; i++ {
		b := i / w.nslice
		n := counts[i]
		j := last + i
		if n > 0 {
			hz[j] = sums[i][2] / n
			hx[j] = sums[i][0] / n
			hy[j] = sums[i][1] / n
		} else {
			hz[j] = bn.Lo[b] + float64((float64(i%w.nslice)+0.5)*bn.H[b])
		}
		hz[j] += r.Spos[b] - r.Spos[r.NBunch-1]
		if np[b] == 0 {
			hw[j] = 0
		} else {
			hw[j] = n * (r.Currents[b] / np[b])
		}
	}

	k := device.Kicks{Z: make([]float64, s), X: make([]float64, s), X2: make([]float64, s), CX: make([]float64, s),
		Y: make([]float64, s), Y2: make([]float64, s), CY: make([]float64, s)}
	// Each slice's kick is a sum over the stored slices in AT's order; the
	// slices are shared among goroutines when there is enough work.
	workers := 1
	if s*w.rows >= 1<<16 {
		workers = min(runtime.GOMAXPROCS(0), s)
	}
	var wg sync.WaitGroup
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				w.kick(&k, i, last, hx, hy, hz, hw)
			}
		}(g*s/workers, (g+1)*s/workers)
	}
	wg.Wait()
	return beam.Kick(bn, &k)
}

// kick sums the wake of every stored slice on slice i of the newest pass
// (AT's compute_kicks).
func (w *wake) kick(k *device.Kicks, i, last int, hx, hy, hz, hw []float64) {
	if !(hw[last+i] > 0) {
		return
	}
	tlo, thi := w.t[0], w.t[len(w.t)-1]
	zi := hz[last+i]
	for j := 0; j < w.rows; j++ {
		ds := zi - hz[j]
		wj := hw[j]
		if !(wj > 0 && ds >= tlo && ds < thi) {
			continue
		}
		idx := tableIndex(w.t, ds)
		if w.dx != nil {
			k.X[i] += float64(float64(float64(hx[j]*w.nf[0])*wj) * w.tableWake(w.dx, ds, idx))
		}
		if w.dy != nil {
			k.Y[i] += float64(float64(float64(hy[j]*w.nf[1])*wj) * w.tableWake(w.dy, ds, idx))
		}
		if w.qx != nil {
			k.X2[i] += float64(float64(w.nf[0]*wj) * w.tableWake(w.qx, ds, idx))
		}
		if w.qy != nil {
			k.Y2[i] += float64(float64(w.nf[1]*wj) * w.tableWake(w.qy, ds, idx))
		}
		if w.z != nil {
			k.Z[i] += float64(float64(w.nf[2]*wj) * w.tableWake(w.z, ds, idx))
		}
		if w.cx != nil {
			k.CX[i] += float64(float64(w.nf[0]*wj) * w.tableWake(w.cx, ds, idx))
		}
		if w.cy != nil {
			k.CY[i] += float64(float64(w.nf[1]*wj) * w.tableWake(w.cy, ds, idx))
		}
	}
}

// tableIndex is AT's binarySearch over the wake abscissa: the index of the
// table interval holding v.
func tableIndex(t []float64, v float64) int {
	lower, upper := 0, len(t)
	for {
		if upper-lower <= 1 {
			return lower
		}
		pivot := (lower + upper) / 2
		switch {
		case v < t[pivot]:
			upper = pivot
		case v > t[pivot]:
			lower = pivot
		default:
			return pivot
		}
	}
}

// tableWake interpolates the table linearly at ds in interval idx, 0 when
// the result is NaN, as AT's getTableWake.
func (w *wake) tableWake(tab []float64, ds float64, idx int) float64 {
	v := tab[idx] + float64(float64((ds-w.t[idx])*(tab[idx+1]-tab[idx]))/(w.t[idx+1]-w.t[idx]))
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// Finish stores the turn history into the element (where it lives on
// between Track calls, as in PyAT) and into the result.
func (w *wake) Finish(el Element, index int, res *Results) {
	m := make([][]float64, w.rows)
	for i := range m {
		m[i] = []float64{w.hist[i], w.hist[w.rows+i], w.hist[2*w.rows+i], w.hist[3*w.rows+i]}
	}
	el.Set("_turnhistory", m)
	res.Wakes = append(res.Wakes, WakeHistory{Element: index, TurnHistory: m})
}
