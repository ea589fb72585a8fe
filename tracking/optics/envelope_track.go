package optics

import (
	"fmt"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/host"
	"github.com/gotrack/gotrack/tracking"
)

// envRunner tracks small sets of particles through parts of a compiled
// lattice on one backend: what the envelope computation needs (the orbit
// at every element, element and ring matrices by finite differences).
type envRunner struct {
	plan    *device.Plan
	backend device.Backend
	prog    device.Program
	xyStep  float64
	beams   map[int]device.Beam // resident beams by size, reused across runs
}

// newEnvRunner compiles lat and loads it on the backend that opt selects.
// Collective and programmable elements, which PyAT's ohmi_envelope turns
// off, are refused.
func newEnvRunner(lat *tracking.Lattice, opt *Options) (*envRunner, error) {
	plan, err := tracking.Compile(deterministic(lat))
	if err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	if len(plan.Segments) > 1 {
		return nil, fmt.Errorf("the lattice has collective or programmable elements, which the envelope computation does not take")
	}
	var b device.Backend
	if opt.Open != nil {
		b, err = opt.Open(opt.Backend)
	} else {
		b, err = device.Open(opt.Device, opt.Backend)
	}
	if err != nil {
		return nil, fmt.Errorf("open backend: %w", err)
	}
	prog, err := b.Load(plan)
	if err != nil {
		return nil, fmt.Errorf("load plan on %s: %w", b.Name(), err)
	}
	return &envRunner{plan: plan, backend: b, prog: prog, xyStep: opt.xyStep(), beams: map[int]device.Beam{}}, nil
}

// close releases the beams and the loaded plan.
func (r *envRunner) close() {
	for _, b := range r.beams {
		_ = b.Close()
	}
	_ = r.prog.Close()
}

// track runs the particles in through elements [start, end) once (AT's
// turn 0) and returns them at the end and, for each refpt, at its
// entrance: mon[k][i] is particle i at refpts[k].
func (r *envRunner) track(in [][6]float64, start, end int, refpts []int) (out [][6]float64, mon [][][6]float64, err error) {
	n := len(in)
	p := device.NewParticles(n)
	for i := range in {
		for k := 0; k < 6; k++ {
			p.Coords[k][i] = in[i][k]
		}
	}
	beam, ok := r.beams[n]
	if !ok {
		beam, err = r.backend.NewBeam(n)
		if err != nil {
			return nil, nil, fmt.Errorf("new beam: %w", err)
		}
		r.beams[n] = beam
	}
	if err := beam.Upload(p); err != nil {
		return nil, nil, fmt.Errorf("upload: %w", err)
	}
	req := device.RunRequest{Start: start, End: end, Turns: 1, Refpts: refpts}
	if len(refpts) > 0 {
		req.Monitor = make([]float64, len(refpts)*n*6)
	}
	if err := r.prog.Run(beam, req); err != nil {
		return nil, nil, fmt.Errorf("track elements %d..%d: %w", start, end, err)
	}
	if err := beam.Download(p); err != nil {
		return nil, nil, fmt.Errorf("download: %w", err)
	}
	out = make([][6]float64, n)
	for i := range out {
		for k := 0; k < 6; k++ {
			out[i][k] = p.Coords[k][i]
		}
	}
	mon = make([][][6]float64, len(refpts))
	for j := range refpts {
		mon[j] = make([][6]float64, n)
		for i := 0; i < n; i++ {
			copy(mon[j][i][:], req.Monitor[(j*n+i)*6:(j*n+i)*6+6])
		}
	}
	return out, mon, nil
}

// fdInputs returns PyAT's 12 finite-difference particles around orbit:
// orbit ± scaling[j]/2 along coordinate j (plus first).
func fdInputs(orbit [6]float64, scaling [6]float64) [][6]float64 {
	in := make([][6]float64, 12)
	for j := 0; j < 6; j++ {
		in[j], in[j+6] = orbit, orbit
		in[j][j] += 0.5 * scaling[j]
		in[j+6][j] -= 0.5 * scaling[j]
	}
	return in
}

