//go:build cgo

package cpu

/*
#cgo CFLAGS: -std=c99 -O3 -I${SRCDIR}/..
#cgo LDFLAGS: -lm
#include "tile.h"
#include <stddef.h>
#include <stdlib.h>
// The field list comes from element.h's GT_FOR_EACH_ELEMENT_FIELD, which
// go generate ./device writes from device.Element.
#define GT_FIELD_NAME(f) #f,
#define GT_FIELD_OFFSET(f) offsetof(gt_element, f),
static const char *gt_field_names[] = {GT_FOR_EACH_ELEMENT_FIELD(GT_FIELD_NAME)};
static const size_t gt_field_offsets[] = {GT_FOR_EACH_ELEMENT_FIELD(GT_FIELD_OFFSET)};
#undef GT_FIELD_NAME
#undef GT_FIELD_OFFSET
static int gt_nfields(void) { return (int)(sizeof gt_field_offsets / sizeof gt_field_offsets[0]); }
static const char *gt_field_name(int i) { return gt_field_names[i]; }
static size_t gt_field_offset(int i) { return gt_field_offsets[i]; }
static size_t gt_element_size(void) { return sizeof(gt_element); }
static size_t gt_params_size(void) { return sizeof(gt_params); }
// gt_beam_new allocates a beam descriptor in C memory and fills it in C,
// so that Go never stores pointers into C memory itself.
static gt_beam *gt_beam_new(double *coords, int64_t n, uint8_t *lost, int64_t *lost_turn, int64_t *lost_elem, double *lost_coords) {
	gt_beam *b = (gt_beam *)calloc(1, sizeof(gt_beam));
	if (!b) return 0;
	b->coords = coords; b->n = n; b->lost = lost; b->lost_turn = lost_turn; b->lost_elem = lost_elem; b->lost_coords = lost_coords;
	return b;
}
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels"
)

// SourceHash is the hash of the kernel sources this package was built
// with. Referencing package kernels (which embeds the sources) makes Go
// rebuild this package, and so recompile the C, whenever a source changes.
var SourceHash = kernels.SourceHash()

// Name is the registry name of the backend: "cpu", the default CPU
// backend of cgo builds (package host registers the pure-Go engine as
// "cpu-go", and as "cpu" in builds without cgo).
const Name = "cpu"

// Defaults of the backend, those of the Go engine (package host).
const (
	// DefaultTileSize is the number of particles tracked together through
	// a pass: 256 particles × 48 bytes = 12 KiB, well inside L1/L2.
	DefaultTileSize = 256
	// DefaultSerialBelow is the beam size under which one goroutine is
	// used, like AT's OMP_PARTICLE_THRESHOLD.
	DefaultSerialBelow = 10
)

// ParticleName is the name tests register NewPerParticle under.
const ParticleName = "cpu-per-particle"

func init() {
	C.gt_tile_init()
	device.Register(Name, 0, func(cfg device.Config) (device.Backend, error) { return New(cfg), nil })
}

// NewPerParticle returns the same C build tracking each particle alone
// through the kernels' own loop (gt_segment_host), the path of the GPU
// kernel gt_segment, instead of tiles: tests run the GPU's code through it
// on the CPU. It is not registered; tests register it as ParticleName.
func NewPerParticle(cfg device.Config) *Backend {
	b := New(cfg)
	b.perParticle = true
	return b
}

// Backend runs the kernel source compiled by the host C compiler. It
// implements device.Backend and device.PushCompiler; its beams implement
// device.Collective and device.HostView.
type Backend struct {
	threads     int
	tileSize    int
	serialBelow int
	// perParticle runs each goroutine's particles one at a time through
	// gt_segment_host, the kernel's own loop, instead of tiles (NewPerParticle).
	perParticle bool
}

// New returns the backend configured by cfg (zero fields take the
// defaults: all cores, DefaultTileSize, DefaultSerialBelow).
func New(cfg device.Config) *Backend {
	c := cfg.CPU(DefaultTileSize, DefaultSerialBelow)
	return &Backend{threads: c.Threads, tileSize: c.TileSize, serialBelow: c.SerialBelow}
}

// selectSIMD makes the tiled passes use AVX2 (avx2 true, where the
// processor has it) or the baseline SIMD instructions, and reports whether
// AVX2 is in use. Both give the same bits; tests run both. It must not be
// called while a run is in progress.
func selectSIMD(avx2 bool) bool {
	a := C.int(0)
	if avx2 {
		a = 1
	}
	return C.gt_tile_select(a) != 0
}

// Name returns "cpu".
func (b *Backend) Name() string { return Name }

// Threads returns the number of goroutines the backend uses.
func (b *Backend) Threads() int { return b.threads }

// Describe says what the backend runs, on how many threads, in what tiles.
func (b *Backend) Describe() string {
	return fmt.Sprintf("cpu (kernel source compiled by the host C compiler, %s, %s, tiles of %s, %s)",
		C.GoString(C.gt_tile_simd()), device.CountNoun(b.threads, "thread"), device.CountNoun(b.tileSize, "particle"), device.CountNoun(runtime.NumCPU(), "core"))
}

// beam keeps the particles in the kernels' layout: one contiguous SoA
// block, coordinate k of particle i at k*n+i, and the loss record. Its
// whole-beam operations (collective.go) run on threads goroutines. host
// aliases the same arrays as device.Particles (device.HostView).
type beam struct {
	n          int
	threads    int
	coords     []float64
	lost       []bool // one byte each, 0 or 1: the kernels' uint8_t
	lostTurn   []int64
	lostElem   []int64
	lostCoords []float64
	host       *device.Particles
}

var _ device.HostView = (*beam)(nil)

// NewBeam allocates a beam of n particles in host memory.
func (b *Backend) NewBeam(n int) (device.Beam, error) {
	if n < 0 {
		return nil, fmt.Errorf("cpu: negative beam size %d", n)
	}
	hb := &beam{n: n, threads: b.threads, coords: make([]float64, 6*n), lost: make([]bool, n), lostTurn: make([]int64, n),
		lostElem: make([]int64, n), lostCoords: make([]float64, 6*n)}
	hb.host = &device.Particles{Lost: hb.lost, LostTurn: hb.lostTurn, LostElement: hb.lostElem}
	for k := 0; k < 6; k++ {
		hb.host.Coords[k] = hb.coords[k*n : (k+1)*n : (k+1)*n]
		hb.host.LostCoords[k] = hb.lostCoords[k*n : (k+1)*n : (k+1)*n]
	}
	return hb, nil
}

// Len returns the number of particles.
func (hb *beam) Len() int { return hb.n }

// Particles returns the beam's storage; tracking updates it in place.
func (hb *beam) Particles() *device.Particles { return hb.host }

// Upload copies src into the beam.
func (hb *beam) Upload(src *device.Particles) error {
	if src.Len() != hb.n {
		return fmt.Errorf("cpu: upload %d particles into a beam of %d", src.Len(), hb.n)
	}
	hb.host.CopyFrom(src)
	return nil
}

// Download copies the beam into dst.
func (hb *beam) Download(dst *device.Particles) error {
	if dst.Len() != hb.n {
		return fmt.Errorf("cpu: download a beam of %d into %d particles", hb.n, dst.Len())
	}
	dst.CopyFrom(hb.host)
	return nil
}

// Close releases nothing: the garbage collector owns the beam's memory.
func (hb *beam) Close() error { return nil }

type program struct {
	b      *Backend
	plan   *device.Plan
	elems  []C.gt_element
	pool   []float64
	params C.gt_params
}

// Load copies the plan into C memory layouts. It refuses MaxOrder above
// the kernels' GT_MAX_ORDER.
func (b *Backend) Load(p *device.Plan) (device.Program, error) {
	if len(p.Elements) > 0 && unsafe.Sizeof(p.Elements[0]) != unsafe.Sizeof(C.gt_element{}) {
		return nil, fmt.Errorf("cpu: device.Element is %d bytes, gt_element %d", unsafe.Sizeof(p.Elements[0]), unsafe.Sizeof(C.gt_element{}))
	}
	pr := &program{b: b, plan: p, elems: make([]C.gt_element, max(len(p.Elements), 1)), pool: append([]float64{0}, p.Pool...)[1:]}
	for i := range p.Elements {
		if p.Elements[i].MaxOrder > C.GT_MAX_ORDER {
			return nil, fmt.Errorf("cpu: element %d: MaxOrder %d above the kernels' limit %d", i, p.Elements[i].MaxOrder, C.GT_MAX_ORDER)
		}
		pr.elems[i] = *(*C.gt_element)(unsafe.Pointer(&p.Elements[i]))
	}
	pr.params = cParams(p.Params)
	if len(pr.pool) == 0 {
		pr.pool = []float64{0}
	}
	return pr, nil
}

// Close releases nothing.
func (pr *program) Close() error { return nil }

// Run tracks the beam through elements [req.Start, req.End) for req.Turns
// passes. As the Go engine, it cuts the beam into tiles that goroutines
// take from a shared counter (uneven work, lost particles, evens out);
// each tile is tracked through every pass before the next is taken, one C
// call (gt_tile_pass) per pass.
func (pr *program) Run(db device.Beam, req device.RunRequest) error {
	hb, ok := db.(*beam)
	if !ok {
		return fmt.Errorf("cpu: beam of type %T is not a beam of this backend", db)
	}
	n := hb.n
	if err := req.Check(len(pr.plan.Elements), n); err != nil {
		return fmt.Errorf("cpu: %w", err)
	}
	if n == 0 || req.Turns == 0 {
		return nil
	}
	refpts := make([]int64, len(req.Refpts)+1)
	for i, r := range req.Refpts {
		refpts[i] = int64(r)
	}
	monitor := req.Monitor
	if len(monitor) == 0 {
		monitor = []float64{0}
	}
	cb, release, err := hb.descriptor()
	if err != nil {
		return err
	}
	defer release()
	a := &runArgs{pr: pr, req: &req, cb: cb, refpts: refpts, monitor: monitor}
	if pr.b.perParticle {
		hb.each(hb.ranges(), func(_, lo, hi int) { a.particles(lo, hi) })
		return nil
	}
	ts := pr.b.tileSize
	cfg := device.CPUConfig{Threads: pr.b.threads, TileSize: ts, SerialBelow: pr.b.serialBelow}
	cfg.RunTiles(n, func() func(lo, hi int) {
		buf := make([]float64, 6*ts)
		return func(lo, hi int) { a.tile(lo, hi, buf) }
	})
	return nil
}

// runArgs are the C arguments of one Run.
type runArgs struct {
	pr      *program
	req     *device.RunRequest
	cb      *C.gt_beam
	refpts  []int64
	monitor []float64
}

// tile tracks particles [lo, hi) through every pass of the request, one
// gt_tile_pass call per pass, buf holding the tile's coordinates.
func (a *runArgs) tile(lo, hi int, buf []float64) {
	pr, req := a.pr, a.req
	for pass := 0; pass < req.Turns; pass++ {
		C.gt_tile_pass(a.cb, &pr.elems[0], C.int64_t(req.Start), C.int64_t(req.End),
			(*C.double)(unsafe.Pointer(&pr.pool[0])), &pr.params, C.int64_t(req.Turn0+pass), C.int64_t(pass),
			(*C.int64_t)(unsafe.Pointer(&a.refpts[0])), C.int64_t(len(req.Refpts)),
			(*C.double)(unsafe.Pointer(&a.monitor[0])), C.int64_t(lo), C.int64_t(hi), (*C.double)(unsafe.Pointer(&buf[0])))
		if req.Progress != nil {
			req.Progress(int64(hi - lo))
		}
	}
}

// particles tracks particles [lo, hi) one at a time through every pass
// with the kernel's per-particle loop, gt_segment_host.
func (a *runArgs) particles(lo, hi int) {
	pr, req := a.pr, a.req
	C.gt_segment_host(a.cb, &pr.elems[0], C.int64_t(req.Start), C.int64_t(req.End),
		(*C.double)(unsafe.Pointer(&pr.pool[0])), &pr.params, C.int64_t(req.Turn0), C.int64_t(req.Turns),
		(*C.int64_t)(unsafe.Pointer(&a.refpts[0])), C.int64_t(len(req.Refpts)),
		(*C.double)(unsafe.Pointer(&a.monitor[0])), C.int64_t(lo), C.int64_t(hi))
	if req.Progress != nil {
		req.Progress(int64(hi-lo) * int64(req.Turns))
	}
}

// descriptor pins the beam's arrays and returns a beam descriptor in C
// memory pointing at them (filled in C, so that Go never stores pointers
// into C memory); release frees it and unpins the arrays.
func (hb *beam) descriptor() (cb *C.gt_beam, release func(), err error) {
	var pin runtime.Pinner
	for _, p := range []unsafe.Pointer{unsafe.Pointer(&hb.coords[0]), unsafe.Pointer(&hb.lost[0]), unsafe.Pointer(&hb.lostTurn[0]),
		unsafe.Pointer(&hb.lostElem[0]), unsafe.Pointer(&hb.lostCoords[0])} {
		pin.Pin(p)
	}
	cb = C.gt_beam_new((*C.double)(unsafe.Pointer(&hb.coords[0])), C.int64_t(hb.n), (*C.uint8_t)(unsafe.Pointer(&hb.lost[0])),
		(*C.int64_t)(unsafe.Pointer(&hb.lostTurn[0])), (*C.int64_t)(unsafe.Pointer(&hb.lostElem[0])),
		(*C.double)(unsafe.Pointer(&hb.lostCoords[0])))
	if cb == nil {
		pin.Unpin()
		return nil, nil, fmt.Errorf("cpu: out of C memory for the beam descriptor")
	}
	return cb, func() { C.free(unsafe.Pointer(cb)); pin.Unpin() }, nil
}

// Layout returns the size of C's gt_element and the offset of each of its
// fields by name, as the C compiler lays them out, and the size of
// gt_params; the layout test compares them with device.Element.
func Layout() (size uintptr, offsets map[string]uintptr, paramsSize uintptr) {
	offsets = map[string]uintptr{}
	for i := C.int(0); i < C.gt_nfields(); i++ {
		offsets[C.GoString(C.gt_field_name(i))] = uintptr(C.gt_field_offset(i))
	}
	return uintptr(C.gt_element_size()), offsets, uintptr(C.gt_params_size())
}

// cParams is device.Params as the kernel source's gt_params.
func cParams(p device.Params) C.gt_params {
	return C.gt_params{Energy: C.double(p.Energy), RestEnergy: C.double(p.RestEnergy), Charge: C.double(p.Charge),
		RingLength: C.double(p.RingLength), T0: C.double(p.T0), Seed: C.uint64_t(p.Seed), First: C.int64_t(p.First)}
}
