//go:build cuda

package cuda

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/device"
)

// Program is a plan loaded on the GPU: element table, coefficient pool and
// ring parameters in device memory, and the buffers and events of its
// runs, kept from one Run to the next (a tracking loop that stops at
// fences or hooks runs a segment per turn, and cuMemFree synchronises the
// device).
type Program struct {
	b                    *Backend
	plan                 *device.Plan
	elems, pool, params  cu.DevicePtr
	lastKernel, runTotal atomic.Int64 // nanoseconds
	launches             atomic.Int64

	// On the worker only: the refpts of the last Run (refHost on the
	// host, refpts on the GPU), the monitor buffer (grown as runs need)
	// and the two timing events.
	refpts, mon devBuf
	refHost     []int64
	events      [2]cu.Event
	haveEvents  bool
}

// keepMonitor returns the largest monitor buffer a Program keeps between
// runs: an eighth of the GPU's memory. A larger one, which only a long
// run recording many passes needs (and whose own cost dwarfs an
// allocation), is freed at the end of its Run so that it does not take
// the memory of later beams.
func (b *Backend) keepMonitor() int64 { return b.totalMem / 8 }

// LastKernelTime returns the GPU time of the last kernel launch, measured
// with CUDA events.
func (pr *Program) LastKernelTime() time.Duration { return time.Duration(pr.lastKernel.Load()) }

// RunKernelTime returns the GPU time of all kernel launches of the last
// Run, RunElement or RunElements.
func (pr *Program) RunKernelTime() time.Duration { return time.Duration(pr.runTotal.Load()) }

// Launches returns the number of kernel launches of the last Run,
// RunElement or RunElements.
func (pr *Program) Launches() int { return int(pr.launches.Load()) }

// Close releases the program's GPU memory and events.
func (pr *Program) Close() error {
	if pr.b == nil || pr.b.w == nil {
		return nil
	}
	return pr.b.w.do(func() error {
		var errs []error
		if pr.haveEvents {
			for i := range pr.events {
				if err := cu.DestroyEvent(&pr.events[i]); err != nil {
					errs = append(errs, fmt.Errorf("cuda: destroy event: %w", err))
				}
			}
			pr.haveEvents = false
		}
		pr.refHost = nil
		return errors.Join(append(errs, free(&pr.elems), free(&pr.pool), free(&pr.params), pr.refpts.release(), pr.mon.release())...)
	})
}

// uploadRefpts puts the request's refpts on the GPU, unless they are
// those of the previous run; on the worker.
func (pr *Program) uploadRefpts(refpts []int) error {
	if len(refpts) == len(pr.refHost) {
		same := true
		for i, r := range refpts {
			same = same && int64(r) == pr.refHost[i]
		}
		if same {
			return nil
		}
	}
	size := int64(len(refpts)) * 8
	pr.refHost = pr.refHost[:0]
	p, err := pr.refpts.grow("refpts", size)
	if err != nil {
		return err
	}
	r := make([]int64, len(refpts))
	for i, v := range refpts {
		r[i] = int64(v)
	}
	if err := htod("refpts", p, i64s(r), size); err != nil {
		pr.refHost = pr.refHost[:0]
		return err
	}
	pr.refHost = r
	return nil
}

// check validates a request against the plan and the beam, as the CPU
// backend does.
func (pr *Program) check(beam device.Beam, req *device.RunRequest) (*Beam, error) {
	bm, ok := beam.(*Beam)
	if !ok {
		return nil, fmt.Errorf("cuda: beam of type %T is not a GPU beam", beam)
	}
	if bm.b != pr.b {
		return nil, fmt.Errorf("cuda: beam and program are on different GPUs")
	}
	ne := len(pr.plan.Elements)
	if req.Start < 0 || req.End > ne || req.Start > req.End {
		return nil, fmt.Errorf("cuda: element range [%d, %d) outside the plan's %d elements", req.Start, req.End, ne)
	}
	if req.Turns < 0 {
		return nil, fmt.Errorf("cuda: negative number of passes %d", req.Turns)
	}
	for i, r := range req.Refpts {
		if r < req.Start || r > req.End || (i > 0 && r <= req.Refpts[i-1]) {
			return nil, fmt.Errorf("cuda: refpts must be increasing within [%d, %d], got %v", req.Start, req.End, req.Refpts)
		}
	}
	if need := req.Turns * len(req.Refpts) * bm.n * 6; len(req.Refpts) > 0 && len(req.Monitor) < need {
		return nil, fmt.Errorf("cuda: monitor buffer holds %d values, need %d", len(req.Monitor), need)
	}
	return bm, nil
}

