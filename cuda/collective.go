//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"math"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/device"
)

// Whole-beam operations (device.Collective) on the GPU beam: the kernels
// gt_extent, gt_accumulate and gt_kick of kernels/collective.cuh run on
// the particles where they are, and only the small inputs (bounds, terms,
// kicks) go up and the small results (bounds, accumulator words) come
// back. Particles that are not on the GPU at the time (a beam tracked in
// batches, or the lost particles taken off by compaction) are handled in
// Go on the host copy with the same operations: the host part's bounds
// and sums are the starting values the kernels combine theirs with, so
// the result is the same bits as if all particles were on the GPU.
//
// The exchange is called on the caller's goroutine, not on the backend's
// worker thread, once the GPU's part is complete: an exchange may block
// until other processes arrive, and the worker (which every user of this
// GPU in the process shares, such as the goroutines standing for
// processes in the collective tests) must stay free meanwhile. A device
// exchange's SumInt64Device is called with the GPU's primary context made
// current on the calling goroutine's OS thread for the call (see
// Backend.withContext): a CUDA-aware MPI library reads the device buffer
// through the context current on the thread that calls it, and a
// goroutine's thread otherwise has none.

var _ device.Collective = (*Beam)(nil)

// sharedLimit is the most shared memory a block of the whole-beam kernels
// uses to combine its particles before touching global memory (the
// default per-block limit); larger sets of bounds or accumulators are
// combined in global memory directly.
const sharedLimit = 48 << 10

// collBufs are a beam's device buffers for the whole-beam operations,
// kept between calls; on the worker only.
type collBufs struct {
	scratch  devBuf // inputs and results of one call
	idx      devBuf // particle of each GPU slot, when the beam has slots
	idxValid bool   // idx holds the current slots
}

// free releases the buffers; on the worker.
func (c *collBufs) free() error {
	c.idxValid = false
	return errors.Join(c.scratch.release(), c.idx.release())
}

// scratchBuf returns the scratch buffer, grown to at least size bytes.
func (bm *Beam) scratchBuf(size int64) (cu.DevicePtr, error) {
	return bm.coll.scratch.grow("whole-beam operation buffer", size)
}

// slotIndex returns the device array of the particle in each GPU slot, or
// 0 when slot j holds particle base+j; on the worker.
func (bm *Beam) slotIndex() (cu.DevicePtr, error) {
	if bm.slots == nil {
		return 0, nil
	}
	c := &bm.coll
	if c.idxValid {
		return c.idx.p, nil
	}
	size := int64(len(bm.slots)) * 8
	p, err := c.idx.grow("slot index", size)
	if err != nil {
		return 0, err
	}
	idx := make([]int64, len(bm.slots))
	for j, i := range bm.slots {
		idx[j] = int64(i)
	}
	if err := htod("slot index", p, i64s(idx), size); err != nil {
		return 0, err
	}
	c.idxValid = true
	return p, nil
}

// gpuSlots reports whether particles are on the GPU to run kernels on.
func (bm *Beam) gpuSlots() bool { return bm.onDev && bm.m > 0 }

// offGPU calls f for every particle whose reference copy is bm.host (not
// on the GPU).
func (bm *Beam) offGPU(f func(i int)) {
	switch {
	case !bm.onDev:
		for i := 0; i < bm.n; i++ {
			f(i)
		}
	case bm.slots != nil:
		on := make([]bool, bm.n)
		for _, i := range bm.slots {
			on[i] = true
		}
		for i, o := range on {
			if !o {
				f(i)
			}
		}
	default:
		for i := 0; i < bm.base; i++ {
			f(i)
		}
		for i := bm.base + bm.m; i < bm.n; i++ {
			f(i)
		}
	}
}

// launchColl launches the whole-beam kernel name through launch (a call
// of its generated launcher) over the m slots with a grid-stride loop:
// blocks of the kernel's size (smaller for a beam too small to give every
// multiprocessor a block; see spreadBlock), as many as the slots need, at
// most as many as are resident on the GPU at once with shared bytes of
// dynamic shared memory each.
func (bm *Beam) launchColl(name string, shared int, launch func(f cu.Function, s launchShape) error) error {
	k, err := bm.b.function(name)
	if err != nil {
		return err
	}
	block := bm.b.block(k, bm.m)
	perSM, err := bm.b.sharedOccupancy(k, block, shared)
	if err != nil {
		return err
	}
	grid := max(min(gridFor(bm.m, block), perSM*bm.b.sms), 1)
	if err := launch(k.fn, launchShape{grid: grid, block: block, shared: shared}); err != nil {
		return fmt.Errorf("cuda: launch %s on %d particles (%d blocks of %d, %d bytes shared): %w", name, bm.m, grid, block, shared, err)
	}
	return nil
}

