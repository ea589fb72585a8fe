// Package collectivetest is the shared test suite of device.Collective:
// every backend whose beams run whole-beam operations calls Run with a
// function that makes one of its beams, and the suite checks Extent,
// Accumulate and Kick against plain Go loops written from the contract
// (device.AccAdd, device.Binning.Slice, device.Kicks), bit for bit:
//
//	func TestCollective(t *testing.T) {
//		collectivetest.Run(t, open, collectivetest.Options{})
//	}
//
// Exact equality is the requirement, not a tolerance: accumulators are
// integers, extents are minima and maxima of the particles' own values,
// and kicks are the same float64 operations in the same order.
package collectivetest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/gotrack/gotrack/device"
)

// Opener returns a beam of the backend under test holding the particles
// of p (p must not be changed by it). The beam must implement
// device.Collective. The suite closes it.
type Opener func(t *testing.T, p *device.Particles) device.Beam

// Uploader returns the Opener that allocates a beam on be and uploads
// the particles into it.
func Uploader(be device.Backend) Opener {
	return func(t *testing.T, p *device.Particles) device.Beam {
		t.Helper()
		db, err := be.NewBeam(p.Len())
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Upload(p); err != nil {
			t.Fatal(err)
		}
		return db
	}
}

// Options adjusts Run.
type Options struct {
	// N is the number of particles of the random beams (0: 3001).
	N int
	// WrapExchange, when set, wraps the in-memory exchange that the
	// multi-process test gives each simulated process, for instance to
	// offer device.DeviceExchange.
	WrapExchange func(device.Exchange) device.Exchange
}

// Run runs the suite: random Gaussian beams with lost particles (x NaN),
// several bunches, a non-zero index of the first particle, particles
// outside the slicing range and exactly on its ends, tiny, subnormal and
// large coordinates, no slices and several, linear and product terms; a
// bunch without live particles; signed zeros in ct; values that do not fit
// an accumulator; invalid arguments; and a beam split over three
// simulated processes combined through an in-memory device.Exchange.
func Run(t *testing.T, open Opener, opt Options) {
	n := opt.N
	if n <= 0 {
		n = 3001
	}
	for _, c := range cases {
		name := fmt.Sprintf("bunches=%d/first=%d/slices=%d", c.nbunch, c.first, c.nslice)
		t.Run(name, func(t *testing.T) {
			p, b, k := c.setup(n)
			testBeam(t, open, p, b, k)
		})
	}
	t.Run("signed zeros", func(t *testing.T) { signedZeros(t, open) })
	t.Run("unfit values", func(t *testing.T) { unfit(t, open) })
	t.Run("invalid arguments", func(t *testing.T) { invalid(t, open) })
	t.Run("three processes", func(t *testing.T) { processes(t, open, opt, n) })
}

// Terms are the terms every case accumulates: each coordinate, and
// products including squares.
var Terms = []device.Term{
	{A: 0, B: -1}, {A: 1, B: -1}, {A: 2, B: -1}, {A: 3, B: -1}, {A: 4, B: -1}, {A: 5, B: -1},
	{A: 0, B: 0}, {A: 0, B: 1}, {A: 1, B: 1}, {A: 2, B: 2}, {A: 2, B: 3}, {A: 5, B: 5}, {A: 4, B: 5},
}

type testCase struct {
	nbunch, first, nslice int
	seed                  uint64
}

var cases = []testCase{
	{1, 0, 0, 1},
	{1, 0, 1, 2},
	{1, 17, 10, 3},
	{3, 5, 0, 4},
	{3, 1234567, 16, 5},
	{7, 11, 64, 6}, // bunch 3 has no live particle
	{4, 2, 200, 7},
}