// Run tracks the beam through elements [req.Start, req.End) for req.Turns
// passes with the fused kernel gt_segment, one thread per particle.
//
// The particles on the GPU are tracked in launches of whole passes, each
// bounded in work and in monitor memory; after each, the monitor is copied
// into req.Monitor and, when more than half of the particles on the GPU
// are lost (and the range has no SolenoidLinearPass, the one passmethod
// AT applies to lost particles), the live ones are gathered at the front.
// A beam larger than the GPU memory is tracked in batches. Results are the
// same whichever way the work is cut. After a Run that batched (for the
// monitor's memory) or compacted, a beam that fits is put back on the GPU
// whole and in order, so that the next Run, RunElements or collective
// operation finds it resident.
func (pr *Program) Run(beam device.Beam, req device.RunRequest) error {
	bm, err := pr.check(beam, &req)
	if err != nil {
		return err
	}
	pr.runTotal.Store(0)
	pr.launches.Store(0)
	if bm.n == 0 || req.Turns == 0 {
		return nil
	}
	warnSmall(pr.b.notes, bm.n)
	err = pr.b.w.do(func() error { return pr.run(bm, &req) })
	if err != nil {
		return fmt.Errorf("cuda: run elements [%d, %d) for %d passes on %d particles: %w", req.Start, req.End, req.Turns, bm.n, err)
	}
	return nil
}

// run is Run on the worker.
func (pr *Program) run(bm *Beam, req *device.RunRequest) error {
	nref := len(req.Refpts)
	avail, err := pr.b.freeMemory()
	if err != nil {
		return err
	}
	// The monitor buffer kept from earlier runs is free for this one.
	avail += pr.mon.cap
	defer func() {
		if pr.mon.cap > pr.b.keepMonitor() {
			pr.mon.release() // an error here is the next driver call's
		}
	}()
	monPerSlot := int64(nref) * 6 * 8 // bytes per particle and pass
	bs := bm.cap
	if monPerSlot > 0 {
		fit := avail / monPerSlot
		if fit < 1 {
			return fmt.Errorf("monitor of %d refpts does not fit in %d bytes of free GPU memory", nref, avail)
		}
		bs = int(min(int64(bs), fit))
	}
	if nref > 0 {
		if err := pr.uploadRefpts(req.Refpts); err != nil {
			return err
		}
	}
	rs := &runState{pr: pr, bm: bm, req: req, nref: nref, free: avail, compact: true}
	for ei := req.Start; ei < req.End; ei++ {
		if pr.plan.Elements[ei].Method == device.SolenoidLinearPass {
			rs.compact = false
		}
	}
	if bm.full() && bm.n <= bs {
		if err := rs.runSet(); err != nil {
			return err
		}
		return bm.restore() // after compaction
	}
	// Batches: the host copy is the reference; each batch is loaded,
	// tracked and stored back.
	if err := bm.flush(); err != nil {
		return err
	}
	for lo := 0; lo < bm.n; lo += bs {
		hi := min(lo+bs, bm.n)
		if err := bm.load(lo, nil, hi-lo); err != nil {
			return fmt.Errorf("batch [%d, %d): %w", lo, hi, err)
		}
		if err := rs.runSet(); err != nil {
			return fmt.Errorf("batch [%d, %d): %w", lo, hi, err)
		}
		if err := bm.flush(); err != nil {
			return fmt.Errorf("batch [%d, %d): %w", lo, hi, err)
		}
	}
	return bm.restore()
}

// runState is one Run in progress.
type runState struct {
	pr      *Program
	bm      *Beam
	req     *device.RunRequest
	nref    int
	free    int64 // bytes of GPU memory for the monitor
	compact bool
	monHost []float64
	lost    []uint8
}

// runSet tracks the set of particles on the GPU through every pass of the
// request, in launches of whole passes.
func (rs *runState) runSet() error {
	bm, req, pr := rs.bm, rs.req, rs.pr
	nel := int64(max(req.End-req.Start, 1))
	m0 := bm.m
	var gone []int // particles of the set taken off the GPU
	for p0 := 0; p0 < req.Turns; {
		m := int64(bm.m)
		cp := int64(req.Turns - p0)
		if m > 0 {
			cp = min(cp, max(launchWork/(m*nel), 1))
		}
		if rs.compact && req.Turns >= 16 && m >= int64(testCompactMin) {
			// Give compaction a chance about eight times a run.
			cp = min(cp, int64((req.Turns+7)/8))
		}
		if rs.nref > 0 && m > 0 {
			cp = min(cp, max(rs.free/(m*int64(rs.nref)*48), 1))
		}
		if testChunkLimit > 0 {
			cp = min(cp, int64(testChunkLimit))
		}
		if m > 0 {
			if err := rs.launch(p0, int(cp)); err != nil {
				return err
			}
			pr.launches.Add(1)
		}
		if rs.nref > 0 {
			if err := rs.monitor(p0, int(cp), gone); err != nil {
				return err
			}
		}
		p0 += int(cp)
		if req.Progress != nil {
			req.Progress(int64(m0) * cp)
		}
		if p0 < req.Turns && rs.compact && bm.m >= testCompactMin {
			var err error
			if gone, err = rs.compactLive(gone); err != nil {
				return err
			}
		}
	}
	return nil
}

