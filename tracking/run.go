package tracking

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/tracking/collective"
)

// runner executes a plan with what happens between segments: collective
// and programmable elements (fences), hooks and per-turn moments.
type runner struct {
	lat  *Lattice
	plan *device.Plan
	be   device.Backend
	prog *device.Program
	db   device.Beam
	req  device.RunRequest
	opt  *Options
	res  *Result
	n    int

	ring        *collective.Ring
	collective  map[int]collective.Op
	programs    map[int]*programOp
	before      map[int][]*Hook // element hooks by element index
	after       map[int][]*Hook
	turnBefore  []*Hook
	turnAfter   []*Hook
	stops       []int // positions (0..ne) where something happens; ne last
	view        *BeamView
	coll        device.Collective
	momentsRows []float64
	seen        []elementStamp // the lattice as last compiled
	mon         []float64      // the monitor of the turns of this chunk
	chunk0      int            // the first pass of this chunk
}

// isFence reports whether elements of this passmethod run between
// segments rather than in a backend's segment: collective and
// programmable elements.
func isFence(passMethod string) bool {
	return passMethod == ProgrammablePass || collective.IsPassMethod(passMethod)
}

// run executes the plan: in one request when nothing happens between
// turns, else turn by turn and segment by segment; in chunks of turns
// (see chunker) when the run streams its monitor or may be stopped.
func run(lat *Lattice, plan *device.Plan, be device.Backend, prog *device.Program, db device.Beam, req device.RunRequest, opt *Options, res *Result) error {
	r := &runner{lat: lat, plan: plan, be: be, prog: prog, db: db, req: req, opt: opt, res: res, n: db.Len(),
		collective: map[int]collective.Op{}, programs: map[int]*programOp{}, before: map[int][]*Hook{}, after: map[int][]*Hook{}}
	if err := r.setup(); err != nil {
		return err
	}
	defer r.closePrograms()
	done, err := r.chunks()
	if err != nil {
		return err
	}
	r.finish(done)
	return nil
}

// chunks tracks the turns of the request chunk by chunk, asking
// Options.Stop between chunks, and returns the number of turns done.
func (r *runner) chunks() (int, error) {
	opt, req := r.opt, r.req
	whole := len(r.stops) == 1 && len(r.turnBefore) == 0 && len(r.turnAfter) == 0 && !opt.Moments
	ch := newChunker(opt, req.Turns, max(r.n, opt.Total), len(r.plan.Elements), len(req.Refpts))
	turnVals := len(req.Refpts) * r.n * 6 // monitor values per turn
	var stream []float64                  // the chunk's monitor when streamed
	if opt.MonitorTo != nil && turnVals > 0 {
		stream = make([]float64, ch.maxTurns()*turnVals)
	}
	done := 0
	for done < req.Turns {
		if done > 0 && opt.Stop != nil && opt.Stop() {
			r.res.Interrupted = true
			break
		}
		m := ch.next(req.Turns - done)
		if opt.AgreeChunk != nil {
			m = max(1, min(opt.AgreeChunk(m), req.Turns-done))
		}
		r.mon = nil
		if turnVals > 0 {
			if stream != nil {
				r.mon = stream[:m*turnVals]
			} else {
				r.mon = req.Monitor[done*turnVals : (done+m)*turnVals]
			}
		}
		start := time.Now()
		if err := r.chunk(done, m, whole); err != nil {
			return done, err
		}
		if stream != nil {
			if err := opt.MonitorTo(m, r.mon); err != nil {
				return done, fmt.Errorf("monitor of turns %d..%d: %w", req.Turn0+done, req.Turn0+done+m-1, err)
			}
		}
		done += m
		ch.took(m, time.Since(start))
	}
	if r.res.Interrupted && stream == nil && turnVals > 0 {
		r.res.Monitor = r.res.Monitor[:done*turnVals]
	}
	return done, nil
}

// chunk tracks the m turns from pass done: in one request to the backend
// when whole (nothing happens between turns), else turn by turn.
func (r *runner) chunk(done, m int, whole bool) error {
	r.chunk0 = done
	if whole {
		sub := r.req
		sub.Turn0, sub.Turns, sub.Monitor = r.req.Turn0+done, m, r.mon
		return (*r.prog).Run(r.db, sub)
	}
	for k := done; k < done+m; k++ {
		if err := r.turn(k); err != nil {
			return err
		}
	}
	return nil
}

// finish stores the turns done, what the collective elements computed (in
// lattice order) and the per-turn moments into the result.
func (r *runner) finish(done int) {
	r.res.Turns = done
	for i, el := range r.lat.Elements {
		if op, ok := r.collective[i]; ok {
			op.Finish(el, i, &r.res.Results)
		}
	}
	r.res.Moments = r.momentsRows
}