// fdMatrix is PyAT's (out[:, :6] - out[:, 6:]) / scaling: m[i][j] from
// the particles displaced along j.
func fdMatrix(out [][6]float64, scaling [6]float64) [6][6]float64 {
	var m [6][6]float64
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			m[i][j] = (out[j][i] - out[j+6][i]) / scaling[j]
		}
	}
	return m
}

// orbits returns the orbit at the entrance of every element and at the
// end (N+1 points), starting from orbit (PyAT's internal_lpass with
// refpts=All).
func (r *envRunner) orbits(orbit [6]float64) ([][6]float64, error) {
	n := len(r.plan.Elements)
	refs := make([]int, n+1)
	for i := range refs {
		refs[i] = i
	}
	_, mon, err := r.track([][6]float64{orbit}, 0, n, refs)
	if err != nil {
		return nil, err
	}
	orbs := make([][6]float64, n+1)
	for i := range orbs {
		orbs[i] = mon[i][0]
	}
	return orbs, nil
}

// elementM66 is PyAT's find_elem_m66: the transfer matrix of element i at
// orbit, by central differences of step XYStep in all six coordinates
// (the 12 particles tracked through element i alone, AT's turn 0).
func (r *envRunner) elementM66(i int, orbit [6]float64) ([6][6]float64, error) {
	h := r.xyStep
	s := [6]float64{h, h, h, h, h, h}
	out, _, err := r.track(fdInputs(orbit, s), i, i+1, nil)
	if err != nil {
		return [6][6]float64{}, err
	}
	return fdMatrix(out, s), nil
}

// diffusion returns the diffusion matrix (PyAT's diffusion_matrix) of
// every element entered at orbs[i], from the backend when it has the
// capability, else from the Go engine.
func (r *envRunner) diffusion(orbs [][6]float64) ([][6][6]float64, error) {
	n := len(r.plan.Elements)
	var elems []int
	var eorbs [][6]float64
	for i := 0; i < n; i++ {
		if r.plan.Elements[i].Method.HasDiffusion() {
			elems = append(elems, i)
			eorbs = append(eorbs, orbs[i])
		}
	}
	var flat []float64
	var err error
	if d, ok := r.backend.(device.DiffusionMatrices); ok {
		flat, err = d.DiffusionMatrices(r.plan, elems, eorbs)
	} else {
		flat, err = host.Diffusion(r.plan, elems, eorbs)
	}
	if err != nil {
		return nil, fmt.Errorf("diffusion matrices: %w", err)
	}
	bs := make([][6][6]float64, n)
	for k, i := range elems {
		for a := 0; a < 6; a++ {
			for c := 0; c < 6; c++ {
				bs[i][a][c] = flat[36*k+a+6*c]
			}
		}
	}
	return bs, nil
}

// cumulatedDiffusion is PyAT's _dmatr: the diffusion matrices cumulated
// from the start of the lattice to the entrance of every element and to
// the end (N+1 matrices, the first zero): B(i+1) = m_i·B(i)·m_iᵀ + b_i,
// m_i the element's transfer matrix (find_elem_m66) and b_i its diffusion
// matrix, both at the orbit at its entrance.
func (r *envRunner) cumulatedDiffusion(orbs [][6]float64) ([][6][6]float64, error) {
	bs, err := r.diffusion(orbs)
	if err != nil {
		return nil, err
	}
	n := len(r.plan.Elements)
	cum := make([][6][6]float64, n+1)
	for i := 0; i < n; i++ {
		m, err := r.elementM66(i, orbs[i])
		if err != nil {
			return nil, err
		}
		cum[i+1] = add66(mul66(mul66(m, cum[i]), transpose66(m)), bs[i])
	}
	return cum, nil
}