// Bounds of a bunch without live particles, as order keys (the kernels'
// GT_KEY_MAX and GT_KEY_MIN).
var (
	keyMax = device.OrderKey(math.MaxFloat64)
	keyMin = device.OrderKey(-math.MaxFloat64)
)

// Extent implements device.Collective with the kernel gt_extent. It
// fails when nbunch < 1, first < 0 or lo, hi hold fewer than nbunch
// values, when the GPU fails, and with the exchange's error.
func (bm *Beam) Extent(nbunch, first int, lo, hi []float64, ex device.Exchange) error {
	if err := device.CheckBunches(nbunch, first); err != nil {
		return fmt.Errorf("cuda: extent: %w", err)
	}
	if len(lo) < nbunch || len(hi) < nbunch {
		return fmt.Errorf("cuda: extent: %d bunches, but %d lower and %d upper bounds", nbunch, len(lo), len(hi))
	}
	lo, hi = lo[:nbunch], hi[:nbunch]
	keys := make([]int64, 2*nbunch)
	err := bm.b.w.do(func() error {
		for b := 0; b < nbunch; b++ {
			keys[b], keys[nbunch+b] = keyMax, keyMin
		}
		bm.offGPU(func(i int) {
			ct := bm.host.Coords[5][i]
			if math.IsNaN(bm.host.Coords[0][i]) || math.IsNaN(ct) {
				return
			}
			b, k := (first+i)%nbunch, device.OrderKey(ct)
			keys[b], keys[nbunch+b] = min(keys[b], k), max(keys[nbunch+b], k)
		})
		if !bm.gpuSlots() {
			return nil
		}
		size := int64(len(keys)) * 8
		buf, err := bm.scratchBuf(size)
		if err != nil {
			return err
		}
		idx, err := bm.slotIndex()
		if err != nil {
			return err
		}
		if err := htod("bunch bounds", buf, i64s(keys), size); err != nil {
			return err
		}
		shared, useShared := 0, int64(0)
		if size <= sharedLimit {
			shared, useShared = int(size), 1
		}
		a := extentArgs{coords: bm.desc.coords, n: int64(bm.m), idx: idx, base: int64(bm.base),
			first: int64(first), nbunch: int64(nbunch), keys: buf, shared: useShared}
		err = bm.launchColl(kernelExtent, shared, func(f cu.Function, s launchShape) error { return launchExtent(f, s, a) })
		if err != nil {
			return err
		}
		return dtoh("bunch bounds", i64s(keys), buf, size)
	})
	if err != nil {
		return fmt.Errorf("cuda: extent of %d bunches over %d particles: %w", nbunch, bm.n, err)
	}
	for b := 0; b < nbunch; b++ {
		lo[b], hi[b] = device.KeyFloat(keys[b]), device.KeyFloat(keys[nbunch+b])
	}
	if ex != nil {
		if err := ex.MinFloat64(lo); err != nil {
			return fmt.Errorf("cuda: extent: combine lower bounds of %d bunches: %w", nbunch, err)
		}
		if err := ex.MaxFloat64(hi); err != nil {
			return fmt.Errorf("cuda: extent: combine upper bounds of %d bunches: %w", nbunch, err)
		}
	}
	return nil
}