// setup compiles the fences, sorts the hooks and finds the stops.
func (r *runner) setup() error {
	ne := len(r.lat.Elements)
	if len(r.plan.Elements) != ne {
		return fmt.Errorf("plan has %d elements, lattice %d", len(r.plan.Elements), ne)
	}
	stops := map[int]bool{ne: true}
	for _, sg := range r.plan.Segments {
		stops[sg.End] = true // the fences
	}
	if err := r.compileFences(); err != nil {
		return err
	}
	if err := r.sortHooks(stops); err != nil {
		return err
	}
	for s := range stops {
		r.stops = append(r.stops, s)
	}
	sort.Ints(r.stops)
	if len(r.collective) > 0 || r.opt.Moments {
		c, ok := r.db.(device.Collective)
		if !ok {
			return fmt.Errorf("the %s backend cannot run whole-beam operations (collective elements, moments)", r.be.Name())
		}
		r.coll = c
	}
	r.view = newBeamView(r.db)
	r.seen = stamps(r.lat, nil)
	return nil
}

// compileFences compiles the programmable and collective elements; their
// errors are *ElementError naming the element.
func (r *runner) compileFences() error {
	for i, el := range r.lat.Elements {
		if !isFence(el.PassMethod) {
			continue
		}
		if el.PassMethod == ProgrammablePass {
			op, err := r.compileProgram(el, i)
			if err != nil {
				return r.fenceError(i, err)
			}
			r.programs[i] = op
			continue
		}
		if r.ring == nil {
			rg, err := r.newRing()
			if err != nil {
				return err
			}
			r.ring = rg
		}
		op, err := collective.Compile(el.PassMethod, el, r.ring)
		if err != nil {
			return r.fenceError(i, err)
		}
		r.collective[i] = op
	}
	return nil
}

// fenceError returns err, an error compiling fence i, as an *ElementError
// naming the lattice file, the element and (from a *collective.AttrError)
// the attribute.
func (r *runner) fenceError(i int, err error) error {
	var ee *ElementError
	var ae *collective.AttrError
	switch {
	case errors.As(err, &ee):
	case errors.As(err, &ae):
		ee = &ElementError{Attr: ae.Attr, Err: ae.Err}
	default:
		ee = &ElementError{Err: err}
	}
	ee.File, ee.Index, ee.FamName = r.lat.File, i, r.lat.Elements[i].FamName
	return ee
}

// sortHooks files the hooks of Options by hook point and element, and
// marks in stops the positions where element hooks run.
func (r *runner) sortHooks(stops map[int]bool) error {
	for k := range r.opt.Hooks {
		h := &r.opt.Hooks[k]
		if h.Func == nil {
			return fmt.Errorf("hook %q has no function", h.Name)
		}
		switch h.At {
		case BeforeTurn:
			r.turnBefore = append(r.turnBefore, h)
		case AfterTurn:
			r.turnAfter = append(r.turnAfter, h)
		case BeforeElement, AfterElement:
			if err := r.elementHook(h, stops); err != nil {
				return err
			}
		default:
			return fmt.Errorf("hook %q: unknown hook point %v", h.Name, h.At)
		}
	}
	return nil
}

// elementHook files a BeforeElement or AfterElement hook at every element
// it selects, marking the stops there.
func (r *runner) elementHook(h *Hook, stops map[int]bool) error {
	ne := len(r.lat.Elements)
	for _, e := range h.Elements {
		if e < 0 || e >= ne {
			return fmt.Errorf("hook %q: element %d outside 0..%d", h.Name, e, ne-1)
		}
	}
	found := false
	for i := 0; i < ne; i++ {
		ok, err := h.selects(r.lat, i)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		found = true
		if h.At == BeforeElement {
			r.before[i] = append(r.before[i], h)
			stops[i] = true
		} else {
			r.after[i] = append(r.after[i], h)
			stops[i+1] = true
		}
	}
	if !found {
		return fmt.Errorf("hook %q selects no element (Elements %v, FamName %q)", h.Name, h.Elements, h.FamName)
	}
	return nil
}

// newRing collects what collective elements need of the ring and beam.
func (r *runner) newRing() (*collective.Ring, error) {
	currents, spos, err := r.lat.Bunches()
	if err != nil {
		return nil, err
	}
	rg := &collective.Ring{NBunch: len(currents), Currents: currents, Spos: spos, BeamCurrent: r.lat.BeamCurrent(),
		RingLength: r.plan.Params.RingLength, Turns: r.req.Turns, First: r.opt.First, Total: r.opt.Total, Exchange: r.opt.Exchange}
	if rg.Total == 0 {
		rg.Total = r.n
	}
	if rg.NBunch < 1 {
		return nil, errors.New("collective elements need at least one bunch (check the fill pattern)")
	}
	if rg.Total < rg.NBunch {
		return nil, fmt.Errorf("collective elements need at least as many particles as bunches: %d particles, %d bunches", rg.Total, rg.NBunch)
	}
	return rg, nil
}