// launch runs gt_segment on the particles on the GPU for passes
// [p0, p0+cp) of the request, timing it with events.
func (rs *runState) launch(p0, cp int) error {
	bm, req, pr := rs.bm, rs.req, rs.pr
	m := int64(bm.m)
	if rs.nref > 0 {
		if _, err := pr.mon.grow("monitor", int64(cp)*int64(rs.nref)*m*48); err != nil {
			return err
		}
	}
	a := segmentArgs{beam: bm.pdesc, elems: pr.elems, start: int64(req.Start), end: int64(req.End),
		pool: pr.pool, params: pr.params, turn0: int64(req.Turn0 + p0), turns: int64(cp),
		refpts: pr.refpts.p, nref: int64(rs.nref), monitor: pr.mon.p}
	if rs.nref == 0 {
		a.refpts, a.monitor = 0, 0
	}
	k, err := pr.b.function(kernelSegment)
	if err != nil {
		return err
	}
	block := pr.b.block(k, int(m))
	err = pr.timed(kernelSegment, m, block, func() error {
		return launchSegment(k.fn, launchShape{grid: gridFor(int(m), block), block: block}, a)
	})
	if err != nil {
		return fmt.Errorf("%w (N=%d on the GPU, elements [%d, %d), turns %d..%d, %d refpts)", err, m, a.start, a.end, a.turn0, a.turn0+a.turns-1, a.nref)
	}
	return nil
}

// timed launches kernel name over n threads in blocks of block through
// launch, between two events, waits for it and records its time.
func (pr *Program) timed(name string, n int64, block int, launch func() error) error {
	if !pr.haveEvents {
		for i := range pr.events {
			e, err := cu.MakeEvent(cu.DefaultEvent)
			if err != nil {
				for j := 0; j < i; j++ {
					cu.DestroyEvent(&pr.events[j])
				}
				return fmt.Errorf("cuda: %s: create event: %w", name, err)
			}
			pr.events[i] = e
		}
		pr.haveEvents = true
	}
	t0, t1 := pr.events[0], pr.events[1]
	if err := t0.Record(cu.Stream{}); err != nil {
		return fmt.Errorf("cuda: %s: record event: %w", name, err)
	}
	if err := launch(); err != nil {
		return fmt.Errorf("cuda: launch %s on %d threads (%d blocks of %d): %w", name, n, gridFor(int(n), block), block, err)
	}
	if err := t1.Record(cu.Stream{}); err != nil {
		return fmt.Errorf("cuda: %s: record event: %w", name, err)
	}
	if err := t1.Synchronize(); err != nil {
		return fmt.Errorf("cuda: kernel %s on %d threads failed: %w", name, n, err)
	}
	ms, err := t0.Elapsed(t1)
	if err != nil {
		return fmt.Errorf("cuda: %s: event time: %w", name, err)
	}
	d := int64(ms * 1e6)
	pr.lastKernel.Store(d)
	pr.runTotal.Add(d)
	return nil
}

// monitor copies the monitor of passes [p0, p0+cp) into req.Monitor: the
// GPU's rows for the particles on it, and the unchanging coordinates of
// the lost particles compaction took off it.
func (rs *runState) monitor(p0, cp int, gone []int) error {
	bm, req := rs.bm, rs.req
	n, m, nref := bm.n, bm.m, rs.nref
	row := func(pass, ri int) int { return ((p0+pass)*nref + ri) * n * 6 } // host row start
	switch {
	case m == 0:
	case bm.slots == nil:
		// Contiguous particles: one copy per pass and refpt (one in all
		// when the set is the whole beam).
		if bm.base == 0 && m == n {
			lo := row(0, 0)
			if err := dtoh("monitor", f64s(req.Monitor[lo:lo+cp*nref*n*6]), rs.pr.mon.p, int64(cp*nref*n*6*8)); err != nil {
				return err
			}
			break
		}
		for pass := 0; pass < cp; pass++ {
			for ri := 0; ri < nref; ri++ {
				lo := row(pass, ri) + bm.base*6
				src := offset(rs.pr.mon.p, int64((pass*nref+ri)*m*6*8))
				if err := dtoh("monitor", f64s(req.Monitor[lo:lo+m*6]), src, int64(m*6*8)); err != nil {
					return err
				}
			}
		}
	default:
		size := cp * nref * m * 6
		if cap(rs.monHost) < size {
			rs.monHost = make([]float64, size)
		}
		buf := rs.monHost[:size]
		if err := dtoh("monitor", f64s(buf), rs.pr.mon.p, int64(size*8)); err != nil {
			return err
		}
		for pass := 0; pass < cp; pass++ {
			for ri := 0; ri < nref; ri++ {
				r := row(pass, ri)
				blk := buf[(pass*nref+ri)*m*6:]
				for j, i := range bm.slots {
					copy(req.Monitor[r+i*6:r+i*6+6], blk[j*6:j*6+6])
				}
			}
		}
	}
	for pass := 0; pass < cp; pass++ {
		for ri := 0; ri < nref; ri++ {
			r := row(pass, ri)
			for _, i := range gone {
				dst := req.Monitor[r+i*6 : r+i*6+6]
				for k := 0; k < 6; k++ {
					dst[k] = bm.host.Coords[k][i]
				}
			}
		}
	}
	return nil
}

