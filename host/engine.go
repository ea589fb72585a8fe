package host

import (
	"fmt"
	"math"

	"github.com/gotrack/gotrack/device"
)

// program is a plan loaded on the CPU backend.
type program struct {
	b    *Backend
	plan *device.Plan
}

// Close releases nothing.
func (pr *program) Close() error { return nil }

// Run tracks the beam through elements [req.Start, req.End) for req.Turns
// passes. The beam is cut into tiles; each tile is tracked through all
// passes before the next is taken, so it stays in cache, and goroutines
// take tiles from a shared counter, so uneven work (lost particles) evens
// out.
func (pr *program) Run(beam device.Beam, req device.RunRequest) error {
	hb, ok := beam.(*Beam)
	if !ok {
		return fmt.Errorf("host: beam of type %T is not a CPU beam", beam)
	}
	n := hb.Len()
	if err := req.Check(len(pr.plan.Elements), n); err != nil {
		return fmt.Errorf("host: %w", err)
	}
	if n == 0 || req.Turns == 0 {
		return nil
	}
	cfg := device.CPUConfig{Threads: pr.b.threads, TileSize: pr.b.tileSize, SerialBelow: pr.b.serialBelow}
	cfg.RunTiles(n, func() func(lo, hi int) {
		t := newTracker(pr.plan, hb.p, &req, pr.b.tileSize)
		return t.run
	})
	return nil
}

// tracker holds one goroutine's tile buffer.
type tracker struct {
	plan *device.Plan
	p    *device.Particles
	req  *device.RunRequest
	buf  []Particle
	env  Env
}

func newTracker(plan *device.Plan, p *device.Particles, req *device.RunRequest, ts int) *tracker {
	return &tracker{plan: plan, p: p, req: req, buf: make([]Particle, ts), env: Env{Params: plan.Params}}
}

// lostParticle is how AT leaves a lost particle: (NaN, 0, 0, 0, 0, 0).
var lostParticle = Particle{math.NaN(), 0, 0, 0, 0, 0}

// run tracks particles [lo, hi) through all passes of the request.
func (t *tracker) run(lo, hi int) {
	tile := t.buf[:hi-lo]
	p := t.p
	for i := range tile {
		for k := 0; k < 6; k++ {
			tile[i][k] = p.Coords[k][lo+i]
		}
	}
	req := t.req
	elems := t.plan.Elements
	pool := t.plan.Pool
	n := p.Len()
	nref := len(req.Refpts)
	t.env.Index0 = t.plan.Params.First + int64(lo)
	alive := 0
	for i := range tile {
		if !p.Lost[lo+i] {
			alive++
		}
	}
	for pass := 0; pass < req.Turns; pass++ {
		turn := req.Turn0 + pass
		t.env.Turn = turn
		ri := 0
		mon := func(ri int) {
			base := ((pass*nref+ri)*n + lo) * 6
			for i := range tile {
				copy(req.Monitor[base+6*i:base+6*i+6], tile[i][:])
			}
		}
		for ei := req.Start; ei < req.End; ei++ {
			for ri < nref && req.Refpts[ri] == ei {
				mon(ri)
				ri++
			}
			e := &elems[ei]
			// A tile with no live particle skips its elements, except
			// SolenoidLinearPass, which AT applies to lost particles too.
			if alive == 0 && e.Method != device.SolenoidLinearPass {
				continue
			}
			t.env.Element = ei
			passTable[e.Method](tile, e, pool, &t.env)
			alive -= t.checkLost(tile, lo, turn, ei)
		}
		for ri < nref && req.Refpts[ri] == req.End {
			mon(ri)
			ri++
		}
		if req.Progress != nil {
			req.Progress(int64(len(tile)))
		}
	}
	for i := range tile {
		for k := 0; k < 6; k++ {
			p.Coords[k][lo+i] = tile[i][k]
		}
	}
}

// checkLost applies PyAT's loss rule after element ei: a particle not yet
// lost whose coordinates are not all finite, or with |x|, |px|, |y|, |py|
// or |delta| above 1, is lost; its coordinates, turn and element are
// recorded and it is set to (NaN, 0, 0, 0, 0, 0). It returns how many
// particles it marked.
func (t *tracker) checkLost(tile []Particle, lo, turn, ei int) int {
	p := t.p
	lost := 0
	for i := range tile {
		r := &tile[i]
		if p.Lost[lo+i] {
			continue
		}
		if !device.Escaped((*[6]float64)(r)) {
			continue
		}
		g := lo + i
		p.Lost[g] = true
		p.LostTurn[g] = int64(turn)
		p.LostElement[g] = int64(ei)
		for k := 0; k < 6; k++ {
			p.LostCoords[k][g] = r[k]
		}
		*r = lostParticle
		lost++
	}
	return lost
}