// setup makes the case's beam, binning and kicks.
func (c testCase) setup(n int) (*device.Particles, *device.Binning, *device.Kicks) {
	rng := rand.New(rand.NewPCG(c.seed, 99))
	p := RandomBeam(n, c.seed)
	if c.nbunch == 7 {
		for i := 0; i < n; i++ {
			if (c.first+i)%c.nbunch == 3 {
				lose(p, i)
			}
		}
	}
	b := &device.Binning{NBunch: c.nbunch, First: c.first, NSlice: c.nslice}
	if c.nslice > 0 {
		lo, hi := Extent(p, c.nbunch, c.first)
		b.Lo, b.Hi, b.H = make([]float64, c.nbunch), make([]float64, c.nbunch), make([]float64, c.nbunch)
		for j := range lo {
			b.Lo[j], b.Hi[j] = lo[j], hi[j]
			if lo[j] < hi[j] {
				// Narrower than the bunch: some particles fall outside.
				w := hi[j] - lo[j]
				b.Lo[j], b.Hi[j] = lo[j]+0.1*w, hi[j]-0.15*w
			}
			b.H[j] = (b.Hi[j] - b.Lo[j]) / float64(c.nslice)
		}
		// Live particles exactly on the ends of their bunch's range.
		for i := 0; i < n; i++ {
			j := b.Bunch(i)
			if b.Lo[j] < b.Hi[j] && !math.IsNaN(p.Coords[0][i]) {
				switch rng.IntN(50) {
				case 0:
					p.Coords[5][i] = b.Lo[j]
				case 1:
					p.Coords[5][i] = b.Hi[j]
				}
			}
		}
	}
	bins := b.Bins()
	k := &device.Kicks{}
	for _, f := range []struct {
		s     *[]float64
		scale float64
	}{{&k.Z, 1e-5}, {&k.X, 1e-6}, {&k.X2, 1e-3}, {&k.CX, 1e-7}, {&k.Y, 1e-6}, {&k.Y2, 1e-3}, {&k.CY, 1e-7}} {
		*f.s = make([]float64, bins)
		for i := range *f.s {
			(*f.s)[i] = rng.NormFloat64() * f.scale
		}
	}
	return p, b, k
}

// RandomBeam returns n Gaussian particles (seeded), about 5% of them
// lost (x NaN, the rest 0, with a loss record), and a few with tiny,
// subnormal or large coordinates (all of whose terms still fit an
// accumulator).
func RandomBeam(n int, seed uint64) *device.Particles {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := device.NewParticles(n)
	sigma := [6]float64{1e-3, 1e-4, 5e-4, 5e-5, 1e-3, 5e-3}
	for i := 0; i < n; i++ {
		for k := 0; k < 6; k++ {
			p.Coords[k][i] = sigma[k] * rng.NormFloat64()
		}
		switch rng.IntN(40) {
		case 0, 1:
			lose(p, i)
		case 2:
			p.Coords[1][i] *= 1e-33 // partly below the accumulator's last bit
			p.Coords[3][i] *= 1e-36 // wholly below it
		case 3:
			p.Coords[1][i] = math.SmallestNonzeroFloat64 * float64(1+rng.IntN(1000))
		case 4:
			p.Coords[2][i] = 1e9 * (1 + rng.Float64()) // y*y up to 4e18, in the top words
			p.Coords[3][i] = -1e9
		}
	}
	return p
}

// lose marks particle i lost, as the loss rule leaves it.
func lose(p *device.Particles, i int) {
	p.Lost[i] = true
	p.LostTurn[i], p.LostElement[i] = 3, 42
	for k := 0; k < 6; k++ {
		p.LostCoords[k][i] = p.Coords[k][i]
		p.Coords[k][i] = 0
	}
	p.Coords[0][i] = math.NaN()
}

// before is the order of the extents: that of float64, with -0 below +0.
func before(a, b float64) bool {
	return a < b || (a == 0 && b == 0 && math.Signbit(a) && !math.Signbit(b))
}

// Extent is the reference of device.Collective.Extent on one process:
// the smallest and largest ct of the live particles of each bunch (-0
// before +0; a NaN ct is skipped), ±math.MaxFloat64 for a bunch without
// any.
func Extent(p *device.Particles, nbunch, first int) (lo, hi []float64) {
	lo, hi = make([]float64, nbunch), make([]float64, nbunch)
	for b := range lo {
		lo[b], hi[b] = math.MaxFloat64, -math.MaxFloat64
	}
	for i := 0; i < p.Len(); i++ {
		ct := p.Coords[5][i]
		if math.IsNaN(p.Coords[0][i]) || math.IsNaN(ct) {
			continue
		}
		b := (first + i) % nbunch
		if before(ct, lo[b]) {
			lo[b] = ct
		}
		if before(hi[b], ct) {
			hi[b] = ct
		}
	}
	return lo, hi
}

