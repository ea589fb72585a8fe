package device

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
)

// Whole-beam operations. Collective elements (wakes, beam and slice
// moments) and in-situ diagnostics need sums over the whole distribution.
// Backends compute them where the beam lives, with fixed-point
// accumulators: integer sums do not depend on the order of the additions,
// so a sum is the same on any number of threads, GPU blocks or MPI ranks,
// and partial sums from several processes combine exactly.

// AccWords is the number of int64 words of one fixed-point accumulator.
// Word k holds a signed count of units of 2^(32k+AccLSB); each addition
// puts at most 32 bits into a word, so a word takes 2^31 additions before
// it can overflow.
const AccWords = 6

// AccLSB is the binary exponent of the accumulator's least significant
// bit. Bits of an added value below 2^AccLSB are dropped (truncated toward
// zero), and values of magnitude 2^(32*AccWords+AccLSB-1) = 2^63 or more
// do not fit.
const AccLSB = -128

// AccAdd adds v to the accumulator acc (AccWords words). It reports false,
// leaving acc unchanged, when |v| is too large (or not finite).
//
// The value is split as |v| = m·2^e with m the 53-bit integer significand;
// m is shifted to bit position e-AccLSB (dropping the bits below position
// 0) and cut into 32-bit chunks, each added with v's sign to its word. The
// CUDA kernels implement the same steps (kernels/collective.cuh), so both
// produce the same words.
func AccAdd(acc []int64, v float64) bool {
	return accAdd((*[AccWords]int64)(acc[:AccWords]), v)
}

// accAdd is AccAdd on one accumulator given as an array pointer (no
// bounds checks in the loop of AccumulateParticle).
func accAdd(acc *[AccWords]int64, v float64) bool {
	u := math.Float64bits(v)
	neg := u>>63 != 0
	ex := int(u>>52) & 0x7ff
	m := u & (1<<52 - 1)
	switch ex {
	case 0x7ff:
		return false
	case 0:
		if m == 0 {
			return true
		}
		ex = 1
	default:
		m |= 1 << 52
	}
	pos := ex - 1075 - AccLSB // bit position of m's lowest bit
	if pos < 0 {
		if pos <= -53 {
			return true
		}
		m >>= uint(-pos)
		pos = 0
		if m == 0 {
			return true
		}
	}
	if pos+bits.Len64(m) > 32*AccWords-1 {
		return false
	}
	w, s := pos/32, uint(pos%32)
	lo := m << s // bits 0..63 of the shifted significand
	var hi uint64
	if s > 0 {
		hi = m >> (64 - s) // bits 64..84
	}
	c0, c1, c2 := int64(lo&0xffffffff), int64(lo>>32), int64(hi)
	if neg {
		c0, c1, c2 = -c0, -c1, -c2
	}
	acc[w] += c0
	if w+1 < AccWords {
		acc[w+1] += c1
	}
	if w+2 < AccWords {
		acc[w+2] += c2
	}
	return true
}

// AccFloat64 returns the value held in the accumulator acc (AccWords
// words), rounded once to the nearest float64.
func AccFloat64(acc []int64) float64 {
	var sum, t big.Int
	for k := AccWords - 1; k >= 0; k-- {
		sum.Lsh(&sum, 32)
		sum.Add(&sum, t.SetInt64(acc[k]))
	}
	if sum.Sign() == 0 {
		return 0
	}
	var f big.Float
	f.SetPrec(0).SetMode(big.ToNearestEven)
	f.SetInt(&sum) // exact: precision grows to hold sum
	f.SetMantExp(&f, AccLSB)
	x, _ := f.Float64()
	return x
}

// Term is one quantity a whole-beam accumulation sums over the particles
// of each bin: coordinate A when B < 0, else the product of coordinates A
// and B (x·px evaluated in float64, then accumulated).
type Term struct {
	A, B int8
}

// Binning assigns the particles of a beam to bins, following AT's
// atimplib.c: particle i (global index First+i) belongs to bunch
// (First+i) mod NBunch; when NSlice > 0 its bunch is cut into NSlice
// slices of ct between Lo[b] and Hi[b], of width H[b] = (Hi[b]-Lo[b])/NSlice:
// slice floor((ct-Lo)/H) (at most NSlice-1), ct == Hi in the last slice.
// A live particle with ct outside [Lo, Hi] is counted in no slice; for
// kicks it takes the first (ct < Lo) or last (ct > Hi) slice. When NSlice
// is 0, each bunch is one bin holding all its live particles. Bin index:
// bunch*max(NSlice,1) + slice. Lost particles (x NaN) are in no bin.
type Binning struct {
	NBunch int
	First  int
	NSlice int
	Lo, Hi []float64
	H      []float64
}

// Bins returns the number of bins.
func (b *Binning) Bins() int { return b.NBunch * max(b.NSlice, 1) }

// Bunch returns the bunch of local particle i.
func (b *Binning) Bunch(i int) int { return (b.First + i) % b.NBunch }

