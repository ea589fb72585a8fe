package host

import (
	"fmt"
	"math"
	"sync"

	"github.com/gotrack/gotrack/device"
)

// Whole-beam operations of the CPU backend (device.Collective). The beam is
// cut into contiguous chunks, one per goroutine; accumulations are integer
// (fixed-point) sums, so the result does not depend on the number of
// goroutines or on how the work is split.

// collectiveChunk is the smallest number of particles given to one
// goroutine.
const collectiveChunk = 4096

// parallel runs f over [0, n) in contiguous chunks on up to threads
// goroutines; f gets its worker index.
func parallel(n, threads int, f func(w, lo, hi int)) int {
	workers := max(1, min(threads, (n+collectiveChunk-1)/collectiveChunk))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(w, lo, hi)
		}()
	}
	wg.Wait()
	return workers
}

// Extent sets lo and hi to the per-bunch extremes of ct over live particles.
func (hb *Beam) Extent(nbunch, first int, lo, hi []float64, ex device.Exchange) error {
	if nbunch < 1 || len(lo) < nbunch || len(hi) < nbunch {
		return fmt.Errorf("host: extent: %d bunches with bounds of length %d and %d", nbunch, len(lo), len(hi))
	}
	p := hb.p
	n := p.Len()
	threads := hb.threads
	plo := make([][]float64, threads)
	phi := make([][]float64, threads)
	used := parallel(n, threads, func(w, a, b int) {
		l, h := make([]float64, nbunch), make([]float64, nbunch)
		for k := range l {
			l[k], h[k] = math.MaxFloat64, -math.MaxFloat64
		}
		x, ct := p.Coords[0], p.Coords[5]
		for i := a; i < b; i++ {
			if math.IsNaN(x[i]) {
				continue
			}
			k := (first + i) % nbunch
			if ct[i] > h[k] {
				h[k] = ct[i]
			}
			if ct[i] < l[k] {
				l[k] = ct[i]
			}
		}
		plo[w], phi[w] = l, h
	})
	for k := 0; k < nbunch; k++ {
		lo[k], hi[k] = math.MaxFloat64, -math.MaxFloat64
		for w := 0; w < used; w++ {
			lo[k] = math.Min(lo[k], plo[w][k])
			hi[k] = math.Max(hi[k], phi[w][k])
		}
	}
	if ex != nil {
		if err := ex.MinFloat64(lo[:nbunch]); err != nil {
			return fmt.Errorf("host: extent: %w", err)
		}
		if err := ex.MaxFloat64(hi[:nbunch]); err != nil {
			return fmt.Errorf("host: extent: %w", err)
		}
	}
	return nil
}

// Accumulate sums the terms over the live particles of each bin.
func (hb *Beam) Accumulate(bn *device.Binning, terms []device.Term, out []int64, ex device.Exchange) error {
	stride := device.AccStride(len(terms))
	size := bn.Bins() * stride
	if len(out) < size {
		return fmt.Errorf("host: accumulate: output holds %d values, need %d", len(out), size)
	}
	for _, t := range terms {
		if t.A < 0 || t.A > 5 || t.B > 5 {
			return fmt.Errorf("host: accumulate: bad term %+v", t)
		}
	}
	p := hb.p
	n := p.Len()
	parts := make([][]int64, hb.threads)
	bad := make([]float64, hb.threads)
	failed := make([]bool, hb.threads)
	used := parallel(n, hb.threads, func(w, a, b int) {
		acc := make([]int64, size)
		c := &p.Coords
		ns := max(bn.NSlice, 1)
		for i := a; i < b; i++ {
			if math.IsNaN(c[0][i]) {
				continue
			}
			k := bn.Bunch(i)
			s, in := bn.Slice(k, c[5][i])
			if !in {
				continue
			}
			base := (k*ns + s) * stride
			acc[base]++
			for j, t := range terms {
				v := c[t.A][i]
				if t.B >= 0 {
					v = float64(v * c[t.B][i])
				}
				if !device.AccAdd(acc[base+1+j*device.AccWords:base+1+(j+1)*device.AccWords], v) && !failed[w] {
					failed[w], bad[w] = true, v
				}
			}
		}
		parts[w] = acc
	})
	for w := 0; w < used; w++ {
		if failed[w] {
			return fmt.Errorf("host: accumulate: value %g does not fit the fixed-point accumulator (|v| must be below 2^63)", bad[w])
		}
	}
	for k := 0; k < size; k++ {
		var s int64
		for w := 0; w < used; w++ {
			s += parts[w][k]
		}
		out[k] = s
	}
	if ex != nil {
		if err := ex.SumInt64(out[:size]); err != nil {
			return fmt.Errorf("host: accumulate: %w", err)
		}
	}
	return nil
}

// Kick applies per-bin wake kicks to the live particles.
func (hb *Beam) Kick(bn *device.Binning, k *device.Kicks) error {
	nb := bn.Bins()
	for _, s := range [][]float64{k.Z, k.X, k.X2, k.CX, k.Y, k.Y2, k.CY} {
		if len(s) < nb {
			return fmt.Errorf("host: kick: a kick table has %d values, need %d", len(s), nb)
		}
	}
	p := hb.p
	parallel(p.Len(), hb.threads, func(_, a, b int) {
		c := &p.Coords
		ns := max(bn.NSlice, 1)
		for i := a; i < b; i++ {
			x := c[0][i]
			if math.IsNaN(x) {
				continue
			}
			bunch := bn.Bunch(i)
			s, _ := bn.Slice(bunch, c[5][i])
			j := bunch*ns + s
			d := c[4][i] + k.Z[j]
			c[4][i] = d
			c[1][i] += float64((float64(k.X[j]+float64(x*k.X2[j])) + k.CX[j]) * (1 + d))
			y := c[2][i]
			c[3][i] += float64((float64(k.Y[j]+float64(y*k.Y2[j])) + k.CY[j]) * (1 + d))
		}
	})
	return nil
}