// Accumulate is the reference of device.Collective.Accumulate on one
// process.
func Accumulate(p *device.Particles, b *device.Binning, terms []device.Term) ([]int64, error) {
	stride := device.AccStride(len(terms))
	out := make([]int64, b.Bins()*stride)
	var err error
	for i := 0; i < p.Len(); i++ {
		if math.IsNaN(p.Coords[0][i]) {
			continue
		}
		bunch := b.Bunch(i)
		s, in := b.Slice(bunch, p.Coords[5][i])
		if !in {
			continue
		}
		rec := out[(bunch*max(b.NSlice, 1)+s)*stride:]
		rec[0]++
		for t, tm := range terms {
			v := p.Coords[tm.A][i]
			if tm.B >= 0 {
				v = float64(v * p.Coords[tm.B][i])
			}
			if !device.AccAdd(rec[1+t*device.AccWords:1+(t+1)*device.AccWords], v) {
				if err == nil {
					err = fmt.Errorf("particle %d: term %d %v = %g does not fit", i, t, tm, v)
				}
				break
			}
		}
	}
	return out, err
}

// Kick is the reference of device.Collective.Kick: p is updated in
// place. Products feeding a sum are converted to float64 so that no
// compiler fuses them.
func Kick(p *device.Particles, b *device.Binning, k *device.Kicks) {
	for i := 0; i < p.Len(); i++ {
		x := p.Coords[0][i]
		if math.IsNaN(x) {
			continue
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
}

// collective opens a beam holding p and returns it as a Collective.
func collective(t *testing.T, open Opener, p *device.Particles) (device.Beam, device.Collective) {
	t.Helper()
	db := open(t, p)
	c, ok := db.(device.Collective)
	if !ok {
		db.Close()
		t.Fatalf("beam of type %T does not implement device.Collective", db)
	}
	t.Cleanup(func() { db.Close() })
	return db, c
}

// testBeam runs Extent, Accumulate, Kick, and Accumulate again after the
// kick, on the whole beam, and compares each result with the reference.
func testBeam(t *testing.T, open Opener, p *device.Particles, b *device.Binning, k *device.Kicks) {
	db, c := collective(t, open, p)
	lo, hi := make([]float64, b.NBunch), make([]float64, b.NBunch)
	if err := c.Extent(b.NBunch, b.First, lo, hi, nil); err != nil {
		t.Fatal(err)
	}
	wlo, whi := Extent(p, b.NBunch, b.First)
	sameFloats(t, "extent lo", lo, wlo)
	sameFloats(t, "extent hi", hi, whi)

	terms := Terms
	out := make([]int64, b.Bins()*device.AccStride(len(terms)))
	for i := range out {
		out[i] = -1 // Accumulate must overwrite, not add
	}
	if err := c.Accumulate(b, terms, out, nil); err != nil {
		t.Fatal(err)
	}
	want, err := Accumulate(p, b, terms)
	if err != nil {
		t.Fatalf("reference: %v", err)
	}
	sameInts(t, "accumulate", out, want)
	counted := 0
	for j := 0; j < b.Bins(); j++ {
		counted += int(want[j*device.AccStride(len(terms))])
	}
	t.Logf("%d particles, %d counted in %d bins", p.Len(), counted, b.Bins())

	if err := c.Kick(b, k); err != nil {
		t.Fatal(err)
	}
	kicked := clone(p)
	Kick(kicked, b, k)
	got := device.NewParticles(p.Len())
	if err := db.Download(got); err != nil {
		t.Fatal(err)
	}
	for j := 0; j < 6; j++ {
		sameFloats(t, fmt.Sprintf("kicked coordinate %d", j), got.Coords[j], kicked.Coords[j])
	}
	if err := c.Accumulate(b, terms, out, nil); err != nil {
		t.Fatal(err)
	}
	if want, err = Accumulate(kicked, b, terms); err != nil {
		t.Fatalf("reference: %v", err)
	}
	sameInts(t, "accumulate after the kick", out, want)
}

// signedZeros checks the order of -0 and +0 in extents, whatever the
// order of the particles.
func signedZeros(t *testing.T, open Opener) {
	p := device.NewParticles(64)
	for i := 0; i < 64; i++ {
		p.Coords[5][i] = 0
		if i%3 == 1 {
			p.Coords[5][i] = math.Copysign(0, -1)
		}
	}
	p.Coords[5][40] = 1e-300 // bunch 0 (2 bunches, first 0)
	_, c := collective(t, open, p)
	lo, hi := make([]float64, 2), make([]float64, 2)
	if err := c.Extent(2, 0, lo, hi, nil); err != nil {
		t.Fatal(err)
	}
	wlo, whi := Extent(p, 2, 0)
	if !math.Signbit(wlo[0]) || wlo[0] != 0 || math.Signbit(whi[1]) || whi[1] != 0 || whi[0] != 1e-300 {
		t.Fatalf("reference extents %v %v", wlo, whi)
	}
	sameFloats(t, "extent lo", lo, wlo)
	sameFloats(t, "extent hi", hi, whi)
}

// unfit checks that values beyond an accumulator (infinite, or 2^63 and
// above in magnitude) make Accumulate fail.
func unfit(t *testing.T, open Opener) {
	b := &device.Binning{NBunch: 2, First: 1}
	for _, c := range []struct {
		name string
		set  func(p *device.Particles)
		term device.Term
	}{
		{"overflowing product", func(p *device.Particles) { p.Coords[1][17] = 1e300 }, device.Term{A: 1, B: 1}},
		{"2^63", func(p *device.Particles) { p.Coords[2][5] = -math.Ldexp(1, 63) }, device.Term{A: 2, B: -1}},
		{"infinity", func(p *device.Particles) { p.Coords[4][99] = math.Inf(1) }, device.Term{A: 4, B: -1}},
	} {
		p := RandomBeam(200, 3)
		p.Lost[5], p.Lost[17], p.Lost[99] = false, false, false
		p.Coords[0][5], p.Coords[0][17], p.Coords[0][99] = 1e-3, 1e-3, 1e-3
		c.set(p)
		terms := []device.Term{{A: 0, B: -1}, c.term}
		if _, err := Accumulate(p, b, terms); err == nil {
			t.Fatalf("%s: the reference accepts it", c.name)
		}
		_, col := collective(t, open, p)
		out := make([]int64, b.Bins()*device.AccStride(len(terms)))
		err := col.Accumulate(b, terms, out, nil)
		if err == nil {
			t.Errorf("%s: Accumulate accepted a value that does not fit", c.name)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
}

// invalid checks that arguments the contract cannot serve are refused.
func invalid(t *testing.T, open Opener) {
	p := RandomBeam(100, 4)
	_, c := collective(t, open, p)
	one := []float64{0}
	good := &device.Binning{NBunch: 1, NSlice: 2, Lo: []float64{-1}, Hi: []float64{1}, H: []float64{1}}
	kick := func(bins int) *device.Kicks {
		z := make([]float64, bins)
		return &device.Kicks{Z: z, X: z, X2: z, CX: z, Y: z, Y2: z, CY: z}
	}
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
		}
	}
	check("extent of 0 bunches", c.Extent(0, 0, one, one, nil))
	check("extent with a negative first", c.Extent(1, -1, one, one, nil))
	check("extent into short bounds", c.Extent(2, 0, one, one, nil))
	out := make([]int64, 100)
	check("accumulate of 0 bunches", c.Accumulate(&device.Binning{}, nil, out, nil))
	check("accumulate with a negative slice count", c.Accumulate(&device.Binning{NBunch: 1, NSlice: -1}, nil, out, nil))
	check("accumulate without bounds", c.Accumulate(&device.Binning{NBunch: 1, NSlice: 3}, nil, out, nil))
	check("accumulate with a zero slice width", c.Accumulate(&device.Binning{NBunch: 1, NSlice: 2, Lo: []float64{-1}, Hi: []float64{1}, H: []float64{0}}, nil, out, nil))
	check("accumulate with NaN bounds", c.Accumulate(&device.Binning{NBunch: 1, NSlice: 2, Lo: []float64{math.NaN()}, Hi: []float64{1}, H: []float64{1}}, nil, out, nil))
	check("accumulate of coordinate 6", c.Accumulate(good, []device.Term{{A: 6, B: -1}}, out, nil))
	check("accumulate of a product with coordinate 6", c.Accumulate(good, []device.Term{{A: 0, B: 6}}, out, nil))
	check("accumulate into a short buffer", c.Accumulate(good, []device.Term{{A: 0, B: -1}}, out[:2*device.AccStride(1)-1], nil))
	check("kick without kicks", c.Kick(good, nil))
	check("kick with short arrays", c.Kick(good, kick(1)))
	check("kick of 0 bunches", c.Kick(&device.Binning{}, kick(1)))
}

// processes splits a beam over three simulated processes (uneven parts,
// each with its own First) that combine their results through an
// in-memory exchange, and checks that every process gets the whole
// beam's results.
func processes(t *testing.T, open Opener, opt Options, n int) {
	const nproc = 3
	c := testCase{nbunch: 3, first: 8, nslice: 12, seed: 21}
	p, b, k := c.setup(n)
	cuts := []int{0, n / 5, n/5 + n/2, n}
	parts := make([]*device.Particles, nproc)
	beams := make([]device.Beam, nproc)
	cols := make([]device.Collective, nproc)
	for r := range parts {
		parts[r] = slice(p, cuts[r], cuts[r+1])
		beams[r], cols[r] = collective(t, open, parts[r])
	}
	exs := NewExchanges(nproc)
	terms := Terms
	wlo, whi := Extent(p, b.NBunch, b.First)
	want, err := Accumulate(p, b, terms)
	if err != nil {
		t.Fatalf("reference: %v", err)
	}
	kicked := clone(p)
	Kick(kicked, b, k)

	errs := make([]error, nproc)
	los, his, outs := make([][]float64, nproc), make([][]float64, nproc), make([][]int64, nproc)
	var wg sync.WaitGroup
	for r := 0; r < nproc; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ex device.Exchange = exs[r]
			if opt.WrapExchange != nil {
				ex = opt.WrapExchange(ex)
			}
			br := *b
			br.First = b.First + cuts[r]
			los[r], his[r] = make([]float64, b.NBunch), make([]float64, b.NBunch)
			if err := cols[r].Extent(b.NBunch, br.First, los[r], his[r], ex); err != nil {
				errs[r] = err
				exs[r].Leave()
				return
			}
			outs[r] = make([]int64, b.Bins()*device.AccStride(len(terms)))
			if err := cols[r].Accumulate(&br, terms, outs[r], ex); err != nil {
				errs[r] = err
				exs[r].Leave()
				return
			}
			errs[r] = cols[r].Kick(&br, k)
		}()
	}
	wg.Wait()
	for r := 0; r < nproc; r++ {
		if errs[r] != nil {
			t.Fatalf("process %d: %v", r, errs[r])
		}
		sameFloats(t, fmt.Sprintf("process %d: extent lo", r), los[r], wlo)
		sameFloats(t, fmt.Sprintf("process %d: extent hi", r), his[r], whi)
		sameInts(t, fmt.Sprintf("process %d: accumulate", r), outs[r], want)
		got := device.NewParticles(parts[r].Len())
		if err := beams[r].Download(got); err != nil {
			t.Fatal(err)
		}
		part := slice(kicked, cuts[r], cuts[r+1])
		for j := 0; j < 6; j++ {
			sameFloats(t, fmt.Sprintf("process %d: kicked coordinate %d", r, j), got.Coords[j], part.Coords[j])
		}
	}
}