// Slice returns the slice of a live particle of bunch bunch at ct, and
// whether it is counted in that slice (false: outside [Lo, Hi], the slice
// is then the one whose kick it receives). It returns (0, true) when
// NSlice is 0.
func (b *Binning) Slice(bunch int, ct float64) (int, bool) {
	if b.NSlice == 0 {
		return 0, true
	}
	lo, hi := b.Lo[bunch], b.Hi[bunch]
	switch {
	case ct < lo:
		return 0, false
	case ct > hi:
		return b.NSlice - 1, false
	case ct == hi:
		return b.NSlice - 1, true
	}
	s := int(math.Floor((ct - lo) / b.H[bunch]))
	return min(s, b.NSlice-1), true
}

// AccStride returns the number of int64 of one bin in an accumulation with
// nterms terms: the particle count, then AccWords words per term.
func AccStride(nterms int) int { return 1 + nterms*AccWords }

// Kicks are the per-bin kicks of a wake element (bin layout of Binning),
// applied to each live particle of the bin, as AT's WakeFieldPass does:
//
//	delta += Z; px += (X + x*X2 + CX)*(1+delta); py += (Y + y*Y2 + CY)*(1+delta)
//
// with delta already updated. Every slice must have Bins() values.
type Kicks struct {
	Z, X, X2, CX, Y, Y2, CY []float64
}

// Collective is implemented by beams that run whole-beam operations where
// they live (host memory or GPU memory), so that collective elements and
// diagnostics need not download the beam. The ex argument combines partial
// results across processes (MPI ranks) that each hold a part of the beam;
// it is nil in a single-process run.
type Collective interface {
	// Extent sets lo[b] and hi[b] to the smallest and largest ct of the
	// live particles of bunch b (particle i in bunch (first+i) mod nbunch),
	// over all processes. A bunch with no live particle gets
	// lo = math.MaxFloat64, hi = -math.MaxFloat64, as AT's getbounds.
	Extent(nbunch, first int, lo, hi []float64, ex Exchange) error
	// Accumulate fills out (Bins()*AccStride(len(terms)) values) with, per
	// bin, the count of live particles counted in it and the fixed-point
	// sums of the terms over them, over all processes. It fails when a
	// value does not fit an accumulator.
	Accumulate(b *Binning, terms []Term, out []int64, ex Exchange) error
	// Kick applies per-bin wake kicks to the live particles.
	Kick(b *Binning, k *Kicks) error
}

// Exchange combines, element by element and in place, buffers that every
// process holding part of a beam passes in the same call: after it, all
// processes hold the combined values.
type Exchange interface {
	SumInt64(buf []int64) error
	MinFloat64(buf []float64) error
	MaxFloat64(buf []float64) error
}

// DeviceExchange is an Exchange that can also combine buffers in GPU
// memory in place (a CUDA-aware MPI). GPU backends use it when
// DeviceAware reports true and stage through host memory otherwise.
type DeviceExchange interface {
	Exchange
	DeviceAware() bool
	// SumInt64Device sums n int64 at device address ptr across processes.
	SumInt64Device(ptr uintptr, n int) error
}

// HostView is implemented by beams whose storage is host memory that
// tracking updates in place (the CPU backend): hooks and programmable
// elements get these slices without a copy.
type HostView interface {
	Particles() *Particles
}

// PushCompiler is implemented by backends that compile user element code
// (a programmable element written in CUDA C) at run time.
type PushCompiler interface {
	// CompilePush compiles src, which defines the user push function, for
	// the element named name. Compile errors carry the compiler's log.
	CompilePush(name, src string) (Push, error)
}

// Push is a compiled user element.
type Push interface {
	// Apply runs the user function on every live particle of beam (a beam
	// of the backend that compiled it), then applies the engine's loss
	// rule, recording ctx.Turn and ctx.Element for particles it loses.
	Apply(beam Beam, ctx PushContext) error
	// Close releases the compiled code.
	Close() error
}

// PushContext is what a compiled user element receives besides the
// particle coordinates.
type PushContext struct {
	Turn, Element int
	Params        Params
	// Values are the element's user parameters.
	Values []float64
}

// Linear returns the term summing coordinate k.
func Linear(k int) Term { return Term{A: int8(k), B: -1} }

// Product returns the term summing the product of coordinates a and b.
func Product(a, b int) Term { return Term{A: int8(a), B: int8(b)} }

// AccumulateParticle adds particle i of p, when live and counted in its
// bin, to the bin's record in acc (Bins()*AccStride(len(terms)) values):
// the count, then each term (products evaluated in float64, never fused).
// It returns -1, or the first term whose value does not fit an
// accumulator. It is the per-particle step of Collective.Accumulate for
// particles held in host memory.
func AccumulateParticle(p *Particles, i int, b *Binning, terms []Term, acc []int64) int {
	if math.IsNaN(p.Coords[0][i]) {
		return -1
	}
	bunch := b.Bunch(i)
	s, in := b.Slice(bunch, p.Coords[5][i])
	if !in {
		return -1
	}
	stride := AccStride(len(terms))
	rec := acc[(bunch*max(b.NSlice, 1)+s)*stride:]
	rec[0]++
	for t, tm := range terms {
		v := p.Coords[tm.A][i]
		if tm.B >= 0 {
			v = float64(v * p.Coords[tm.B][i])
		}
		if !accAdd((*[AccWords]int64)(rec[1+t*AccWords:1+(t+1)*AccWords]), v) {
			return t
		}
	}
	return -1
}

