package tracking

import (
	"errors"
	"fmt"

	"github.com/gotrack/gotrack/device"
)

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