// Exchange is an in-memory device.Exchange among goroutines that stand
// for processes: each call blocks until every member of the group has
// made its call, then all get the combined buffers.
type Exchange struct {
	g    *group
	rank int
}

type group struct {
	mu      sync.Mutex
	cond    *sync.Cond
	n       int
	gen     int
	arrived int
	left    bool
	bufs    []any
}

// NewExchanges returns the exchanges of a group of n members.
func NewExchanges(n int) []*Exchange {
	g := &group{n: n, bufs: make([]any, n)}
	g.cond = sync.NewCond(&g.mu)
	exs := make([]*Exchange, n)
	for r := range exs {
		exs[r] = &Exchange{g: g, rank: r}
	}
	return exs
}

// Leave marks the group broken (a member failed): calls waiting now and
// later return an error instead of blocking.
func (e *Exchange) Leave() {
	e.g.mu.Lock()
	e.g.left = true
	e.g.cond.Broadcast()
	e.g.mu.Unlock()
}

func (e *Exchange) do(buf any, combine func([]any)) error {
	g := e.g
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.left {
		return fmt.Errorf("collectivetest: exchange: a process left the group")
	}
	g.bufs[e.rank] = buf
	g.arrived++
	gen := g.gen
	if g.arrived == g.n {
		combine(g.bufs)
		g.arrived = 0
		g.gen++
		g.cond.Broadcast()
		return nil
	}
	for gen == g.gen && !g.left {
		g.cond.Wait()
	}
	if gen == g.gen {
		return fmt.Errorf("collectivetest: exchange: a process left the group")
	}
	return nil
}