// KickParticle applies the kicks of its bin to particle i of p, when live
// (see Kicks). Products feeding a sum are converted to float64 so that no
// compiler fuses them.
func KickParticle(p *Particles, i int, b *Binning, k *Kicks) {
	x := p.Coords[0][i]
	if math.IsNaN(x) {
		return
	}
	bunch := b.Bunch(i)
	s, _ := b.Slice(bunch, p.Coords[5][i])
	j := bunch*max(b.NSlice, 1) + s
	delta := p.Coords[4][i] + k.Z[j]
	p.Coords[4][i] = delta
	opd := 1 + delta
	p.Coords[1][i] += float64((k.X[j] + float64(x*k.X2[j]) + k.CX[j]) * opd)
	p.Coords[3][i] += float64((k.Y[j] + float64(p.Coords[2][i]*k.Y2[j]) + k.CY[j]) * opd)
}

// OrderKey maps a float64 to an int64 with the same order (-0 just below
// +0), so that extents can be taken with integer atomic min and max (the
// kernels' gt_order_key). KeyFloat inverts it.
func OrderKey(x float64) int64 {
	u := math.Float64bits(x)
	if u>>63 != 0 {
		u ^= 1<<63 - 1
	}
	return int64(u)
}

// KeyFloat inverts OrderKey.
func KeyFloat(k int64) float64 {
	u := uint64(k)
	if k < 0 {
		u ^= 1<<63 - 1
	}
	return math.Float64frombits(u)
}

// KickNames names the arrays of Kicks, in the order the kernels read them.
var KickNames = [...]string{"Z", "X", "X2", "CX", "Y", "Y2", "CY"}

// Arrays returns the seven kick arrays in KickNames order.
func (k *Kicks) Arrays() [7][]float64 {
	return [7][]float64{k.Z, k.X, k.X2, k.CX, k.Y, k.Y2, k.CY}
}

// Packed returns the seven kick arrays one after the other, bins values
// each, in KickNames order: the layout the kernels read. It fails as
// Check does.
func (k *Kicks) Packed(bins int) ([]float64, error) {
	if err := k.Check(bins); err != nil {
		return nil, err
	}
	out := make([]float64, 0, 7*bins)
	for _, a := range k.Arrays() {
		out = append(out, a[:bins]...)
	}
	return out, nil
}

// Check checks that every kick array has at least bins values.
func (k *Kicks) Check(bins int) error {
	if k == nil {
		return errors.New("no kicks")
	}
	for i, a := range k.Arrays() {
		if len(a) < bins {
			return fmt.Errorf("kick array %s holds %d values for %d bins", KickNames[i], len(a), bins)
		}
	}
	return nil
}

// CheckBunches checks a bunch count and the global index of the first
// particle.
func CheckBunches(nbunch, first int) error {
	if nbunch < 1 {
		return fmt.Errorf("%d bunches, want at least 1", nbunch)
	}
	if first < 0 {
		return fmt.Errorf("negative index %d of the first particle", first)
	}
	return nil
}

// Check checks what the whole-beam operations rely on: the bunch count,
// the per-bunch arrays when there are slices, bounds that are not NaN,
// and a positive slice width wherever Lo < Hi (the quotient (ct-Lo)/H is
// taken only there).
func (b *Binning) Check() error {
	if b == nil {
		return errors.New("no binning")
	}
	if err := CheckBunches(b.NBunch, b.First); err != nil {
		return err
	}
	if b.NSlice < 0 {
		return fmt.Errorf("negative number of slices %d", b.NSlice)
	}
	if b.NSlice == 0 {
		return nil
	}
	if len(b.Lo) < b.NBunch || len(b.Hi) < b.NBunch || len(b.H) < b.NBunch {
		return fmt.Errorf("%d bunches, but %d Lo, %d Hi and %d H values", b.NBunch, len(b.Lo), len(b.Hi), len(b.H))
	}
	for i := 0; i < b.NBunch; i++ {
		lo, hi, h := b.Lo[i], b.Hi[i], b.H[i]
		if math.IsNaN(lo) || math.IsNaN(hi) {
			return fmt.Errorf("bunch %d: bounds [%g, %g]", i, lo, hi)
		}
		if lo < hi && !(h > 0) {
			return fmt.Errorf("bunch %d: slice width %g for bounds [%g, %g], want > 0", i, h, lo, hi)
		}
	}
	return nil
}

// CheckTerms checks that every term names coordinates 0..5 (B < 0: none).
func CheckTerms(terms []Term) error {
	for t, tm := range terms {
		if tm.A < 0 || tm.A > 5 || tm.B > 5 {
			return fmt.Errorf("term %d %v: coordinates must be 0..5 (B < 0 for none)", t, tm)
		}
	}
	return nil
}
