package optics

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gotrack/gotrack/tracking"
)

// FastRingOptions are the options of FastRing.
type FastRingOptions struct {
	// SplitInds are the element indices (0..len(Elements)) where the
	// lattice is cut into slices, each becoming one linear element
	// (PyAT's split_inds); 0 and len(Elements) are always cuts. Nil: one
	// slice, the whole lattice.
	SplitInds []int
	// Options choose the backend of the optics (orbits, matrices,
	// detuning tracking, diffusion).
	Options
}

// FastRing is PyAT's at.fast_ring(ring, split_inds): two lumped models of
// lat, one without radiation (norad, from Disable6D(lat)) and one with
// (rad, from Enable6D(lat)), that keep lat's ring properties (energy,
// particle, periodicity, harmonic number, ...). Each is, per slice of the
// lattice, one RF cavity per distinct frequency of the slice ("CAVL",
// RFCavityPass, the voltages of the slice's cavities summed) followed by
// a Matrix66Pass element ("Linear_<k>", the slice's 6×6 transfer matrix
// around the closed orbit, without its cavities, T1 and T2 the closed
// orbit at its entrance and exit, M66Rad = M66); then one DeltaQPass
// element ("NonLinear", GenDetuningElem of the non-radiating lattice;
// the radiating model has a copy of it with T1/T2 on its own closed
// orbit); then, in the radiating model only, the QuantDiffPass element
// of GenQuantDiffElem ("Diffusion"). lat is not modified.
func FastRing(lat *tracking.Lattice, opt *FastRingOptions) (norad, rad *tracking.Lattice, err error) {
	var o FastRingOptions
	if opt != nil {
		o = *opt
	}
	norad, det, err := fastRingOf(Disable6D(lat), lat, o.SplitInds, nil, &o.Options)
	if err != nil {
		return nil, nil, fmt.Errorf("fast_ring without radiation: %w", err)
	}
	rad, _, err = fastRingOf(Enable6D(lat), lat, o.SplitInds, det.Clone(), &o.Options)
	if err != nil {
		return nil, nil, fmt.Errorf("fast_ring with radiation: %w", err)
	}
	return norad, rad, nil
}

// fastRingOf is PyAT's _fring: the fast ring of lat (already turned to
// the wanted 4D/6D state). det, when not nil, is the detuning element to
// use (its T1/T2 are set to this lattice's orbit); else it is generated.
// props supplies the ring properties of the result.
func fastRingOf(lat, props *tracking.Lattice, split []int, det *tracking.Element, opt *Options) (*tracking.Lattice, *tracking.Element, error) {
	slices, merged, err := rearrange(lat, split)
	if err != nil {
		return nil, nil, err
	}
	var refs []int
	for i, e := range merged.Elements {
		if e.FamName == "xbeg" || e.FamName == "xend" {
			refs = append(refs, i)
		}
	}
	orb, err := FindOrbit(merged, refs, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("closed orbit of the merged lattice: %w", err)
	}
	last := orb.At[len(orb.At)-1]
	if det == nil {
		det, err = GenDetuningElem(merged, &last, opt)
		if err != nil {
			return nil, nil, err
		}
	} else {
		t1, t2 := make([]float64, 6), make([]float64, 6)
		for i := range t1 {
			t1[i], t2[i] = -last[i], last[i]
		}
		det.Set("T1", t1)
		det.Set("T2", t2)
	}
	var elems []*tracking.Element
	for k, s := range slices {
		var cavs []*tracking.Element
		var rest []*tracking.Element
		for _, e := range s.Elements {
			if strings.HasSuffix(e.PassMethod, "CavityPass") {
				cavs = append(cavs, e)
			} else {
				rest = append(rest, e)
			}
		}
		sl := *s
		sl.Elements = rest
		lin, err := genM66Elem(&sl, orb.At[2*k], orb.At[2*k+1], opt)
		if err != nil {
			return nil, nil, fmt.Errorf("slice %d: %w", k, err)
		}
		lin.FamName += "_" + strconv.Itoa(k)
		elems = append(elems, cavs...)
		elems = append(elems, lin)
	}
	elems = append(elems, det)
	if HasRadiation(merged) {
		q, err := GenQuantDiffElem(merged, &EnvelopeOptions{Orbit: &orb.Orbit0, Options: optValue(opt)})
		if err != nil {
			return nil, nil, err
		}
		q.Set("Class", "QuantumDiffusion")
		elems = append(elems, q)
	}
	out := *props
	out.Elements = elems
	out.Properties = append([]tracking.Attr(nil), props.Properties...)
	return &out, det, nil
}

