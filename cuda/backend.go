//go:build cuda

package cuda

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/gotrack/gotrack/device"
	"github.com/gotrack/gotrack/kernels"
)

const (
	// Name is the backend's registry name.
	Name = "cuda"
	// Priority is the backend's registry priority: above the CPU
	// backend's 0, so that "auto" picks the GPU when one is usable.
	Priority = 10
	// CPUFasterBelow is the beam size under which the CPU backend is
	// expected to be faster than the GPU (launch latency, module loading and
	// transfers dominate small beams); Run warns once on stderr for
	// beams below it. The value is an estimate, NOT a measurement: it
	// is to be measured on a GPU host (go run -tags cuda ./bench/gpu
	// beside go run ./bench) and updated here.
	CPUFasterBelow = 2048
	// maxOrder is GT_MAX_ORDER of kernels/gotrack.h: the highest
	// multipole order the kernels accept.
	maxOrder = 15
	// launchWork bounds the particle-element passes of one launch of
	// gt_segment (about a second of work on a large GPU): longer runs are
	// cut into launches of whole passes, between which lost particles can
	// be compacted.
	launchWork = 1 << 32
	// compactMin is the number of particles on the GPU under which
	// compaction is not worth a round trip through host memory.
	compactMin = 1 << 14
)

// Sizes of the records shared with the kernels (kernels/element.h,
// kernels/beam.cuh): gt_element, gt_params, gt_beam.
const (
	elementSize = int64(unsafe.Sizeof(device.Element{}))
	paramsSize  = int64(unsafe.Sizeof(device.Params{}))
	descSize    = int64(unsafe.Sizeof(beamDesc{}))
	// particleBytes is the GPU memory of one particle: coordinates and
	// coordinates at loss (2×6 float64), lost flag (1 byte), turn and
	// element of the loss (2 int64).
	particleBytes = 6*8 + 1 + 8 + 8 + 6*8
)

// Knobs that tests lower to exercise batching, chunking and compaction on
// small beams; zero means no limit beyond the GPU's.
var (
	testBatchLimit  int // most particles per batch
	testChunkLimit  int // most passes per launch
	testCompactMin  = compactMin
	testMemoryLimit int64 // bytes of GPU memory assumed free
	testNoRestore   bool  // leave a compacted or batched beam as it is after a Run
)

func init() {
	device.Register(Name, Priority, func(cfg device.Config) (device.Backend, error) {
		b, err := Open(cfg.GPU)
		if b != nil {
			b.notes = cfg.Notes
		}
		return b, err
	})
}

// Backend is the CUDA backend on one GPU. There is one per GPU and
// process (Open returns the same one each time); it is never closed.
type Backend struct {
	ordinal      int
	w            *worker
	dev          cu.Device
	ctx          cu.CUContext
	gpuName      string
	major, minor int
	sms          int
	totalMem     int64
	loadPTX      bool      // GOTRACK_CUDA_MODULE=ptx
	notes        io.Writer // device.Config.Notes

	// On the worker only: the segment module (loaded at Open), the
	// elements module (loaded on the first gt_elem_* launch), the kernels
	// found in them with their launch shapes, and occupancies with
	// dynamic shared memory.
	mod, elemMod      cu.Module
	modName, elemName string
	elemLoaded        bool
	fns               map[string]*kernel
	occ               map[occKey]int

	loadMu sync.Mutex
	loads  []ModuleLoad // guarded by loadMu
}

var (
	openMu sync.Mutex
	opened = map[int]*Backend{}
)

// Open returns the backend of GPU ordinal: it makes the GPU's primary
// context current on a dedicated OS thread and loads the segment module's
// fat binary (machine code for sm_80 and sm_90, whose GPUs then need no
// JIT; the compute_90 PTX in it for newer ones), or its PTX when
// GOTRACK_CUDA_MODULE=ptx. The elements module is loaded later, on the
// first per-element launch. It fails when there is no such GPU, when its
// compute capability is below 8.0, when GOTRACK_CUDA_MODULE is neither
// fatbin nor ptx, or when the module does not load (the error holds the
// JIT's log).
func Open(ordinal int) (*Backend, error) {
	openMu.Lock()
	defer openMu.Unlock()
	if b := opened[ordinal]; b != nil {
		return b, nil
	}
	b := &Backend{ordinal: ordinal, fns: make(map[string]*kernel), occ: make(map[occKey]int)}
	w, err := newWorker(b.init)
	if err != nil {
		return nil, err
	}
	b.w = w
	opened[ordinal] = b
	return b, nil
}