func combine[T any](bufs []any, f func(a, b T) T) {
	first := bufs[0].([]T)
	acc := append([]T(nil), first...)
	for _, b := range bufs[1:] {
		for i, v := range b.([]T) {
			acc[i] = f(acc[i], v)
		}
	}
	for _, b := range bufs {
		copy(b.([]T), acc)
	}
}

// SumInt64 implements device.Exchange (wrapping sums).
func (e *Exchange) SumInt64(buf []int64) error {
	return e.do(buf, func(bufs []any) { combine(bufs, func(a, b int64) int64 { return a + b }) })
}

// MinFloat64 implements device.Exchange (-0 before +0, as Extent).
func (e *Exchange) MinFloat64(buf []float64) error {
	return e.do(buf, func(bufs []any) {
		combine(bufs, func(a, b float64) float64 {
			if before(b, a) {
				return b
			}
			return a
		})
	})
}

// MaxFloat64 implements device.Exchange (+0 after -0, as Extent).
func (e *Exchange) MaxFloat64(buf []float64) error {
	return e.do(buf, func(bufs []any) {
		combine(bufs, func(a, b float64) float64 {
			if before(a, b) {
				return b
			}
			return a
		})
	})
}

// clone returns a copy of p.
func clone(p *device.Particles) *device.Particles {
	return slice(p, 0, p.Len())
}

