package host

import (
	"errors"
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
	if err := device.CheckBunches(nbunch, first); err != nil {
		return fmt.Errorf("host: extent: %w", err)
	}
	if len(lo) < nbunch || len(hi) < nbunch {
		return fmt.Errorf("host: extent: %d bunches, but %d lower and %d upper bounds", nbunch, len(lo), len(hi))
	}
	// Compared as order keys (-0 below +0), as the kernels do, so that
	// every backend returns the same bits.
	p := hb.p
	threads := hb.threads
	plo := make([][]int64, threads)
	phi := make([][]int64, threads)
	kmax, kmin := device.OrderKey(math.MaxFloat64), device.OrderKey(-math.MaxFloat64)
	used := parallel(p.Len(), threads, func(w, a, b int) {
		l, h := make([]int64, nbunch), make([]int64, nbunch)
		for k := range l {
			l[k], h[k] = kmax, kmin
		}
		x, ct := p.Coords[0], p.Coords[5]
		for i := a; i < b; i++ {
			if math.IsNaN(x[i]) || math.IsNaN(ct[i]) {
				continue
			}
			k := (first + i) % nbunch
			key := device.OrderKey(ct[i])
			h[k] = max(h[k], key)
			l[k] = min(l[k], key)
		}
		plo[w], phi[w] = l, h
	})
	for k := 0; k < nbunch; k++ {
		l, h := kmax, kmin
		for w := 0; w < used; w++ {
			l, h = min(l, plo[w][k]), max(h, phi[w][k])
		}
		lo[k], hi[k] = device.KeyFloat(l), device.KeyFloat(h)
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
	if err := bn.Check(); err != nil {
		return fmt.Errorf("host: accumulate: %w", err)
	}
	if err := device.CheckTerms(terms); err != nil {
		return fmt.Errorf("host: accumulate: %w", err)
	}
	size := bn.Bins() * device.AccStride(len(terms))
	if len(out) < size {
		return fmt.Errorf("host: accumulate: %d bins of %d words need %d values, out holds %d", bn.Bins(), device.AccStride(len(terms)), size, len(out))
	}
	p := hb.p
	parts := make([][]int64, hb.threads)
	bad := make([]int, hb.threads) // first particle whose value does not fit, +1
	badTerm := make([]int, hb.threads)
	used := parallel(p.Len(), hb.threads, func(w, a, b int) {
		acc := make([]int64, size)
		for i := a; i < b; i++ {
			if t := device.AccumulateParticle(p, i, bn, terms, acc); t >= 0 && bad[w] == 0 {
				bad[w], badTerm[w] = i+1, t
			}
		}
		parts[w] = acc
	})
	var unfit error
	for w := 0; w < used && unfit == nil; w++ {
		if bad[w] > 0 {
			i, t := bad[w]-1, badTerm[w]
			unfit = fmt.Errorf("host: accumulate: particle %d: term %d %v does not fit a fixed-point accumulator (finite, below 2^63 in magnitude)", i, t, terms[t])
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
		// Every process takes part in the exchange, even one that failed.
		if err := ex.SumInt64(out[:size]); err != nil {
			return errors.Join(unfit, fmt.Errorf("host: accumulate: %w", err))
		}
	}
	return unfit
}

// Kick applies per-bin wake kicks to the live particles.
func (hb *Beam) Kick(bn *device.Binning, k *device.Kicks) error {
	if err := bn.Check(); err != nil {
		return fmt.Errorf("host: kick: %w", err)
	}
	if err := k.Check(bn.Bins()); err != nil {
		return fmt.Errorf("host: kick: %w", err)
	}
	p := hb.p
	parallel(p.Len(), hb.threads, func(_, a, b int) {
		for i := a; i < b; i++ {
			device.KickParticle(p, i, bn, k)
		}
	})
	return nil
}
