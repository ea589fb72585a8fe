//go:build cgo

package cpu

/*
#include "collective.cuh"
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"unsafe"

	"github.com/gotrack/gotrack/device"
)

// The kernel-source beam runs the whole-beam operations through the gcc build
// of kernels/collective.cuh: each of its goroutines handles a contiguous
// range of particles with its own bounds or accumulators (plain C
// additions, where the GPU uses atomics), and the ranges are combined in
// Go with integer min, max and sums, which give the same bits in any
// grouping.
var _ device.Collective = (*beam)(nil)

// Order keys of ±math.MaxFloat64, kernels/collective.cuh's GT_KEY_MAX and
// GT_KEY_MIN: the bounds of a bunch without live particles.
var (
	keyMax = device.OrderKey(math.MaxFloat64)
	keyMin = device.OrderKey(-math.MaxFloat64)
)

// ranges cuts the beam's particles into at most threads contiguous
// ranges [lo, hi), none empty.
func (hb *beam) ranges() [][2]int {
	th := max(min(hb.threads, hb.n), 1)
	chunk := (hb.n + th - 1) / th
	var r [][2]int
	for lo := 0; lo < hb.n; lo += chunk {
		r = append(r, [2]int{lo, min(lo+chunk, hb.n)})
	}
	return r
}

// each runs f(c, lo, hi) for every range c on its own goroutine.
func (hb *beam) each(rs [][2]int, f func(c, lo, hi int)) {
	var wg sync.WaitGroup
	for c, r := range rs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(c, r[0], r[1])
		}()
	}
	wg.Wait()
}

func (hb *beam) cCoords() *C.double { return (*C.double)(unsafe.Pointer(&hb.coords[0])) }

// Extent implements device.Collective with the kernels' gt_extent_host.
// It fails when nbunch < 1, first < 0 or lo, hi hold fewer than nbunch
// values, and with the exchange's error.
func (hb *beam) Extent(nbunch, first int, lo, hi []float64, ex device.Exchange) error {
	if err := device.CheckBunches(nbunch, first); err != nil {
		return fmt.Errorf("cpu: extent: %w", err)
	}
	if len(lo) < nbunch || len(hi) < nbunch {
		return fmt.Errorf("cpu: extent: %d bunches, but %d lower and %d upper bounds", nbunch, len(lo), len(hi))
	}
	lo, hi = lo[:nbunch], hi[:nbunch]
	rs := hb.ranges()
	keys := make([]int64, max(len(rs), 1)*2*nbunch)
	for c := 0; c < len(keys); c += 2 * nbunch {
		for b := 0; b < nbunch; b++ {
			keys[c+b], keys[c+nbunch+b] = keyMax, keyMin
		}
	}
	hb.each(rs, func(c, jlo, jhi int) {
		C.gt_extent_host(hb.cCoords(), C.int64_t(hb.n), C.int64_t(first), C.int64_t(nbunch),
			(*C.longlong)(unsafe.Pointer(&keys[c*2*nbunch])), C.int64_t(jlo), C.int64_t(jhi))
	})
	for b := 0; b < nbunch; b++ {
		kl, kh := keyMax, keyMin
		for c := 0; c < len(keys); c += 2 * nbunch {
			kl, kh = min(kl, keys[c+b]), max(kh, keys[c+nbunch+b])
		}
		lo[b], hi[b] = device.KeyFloat(kl), device.KeyFloat(kh)
	}
	if ex != nil {
		if err := ex.MinFloat64(lo); err != nil {
			return fmt.Errorf("cpu: extent: combine lower bounds of %d bunches: %w", nbunch, err)
		}
		if err := ex.MaxFloat64(hi); err != nil {
			return fmt.Errorf("cpu: extent: combine upper bounds of %d bunches: %w", nbunch, err)
		}
	}
	return nil
}

// Accumulate implements device.Collective with the kernels'
// gt_accumulate_host. It fails on an invalid binning or term, when out is
// too short, when a particle's term does not fit an accumulator (its
// first such particle and term are named; the exchange still takes
// place, so that every process makes the same calls), and with the
// exchange's error.
func (hb *beam) Accumulate(b *device.Binning, terms []device.Term, out []int64, ex device.Exchange) error {
	if err := b.Check(); err != nil {
		return fmt.Errorf("cpu: accumulate: %w", err)
	}
	if err := device.CheckTerms(terms); err != nil {
		return fmt.Errorf("cpu: accumulate: %w", err)
	}
	words := b.Bins() * device.AccStride(len(terms))
	if len(out) < words {
		return fmt.Errorf("cpu: accumulate: %d bins of %d words need %d values, out holds %d", b.Bins(), device.AccStride(len(terms)), words, len(out))
	}
	out = out[:words]
	clear(out)
	tv := make([]int64, max(2*len(terms), 1))
	for t, tm := range terms {
		tv[2*t], tv[2*t+1] = int64(tm.A), int64(tm.B)
	}
	blo, bhi, bh := binArrays(b)
	rs := hb.ranges()
	accs := make([]int64, len(rs)*words)
	bad := make([]int64, len(rs))
	for c := range bad {
		bad[c] = math.MaxInt64
	}
	hb.each(rs, func(c, jlo, jhi int) {
		acc := accs[c*words : (c+1)*words]
		C.gt_accumulate_host(hb.cCoords(), C.int64_t(hb.n), C.int64_t(b.First), C.int64_t(b.NBunch), C.int64_t(b.NSlice),
			(*C.double)(unsafe.Pointer(&blo[0])), (*C.double)(unsafe.Pointer(&bhi[0])), (*C.double)(unsafe.Pointer(&bh[0])),
			(*C.int64_t)(unsafe.Pointer(&tv[0])), C.int64_t(len(terms)), (*C.longlong)(unsafe.Pointer(unsafe.SliceData(acc))),
			(*C.longlong)(unsafe.Pointer(&bad[c])), C.int64_t(jlo), C.int64_t(jhi))
	})
	first := int64(math.MaxInt64)
	for c := range rs {
		acc := accs[c*words : (c+1)*words]
		for w, v := range acc {
			out[w] += v
		}
		first = min(first, bad[c])
	}
	var err error
	if first != math.MaxInt64 {
		err = hb.unfit(terms, first)
	}
	if ex != nil {
		if e := ex.SumInt64(out); e != nil {
			err = errors.Join(err, fmt.Errorf("cpu: accumulate: combine %d words: %w", words, e))
		}
	}
	return err
}

// unfit describes the error code of gt_accumulate_host: particle p's term
// t, code p*len(terms)+t, does not fit an accumulator.
func (hb *beam) unfit(terms []device.Term, code int64) error {
	p, t := int(code/int64(len(terms))), int(code%int64(len(terms)))
	tm := terms[t]
	v := hb.coords[int(tm.A)*hb.n+p]
	if tm.B >= 0 {
		v = float64(v * hb.coords[int(tm.B)*hb.n+p])
	}
	return fmt.Errorf("cpu: accumulate: particle %d: term %d %v = %g does not fit a fixed-point accumulator (finite, below 2^63 in magnitude)", p, t, tm, v)
}

// Kick implements device.Collective with the kernels' gt_kick_host. It
// fails on an invalid binning, or when a kick array holds fewer than
// b.Bins() values.
func (hb *beam) Kick(b *device.Binning, k *device.Kicks) error {
	if err := b.Check(); err != nil {
		return fmt.Errorf("cpu: kick: %w", err)
	}
	kick, err := k.Packed(b.Bins())
	if err != nil {
		return fmt.Errorf("cpu: kick: %w", err)
	}
	blo, bhi, bh := binArrays(b)
	hb.each(hb.ranges(), func(_, jlo, jhi int) {
		C.gt_kick_host(hb.cCoords(), C.int64_t(hb.n), C.int64_t(b.First), C.int64_t(b.NBunch), C.int64_t(b.NSlice),
			(*C.double)(unsafe.Pointer(&blo[0])), (*C.double)(unsafe.Pointer(&bhi[0])), (*C.double)(unsafe.Pointer(&bh[0])),
			(*C.double)(unsafe.Pointer(&kick[0])), C.int64_t(jlo), C.int64_t(jhi))
	})
	return nil
}

// binArrays returns the binning's Lo, Hi and H, or one-value stand-ins
// when it has no slices (the kernels do not read them then).
func binArrays(b *device.Binning) (lo, hi, h []float64) {
	if b.NSlice == 0 {
		z := []float64{0}
		return z, z, z
	}
	return b.Lo, b.Hi, b.H
}