// slice returns a copy of particles [lo, hi) of p.
func slice(p *device.Particles, lo, hi int) *device.Particles {
	q := device.NewParticles(hi - lo)
	for k := 0; k < 6; k++ {
		copy(q.Coords[k], p.Coords[k][lo:hi])
		copy(q.LostCoords[k], p.LostCoords[k][lo:hi])
	}
	copy(q.Lost, p.Lost[lo:hi])
	copy(q.LostTurn, p.LostTurn[lo:hi])
	copy(q.LostElement, p.LostElement[lo:hi])
	return q
}

// sameFloats fails the test unless got and want have the same bits (any
// NaN matching any NaN).
func sameFloats(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range want {
		g, w := got[i], want[i]
		if math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
			if bad < 5 {
				t.Errorf("%s[%d]: %v (%#x), want %v (%#x)", what, i, g, math.Float64bits(g), w, math.Float64bits(w))
			}
			bad++
		}
	}
	if bad > 0 {
		t.Fatalf("%s: %d of %d values differ", what, bad, len(want))
	}
}

// sameInts fails the test unless got equals want.
func sameInts(t *testing.T, what string, got, want []int64) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range want {
		if got[i] != want[i] {
			if bad < 5 {
				t.Errorf("%s[%d]: %d, want %d", what, i, got[i], want[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Fatalf("%s: %d of %d words differ", what, bad, len(want))
	}
}