// Accumulate implements device.Collective with the kernel gt_accumulate.
// The words are summed in a device buffer; with an exchange that is a
// device.DeviceExchange reporting DeviceAware, that buffer is combined in
// place on the GPU (SumInt64Device, called with the GPU's context current
// on the calling thread) before it is downloaded, otherwise the downloaded
// words go to ex.SumInt64. It fails on an invalid binning or term, when
// out is too short, when the GPU fails, when a particle's term does not
// fit an accumulator (the first such particle and term are named; the
// exchange still takes place, so that every process makes the same
// calls), and with the exchange's error.
func (bm *Beam) Accumulate(b *device.Binning, terms []device.Term, out []int64, ex device.Exchange) error {
	if err := b.Check(); err != nil {
		return fmt.Errorf("cuda: accumulate: %w", err)
	}
	if err := device.CheckTerms(terms); err != nil {
		return fmt.Errorf("cuda: accumulate: %w", err)
	}
	nt := len(terms)
	stride := device.AccStride(nt)
	words := b.Bins() * stride
	if len(out) < words {
		return fmt.Errorf("cuda: accumulate: %d bins of %d words need %d values, out holds %d", b.Bins(), stride, words, len(out))
	}
	out = out[:words]
	dex, _ := ex.(device.DeviceExchange)
	onGPU := dex != nil && dex.DeviceAware()

	// Scratch layout, in 8-byte words: the error code, the accumulators
	// (words), Lo, Hi, H (one per bunch), the terms (A, B pairs).
	nb := b.NBunch
	buf := make([]int64, 1+words+3*nb+2*nt)
	acc := buf[1 : 1+words]
	code := &buf[0]
	*code = math.MaxInt64
	if b.NSlice > 0 {
		for i := 0; i < nb; i++ {
			buf[1+words+i] = int64(math.Float64bits(b.Lo[i]))
			buf[1+words+nb+i] = int64(math.Float64bits(b.Hi[i]))
			buf[1+words+2*nb+i] = int64(math.Float64bits(b.H[i]))
		}
	}
	for t, tm := range terms {
		buf[1+words+3*nb+2*t], buf[1+words+3*nb+2*t+1] = int64(tm.A), int64(tm.B)
	}
	var dacc cu.DevicePtr // device accumulators, when used
	err := bm.b.w.do(func() error {
		bm.offGPU(func(i int) {
			if c := device.AccumulateParticle(bm.host, i, b, terms, acc); c >= 0 && int64(i)*int64(nt)+int64(c) < *code {
				*code = int64(i)*int64(nt) + int64(c)
			}
		})
		if !bm.gpuSlots() && !onGPU {
			return nil
		}
		size := int64(len(buf)) * 8
		sbuf, err := bm.scratchBuf(size)
		if err != nil {
			return err
		}
		dacc = offset(sbuf, 8)
		if err := htod("accumulator inputs", sbuf, i64s(buf), size); err != nil {
			return err
		}
		if bm.gpuSlots() {
			idx, err := bm.slotIndex()
			if err != nil {
				return err
			}
			shared, useShared := 0, int64(0)
			if int64(words)*8 <= sharedLimit {
				shared, useShared = words*8, 1
			}
			plo := offset(sbuf, int64(1+words)*8)
			a := accumulateArgs{coords: bm.desc.coords, n: int64(bm.m), idx: idx, base: int64(bm.base),
				first: int64(b.First), nbunch: int64(nb), nslice: int64(b.NSlice),
				lo: plo, hi: offset(plo, int64(nb)*8), h: offset(plo, 2*int64(nb)*8),
				terms: offset(plo, 3*int64(nb)*8), nterms: int64(nt), acc: dacc, err: sbuf, shared: useShared}
			err = bm.launchColl(kernelAccumulate, shared, func(f cu.Function, s launchShape) error { return launchAccumulate(f, s, a) })
			if err != nil {
				return err
			}
		}
		if onGPU {
			// The error code only: the words are combined on the GPU
			// first.
			return dtoh("accumulator status", unsafe.Pointer(code), sbuf, 8)
		}
		return dtoh("accumulators", i64s(buf[:1+words]), sbuf, int64(1+words)*8)
	})
	if err != nil {
		return fmt.Errorf("cuda: accumulate %d terms in %d bins over %d particles: %w", nt, b.Bins(), bm.n, err)
	}
	var unfitErr error
	if *code != math.MaxInt64 {
		unfitErr = bm.unfit(terms, *code)
	}
	switch {
	case onGPU:
		// With the GPU's context current on the calling thread: a
		// CUDA-aware MPI looks up the context of the device pointer
		// there.
		if err := bm.b.withContext(func() error { return dex.SumInt64Device(uintptr(dacc), words) }); err != nil {
			return errors.Join(unfitErr, fmt.Errorf("cuda: accumulate: combine %d words in GPU memory: %w", words, err))
		}
		err := bm.b.w.do(func() error { return dtoh("accumulators", i64s(acc), dacc, int64(words)*8) })
		if err != nil {
			return errors.Join(unfitErr, fmt.Errorf("cuda: accumulate: %w", err))
		}
	case ex != nil:
		if err := ex.SumInt64(acc); err != nil {
			copy(out, acc)
			return errors.Join(unfitErr, fmt.Errorf("cuda: accumulate: combine %d words: %w", words, err))
		}
	}
	copy(out, acc)
	return unfitErr
}