// rearrange is PyAT's _rearrange: lat cut at split (0 and len(Elements)
// added), each slice framed by "xbeg" and "xend" markers, its RF cavities
// turned off (IdentityPass, DriftPass if long) and followed by one
// RFCavityPass cavity "CAVL" per distinct frequency (voltages summed,
// harmonic number, energy and time lag of the first cavity of that
// frequency); merged is the slices end to end, periodicity 1. merged
// keeps lat's particle (PyAT's Lattice(ringm, energy=..., periodicity=1)
// falls back to the default 'relativistic' one, which changes the 6D
// closed orbit of a lattice of massive particles; the two agree for
// PyAT's relativistic lattices). The elements changed are copies; lat
// is not modified.
func rearrange(lat *tracking.Lattice, split []int) (slices []*tracking.Lattice, merged *tracking.Lattice, err error) {
	n := len(lat.Elements)
	cut := map[int]bool{0: true, n: true}
	for _, i := range split {
		if i < 0 || i > n {
			return nil, nil, fmt.Errorf("split index %d out of range 0..%d", i, n)
		}
		cut[i] = true
	}
	var inds []int
	for i := range cut {
		inds = append(inds, i)
	}
	sort.Ints(inds)
	m := *lat
	m.Elements = nil
	m.Periodicity = 1
	m.Properties = append([]tracking.Attr(nil), lat.Properties...)
	for k := 0; k+1 < len(inds); k++ {
		s := *lat
		s.Elements = []*tracking.Element{marker("xbeg")}
		var cavs []*tracking.Element
		for _, e := range lat.Elements[inds[k]:inds[k+1]] {
			if tracking.IsRFCavity(e) {
				c := e.Clone()
				if c.Length() == 0 {
					c.PassMethod = "IdentityPass"
				} else {
					c.PassMethod = "DriftPass"
				}
				cavs = append(cavs, c)
				e = c
			}
			s.Elements = append(s.Elements, e)
		}
		s.Elements = append(s.Elements, marker("xend"))
		lumped, err := lumpCavities(cavs, k)
		if err != nil {
			return nil, nil, err
		}
		s.Elements = append(s.Elements, lumped...)
		slices = append(slices, &s)
		m.Elements = append(m.Elements, s.Elements...)
	}
	return slices, &m, nil
}

// lumpCavities returns one "CAVL" RFCavityPass cavity per distinct
// frequency of cavs, in increasing frequency (numpy's unique).
func lumpCavities(cavs []*tracking.Element, slice int) ([]*tracking.Element, error) {
	type cav struct {
		e *tracking.Element
		f float64
	}
	var all []cav
	var freqs []float64
	seen := map[float64]bool{}
	for _, c := range cavs {
		f, ok, err := c.Float("Frequency")
		if err != nil || !ok {
			return nil, fmt.Errorf("slice %d: RF cavity %s: attribute Frequency: missing or not a number", slice, c.FamName)
		}
		all = append(all, cav{c, f})
		if !seen[f] {
			seen[f] = true
			freqs = append(freqs, f)
		}
	}
	sort.Float64s(freqs)
	var out []*tracking.Element
	for _, f := range freqs {
		var first *tracking.Element
		v := 0.0
		for _, c := range all {
			if c.f != f {
				continue
			}
			if first == nil {
				first = c.e
			}
			x, _, err := c.e.Float("Voltage")
			if err != nil {
				return nil, fmt.Errorf("slice %d: RF cavity %s: attribute Voltage: %w", slice, c.e.FamName, err)
			}
			v += x
		}
		e := &tracking.Element{FamName: "CAVL", PassMethod: "RFCavityPass"}
		e.Set("Length", 0.0)
		e.Set("Voltage", v)
		e.Set("Frequency", f)
		for _, name := range []string{"HarmNumber", "Energy"} {
			if a, ok := first.Get(name); ok {
				e.Set(name, a)
			}
		}
		tl := 0.0
		if x, ok, err := first.Float("TimeLag"); ok && err == nil {
			tl = x
		}
		e.Set("TimeLag", tl)
		e.Set("Class", "RFCavity")
		out = append(out, e)
	}
	return out, nil
}

// genM66Elem is PyAT's gen_m66_elem(ring, o6b, o6e): a Matrix66Pass
// element "Linear" of the lattice's length whose M66 (and M66Rad) is
// FindM66 around o6b, T1 = -o6b, T2 = o6e.
func genM66Elem(lat *tracking.Lattice, o6b, o6e Vec6, opt *Options) (*tracking.Element, error) {
	m, _, err := FindM66(lat, nil, &o6b, opt)
	if err != nil {
		return nil, fmt.Errorf("gen_m66_elem: %w", err)
	}
	t1, t2 := make([]float64, 6), make([]float64, 6)
	for i := range t1 {
		t1[i], t2[i] = -o6b[i], o6e[i]
	}
	e := &tracking.Element{FamName: "Linear", PassMethod: "Matrix66Pass"}
	e.Set("Length", lat.Length())
	e.Set("M66", rowsOf(m))
	e.Set("M66Rad", rowsOf(m))
	e.Set("T1", t1)
	e.Set("T2", t2)
	e.Set("Class", "Matrix66")
	return e, nil
}

// rowsOf returns m as row lists (the [][]float64 form of a matrix
// attribute).
func rowsOf(m Mat66) [][]float64 {
	r := make([][]float64, 6)
	for i := range r {
		r[i] = append([]float64(nil), m[i][:]...)
	}
	return r
}

// marker returns a zero-length IdentityPass marker.
func marker(name string) *tracking.Element {
	e := &tracking.Element{FamName: name, PassMethod: "IdentityPass"}
	e.Set("Length", 0.0)
	e.Set("Class", "Marker")
	return e
}
