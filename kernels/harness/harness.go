//go:build cgo

package harness

/*
#cgo CFLAGS: -std=c99 -O2 -I${SRCDIR}/..
#cgo LDFLAGS: -lm
#include "segment.cu"
#include <stddef.h>
#include <stdlib.h>
static const char *gt_field_names[] = {"Method", "MaxOrder", "NumIntSteps", "FringeBendEntrance", "FringeBendExit", "FringeQuadEntrance", "FringeQuadExit", "PolynomA", "PolynomB", "T1", "T2", "R1", "R2", "RApertures", "EApertures", "KickAngle", "M66", "FringeIntM0", "FringeIntP0", "Pad_", "Length", "BendingAngle", "EntranceAngle", "ExitAngle", "FringeInt1", "FringeInt2", "FullGap", "H1", "H2", "FieldScaling", "K", "ByError", "GK", "X0Ref", "RefDZ", "Voltage", "Frequency", "HarmNumber", "TimeLag", "PhaseLag", "Energy", "BendingAngleY"};
static const size_t gt_field_offsets[] = {offsetof(gt_element, Method), offsetof(gt_element, MaxOrder), offsetof(gt_element, NumIntSteps), offsetof(gt_element, FringeBendEntrance), offsetof(gt_element, FringeBendExit), offsetof(gt_element, FringeQuadEntrance), offsetof(gt_element, FringeQuadExit), offsetof(gt_element, PolynomA), offsetof(gt_element, PolynomB), offsetof(gt_element, T1), offsetof(gt_element, T2), offsetof(gt_element, R1), offsetof(gt_element, R2), offsetof(gt_element, RApertures), offsetof(gt_element, EApertures), offsetof(gt_element, KickAngle), offsetof(gt_element, M66), offsetof(gt_element, FringeIntM0), offsetof(gt_element, FringeIntP0), offsetof(gt_element, Pad_), offsetof(gt_element, Length), offsetof(gt_element, BendingAngle), offsetof(gt_element, EntranceAngle), offsetof(gt_element, ExitAngle), offsetof(gt_element, FringeInt1), offsetof(gt_element, FringeInt2), offsetof(gt_element, FullGap), offsetof(gt_element, H1), offsetof(gt_element, H2), offsetof(gt_element, FieldScaling), offsetof(gt_element, K), offsetof(gt_element, ByError), offsetof(gt_element, GK), offsetof(gt_element, X0Ref), offsetof(gt_element, RefDZ), offsetof(gt_element, Voltage), offsetof(gt_element, Frequency), offsetof(gt_element, HarmNumber), offsetof(gt_element, TimeLag), offsetof(gt_element, PhaseLag), offsetof(gt_element, Energy), offsetof(gt_element, BendingAngleY)};
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

// Name is the registry name of the harness backend.
const Name = "kernels-gcc"

func init() {
	device.Register(Name, -10, func(cfg device.Config) (device.Backend, error) {
		th := cfg.Threads
		if th <= 0 {
			th = runtime.GOMAXPROCS(0)
		}
		return &backend{threads: th}, nil
	})
}

type backend struct{ threads int }

func (b *backend) Name() string { return Name }

func (b *backend) Describe() string {
	return fmt.Sprintf("kernels-gcc (CUDA kernel source compiled by the host C compiler, %s)", device.CountNoun(b.threads, "thread"))
}

// beam keeps the particles in the kernels' layout: one contiguous SoA
// block, coordinate k of particle i at k*n+i. Its whole-beam operations
// (collective.go) run on threads goroutines.
type beam struct {
	n          int
	threads    int
	coords     []float64
	lost       []uint8
	lostTurn   []int64
	lostElem   []int64
	lostCoords []float64
}

func (b *backend) NewBeam(n int) (device.Beam, error) {
	if n < 0 {
		return nil, fmt.Errorf("harness: negative beam size %d", n)
	}
	return &beam{n: n, threads: b.threads, coords: make([]float64, 6*n), lost: make([]uint8, n), lostTurn: make([]int64, n),
		lostElem: make([]int64, n), lostCoords: make([]float64, 6*n)}, nil
}

func (hb *beam) Len() int { return hb.n }

func (hb *beam) Upload(src *device.Particles) error {
	if src.Len() != hb.n {
		return fmt.Errorf("harness: upload %d particles into a beam of %d", src.Len(), hb.n)
	}
	for k := 0; k < 6; k++ {
		copy(hb.coords[k*hb.n:(k+1)*hb.n], src.Coords[k])
		copy(hb.lostCoords[k*hb.n:(k+1)*hb.n], src.LostCoords[k])
	}
	for i, l := range src.Lost {
		hb.lost[i] = 0
		if l {
			hb.lost[i] = 1
		}
	}
	copy(hb.lostTurn, src.LostTurn)
	copy(hb.lostElem, src.LostElement)
	return nil
}

func (hb *beam) Download(dst *device.Particles) error {
	if dst.Len() != hb.n {
		return fmt.Errorf("harness: download a beam of %d into %d particles", hb.n, dst.Len())
	}
	for k := 0; k < 6; k++ {
		copy(dst.Coords[k], hb.coords[k*hb.n:(k+1)*hb.n])
		copy(dst.LostCoords[k], hb.lostCoords[k*hb.n:(k+1)*hb.n])
	}
	for i, l := range hb.lost {
		dst.Lost[i] = l != 0
	}
	copy(dst.LostTurn, hb.lostTurn)
	copy(dst.LostElement, hb.lostElem)
	return nil
}

func (hb *beam) Close() error { return nil }

type program struct {
	b      *backend
	plan   *device.Plan
	elems  []C.gt_element
	pool   []float64
	params C.gt_params
}

// Load copies the plan into C memory layouts. It refuses MaxOrder above
// the kernels' GT_MAX_ORDER.
func (b *backend) Load(p *device.Plan) (device.Program, error) {
	if len(p.Elements) > 0 && unsafe.Sizeof(p.Elements[0]) != unsafe.Sizeof(C.gt_element{}) {
		return nil, fmt.Errorf("harness: device.Element is %d bytes, gt_element %d", unsafe.Sizeof(p.Elements[0]), unsafe.Sizeof(C.gt_element{}))
	}
	pr := &program{b: b, plan: p, elems: make([]C.gt_element, len(p.Elements)), pool: append([]float64{0}, p.Pool...)[1:]}
	for i := range p.Elements {
		if p.Elements[i].MaxOrder > C.GT_MAX_ORDER {
			return nil, fmt.Errorf("harness: element %d: MaxOrder %d above the kernels' limit %d", i, p.Elements[i].MaxOrder, C.GT_MAX_ORDER)
		}
		pr.elems[i] = *(*C.gt_element)(unsafe.Pointer(&p.Elements[i]))
	}
	pr.params = C.gt_params{Energy: C.double(p.Params.Energy), RestEnergy: C.double(p.Params.RestEnergy),
		Charge: C.double(p.Params.Charge), RingLength: C.double(p.Params.RingLength), T0: C.double(p.Params.T0)}
	if len(pr.pool) == 0 {
		pr.pool = []float64{0}
	}
	return pr, nil
}

func (pr *program) Close() error { return nil }

// Run runs the fused segment kernel over chunks of particles on several
// goroutines; each C call handles particles [lo, hi).
func (pr *program) Run(db device.Beam, req device.RunRequest) error {
	hb, ok := db.(*beam)
	if !ok {
		return fmt.Errorf("harness: beam of type %T is not a harness beam", db)
	}
	n := hb.n
	if n == 0 || req.Turns == 0 {
		return nil
	}
	if len(req.Refpts) > 0 && len(req.Monitor) < req.Turns*len(req.Refpts)*n*6 {
		return fmt.Errorf("harness: monitor buffer too small")
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

	elems := pr.elems
	if len(elems) == 0 {
		elems = make([]C.gt_element, 1)
	}
	hb.each(hb.ranges(), func(_, lo, hi int) {
		C.gt_segment_host(cb, &elems[0], C.int64_t(req.Start), C.int64_t(req.End),
			(*C.double)(unsafe.Pointer(&pr.pool[0])), &pr.params, C.int64_t(req.Turn0), C.int64_t(req.Turns),
			(*C.int64_t)(unsafe.Pointer(&refpts[0])), C.int64_t(len(req.Refpts)),
			(*C.double)(unsafe.Pointer(&monitor[0])), C.int64_t(lo), C.int64_t(hi))
		if req.Progress != nil {
			req.Progress(int64(hi-lo) * int64(req.Turns))
		}
	})
	return nil
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
		return nil, nil, fmt.Errorf("harness: out of C memory for the beam descriptor")
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