// compactLive gathers the live particles at the front of the GPU arrays
// when more than half of those on it are lost: the set goes back to the
// host copy, and the live ones come back in their order. It returns gone
// with the particles taken off appended.
func (rs *runState) compactLive(gone []int) ([]int, error) {
	bm := rs.bm
	var err error
	if rs.lost, err = bm.lostFlags(rs.lost); err != nil {
		return gone, err
	}
	live := 0
	for _, l := range rs.lost {
		if l == 0 {
			live++
		}
	}
	if 2*live >= bm.m {
		return gone, nil
	}
	slots := make([]int, 0, live)
	for j, l := range rs.lost {
		if l == 0 {
			slots = append(slots, bm.particle(j))
		} else {
			gone = append(gone, bm.particle(j))
		}
	}
	if err := bm.flush(); err != nil {
		return gone, fmt.Errorf("compaction: %w", err)
	}
	if err := bm.load(0, slots, live); err != nil {
		return gone, fmt.Errorf("compaction: %w", err)
	}
	return gone, nil
}

// RunElement applies element ei of the plan to every particle with its
// per-passmethod kernel gt_elem_<Method>, AT's turn counter being turn
// (single-element use, and the benchmark of per-element launches against
// the fused kernel). The beam must be resident (see Beam.Resident).
func (pr *Program) RunElement(beam device.Beam, ei, turn int) error {
	return pr.RunElements(beam, device.RunRequest{Start: ei, End: ei + 1, Turn0: turn, Turns: 1})
}

// RunElements tracks the beam through elements [req.Start, req.End) for
// req.Turns passes with one launch of the per-passmethod kernel per
// element and pass, queued back to back and timed as a whole; refpts and
// progress are not supported. The beam must be resident.
func (pr *Program) RunElements(beam device.Beam, req device.RunRequest) error {
	if len(req.Refpts) > 0 {
		return errors.New("cuda: RunElements does not record refpts")
	}
	bm, err := pr.check(beam, &req)
	if err != nil {
		return err
	}
	if !bm.Resident() {
		return fmt.Errorf("cuda: per-element kernels need the whole beam on the GPU (%d particles, %d fit)", bm.n, bm.cap)
	}
	pr.runTotal.Store(0)
	pr.launches.Store(0)
	if bm.n == 0 || req.Turns == 0 || req.Start == req.End {
		return nil
	}
	return pr.b.w.do(func() error {
		m := int64(bm.m)
		fns := make([]*kernel, req.End-req.Start)
		blocks := make([]int, req.End-req.Start)
		for ei := req.Start; ei < req.End; ei++ {
			if fns[ei-req.Start], err = pr.b.function(elemKernels[pr.plan.Elements[ei].Method]); err != nil {
				return err
			}
			blocks[ei-req.Start] = pr.b.block(fns[ei-req.Start], int(m))
		}
		what := fmt.Sprintf("%s* (elements [%d, %d) x %d passes)", kernelElemPrefix, req.Start, req.End, req.Turns)
		pr.launches.Store(int64(req.Turns * (req.End - req.Start)))
		return pr.timed(what, m, blocks[0], func() error {
			for pass := 0; pass < req.Turns; pass++ {
				for ei := req.Start; ei < req.End; ei++ {
					a := elemArgs{beam: bm.pdesc, e: offset(pr.elems, int64(ei)*elementSize), pool: pr.pool,
						params: pr.params, turn: int64(req.Turn0 + pass), ei: int64(ei)}
					block := blocks[ei-req.Start]
					if err := launchElem(fns[ei-req.Start].fn, launchShape{grid: gridFor(int(m), block), block: block}, a); err != nil {
						return fmt.Errorf("element %d (%v), pass %d: %w", ei, pr.plan.Elements[ei].Method, pass, err)
					}
				}
			}
			return nil
		})
	})
}
