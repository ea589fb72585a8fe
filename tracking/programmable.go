package tracking

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/device"
)

// ProgrammablePass is the passmethod name of programmable elements, whose
// push is user code (Element.Program). It is gotrack's own: AT does not
// know it.
const ProgrammablePass = "ProgrammablePass"

// Programmable is the user code of a programmable element. Push is Go
// code, run on the host over the beam's coordinates (on the CPU backend
// the live arrays, on a GPU a copy written back after the call). CUDA is
// CUDA C source defining the device function
//
//	__device__ void gotrack_push(double r[6], const gt_push_ctx *ctx)
//
// which GPU backends compile at run time (NVRTC) and apply to every live
// particle in GPU memory. When both are given, a GPU backend uses CUDA and
// the CPU backend Push.
type Programmable struct {
	Push func(ctx *PushContext) error
	CUDA string
	// Values are user parameters passed to the CUDA function
	// (ctx->values) and kept in PushContext.
	Values []float64
}

// PushContext is what a Go programmable element receives.
type PushContext struct {
	// Turn and Element locate the pass (Element is the lattice index).
	Turn, Element int
	// Lattice is the lattice being tracked.
	Lattice *Lattice
	// Coords are the beam's coordinates, Coords[k][i] coordinate k of
	// particle i; Lost marks lost particles, which the push must leave
	// alone. Particles the push sends beyond PyAT's limits are marked lost
	// at this element after it returns.
	Coords [6][]float64
	Lost   []bool
	// Params are the ring parameters (energy, particle, RingLength, T0).
	Params device.Params
	// Values are the element's user parameters.
	Values []float64
}

// NewProgrammable returns a programmable element named famName of the
// given length (which counts in the ring length, like any element's).
func NewProgrammable(famName string, length float64, p *Programmable) *Element {
	e := &Element{FamName: famName, PassMethod: ProgrammablePass, Program: p}
	e.Set("Length", length)
	return e
}

// programOp is a programmable element compiled for one run.
type programOp struct {
	index int
	prog  *Programmable
	push  device.Push // compiled CUDA code, when the backend compiles it
}

func (r *runner) compileProgram(el *Element, i int) (*programOp, error) {
	p := el.Program
	if p == nil || (p.Push == nil && p.CUDA == "") {
		return nil, &ElementError{Attr: "Program", Err: errors.New("programmable element without code (set Element.Program, e.g. with NewProgrammable)")}
	}
	op := &programOp{index: i, prog: p}
	if pc, ok := r.be.(device.PushCompiler); ok && p.CUDA != "" {
		push, err := pc.CompilePush(el.FamName, p.CUDA)
		if err != nil {
			return nil, &ElementError{Attr: "Program", Err: fmt.Errorf("compiling its CUDA code: %w", err)}
		}
		op.push = push
		return op, nil
	}
	if p.Push == nil {
		return nil, &ElementError{Attr: "Program", Err: fmt.Errorf("only CUDA code, which the %s backend cannot compile; give a Go Push too", r.be.Name())}
	}
	return op, nil
}

// apply runs the user code for turn t, then PyAT's loss rule.
func (op *programOp) apply(r *runner, t int) error {
	if op.push != nil {
		return op.push.Apply(r.db, device.PushContext{Turn: t, Element: op.index, Params: r.plan.Params, Values: op.prog.Values})
	}
	p, err := r.view.Particles()
	if err != nil {
		return err
	}
	ctx := &PushContext{Turn: t, Element: op.index, Lattice: r.lat, Coords: p.Coords, Lost: p.Lost, Params: r.plan.Params, Values: op.prog.Values}
	err = op.prog.Push(ctx)
	if err == nil {
		var c [6]float64
		for i := range p.Lost {
			if p.Lost[i] {
				continue
			}
			for k := range c {
				c[k] = p.Coords[k][i]
			}
			if device.Escaped(&c) {
				p.MarkLost(i, &c, t, op.index)
			}
		}
	}
	if ferr := r.view.flush(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

func (r *runner) closePrograms() {
	for _, op := range r.programs {
		if op.push != nil {
			op.push.Close()
		}
	}
}