// turn tracks pass k of the run, turn Turn0+k.
func (r *runner) turn(k int) error {
	ne := len(r.lat.Elements)
	t := r.req.Turn0 + k
	for _, h := range r.turnBefore {
		if err := r.callHook(h, t, -1); err != nil {
			return err
		}
	}
	pos, ri := 0, 0
	for _, s := range r.stops {
		var err error
		if ri, err = r.segment(pos, s, k, ri); err != nil {
			return err
		}
		pos = s
		if s > 0 {
			for _, h := range r.after[s-1] {
				if err := r.callHook(h, t, s-1); err != nil {
					return err
				}
			}
		}
		if s == ne {
			break
		}
		for _, h := range r.before[s] {
			if err := r.callHook(h, t, s); err != nil {
				return err
			}
		}
		if op, ok := r.collective[s]; ok {
			if err := op.Apply(r.coll, r.ring, k); err != nil {
				return r.elementError(s, t, err)
			}
			pos = s + 1
		} else if op, ok := r.programs[s]; ok {
			if err := op.apply(r, t); err != nil {
				return r.elementError(s, t, err)
			}
			pos = s + 1
		}
	}
	if r.opt.Moments {
		if err := r.moments(); err != nil {
			return fmt.Errorf("moments after turn %d: %w", t, err)
		}
	}
	for _, h := range r.turnAfter {
		if err := r.callHook(h, t, -1); err != nil {
			return err
		}
	}
	if r.req.Progress != nil {
		r.req.Progress(int64(r.n))
	}
	return nil
}

func (r *runner) elementError(i, t int, err error) error {
	el := r.lat.Elements[i]
	return fmt.Errorf("element %d (%s, %s), turn %d: %w", i, el.FamName, el.PassMethod, t, err)
}

// segment runs elements [a, b) for pass k, recording the refpts from
// index ri that lie in [a, b]; it returns the index of the next refpt.
func (r *runner) segment(a, b, k, ri int) (int, error) {
	t := r.req.Turn0 + k
	refs := r.req.Refpts
	rj := ri
	for rj < len(refs) && refs[rj] <= b {
		rj++
	}
	if a == b && rj == ri {
		return ri, nil
	}
	req := device.RunRequest{Start: a, End: b, Turn0: t, Turns: 1, Refpts: refs[ri:rj]}
	if rj > ri {
		blk := r.n * 6
		base := (k - r.chunk0) * len(refs) * blk
		req.Monitor = r.mon[base+ri*blk : base+rj*blk]
	}
	if err := (*r.prog).Run(r.db, req); err != nil {
		return ri, fmt.Errorf("elements %d..%d, turn %d: %w", a, b-1, t, err)
	}
	return rj, nil
}

// callHook runs a hook, writes back what it changed in the beam, and
// recompiles the lattice when it changed attributes.
func (r *runner) callHook(h *Hook, t, elem int) error {
	where := fmt.Sprintf("turn %d", t)
	if elem >= 0 {
		el := r.lat.Elements[elem]
		where = fmt.Sprintf("element %d (%s), turn %d", elem, el.FamName, t)
	}
	ctx := &HookContext{Turn: t, Element: elem, Lattice: r.lat, Beam: r.view}
	err := h.Func(ctx)
	if ferr := r.view.flush(); ferr != nil && err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("hook %q (%v) at %s: %w", h.Name, h.At, where, err)
	}
	if err := r.refresh(); err != nil {
		return fmt.Errorf("after hook %q at %s: %w", h.Name, where, err)
	}
	return nil
}

// refresh recompiles the lattice and reloads the backend program when a
// hook changed what the backend runs (attributes changed with Set or
// Delete, a PassMethod, an element replaced).
func (r *runner) refresh() error {
	if len(r.lat.Elements) != len(r.plan.Elements) {
		return fmt.Errorf("hooks may change attributes but not the number of elements (%d, was %d)", len(r.lat.Elements), len(r.plan.Elements))
	}
	changed := false
	for i, e := range r.lat.Elements {
		if (elementStamp{e, e.gen, e.PassMethod, len(e.Attrs)}) != r.seen[i] {
			changed = true
			break
		}
	}
	if !changed {
		return nil
	}
	r.seen = stamps(r.lat, r.seen)
	p, err := r.opt.compile(r.lat)
	if err != nil {
		return err
	}
	if samePlan(p, r.plan) {
		return nil
	}
	prog, err := r.be.Load(p)
	if err != nil {
		return err
	}
	(*r.prog).Close()
	*r.prog, r.plan = prog, p
	return nil
}

func samePlan(a, b *device.Plan) bool {
	if a.Params != b.Params || len(a.Pool) != len(b.Pool) || len(a.Elements) != len(b.Elements) {
		return false
	}
	for i := range a.Elements {
		if a.Elements[i] != b.Elements[i] {
			return false
		}
	}
	for i := range a.Pool {
		if math.Float64bits(a.Pool[i]) != math.Float64bits(b.Pool[i]) {
			return false
		}
	}
	return true
}