// init runs on the worker thread.
func (b *Backend) init() error {
	n, err := cu.NumDevices()
	if err != nil {
		return fmt.Errorf("cuda: count GPUs: %w", err)
	}
	if b.ordinal < 0 || b.ordinal >= n {
		return fmt.Errorf("cuda: GPU %d requested, but %d GPU(s) present", b.ordinal, n)
	}
	if b.dev, err = cu.GetDevice(b.ordinal); err != nil {
		return fmt.Errorf("cuda: GPU %d: %w", b.ordinal, err)
	}
	if b.gpuName, err = b.dev.Name(); err != nil {
		return fmt.Errorf("cuda: GPU %d: name: %w", b.ordinal, err)
	}
	if b.major, b.minor, err = b.dev.ComputeCapability(); err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): %w", b.ordinal, b.gpuName, err)
	}
	if b.loadPTX, err = modulePTX(); err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): %w", b.ordinal, b.gpuName, err)
	}
	name, image, err := b.kernelImage(kernels.SegmentModule)
	if err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): %w", b.ordinal, b.gpuName, err)
	}
	if b.sms, err = b.dev.Attribute(cu.MultiprocessorCount); err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): multiprocessor count: %w", b.ordinal, b.gpuName, err)
	}
	if b.totalMem, err = b.dev.TotalMem(); err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): memory size: %w", b.ordinal, b.gpuName, err)
	}
	if b.ctx, err = b.dev.RetainPrimaryCtx(); err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): retain primary context: %w", b.ordinal, b.gpuName, err)
	}
	if err := cu.SetCurrentContext(b.ctx); err != nil {
		return fmt.Errorf("cuda: GPU %d (%s): make context current: %w", b.ordinal, b.gpuName, err)
	}
	if b.mod, err = b.loadImage(kernels.SegmentModule, name, image); err != nil {
		return err
	}
	b.modName = name
	return nil
}

// Name returns "cuda".
func (b *Backend) Name() string { return Name }

// Describe names the GPU, its compute capability, multiprocessors and
// memory, and the modules loaded so far with their load times.
func (b *Backend) Describe() string {
	var mods []string
	for _, l := range b.ModuleLoadTimes() {
		mods = append(mods, l.String())
	}
	return fmt.Sprintf("cuda (GPU %d: %s, compute capability %d.%d, %d SMs, %.0f GiB; loaded %s)",
		b.ordinal, b.gpuName, b.major, b.minor, b.sms, float64(b.totalMem)/(1<<30), strings.Join(mods, ", "))
}

// ComputeCapability returns the GPU's compute capability.
func (b *Backend) ComputeCapability() (major, minor int) { return b.major, b.minor }

// freeMemory returns the GPU memory free now (on the worker only), less
// a margin of a tenth for the driver and fragmentation.
func (b *Backend) freeMemory() (int64, error) {
	free, _, err := cu.MemInfo()
	if err != nil {
		return 0, fmt.Errorf("cuda: GPU %d: query free memory: %w", b.ordinal, err)
	}
	if testMemoryLimit > 0 {
		free = min(free, testMemoryLimit)
	}
	return free - free/10, nil
}

// Load uploads the plan's element table, coefficient pool and ring
// parameters to the GPU. It fails when the plan uses a passmethod number
// the kernels lack or a MaxOrder above theirs.
func (b *Backend) Load(p *device.Plan) (device.Program, error) {
	for i := range p.Elements {
		e := &p.Elements[i]
		if e.Method < 0 || e.Method >= device.NumMethods {
			return nil, fmt.Errorf("cuda: element %d: invalid passmethod number %d", i, e.Method)
		}
		if e.MaxOrder > maxOrder {
			return nil, fmt.Errorf("cuda: element %d (%v): MaxOrder %d above the kernels' limit %d", i, e.Method, e.MaxOrder, maxOrder)
		}
	}
	pr := &Program{b: b, plan: p}
	err := b.w.do(func() error {
		var err error
		ne := int64(len(p.Elements))
		if pr.elems, err = alloc("element table", ne*elementSize); err != nil {
			return err
		}
		if ne > 0 {
			if err = htod("element table", pr.elems, unsafe.Pointer(&p.Elements[0]), ne*elementSize); err != nil {
				return err
			}
		}
		np := int64(len(p.Pool))
		if pr.pool, err = alloc("coefficient pool", np*8); err != nil {
			return err
		}
		if np > 0 {
			if err = htod("coefficient pool", pr.pool, unsafe.Pointer(&p.Pool[0]), np*8); err != nil {
				return err
			}
		}
		if pr.params, err = alloc("ring parameters", paramsSize); err != nil {
			return err
		}
		params := p.Params
		return htod("ring parameters", pr.params, unsafe.Pointer(&params), paramsSize)
	})
	if err != nil {
		pr.Close()
		return nil, fmt.Errorf("cuda: load plan of %d elements, %d coefficients: %w", len(p.Elements), len(p.Pool), err)
	}
	return pr, nil
}

var smallBeamWarning sync.Once

// warnSmall warns once per process, on w, that a beam of n particles is
// likely faster on the CPU.
func warnSmall(w io.Writer, n int) {
	if n >= CPUFasterBelow || w == nil {
		return
	}
	smallBeamWarning.Do(func() {
		fmt.Fprintf(w, "gotrack: cuda: %d particles: beams below about %d particles are expected to run faster on the CPU (--device cpu); the threshold is an estimate not yet measured on a GPU\n", n, CPUFasterBelow)
	})
}