// unfit describes an error code of gt_accumulate: particle p's term t,
// code p*len(terms)+t, does not fit an accumulator.
func (bm *Beam) unfit(terms []device.Term, code int64) error {
	p, t := int(code/int64(len(terms))), int(code%int64(len(terms)))
	tm := terms[t]
	msg := fmt.Sprintf("cuda: accumulate: particle %d: term %d %v", p, t, tm)
	var r [6]float64
	if err := bm.b.w.do(func() error { return bm.coordsOf(p, &r) }); err == nil {
		v := r[tm.A]
		if tm.B >= 0 {
			v = float64(v * r[tm.B])
		}
		msg += fmt.Sprintf(" = %g", v)
	}
	return errors.New(msg + " does not fit a fixed-point accumulator (finite, below 2^63 in magnitude)")
}

// coordsOf reads the coordinates of particle p from where its reference
// copy is; on the worker.
func (bm *Beam) coordsOf(p int, r *[6]float64) error {
	j := -1
	if bm.onDev {
		if bm.slots == nil {
			if p >= bm.base && p < bm.base+bm.m {
				j = p - bm.base
			}
		} else {
			for s, i := range bm.slots {
				if i == p {
					j = s
				}
			}
		}
	}
	if j < 0 {
		for k := range r {
			r[k] = bm.host.Coords[k][p]
		}
		return nil
	}
	for k := range r {
		if err := dtoh("coordinates", unsafe.Pointer(&r[k]), offset(bm.desc.coords, int64(k*bm.m+j)*8), 8); err != nil {
			return err
		}
	}
	return nil
}

// Kick implements device.Collective with the kernel gt_kick. It fails on
// an invalid binning, when a kick array holds fewer than b.Bins() values,
// and when the GPU fails.
func (bm *Beam) Kick(b *device.Binning, k *device.Kicks) error {
	if err := b.Check(); err != nil {
		return fmt.Errorf("cuda: kick: %w", err)
	}
	bins := b.Bins()
	packed, err := k.Packed(bins)
	if err != nil {
		return fmt.Errorf("cuda: kick: %w", err)
	}
	// Device layout: Lo, Hi, H (one per bunch), then the seven kick
	// arrays, bins values each.
	nb := b.NBunch
	buf := make([]float64, 3*nb, 3*nb+7*bins)
	if b.NSlice > 0 {
		copy(buf, b.Lo[:nb])
		copy(buf[nb:], b.Hi[:nb])
		copy(buf[2*nb:], b.H[:nb])
	}
	buf = append(buf, packed...)
	err = bm.b.w.do(func() error {
		bm.offGPU(func(i int) { device.KickParticle(bm.host, i, b, k) })
		if !bm.gpuSlots() {
			return nil
		}
		size := int64(len(buf)) * 8
		sbuf, err := bm.scratchBuf(size)
		if err != nil {
			return err
		}
		idx, err := bm.slotIndex()
		if err != nil {
			return err
		}
		if err := htod("kicks", sbuf, f64s(buf), size); err != nil {
			return err
		}
		a := kickArgs{coords: bm.desc.coords, n: int64(bm.m), idx: idx, base: int64(bm.base),
			first: int64(b.First), nbunch: int64(nb), nslice: int64(b.NSlice),
			lo: sbuf, hi: offset(sbuf, int64(nb)*8), h: offset(sbuf, 2*int64(nb)*8), kick: offset(sbuf, 3*int64(nb)*8)}
		err = bm.launchColl(kernelKick, 0, func(f cu.Function, s launchShape) error { return launchKick(f, s, a) })
		if err != nil {
			return err
		}
		if err := cu.Synchronize(); err != nil {
			return fmt.Errorf("cuda: kernel %s on %d particles failed: %w", kernelKick, bm.m, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cuda: kick %d bins over %d particles: %w", bins, bm.n, err)
	}
	return nil
}
